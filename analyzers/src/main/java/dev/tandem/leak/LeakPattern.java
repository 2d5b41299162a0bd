package dev.tandem.leak;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.controls.Framework;
import java.util.List;

/**
 * The six leak paths (docs/contracts.md §4), and the two kinds of finding whose evidence is the
 * Login History and the Setup Audit Trail: each with the SOC 2 criteria (AICPA Trust Services
 * Criteria, 2017, revised points of focus 2022) and ISO/IEC 27001:2022 Annex A controls it concerns.
 * The reasoning for each mapping is in docs/leak-patterns.md. Every id is checked against the
 * {@link ControlCatalog} when the class loads: a mistyped id fails at once, not in an auditor's hands.
 */
public enum LeakPattern {
    OVERPERMISSIONED_INTEGRATION_SYNC(
            List.of("CC6.1", "CC6.3", "CC6.7", "CC7.2"), List.of("A.5.15", "A.5.18", "A.8.2", "A.8.31", "A.8.33")),
    SHARING_RULE_EXPOSURE(List.of("CC6.1", "CC6.3"), List.of("A.5.15", "A.5.18", "A.8.3")),
    UNENCRYPTED_EXPORT(List.of("CC6.1", "CC6.7", "CC7.2"), List.of("A.5.14", "A.8.12", "A.8.24")),
    ADMIN_SESSION_BULK_EXTRACTION(
            List.of("CC6.1", "CC6.2", "CC6.6", "CC7.2"), List.of("A.8.2", "A.8.5", "A.8.12", "A.8.16")),
    CHECKOUT_PII_TO_THIRD_PARTY(List.of("CC6.7", "CC9.2"), List.of("A.5.14", "A.5.19", "A.5.34", "A.8.12")),
    EXCESSIVE_API_RESPONSE_DATA(List.of("CC6.1", "CC6.6", "CC8.1"), List.of("A.8.3", "A.8.26", "A.8.28", "A.5.34")),
    /** A login the Login History shows as suspect, no extraction finding explaining it (docs/leak-patterns.md). */
    SUSPICIOUS_LOGIN(List.of("CC6.1", "CC6.6", "CC7.2"), List.of("A.5.17", "A.8.5", "A.8.16")),
    /** A setup change the Setup Audit Trail shows opening data (docs/leak-patterns.md). */
    DATA_ACCESS_GRANT(List.of("CC6.1", "CC6.2", "CC6.3", "CC8.1"), List.of("A.5.15", "A.5.18", "A.8.2", "A.8.32"));

    private final List<String> soc2;
    private final List<String> iso27001;

    LeakPattern(List<String> soc2, List<String> iso27001) {
        this.soc2 = inCatalog(soc2, Framework.SOC2);
        this.iso27001 = inCatalog(iso27001, Framework.ISO27001_2022);
    }

    private static List<String> inCatalog(List<String> ids, Framework framework) {
        ControlCatalog catalog = ControlCatalog.standard();
        for (String id : ids) {
            if (catalog.find(id)
                    .filter(c -> c.framework() == framework && c.id().equals(id))
                    .isEmpty()) {
                throw new IllegalStateException(id + " is not a " + framework.label() + " control of the catalog");
            }
        }
        return List.copyOf(ids);
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
