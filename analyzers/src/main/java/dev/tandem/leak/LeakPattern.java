package dev.tandem.leak;

import java.util.List;

/**
 * The six leak paths (CONTRACTS.md §4), each with the SOC 2 criteria (AICPA Trust Services
 * Criteria, 2017, revised points of focus 2022) and ISO/IEC 27001:2022 Annex A controls it concerns.
 * The reasoning for each mapping is in docs/leak-patterns.md.
 */
public enum LeakPattern {
    OVERPERMISSIONED_INTEGRATION_SYNC(
            List.of("CC6.1", "CC6.3", "CC6.7", "CC7.2"), List.of("A.5.15", "A.5.18", "A.8.2", "A.8.31", "A.8.33")),
    SHARING_RULE_EXPOSURE(List.of("CC6.1", "CC6.3"), List.of("A.5.15", "A.5.18", "A.8.3")),
    UNENCRYPTED_EXPORT(List.of("CC6.1", "CC6.7", "CC7.2"), List.of("A.5.14", "A.8.12", "A.8.24")),
    ADMIN_SESSION_BULK_EXTRACTION(
            List.of("CC6.1", "CC6.2", "CC6.6", "CC7.2"), List.of("A.8.2", "A.8.5", "A.8.12", "A.8.16")),
    CHECKOUT_PII_TO_THIRD_PARTY(List.of("CC6.7", "CC9.2"), List.of("A.5.14", "A.5.19", "A.5.34", "A.8.12")),
    EXCESSIVE_API_RESPONSE_DATA(List.of("CC6.1", "CC6.6", "CC8.1"), List.of("A.8.3", "A.8.26", "A.8.28", "A.5.34"));

    private final List<String> soc2;
    private final List<String> iso27001;

    LeakPattern(List<String> soc2, List<String> iso27001) {
        this.soc2 = soc2;
        this.iso27001 = iso27001;
    }

    /** SOC 2 criteria ids: the contract's {@code controls} list. */
    public List<String> soc2() {
        return soc2;
    }

    /** ISO/IEC 27001:2022 Annex A control ids. */
    public List<String> iso27001() {
        return iso27001;
    }
}
