package dev.tandem.tools.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void eachScenarioIsOneClassWithItsOwnLabelsAndTogetherTheyCoverEveryPatternOnce() {
        assertThat(CrmOrgGenerator.SCENARIOS)
                .allSatisfy(sc -> assertThat(sc.labels()).isNotEmpty())
                .extracting(sc -> sc.getClass().getSimpleName())
                .doesNotHaveDuplicates();
        List<Label> labels = CrmOrgGenerator.labels();
        assertThat(labels).hasSize(18).doesNotHaveDuplicates();
        assertThat(labels.stream().filter(Label::expected).map(Label::pattern))
                .containsExactlyInAnyOrder(
                        "OVERPERMISSIONED_INTEGRATION_SYNC",
                        "SHARING_RULE_EXPOSURE",
                        "UNENCRYPTED_EXPORT",
                        "ADMIN_SESSION_BULK_EXTRACTION",
                        "CHECKOUT_PII_TO_THIRD_PARTY",
                        "EXCESSIVE_API_RESPONSE_DATA",
                        "SUSPICIOUS_LOGIN",
                        "DATA_ACCESS_GRANT");
        // a scenario is an incident or a look-alike, never both
        assertThat(CrmOrgGenerator.SCENARIOS)
                .allSatisfy(sc -> assertThat(
                                sc.labels().stream().map(Label::expected).distinct())
                        .hasSize(1));
    }
}
