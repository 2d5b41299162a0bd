package dev.tandem.server.regulation;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** Puts a {@link MutableClock} in front of the server's system clock. */
@TestConfiguration(proxyBeanMethods = false)
class TestClockConfiguration {
    @Bean
    @Primary
    MutableClock mutableClock() {
        return new MutableClock(ObligationsContract.START);
    }
}
