package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FailedTokenThrottleTest {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final FailedTokenThrottle throttle = new FailedTokenThrottle(20, Duration.ofMinutes(1), nanos::get);

    @Test
    void allowsTheLimitThenAnswersHowLongToWait() {
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.refused("192.0.2.1")).as("failure %d", i).isEmpty();
        }
        assertThat(throttle.refused("192.0.2.1")).hasValue(Duration.ofSeconds(3));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(throttle.refused("192.0.2.1")).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void refillsEvenlyOverTheWindow() {
        for (int i = 0; i < 20; i++) {
            throttle.refused("192.0.2.1");
        }
        nanos.addAndGet(Duration.ofSeconds(3).toNanos());
        assertThat(throttle.refused("192.0.2.1")).isEmpty();
        assertThat(throttle.refused("192.0.2.1")).isPresent();
        nanos.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.refused("192.0.2.1"))
                    .as("failure %d after a quiet while", i)
                    .isEmpty();
        }
        assertThat(throttle.refused("192.0.2.1")).isPresent();
    }

    @Test
    void countsEachAddressApart() {
        for (int i = 0; i < 20; i++) {
            throttle.refused("192.0.2.1");
        }
        assertThat(throttle.refused("192.0.2.1")).isPresent();
        assertThat(throttle.refused("2001:db8::1")).isEmpty();
    }

    @Test
    void refusesALimitBelowOneAndAnEmptyWindow() {
        assertThatThrownBy(() -> new FailedTokenThrottle(0, Duration.ofMinutes(1), nanos::get))
                .hasMessageContaining("failed-token-limit");
        assertThatThrownBy(() -> new FailedTokenThrottle(5, Duration.ZERO, nanos::get))
                .hasMessageContaining("failed-token-window");
    }
}
