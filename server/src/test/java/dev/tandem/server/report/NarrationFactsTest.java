package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.ledger.fact.ChangeDecided;
import dev.tandem.server.ledger.fact.ChangeExecuted;
import dev.tandem.server.ledger.fact.ChangeRequested;
import dev.tandem.server.ledger.fact.ChangeVerified;
import dev.tandem.server.ledger.fact.EvidenceRequestFiled;
import dev.tandem.server.ledger.fact.EvidenceRequestStepped;
import dev.tandem.server.ledger.fact.IncidentFactsSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The incident's facts in the reports (ADR 089): the incident report says when the breach was
 * determined and whether unauthorized access caused it; the audit report, as for the scope, only that
 * they were set.
 */
class NarrationFactsTest {
    private static final Narration.Names NAMES = new Narration.Names(Map.of());

    private static ReportEntry entry(IncidentFactsSet fact) {
        return new ReportEntry(7, fact.type(), "2026-11-28T09:00:00Z", "counsel", fact.body(), null, null);
    }

    @Test
    void theIncidentReportGivesTheValuesAndTheAuditReportOnlyThatTheyWereSet() {
        ReportEntry set = entry(new IncidentFactsSet("i", Instant.parse("2026-11-27T18:00:00Z"), true, null, null));
        assertThat(Narration.describe(set, NAMES, false))
                .startsWith("Incident facts set by counsel: breach determined at 2026-11-27")
                .endsWith(", caused by unauthorized access");
        assertThat(Narration.describe(set, NAMES, true)).isEqualTo("Incident facts set by counsel");

        ReportEntry cleared =
                entry(new IncidentFactsSet("i", null, false, Instant.parse("2026-11-27T18:00:00Z"), true));
        assertThat(Narration.describe(cleared, NAMES, false))
                .isEqualTo("Incident facts set by counsel: breach not yet determined");
    }

    @Test
    void evidenceRequestStepsAreToldWithWhatWasAskedAndWhatWasHandedOver() {
        Narration.Names names = new Narration.Names(Map.of("ev-1", "access-review.csv"));
        ReportEntry filed = request(
                new EvidenceRequestFiled(
                        "i", "r", "Access review of the integration user", LocalDate.of(2026, 12, 1), List.of("CC6.2")),
                "auditor");
        assertThat(Narration.describe(filed, names, true))
                .isEqualTo("Evidence request filed by auditor: Access review of the integration user; due 2026-12-01;"
                        + " controls CC6.2");
        ReportEntry answered = request(
                new EvidenceRequestStepped(
                        "i", "r", "ANSWERED", "ANSWERED", List.of("ev-1"), List.of(), List.of(), "before and after"),
                "liaison");
        assertThat(Narration.describe(answered, names, false))
                .isEqualTo("Evidence request answered by liaison with access-review.csv; note: before and after");
        ReportEntry withChange = request(
                new EvidenceRequestStepped(
                        "i", "r", "ANSWERED", "ANSWERED", List.of("ev-1"), List.of("c-1"), List.of(41L), ""),
                "liaison");
        assertThat(Narration.describe(withChange, names, false))
                .isEqualTo("Evidence request answered by liaison with access-review.csv, change c-1, entry #41");
        ReportEntry reopened = request(
                new EvidenceRequestStepped(
                        "i", "r", "REOPENED", "OPEN", List.of(), List.of(), List.of(), "the policy is not the review"),
                "auditor");
        assertThat(Narration.describe(reopened, names, true))
                .isEqualTo("Evidence request reopened by auditor: the policy is not the review");
        ReportEntry accepted = request(
                new EvidenceRequestStepped("i", "r", "ACCEPTED", "ACCEPTED", List.of(), List.of(), List.of(), ""),
                "auditor");
        assertThat(Narration.describe(accepted, names, true)).isEqualTo("Evidence request accepted by auditor");
        ReportEntry declined = request(
                new EvidenceRequestStepped(
                        "i", "r", "DECLINED", "DECLINED", List.of(), List.of(), List.of(), "privileged"),
                "liaison");
        assertThat(Narration.describe(declined, names, true))
                .isEqualTo("Evidence request declined by liaison: privileged");
    }

