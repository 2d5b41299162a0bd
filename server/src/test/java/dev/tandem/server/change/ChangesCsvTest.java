package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tandem.controls.Retest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An incident's changes as CSV, the population the auditor samples (docs/contracts.md "Additions",
 * ADR 140), without Spring: the header, one row per change as the caller's view shows it, the
 * decisions, acknowledgements and exceptions in one cell each, the retests counted, what the view
 * withholds written "withheld", RFC 4180 quoting and no cell a spreadsheet would run.
 */
class ChangesCsvTest {
    static final String HEADER = "id,title,kind,risk,system,emergency,status,requestedAt,requestedBy,ledgerIndex,"
            + "approvals,approvedAt,acknowledgements,executedAt,executedBy,preSnapshots,postSnapshots,"
            + "snapshotsBeforeApproval,configItems,controls,unapprovedItems,retests,retestsOutstanding,openRisk,"
            + "segregationOfDuties,segregationExceptions,withdrawnAt,withdrawnBy,kindQuestion,"
            + "executionIndex,finding,verification,verificationIndex,processesVerifiedAt,processesVerifiedBy\r\n";

    /** An executed change as a caller sees it: {@code unapproved} null when its diffs are withheld. */
    static ChangeViews.ChangeView executed(String id, String title, @Nullable List<String> unapproved) {
        return view(
                id,
                title,
                "EXECUTED",
                List.of(
                        new ChangeViews.DecisionView(
                                "INCIDENT_COMMANDER", "ian", "APPROVE", "fine", "2026-11-26T10:00:00Z", 12),
                        new ChangeViews.DecisionView(
                                "AUDIT_LIAISON", "cora", "APPROVE", "ok", "2026-11-26T11:00:00Z", 14)),
                List.of(new ChangeViews.AcknowledgementView("audrey", "seen", "2026-11-26T11:30:00Z", 15)),
                "2026-11-26T12:00:00Z",
                "rita",
                List.of("post-1"),
                unapproved,
                List.of(new ChangeViews.RoleGivenView(
                        "cora",
                        "AUDIT_LIAISON",
                        "ian",
                        "2026-11-26T10:30:00Z",
                        13,
                        14,
                        "segregation-of-duties exception (SOC 2 CC8.1): …")),
                null);
    }

    static ChangeViews.ChangeView view(
            String id,
            String title,
            String status,
            List<ChangeViews.DecisionView> approvals,
            List<ChangeViews.AcknowledgementView> acknowledgements,
            @Nullable String executedAt,
            @Nullable String executedBy,
            List<String> posts,
            @Nullable List<String> unapproved,
            List<ChangeViews.RoleGivenView> exceptions,
            @Nullable String kindQuestion) {
        return new ChangeViews.ChangeView(
                id,
                "inc-1",
                status,
                title,
                "Salesforce production org",
                "",
                "ACCESS_RESTRICTION",
                "HIGH",
                List.of("PermissionSet:Integration_Sync#ViewAllData", "Profile:System Administrator"),
                List.of("CC6.3", "CC8.1"),
                List.of("pre-1", "pre-2"),
                "Redeploy",
                true,
                null,
                List.of("Billing"),
                "finding-1",
                "2026-11-26T09:00:00Z",
                "rita",
                11,
                !approvals.isEmpty(),
                approvals.isEmpty() ? null : "2026-11-26T11:00:00Z",
                approvals,
                acknowledgements,
                executedAt,
                executedBy,
                posts,
                null,
                executedAt == null ? null : 16L,
                List.of(),
                executedAt == null ? null : new ChangeViews.VerificationView("finding-1", true, List.of(), false, 17),
                true,
                executedAt == null ? null : "2026-11-26T12:30:00Z",
                executedAt == null ? null : "rita",
                false,
                unapproved,
                unapproved,
                List.of(),
                unapproved,
                null,
                null,
                null,
                List.of(),
                null,
                null,
                false,
                null,
                List.of(),
                List.of(),
                exceptions,
                kindQuestion);
    }

    /** A change requested and not yet decided, with the question its kind raises (null for none). */
    static ChangeViews.ChangeView requested(String id, String title, @Nullable String kindQuestion) {
        return view(id, title, "REQUESTED", List.of(), List.of(), null, null, List.of(), null, List.of(), kindQuestion);
    }

