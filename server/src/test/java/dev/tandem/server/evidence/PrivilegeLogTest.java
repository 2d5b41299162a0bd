package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The privilege log drawn from items and pull back entries, and its CSV (docs/contracts.md "The privilege log"). */
class PrivilegeLogTest {
    private static final String SHA = "ab".repeat(32);

    private static EvidenceItem item(String id, Repository repo, String name, Long pulledBack, String basis) {
        return new EvidenceItem(
                id,
                "INC",
                repo,
                EvidenceKind.DOCUMENT,
                name,
                "the SOC",
                "what the item says: never in the log",
                SHA,
                42,
                null,
                Instant.parse("2026-11-26T09:00:00Z"),
                "counsel",
                7,
                pulledBack,
                basis);
    }

    @Test
    void onlyForensicItemsAreListedWithTheirBasisAndAPullBackWithItsEntry() {
        EvidenceItem report = item("E1", Repository.FORENSIC, "report.pdf", null, "Work product");
        EvidenceItem audit = item("E2", Repository.AUDIT, "policy.md", null, null);
        EvidenceItem memo = item("E3", Repository.FORENSIC, "=memo.md", 40L, null);
        LedgerEntry move = new LedgerEntry(
                "evidence.pulled-back",
                "INC",
                "legal",
                Instant.parse("2026-11-27T10:00:00Z"),
                JsonMapper.builder()
                        .build()
                        .createObjectNode()
                        .put("evidence", "E3")
                        .put("reason", "-by mistake"));
        PrivilegeLog.Log log =
                PrivilegeLog.of("INC", List.of(report, audit, memo), e -> e.id().equals("E3") ? move : null);

        assertThat(log.items()).extracting(PrivilegeLog.Item::id).containsExactly("E1", "E3");
        assertThat(log.items().getFirst().basis()).isEqualTo("Work product");
        assertThat(log.items().getFirst().pulledBack()).isNull();
        assertThat(log.items().get(1).basis()).isEqualTo(PrivilegeLog.NOT_RECORDED);
        assertThat(log.items().get(1).pulledBack())
                .isEqualTo(new PrivilegeLog.PullBack(40, "2026-11-27T10:00:00.000Z", "legal", "-by mistake"));

        String csv = PrivilegeLog.csv(log);
        assertThat(csv)
                .isEqualTo("id,name,kind,receivedAt,filedBy,size,sha256,ledgerIndex,privilegeBasis,pulledBackIndex,"
                        + "pulledBackAt,pulledBackBy,pulledBackReason\r\n"
                        + "E1,report.pdf,DOCUMENT,2026-11-26T09:00:00Z,counsel,42," + SHA + ",7,Work product,,,,\r\n"
                        + "E3,'=memo.md,DOCUMENT,2026-11-26T09:00:00Z,counsel,42," + SHA
                        + ",7,not recorded,40,2026-11-27T10:00:00.000Z,legal,'-by mistake\r\n")
                .doesNotContain("the SOC", "never in the log", "policy.md");
        assertThat(PrivilegeLog.attachment("INC")).isEqualTo("attachment; filename=\"incident-INC-privilege-log.csv\"");
    }

    @Test
    void anIncidentWithoutForensicItemsHasTheHeaderOnly() {
        PrivilegeLog.Log log =
                PrivilegeLog.of("INC", List.of(item("E2", Repository.AUDIT, "policy.md", null, null)), e -> null);
        assertThat(log.items()).isEmpty();
        assertThat(PrivilegeLog.csv(log)).hasLineCount(1);
    }
}