    @Test
    void changeStepsAreToldWithWhatChangedAndWhoDecided() {
        ReportEntry requested = request(
                new ChangeRequested(
                        "i",
                        "c",
                        "Remove View All Data from the integration profile",
                        "salesforce-prod",
                        "d",
                        "ACCESS_RESTRICTION",
                        "MEDIUM",
                        List.of("Integration"),
                        List.of("CC6.1", "CC8.1"),
                        List.of(),
                        List.of("snap-1"),
                        "re-grant",
                        false,
                        null,
                        List.of("order sync"),
                        null,
                        null),
                "commander");
        assertThat(Narration.describe(requested, NAMES, true))
                .isEqualTo("Change requested by commander: Remove View All Data from the integration profile"
                        + " (ACCESS_RESTRICTION on salesforce-prod, risk MEDIUM); controls CC6.1, CC8.1");
        ReportEntry approved =
                request(new ChangeDecided("i", "c", "APPROVE", "AUDIT_LIAISON", "retest CC6.1", "APPROVED"), "liaison");
        assertThat(Narration.describe(approved, NAMES, true))
                .isEqualTo("Change approved by liaison as AUDIT_LIAISON: retest CC6.1");
        ReportEntry rejected = request(
                new ChangeDecided("i", "c", "REJECT", "INCIDENT_COMMANDER", "not in this window", "REJECTED"),
                "commander");
        assertThat(Narration.describe(rejected, NAMES, true))
                .isEqualTo("Change rejected by commander as INCIDENT_COMMANDER: not in this window");
        ReportEntry exported = new ReportEntry(
                30,
                "incident.exported",
                "2026-11-26T10:00:00.000Z",
                "auditor",
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree("{\"treeSize\":30,\"evidence\":[],\"since\":null}"),
                null,
                null);
        assertThat(Narration.describe(exported, NAMES, true))
                .isEqualTo("Export bag downloaded by auditor at ledger tree size 30, with no AUDIT item");
        ReportEntry listed = new ReportEntry(
                40,
                "incident.exported",
                "2026-11-26T11:00:00.000Z",
                "auditor",
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .readTree("{\"treeSize\":38,\"evidence\":[],\"since\":null,"
                                + "\"entries\":{\"count\":12,\"sha256\":\"" + "ab".repeat(32) + "\"},\"files\":{}}"),
                null,
                null);
        assertThat(Narration.describe(listed, NAMES, true))
                .isEqualTo("Export bag downloaded by auditor at ledger tree size 38, with no AUDIT item; the bag lists"
                        + " its 12 entries below that size and the SHA-256 of its reports and OSCAL document");
        ReportEntry executed = request(
                new ChangeExecuted(
                        "i",
                        "c",
                        List.of("snap-2"),
                        "",
                        false,
                        List.of(new ChangeExecuted.DiffSummary(
                                "snap-1",
                                "snap-2",
                                "salesforce-metadata",
                                1,
                                List.of("userPermissions ViewAllData removed"))),
                        3,
                        false,
                        List.of(),
                        List.of(),
                        List.of(),
                        0,
                        List.of(),
                        List.of()),
                "responder");
        assertThat(Narration.describe(executed, NAMES, false))
                .isEqualTo("Change executed by responder; 1 snapshot compared, 1 difference; 3 retest items");
        ReportEntry beyond = request(
                new ChangeExecuted(
                        "i",
                        "c",
                        List.of("snap-2"),
                        "",
                        true,
                        List.of(),
                        0,
                        false,
                        List.of("Profile:Admin#AuthorApex"),
                        List.of("Profile:Admin#AuthorApex"),
                        List.of("snap-2"),
                        0,
                        List.of(),
                        List.of()),
                "responder");
        assertThat(Narration.describe(beyond, NAMES, false))
                .startsWith("Change executed by responder before its approvals (post-change snapshot snap-2 received"
                        + " before the approval); beyond its approval, also changed Profile:Admin#AuthorApex; ");
        // sealed (FORENSIC snapshots): made before its approval though no emergency, and beyond it, told
        // as flags and counts without the snapshots or items
        ReportEntry sealed = new ReportEntry(
                9,
                "change.executed",
                "2026-11-28T09:00:00Z",
                "responder",
                JsonNodeFactory.instance.objectNode().put("commitment", "ab"),
                "ab",
                Snapshots.publicPartOfExecution(beyond.body()));
        assertThat(Narration.describe(sealed, NAMES, true))
                .isEqualTo("Change executed by responder before its approvals (a post-change snapshot received before"
                        + " the approval); beyond its approval, also changed 1 configuration item (named in privileged"
                        + " diffs); its differences and notes rest on privileged snapshots")
                .doesNotContain("emergency")
                .doesNotContain("AuthorApex")
                .doesNotContain("snap-2");
        ReportEntry withdrawn =
                request(new dev.tandem.server.ledger.fact.ChangeWithdrawn("i", "c", "superseded"), "liaison");
        assertThat(Narration.describe(withdrawn, NAMES, false)).isEqualTo("Change withdrawn by liaison: superseded");
        ReportEntry verified = request(new ChangeVerified("i", "c", "f", true, List.of(), false), "");
        assertThat(Narration.describe(verified, NAMES, false))
                .isEqualTo("Change verified by the analyzers: the finding is closed");
    }