    static Retest retest(String change, @Nullable LocalDate closedOn) {
        return new Retest(
                "CC6.3",
                "PermissionSet:Integration_Sync",
                LocalDate.parse("2026-09-14"),
                "Audrey Blake",
                change,
                "Revoke",
                Instant.parse("2026-11-26T12:00:00Z"),
                "the change modified it",
                closedOn,
                closedOn == null ? null : "Robin Kim");
    }

    static List<CsvRecord> read(String csv) {
        try (CsvReader<CsvRecord> r = CsvReader.builder().ofCsvRecord(csv)) {
            return r.stream().toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void oneRowPerChangeWithWhatTheAuditorSamplesOn() {
        String csv = ChangesCsv.write(
                List.of(
                        executed("c1", "Revoke View All Data", List.of("Profile:Admin#AuthorApex")),
                        requested("c2", "Pending", null)),
                Map.of("c1", List.of(retest("c1", null), retest("c1", LocalDate.parse("2026-12-01")))));
        assertThat(csv).startsWith(HEADER).endsWith("\r\n");
        List<CsvRecord> rows = read(csv);
        assertThat(rows).hasSize(3);
        assertThat(rows.getFirst().getFields()).isEqualTo(ChangesCsv.COLUMNS);
        List<String> c1 = rows.get(1).getFields();
        assertThat(c1)
                .containsExactly(
                        "c1",
                        "Revoke View All Data",
                        "ACCESS_RESTRICTION",
                        "HIGH",
                        "Salesforce production org",
                        "true",
                        "EXECUTED",
                        "2026-11-26T09:00:00Z",
                        "rita",
                        "11",
                        "ian (INCIDENT_COMMANDER) approved at 2026-11-26T10:00:00Z, entry 12; "
                                + "cora (AUDIT_LIAISON) approved at 2026-11-26T11:00:00Z, entry 14",
                        "2026-11-26T11:00:00Z",
                        "audrey at 2026-11-26T11:30:00Z, entry 15",
                        "2026-11-26T12:00:00Z",
                        "rita",
                        "pre-1; pre-2",
                        "post-1",
                        "",
                        "PermissionSet:Integration_Sync#ViewAllData; Profile:System Administrator",
                        "CC6.3; CC8.1",
                        "Profile:Admin#AuthorApex",
                        "2",
                        "1",
                        "true",
                        "",
                        "cora (AUDIT_LIAISON) given by ian at 2026-11-26T10:30:00Z, entry 13, approval entry 14",
                        "",
                        "",
                        "",
                        // the execution and the analyzers' check of it, each by its ledger entry (ADR 151)
                        "16",
                        "finding-1",
                        "closed",
                        "17",
                        "2026-11-26T12:30:00Z",
                        "rita");
        List<String> c2 = rows.get(2).getFields();
        // not executed: no execution, no retests counted (not "0"), nothing withheld
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("status"))).isEqualTo("REQUESTED");
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("approvals"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("executedAt"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("retests"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("retestsOutstanding"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("executionIndex"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("verification"))).isEmpty();
        assertThat(c2.get(ChangesCsv.COLUMNS.indexOf("verificationIndex"))).isEmpty();
    }

    /**
     * The analyzers' check of an executed change as the caller's view has it: closed, not closed with what
     * remains, or withheld when it is a privileged entry the caller may not open (never an empty cell, which
     * would read as "not checked").
     */
    @Test
    void theVerificationIsClosedNotClosedOrWithheld() {
        assertThat(ChangesCsv.verification(null)).isEmpty();
        assertThat(ChangesCsv.verification(new ChangeViews.VerificationView("f", true, List.of(), false, 9)))
                .isEqualTo("closed");
        assertThat(ChangesCsv.verification(new ChangeViews.VerificationView(
                        "f", false, List.of("PermissionSet:X#ViewAllData", "Profile:Admin"), false, 9)))
                .isEqualTo("not closed: PermissionSet:X#ViewAllData; Profile:Admin");
        assertThat(ChangesCsv.verification(new ChangeViews.VerificationView("f", false, List.of(), false, 9)))
                .isEqualTo("not closed");
        assertThat(ChangesCsv.verification(new ChangeViews.VerificationView("f", null, null, true, 9)))
                .isEqualTo(ChangesCsv.WITHHELD);
    }

    /** A rejection is told as one, and an executed change that put up no retest says 0. */
    @Test
    void aRejectionAndAnExecutionWithoutRetests() {
        ChangeViews.ChangeView rejected = view(
                "c3",
                "Rejected",
                "REJECTED",
                List.of(new ChangeViews.DecisionView(
                        "AUDIT_LIAISON", "cora", "REJECT", "no snapshot of the profile", "2026-11-27T08:00:00Z", 30)),
                List.of(),
                null,
                null,
                List.of(),
                null,
                List.of(),
                null);
        List<String> row = read(ChangesCsv.write(List.of(rejected, executed("c4", "Ran", List.of())), Map.of()))
                .get(1)
                .getFields();
        assertThat(row.get(ChangesCsv.COLUMNS.indexOf("approvals")))
                .isEqualTo("cora (AUDIT_LIAISON) rejected at 2026-11-27T08:00:00Z, entry 30");
        List<String> ran = read(ChangesCsv.write(List.of(executed("c4", "Ran", List.of())), Map.of()))
                .get(1)
                .getFields();
        assertThat(ran.get(ChangesCsv.COLUMNS.indexOf("retests"))).isEqualTo("0");
        assertThat(ran.get(ChangesCsv.COLUMNS.indexOf("unapprovedItems"))).isEmpty();
    }

    /**
     * The items named from diffs the caller may not read are null in the view: "withheld", never the
     * items, nor an empty cell that would read as "nothing beyond the approval".
     */
    @Test
    void itemsNamedFromWithheldDiffsAreWithheld() {
        String csv = ChangesCsv.write(List.of(executed("c1", "Sealed", null)), Map.of());
        List<String> row = read(csv).get(1).getFields();
        assertThat(row.get(ChangesCsv.COLUMNS.indexOf("unapprovedItems"))).isEqualTo(ChangesCsv.WITHHELD);
    }

    /**
     * The question the change's kind raises for its approvers (ADR 140), in the column it has had since (the
     * last then; the columns ADR 151 added follow it), as the view has it.
     */
    @Test
    void theKindsQuestionKeepsItsColumn() {
        String question = "configItems: PermissionSet:X is an access item (who may see or do what), but the change is"
                + " requested as CONFIGURATION: …";
        List<String> row = read(ChangesCsv.write(List.of(requested("c5", "Tidy", question)), Map.of()))
                .get(1)
                .getFields();
        assertThat(ChangesCsv.COLUMNS.indexOf("kindQuestion")).isEqualTo(28);
        assertThat(row.get(28)).isEqualTo(question);
        assertThat(ChangesCsv.COLUMNS.subList(29, ChangesCsv.COLUMNS.size()))
                .containsExactly(
                        "executionIndex",
                        "finding",
                        "verification",
                        "verificationIndex",
                        "processesVerifiedAt",
                        "processesVerifiedBy");
    }

    /** RFC 4180 quoting, UTF-8 text as it is, and no cell a spreadsheet would run as a formula. */
    @Test
    void quotedAndNeverAFormula() {
        String csv = ChangesCsv.write(
                List.of(
                        executed("c1", "=HYPERLINK(\"http://evil.example\",\"Open\")", List.of()),
                        executed("c2", "Revoke, then \"verify\"\nZoë's set", List.of())),
                Map.of());
        assertThat(csv)
                .contains("c1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Open\"\")\",")
                .contains("c2,\"Revoke, then \"\"verify\"\"\nZoë's set\",");
        assertThat(read(csv).get(2).getFields().get(1)).isEqualTo("Revoke, then \"verify\"\nZoë's set");
    }

    @Test
    void theDownloadIsNamedAfterTheIncident() {
        assertThat(ChangesCsv.attachment("0192f1c2-7a4b-7c3d-8e9f-0123456789ab"))
                .isEqualTo("attachment; filename=\"incident-0192f1c2-7a4b-7c3d-8e9f-0123456789ab-changes.csv\"");
        assertThat(ChangesCsv.attachment("a\"b/c")).isEqualTo("attachment; filename=\"incident-a_b_c-changes.csv\"");
    }
}
