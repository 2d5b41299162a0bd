package dev.tandem.server.leak;

import dev.tandem.leak.Thresholds;
import java.util.Set;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The analyzer's thresholds: the defaults, with what {@code tandem.analysis.*} overrides. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AnalysisProperties.class)
class AnalysisConfiguration {

    @Bean
    Thresholds leakThresholds(AnalysisProperties props) {
        Thresholds t = Thresholds.defaults();
        if (props.firstPartyDomains() != null && !props.firstPartyDomains().isEmpty()) {
            t = t.withFirstPartyDomains(Set.copyOf(props.firstPartyDomains()));
        }
        if (props.minBulkRecords() != null) {
            t = t.withMinBulkRecords(props.minBulkRecords());
        }
        if (props.minExportRecords() != null) {
            t = t.withMinExportRecords(props.minExportRecords());
        }
        return t;
    }
}