    @Test
    void theAuditorsVerifiedCheckpointIsToldWithItsSizeRootAndConsistencyAsTheTimelineTellsIt() {
        ReportEntry verified = request(
                new dev.tandem.server.ledger.fact.CheckpointVerified(
                        "i", 86, "2W4VXr2hyKMDF45ijuy+a+egzRrf+M+nF/sbKcC60Xs="),
                "auditor");
        assertThat(Narration.describe(verified, NAMES, true))
                .isEqualTo("Ledger verified offline by auditor at tree size 86 (root"
                        + " 2W4VXr2hyKMDF45ijuy+a+egzRrf+M+nF/sbKcC60Xs=), consistent with the log when recorded");
        ReportEntry compared = request(
                new dev.tandem.server.ledger.fact.TimelineCompared(
                        "i", "the MSSP", 12, 2, 1, 3, "ab", 40, java.time.Duration.ofMinutes(5), false),
                "responder");
        assertThat(Narration.describe(compared, NAMES, true))
                .isEqualTo("Timeline of the MSSP (12 rows) compared with this one by responder: 2 of theirs missing"
                        + " here, 1 of ours missing there, 3 with times that differ");
    }

    @Test
    void isoControlsAreNamedWithTheirEditionAndA2013OneWithTheControlThatReplacedIt() {
        ReportEntry filed = request(
                new EvidenceRequestFiled(
                        "i", "r", "Incident response records", null, List.of("CC7.4", "A.16.1.5", "A.5.24")),
                "auditor");
        assertThat(Narration.describe(filed, NAMES, true))
                .isEqualTo("Evidence request filed by auditor: Incident response records; controls CC7.4,"
                        + " A.16.1.5 (ISO/IEC 27001:2013; A.5.26 in 2022), A.5.24 (ISO/IEC 27001:2022)");
        assertThat(Narration.controls(List.of("A.16.1.2", "X1")))
                .isEqualTo("A.16.1.2 (ISO/IEC 27001:2013; A.6.8 in 2022), X1");
    }

    /** Every entry type of an incident that the timeline tells in words, the reports tell too. */
    @Test
    void everyIncidentEntryTypeTheTimelineKnowsIsToldInWordsNotByItsTypeName() {
        // the installation's own entries (accounts, tokens, backups) belong to no incident
        java.util.function.Predicate<String> installation =
                t -> t.startsWith("user.") || t.startsWith("token.") || t.equals("backup.taken");
        for (String type : dev.tandem.server.incident.TimelineText.TYPES) {
            if (installation.test(type)) {
                continue;
            }
            ReportEntry e = new ReportEntry(
                    9, type, "2026-11-28T09:00:00Z", "auditor", JsonNodeFactory.instance.objectNode(), null, null);
            assertThat(Narration.describe(e, NAMES, true)).as(type).doesNotStartWith("Entry " + type);
        }
    }

    private static ReportEntry request(dev.tandem.server.ledger.fact.Fact fact, String actor) {
        return new ReportEntry(9, fact.type(), "2026-11-28T09:00:00Z", actor, fact.body(), null, null);
    }
}
