package dev.tandem.server.pii;

import dev.tandem.pii.ScopeCounter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The scope threshold of PII scans: the scanner's default, or {@code tandem.pii.min-confidence}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PiiProperties.class)
class PiiConfiguration {

    @Bean
    ScopeThreshold piiScopeThreshold(PiiProperties props) {
        return ScopeThreshold.of(props.minConfidence());
    }

    /** Findings below {@code minConfidence} are left out of a scan's scope. */
    record ScopeThreshold(double minConfidence) {
        static ScopeThreshold of(Double configured) {
            double v = configured == null ? ScopeCounter.DEFAULT_MIN_CONFIDENCE : configured;
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(
                        "tandem.pii.min-confidence must be between 0 and 1, not " + configured);
            }
            return new ScopeThreshold(v);
        }
    }
}
