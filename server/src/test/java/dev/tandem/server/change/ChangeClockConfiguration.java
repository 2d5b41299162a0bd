package dev.tandem.server.change;

import dev.tandem.server.regulation.MutableClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** A clock the change-control tests move by hand: snapshots before and after requests, the emergency window. */
@TestConfiguration(proxyBeanMethods = false)
class ChangeClockConfiguration {
    @Bean
    @Primary
    MutableClock changeClock() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
