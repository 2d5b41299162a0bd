package dev.tandem.server.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.leak.Thresholds;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AnalysisConfigurationTest {

    @Test
    void unsetPropertiesKeepTheAnalyzerDefaults() {
        Thresholds t = new AnalysisConfiguration().leakThresholds(new AnalysisProperties(null, null, null));
        assertThat(t).isEqualTo(Thresholds.defaults());
    }

    @Test
    void setPropertiesOverrideTheirThresholdsOnly() {
        Thresholds t = new AnalysisConfiguration()
                .leakThresholds(new AnalysisProperties(List.of("shop.example", "cdn.example"), 250L, 40L));
        assertThat(t.firstPartyDomains()).isEqualTo(Set.of("shop.example", "cdn.example"));
        assertThat(t.minBulkRecords()).isEqualTo(250);
        assertThat(t.minExportRecords()).isEqualTo(40);
        assertThat(t.volumeFactor()).isEqualTo(Thresholds.defaults().volumeFactor());
    }
}
