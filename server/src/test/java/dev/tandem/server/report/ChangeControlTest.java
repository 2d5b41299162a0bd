package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.report.Report.Section;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The report's change-control sections, drawn from ledger entries alone. */
class ChangeControlTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** An entry by ada, but an execution by rosa, who approved nothing (the report tells an approver who executed). */
    private static ReportEntry entry(long index, String type, String at, String body) {
        return entry(index, type, at, type.equals("change.executed") ? "rosa" : "ada", body);
    }

    private static ReportEntry entry(long index, String type, String at, String actor, String body) {
        return new ReportEntry(index, type, at, actor, JSON.readTree(body), null, null);
    }

    private static final List<ReportEntry> ENTRIES = List.of(
            entry(
                    1,
                    "control-tests.imported",
                    "2026-11-26T08:00:00Z",
                    "{\"register\":\"r\",\"evidence\":\"e\",\"sha256\":\"00\",\"rows\":2,\"controls\":[\"CC6.3\",\"CC6.1\"],"
                            + "\"tests\":[{\"control\":\"CC6.3\",\"configItem\":\"PermissionSet:Sync\","
                            + "\"testedOn\":\"2026-09-14\",\"tester\":\"Blake\"},{\"control\":\"CC6.1\","
                            + "\"configItem\":\"Profile:Admin\",\"testedOn\":\"2026-09-15\",\"tester\":\"Blake\"}]}"),
            entry(
                    2,
                    "change.requested",
                    "2026-11-26T09:00:00Z",
                    "{\"change\":\"c1\",\"title\":\"Revoke ViewAllData\",\"kind\":\"ACCESS_RESTRICTION\","
                            + "\"configItems\":[\"PermissionSet:Sync#ViewAllData\"],\"controls\":[],\"emergency\":true,"
                            + "\"businessProcesses\":[\"Nightly sync\"]}"),
            entry(3, "change.executed", "2026-11-26T09:30:00Z", "{\"change\":\"c1\",\"beforeApproval\":true}"),
            entry(
                    4,
                    "change.decided",
                    "2026-11-26T12:00:00Z",
                    "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"INCIDENT_COMMANDER\"}"),
            entry(
                    5,
                    "change.decided",
                    "2026-11-27T11:00:00Z",
                    "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));

    /** The register, then change c2 requested for PermissionSet:Sync and approved by both. */
    private static final List<ReportEntry> TIDY_SYNC_APPROVED = List.of(
            ENTRIES.getFirst(),
            entry(
                    2,
                    "change.requested",
                    "2026-11-26T09:00:00Z",
                    "{\"change\":\"c2\",\"title\":\"Tidy Sync\",\"kind\":\"CONFIGURATION\","
                            + "\"configItems\":[\"PermissionSet:Sync\"],\"controls\":[\"CC6.3\"],\"emergency\":false}"),
            entry(
                    3,
                    "change.decided",
                    "2026-11-26T10:00:00Z",
                    "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"INCIDENT_COMMANDER\"}"),
            entry(
                    4,
                    "change.decided",
                    "2026-11-26T11:00:00Z",
                    "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));

    /** {@link #TIDY_SYNC_APPROVED} with the approvals by {@code commander} at 10:00 and {@code liaison} at 11:00. */
    private static List<ReportEntry> tidySyncApprovedBy(String commander, String liaison) {
        return List.of(
                TIDY_SYNC_APPROVED.get(0),
                TIDY_SYNC_APPROVED.get(1),
                entry(
                        3,
                        "change.decided",
                        "2026-11-26T10:00:00Z",
                        commander,
                        "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"INCIDENT_COMMANDER\"}"),
                entry(
                        4,
                        "change.decided",
                        "2026-11-26T11:00:00Z",
                        liaison,
                        "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));
    }

    private static final ChangeControl.Settings SETTINGS = new ChangeControl.Settings(
            Duration.ofHours(24),
            new BigDecimal("80000"),
            "EUR",
            new BigDecimal("0.15"),
            new BigDecimal("0.30"),
            Instant.parse("2026-11-28T00:00:00Z"));

    @Test
    void aTestedItemTouchedByAChangeIsARetestWithItsFee() {
        Section retests = ChangeControl.sections(ENTRIES, SETTINGS).get(1);
        assertThat(retests.table().rows()).hasSize(1);
        assertThat(retests.table().rows().getFirst().cells())
                .startsWith("CC6.3", "PermissionSet:Sync", "2026-09-14", "Blake");
        assertThat(retests.table().rows().getFirst().cites()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(retests.notes().getFirst())
                .contains("EUR 12,000.00 to 24,000.00")
                .contains("15% to 30%");
    }

    @Test
    void anEmergencyApprovedAfterTheWindowIsACc81ExceptionAndAnUnverifiedRestrictionAnOpenRisk() {
        Section exceptions = ChangeControl.sections(ENTRIES, SETTINGS).get(2);
        List<String> lines = exceptions.lines().stream().map(Report.Line::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("CC8.1 change-management exception: emergency change c1")
                .contains("after the 24-hour window");
        assertThat(lines.get(1)).startsWith("Open risk: access restriction c1 may break Nightly sync");
        // approved by both within the window: no exception
        List<ReportEntry> inTime = ENTRIES.subList(0, 4);
        List<ReportEntry> both = new java.util.ArrayList<>(inTime);
        both.add(entry(
                5,
                "change.decided",
                "2026-11-26T13:00:00Z",
                "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));
        assertThat(ChangeControl.sections(both, SETTINGS).get(2).lines())
                .extracting(Report.Line::text)
                .noneMatch(t -> t.contains("CC8.1"));
    }

    /**
     * The review's case: approved for a permission set, the diffs also changed the Admin profile (on
     * which CC6.1 was tested), and its post-change snapshot predates the approval.
     */
    @Test
    void aChangeBeyondItsApprovalOrMadeBeforeItIsACc81ExceptionAndItsExtraItemsAreRetested() {
        List<ReportEntry> entries = new java.util.ArrayList<>(TIDY_SYNC_APPROVED);
        entries.add(entry(
                5,
                "change.executed",
                "2026-11-26T12:00:00Z",
                "{\"change\":\"c2\",\"beforeApproval\":true,\"snapshotsBeforeApproval\":[\"e9\"],"
                        + "\"touchedItems\":[\"PermissionSet:Sync#ViewAllData\",\"Profile:Admin#AuthorApex\"],"
                        + "\"unapprovedItems\":[\"Profile:Admin#AuthorApex\"]}"));
        List<Section> sections = ChangeControl.sections(entries, SETTINGS);
        List<String> row = sections.getFirst().table().rows().getFirst().cells();
        assertThat(row.get(3))
                .isEqualTo("PermissionSet:Sync; also changed, beyond its approval: Profile:Admin#AuthorApex");
        assertThat(row.getLast()).endsWith(", before its approvals");
        assertThat(sections.get(1).table().rows())
                .extracting(r -> r.cells().getFirst())
                .containsExactly("CC6.3", "CC6.1");
        assertThat(sections.get(1).table().rows().get(1).cells().get(6)).contains("beyond its approval");
        List<String> lines =
                sections.get(2).lines().stream().map(Report.Line::text).toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0))
                .startsWith("CC8.1 change-management exception: change c2 \"Tidy Sync\" went beyond its approval")
                .contains("also changed Profile:Admin#AuthorApex");
        assertThat(lines.get(1))
                .startsWith("CC8.1 change-management exception: change c2 \"Tidy Sync\" was made before its approvals")
                .contains("e9");
    }

    /**
     * The review's case: approved for the Admin profile's login hours (CC6.1 tested on the profile),
     * its diffs show the permission set changed and the profile not. The retests' reasons say what the
     * diffs show, and the change's row that the approved item was not carried out.
     */
    @Test
    void theRetestReasonsFollowTheDiffsAndAnApprovedItemNotChangedIsTold() {
        List<ReportEntry> entries = List.of(
                ENTRIES.getFirst(),
                entry(
                        2,
                        "change.requested",
                        "2026-11-26T09:00:00Z",
                        "{\"change\":\"c4\",\"title\":\"Tighten admin profile login hours\",\"kind\":\"CONFIGURATION\","
                                + "\"configItems\":[\"Profile:Admin#loginHours\"],\"controls\":[\"CC6.1\"],"
                                + "\"emergency\":false}"),
                entry(
                        3,
                        "change.decided",
                        "2026-11-26T10:00:00Z",
                        "{\"change\":\"c4\",\"decision\":\"APPROVE\",\"role\":\"INCIDENT_COMMANDER\"}"),
                entry(
                        4,
                        "change.decided",
                        "2026-11-26T11:00:00Z",
                        "{\"change\":\"c4\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"),
                entry(
                        5,
                        "change.executed",
                        "2026-11-26T12:00:00Z",
                        "{\"change\":\"c4\",\"beforeApproval\":false,"
                                + "\"touchedItems\":[\"PermissionSet:Sync#ViewAllData\",\"PermissionSet:Sync#ViewAllRecords/Contact\"],"
                                + "\"unapprovedItems\":[\"PermissionSet:Sync#ViewAllData\",\"PermissionSet:Sync#ViewAllRecords/Contact\"],"
                                + "\"unchangedItems\":[\"Profile:Admin#loginHours\"]}"));
        List<Section> sections = ChangeControl.sections(entries, SETTINGS);
        assertThat(sections.getFirst().table().rows().getFirst().cells().get(3))
                .isEqualTo("Profile:Admin#loginHours; approved, but its diffs show no change to:"
                        + " Profile:Admin#loginHours; also changed, beyond its approval: PermissionSet:Sync#ViewAllData,"
                        + " PermissionSet:Sync#ViewAllRecords/Contact");
        assertThat(sections.get(1).table().rows())
                .extracting(r -> r.cells().getFirst() + ": " + r.cells().get(6))
                .containsExactly(
                        "CC6.3: the change modified PermissionSet:Sync#ViewAllData,"
                                + " PermissionSet:Sync#ViewAllRecords/Contact beyond its approval, which the test of"
                                + " CC6.3 on 2026-09-14 covered",
                        "CC6.1: the change names control CC6.1; it was approved for Profile:Admin#loginHours, which"
                                + " the test of CC6.1 on 2026-09-15 covered, but its diffs show no change to it");
    }

    /**
     * The review's case: no exception among the change requests, while the timeline records a
     * containment (the integration user deactivated) that no change request covers. The statement
     * says what it rests on, and the containment is listed for the auditor to ask about, not counted
     * as an exception.
     */
    @Test
    void noExceptionSaysAmongHowManyRequestsAndAContainmentNoChangeCoversIsListed() {
        List<ReportEntry> entries = new java.util.ArrayList<>(TIDY_SYNC_APPROVED);
        entries.add(
                1,
                entry(
                        9,
                        "incident.contained",
                        "2026-11-26T08:30:00Z",
                        "{\"at\":\"2026-11-26T08:15:00Z\",\"text\":\"Integration_Sync deactivated; sandbox refresh stopped\"}"));
        entries.add(
                entry(5, "change.executed", "2026-11-26T12:00:00Z", "{\"change\":\"c2\",\"beforeApproval\":false}"));
        Section exceptions = ChangeControl.sections(entries, SETTINGS).get(2);
        assertThat(exceptions.notes().getFirst()).isEqualTo("None among the 1 change request recorded.");
        assertThat(exceptions.notes().get(1))
                .startsWith("Containment recorded on the timeline that no change request covers");
        assertThat(exceptions.lines())
                .extracting(l -> l.when() + " " + l.text() + " " + l.cites())
                .containsExactly("2026-11-26 08:15:00 UTC Containment without a change request: \"Integration_Sync"
                        + " deactivated; sandbox refresh stopped\" [9]");
        // contained after a change was executed: that change may be the containment, nothing listed
        List<ReportEntry> after = new java.util.ArrayList<>(entries);
        after.set(
                1,
                entry(
                        9,
                        "incident.contained",
                        "2026-11-26T13:00:00Z",
                        "{\"at\":\"2026-11-26T12:30:00Z\",\"text\":\"Integration_Sync deactivated\"}"));
        Section covered = ChangeControl.sections(after, SETTINGS).get(2);
        assertThat(covered.notes()).containsExactly("None among the 1 change request recorded.");
        assertThat(covered.lines()).isEmpty();
        // with open risks only, there is still no exception; sealed requests are counted
        List<ReportEntry> risky = new java.util.ArrayList<>(ENTRIES.subList(0, 4));
        risky.add(entry(
                5,
                "change.decided",
                "2026-11-26T13:00:00Z",
                "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));
        risky.add(new ReportEntry(
                6,
                "change.requested",
                "2026-11-26T14:00:00Z",
                "ada",
                JSON.readTree("{\"repository\":\"FORENSIC\",\"commitment\":\"ab\"}"),
                "ab",
                null));
        Section open = ChangeControl.sections(risky, SETTINGS).get(2);
        assertThat(open.notes())
                .containsExactly("No CC8.1 change-management exception among the 2 change requests recorded.");
        assertThat(open.lines()).extracting(Report.Line::text).allMatch(t -> t.startsWith("Open risk:"));
    }

    /**
     * ADR 139: an approval whose {@code change.decided} records the role given after the request is a
     * segregation-of-duties exception in the change's row, citing the membership entry, and in the
     * CC8.1 section; not a change-management exception.
     */
    @Test
    void anApproverGivenTheRoleAfterTheRequestIsASegregationExceptionInTheRowAndTheCc81Section() {
        List<ReportEntry> entries = new java.util.ArrayList<>(TIDY_SYNC_APPROVED);
        entries.set(
                3,
                entry(
                        4,
                        "change.decided",
                        "2026-11-26T11:00:00Z",
                        "cora",
                        "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\","
                                + "\"roleGivenAfterRequest\":{\"by\":\"ian\",\"to\":\"cora\","
                                + "\"role\":\"AUDIT_LIAISON\",\"at\":\"2026-11-26T10:30:00.000Z\",\"entry\":7}}"));
        List<Section> sections = ChangeControl.sections(entries, SETTINGS);
        Report.Row row = sections.getFirst().table().rows().getFirst();
        assertThat(row.cells().getLast())
                .contains("approved by the audit liaison")
                .contains("a segregation-of-duties exception: approved by cora as the audit liaison, a role ian gave"
                        + " them 2026-11-26 10:30:00 UTC, after the change was requested");
        assertThat(row.cites()).contains(7L);
        Section exceptions = sections.get(2);
        assertThat(exceptions.lines())
                .extracting(Report.Line::text)
                .containsExactly("CC8.1 segregation-of-duties exception: change c2 \"Tidy Sync\" was approved by cora"
                        + " as the audit liaison, a role ian gave them 2026-11-26 10:30:00 UTC, after the change was"
                        + " requested");
        assertThat(exceptions.notes())
                .containsExactly("No CC8.1 change-management exception among the 1 change request recorded.");
        // the same approvals without it: no exception, nothing cited beyond the change's entries
        Section none = ChangeControl.sections(TIDY_SYNC_APPROVED, SETTINGS).get(2);
        assertThat(none.lines()).isEmpty();
        assertThat(ChangeControl.sections(TIDY_SYNC_APPROVED, SETTINGS)
                        .getFirst()
                        .table()
                        .rows()
                        .getFirst()
                        .cells()
                        .getLast())
                .doesNotContain("segregation");
    }

    /**
     * The change's row names each approver with their role and the time of the approval, as the
     * {@code change.decided} entries record them (the auditor samples on the row; docs/contracts.md
     * "Additions"), in the order they were given; a rejection says none of it.
     */
    @Test
    void theRowNamesEachApproverWithTheRoleAndTime() {
        List<ReportEntry> entries = tidySyncApprovedBy("ian", "cora");
        Report.Row row = ChangeControl.sections(entries, SETTINGS)
                .getFirst()
                .table()
                .rows()
                .getFirst();
        assertThat(row.cells().getLast())
                .isEqualTo("approved by the incident commander, ian, 2026-11-26 10:00:00 UTC; approved by the audit"
                        + " liaison, cora, 2026-11-26 11:00:00 UTC; not executed");
        assertThat(row.cites()).containsExactly(2L, 3L, 4L);
        // the commander's approval alone: one approver named, no other
        Report.Row half = ChangeControl.sections(entries.subList(0, 3), SETTINGS)
                .getFirst()
                .table()
                .rows()
                .getFirst();
        assertThat(half.cells().getLast())
                .isEqualTo("approved by the incident commander, ian, 2026-11-26 10:00:00 UTC; not executed");
    }

    /**
     * The change's row traces it from request to execution, each step by its ledger entry (ADR 151): who
     * requested it and when, the pre-change snapshots by name and the entry that added each (a FORENSIC one
     * as such, never its name), who executed it, and the analyzers' check when it is public.
     */
    @Test
    void theRowTracesTheRequestItsSnapshotsTheExecutionAndTheCheck() {
        List<ReportEntry> entries = List.of(
                ENTRIES.getFirst(),
                entry(
                        2,
                        "evidence.added",
                        "2026-11-26T08:30:00Z",
                        "{\"evidence\":\"s1\",\"name\":\"metadata.zip\",\"kind\":\"CONFIG_SNAPSHOT\","
                                + "\"repository\":\"AUDIT\",\"sha256\":\"00\",\"size\":1}"),
                entry(
                        3,
                        "change.requested",
                        "2026-11-26T09:00:00Z",
                        "rita",
                        "{\"change\":\"c2\",\"title\":\"Tidy Sync\",\"kind\":\"CONFIGURATION\","
                                + "\"configItems\":[\"PermissionSet:Sync\"],\"controls\":[\"CC6.3\"],"
                                + "\"preSnapshots\":[\"s1\",\"s9\"],\"emergency\":false}"),
                entry(
                        4,
                        "change.decided",
                        "2026-11-26T10:00:00Z",
                        "ian",
                        "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"INCIDENT_COMMANDER\"}"),
                entry(
                        5,
                        "change.decided",
                        "2026-11-26T11:00:00Z",
                        "cora",
                        "{\"change\":\"c2\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"),
                entry(6, "change.executed", "2026-11-26T12:00:00Z", "{\"change\":\"c2\"}"),
                entry(
                        7,
                        "change.verified",
                        "2026-11-26T12:05:00Z",
                        "{\"change\":\"c2\",\"finding\":\"f1\",\"closed\":true,\"remaining\":[]}"));
        Section changes = ChangeControl.sections(entries, SETTINGS).getFirst();
        assertThat(changes.table().header())
                .containsExactly(
                        "Change",
                        "Title",
                        "Kind",
                        "Configuration items",
                        "Controls",
                        "Request, snapshots, execution",
                        "State");
        Report.Row row = changes.table().rows().getFirst();
        assertThat(row.cells().get(5))
                .isEqualTo("requested by rita, 2026-11-26 09:00:00 UTC (#3), against the pre-change snapshots"
                        + " metadata.zip (#2), a FORENSIC snapshot, not in this report (s9); executed by rosa; the"
                        + " analyzers found the finding closed (#7)");
        assertThat(row.cites()).contains(3L, 4L, 5L, 6L, 7L);
        // requested only: no execution, no check
        Report.Row requested = ChangeControl.sections(entries.subList(0, 3), SETTINGS)
                .getFirst()
                .table()
                .rows()
                .getFirst();
        assertThat(requested.cells().get(5))
                .isEqualTo("requested by rita, 2026-11-26 09:00:00 UTC (#3), against the pre-change snapshots"
                        + " metadata.zip (#2), a FORENSIC snapshot, not in this report (s9)");
    }

    @Test
    void aWithdrawnRequestIsShownWithdrawnNotPending() {
        List<ReportEntry> entries = List.of(
                entry(
                        2,
                        "change.requested",
                        "2026-11-26T09:00:00Z",
                        "{\"change\":\"c3\",\"title\":\"Tidy\",\"kind\":\"CONFIGURATION\","
                                + "\"configItems\":[\"PermissionSet:Sync\"],\"controls\":[],\"emergency\":false}"),
                entry(
                        3,
                        "change.withdrawn",
                        "2026-11-26T10:00:00Z",
                        "{\"change\":\"c3\",\"reason\":\"the only audit liaison requested it\"}"));
        Report.Row row = ChangeControl.sections(entries, SETTINGS)
                .getFirst()
                .table()
                .rows()
                .getFirst();
        assertThat(row.cells().getLast())
                .startsWith("withdrawn ")
                .endsWith(": the only audit liaison requested it")
                .doesNotContain("not executed");
        assertThat(row.cites()).containsExactly(2L, 3L);
    }

    /**
     * A sealed execution (FORENSIC snapshots), made before its approval and beyond it: the report's
     * reader sees its public part only, which tells both exceptions as a flag and a count, and its
     * retests come from the approved items alone, as the auditor's API shows them.
     */
    @Test
    void aSealedExecutionMadeBeforeItsApprovalAndBeyondItIsStillACc81Exception() {
        JsonNode full = JSON.readTree("{\"change\":\"c2\",\"beforeApproval\":true,\"madeBeforeApproval\":true,"
                + "\"snapshotsBeforeApproval\":[\"e9\"],\"touchedItems\":[\"PermissionSet:Sync#ViewAllData\","
                + "\"Profile:Admin#AuthorApex\"],\"unapprovedItems\":[\"Profile:Admin#AuthorApex\"],"
                + "\"unapprovedCount\":1,\"retests\":2,\"publicRetests\":1,\"notes\":\"secret\"}");
        JsonNode commitment = JSON.readTree("{\"repository\":\"FORENSIC\",\"commitment\":\"ab\"}");
        List<ReportEntry> entries = new java.util.ArrayList<>(TIDY_SYNC_APPROVED);
        entries.add(new ReportEntry(
                5,
                "change.executed",
                "2026-11-26T12:00:00Z",
                "ada",
                commitment,
                "ab",
                Snapshots.publicPartOfExecution(full)));
        List<Section> sections = ChangeControl.sections(entries, SETTINGS);
        List<String> row = sections.getFirst().table().rows().getFirst().cells();
        assertThat(row.get(3))
                .isEqualTo("PermissionSet:Sync; also changed, beyond its approval: 1 configuration item (named in"
                        + " privileged diffs)");
        assertThat(row.getLast()).endsWith(", before its approvals");
        assertThat(sections.get(1).table().rows())
                .extracting(r -> r.cells().getFirst())
                .containsExactly("CC6.3");
        List<String> lines =
                sections.get(2).lines().stream().map(Report.Line::text).toList();
        assertThat(lines)
                .anyMatch(l -> l.startsWith("CC8.1 change-management exception: change c2")
                        && l.contains("went beyond its approval")
                        && l.endsWith("its diffs also changed 1 configuration item (named in privileged diffs)"))
                .anyMatch(l -> l.contains("was made before its approvals: a post-change snapshot was received before"));
        assertThat(String.join("\n", lines)).doesNotContain("AuthorApex").doesNotContain("e9");
    }

    @Test
    void privilegedChangeEntriesAreCountedNotDescribed() {
        JsonNode commitment = JSON.readTree("{\"repository\":\"FORENSIC\",\"commitment\":\"ab\"}");
        List<ReportEntry> sealed =
                List.of(new ReportEntry(7, "change.requested", "2026-11-26T09:00:00Z", "ada", commitment, "ab", null));
        Section changes = ChangeControl.sections(sealed, SETTINGS).getFirst();
        assertThat(changes.table().rows()).isEmpty();
        assertThat(changes.lines().getFirst().text()).startsWith("1 change-control entry rests on privileged");
    }

    /**
     * A register test after the change closes its retest in the report as on the API, and the fee no
     * longer counts it: the review's case, a CC6.3 test imported after the change ran, dated its day.
     */
    @Test
    void aTestAfterTheChangeClosesTheRetestAndTheFeeNoLongerCountsIt() {
        List<ReportEntry> entries = new java.util.ArrayList<>(ENTRIES);
        entries.add(entry(
                6,
                "control-tests.imported",
                "2026-11-26T18:00:00Z",
                "{\"register\":\"r2\",\"evidence\":\"e2\",\"sha256\":\"01\",\"rows\":1,\"controls\":[\"CC6.3\"],"
                        + "\"tests\":[{\"control\":\"CC6.3\",\"configItem\":\"PermissionSet:Sync\","
                        + "\"testedOn\":\"2026-11-26\",\"tester\":\"Robin\"}]}"));
        Section retests = ChangeControl.sections(entries, SETTINGS).get(1);
        assertThat(retests.table().header()).last().isEqualTo("Retest");
        assertThat(retests.table().rows()).hasSize(1);
        assertThat(retests.table().rows().getFirst().cells()).last().isEqualTo("done: tested 2026-11-26 by Robin");
        assertThat(retests.notes().getFirst())
                .contains("EUR 0.00 to 0.00")
                .contains("0 retest items")
                .contains("1 retest item done");
        // before the retest was imported: outstanding and priced
        Section before = ChangeControl.sections(ENTRIES, SETTINGS).get(1);
        assertThat(before.table().rows().getFirst().cells()).last().isEqualTo("outstanding");
    }

    /**
     * A second register row of the same control and item written in other case is the same control
     * test: one retest row in the report, as the register first spells the item, citing the latest
     * test, counted once.
     */
    @Test
    void registerRowsOfOneItemInDifferentCaseAreOneRetestRow() {
        List<ReportEntry> entries = new java.util.ArrayList<>(ENTRIES);
        entries.add(
                1,
                entry(
                        6,
                        "control-tests.imported",
                        "2026-11-26T08:30:00Z",
                        "{\"register\":\"r2\",\"evidence\":\"e2\",\"sha256\":\"01\",\"rows\":1,\"controls\":[\"CC6.3\"],"
                                + "\"tests\":[{\"control\":\"CC6.3\",\"configItem\":\"permissionset:sync\","
                                + "\"testedOn\":\"2026-10-01\",\"tester\":\"Okafor\"}]}"));
        Section retests = ChangeControl.sections(entries, SETTINGS).get(1);
        assertThat(retests.table().rows()).hasSize(1);
        assertThat(retests.table().rows().getFirst().cells())
                .startsWith("CC6.3", "PermissionSet:Sync", "2026-10-01", "Okafor");
        assertThat(retests.notes().getFirst()).contains("1 retest item (1 control test, 1 change)");
    }

    /** With an observation period in the ledger, a change executed after it is no retest, and the note says so. */
    @Test
    void aChangeExecutedOutsideTheObservationPeriodIsNoRetest() {
        List<ReportEntry> entries = new java.util.ArrayList<>(ENTRIES);
        entries.addFirst(entry(
                0, "audit.period-set", "2026-01-02T08:00:00Z", "{\"start\":\"2026-01-01\",\"end\":\"2026-11-25\"}"));
        Section retests = ChangeControl.sections(entries, SETTINGS).get(1);
        assertThat(retests.table().rows()).isEmpty();
        assertThat(retests.notes())
                .anySatisfy(n -> assertThat(n)
                        .isEqualTo("Observation period 2026-01-01 to 2026-11-25 (entry #0): only changes executed in it"
                                + " undo a test of it; executed outside it, so no retest: c1."));
        assertThat(ChangeControl.period(entries)).isPresent();
        // a period that holds the change: the retest, citing the period's entry
        entries.set(
                0,
                entry(
                        0,
                        "audit.period-set",
                        "2026-01-02T08:00:00Z",
                        "{\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}"));
        assertThat(ChangeControl.sections(entries, SETTINGS).get(1).table().rows())
                .singleElement()
                .satisfies(r -> assertThat(r.cites()).contains(0L));
    }

    @Test
    void theDisclosureSaysWhereTheIncidentFallsAgainstThePeriod() {
        var p = new dev.tandem.controls.ObservationPeriod(
                java.time.LocalDate.parse("2026-01-01"), java.time.LocalDate.parse("2026-11-30"));
        assertThat(AuditContinuityReport.periodLine(p, "occurred", "2026-11-29T23:30:00-05:00"))
                .isEqualTo("Observation period: 2026-01-01 to 2026-11-30; the incident occurred on 2026-11-30, within"
                        + " the period: a system incident of the period, for the description to disclose");
        assertThat(AuditContinuityReport.periodLine(p, "occurred", "2026-12-05T15:00:00Z"))
                .contains("on 2026-12-05, after the period: a subsequent event");
        assertThat(AuditContinuityReport.periodLine(p, "became known", "2025-12-31T10:00:00Z"))
                .contains("became known on 2025-12-31, before the period");
    }

    private static ChangeControl.Settings window(Duration d) {
        return new ChangeControl.Settings(
                d, null, "USD", new BigDecimal("0.15"), new BigDecimal("0.30"), Instant.parse("2026-12-30T00:00:00Z"));
    }

    private static List<String> exceptionLines(List<ReportEntry> entries, ChangeControl.Settings settings) {
        return ChangeControl.sections(entries, settings).get(2).lines().stream()
                .map(Report.Line::text)
                .toList();
    }

    /** An emergency change requested (with the window {@code recorded}, or none), executed, approved 5 minutes on. */
    private static List<ReportEntry> emergency(String recorded) {
        return List.of(
                entry(
                        1,
                        "change.requested",
                        "2026-12-01T09:00:00Z",
                        "ian",
                        "{\"change\":\"c1\",\"title\":\"Remove AuthorApex\",\"kind\":\"CONFIGURATION\","
                                + "\"configItems\":[\"Profile:Admin#AuthorApex\"],\"controls\":[],\"emergency\":true"
                                + (recorded.isEmpty() ? "" : ",\"emergencyApprovalWindow\":\"" + recorded + "\"")
                                + "}"),
                entry(
                        2,
                        "change.executed",
                        "2026-12-01T09:10:00Z",
                        "ian",
                        "{\"change\":\"c1\",\"beforeApproval\":true}"),
                entry(
                        3,
                        "change.decided",
                        "2026-12-01T09:15:00Z",
                        "lia",
                        "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\","
                                + "\"approvalComplete\":true,\"liaisonAlone\":true}"));
    }

    /** The liaison's finding 1: the window recorded with the request decides, not the setting the report is drawn with. */
    @Test
    void theWindowRecordedWithTheRequestDecidesWhateverTheSettingWhenTheReportIsDrawn() {
        assertThat(exceptionLines(emergency("PT1M"), window(Duration.ofDays(3650))))
                .singleElement()
                .asString()
                .startsWith("CC8.1 change-management exception: emergency change c1")
                .contains("after the 1-minute window recorded with its request");
        assertThat(exceptionLines(emergency("PT87600H"), window(Duration.ofMinutes(1))))
                .isEmpty();
        // a request recorded before the window was: the setting, as the report always read it, and said so
        assertThat(exceptionLines(emergency(""), window(Duration.ofMinutes(1))))
                .singleElement()
                .asString()
                .contains("after the 1-minute window (the server's setting: none was recorded with its request)");
        assertThat(exceptionLines(emergency(""), window(Duration.ofDays(3650)))).isEmpty();
    }

    /** The liaison's finding 7 (docs/adr/106-emergency-approval-and-segregation-of-duties.md): the only commander's emergency change approved by the liaison alone. */
    @Test
    void theOnlyCommandersEmergencyChangeApprovedByTheLiaisonAloneIsNoException() {
        Section changes = ChangeControl.sections(emergency("PT24H"), SETTINGS).getFirst();
        assertThat(changes.table().rows().getFirst().cells().getLast())
                .contains("approved by the audit liaison")
                .contains("the audit liaison's approval completing it (the incident's only commander requested it)");
        assertThat(exceptionLines(emergency("PT24H"), window(Duration.ofHours(24))))
                .isEmpty();
        // the same decision without approvalComplete (entries written before it): half of the approvals
        List<ReportEntry> legacy = new java.util.ArrayList<>(emergency("PT24H").subList(0, 2));
        legacy.add(entry(
                3,
                "change.decided",
                "2026-12-01T09:15:00Z",
                "lia",
                "{\"change\":\"c1\",\"decision\":\"APPROVE\",\"role\":\"AUDIT_LIAISON\"}"));
        assertThat(exceptionLines(legacy, window(Duration.ofHours(24))))
                .singleElement()
                .asString()
                .contains("was not approved within the 24-hour window");
    }

    /** The liaison's finding 8: approver and executor the same person, an observation in the CC8.1 section. */
    @Test
    void anApproverWhoCarriedOutTheChangeIsASegregationOfDutiesObservationNotAnException() {
        List<ReportEntry> same = new java.util.ArrayList<>(tidySyncApprovedBy("ian", "lia"));
        same.add(entry(5, "change.executed", "2026-11-26T12:00:00Z", "ian", "{\"change\":\"c2\"}"));
        Section exceptions = ChangeControl.sections(same, SETTINGS).get(2);
        assertThat(exceptions.lines())
                .extracting(Report.Line::text)
                .containsExactly("CC8.1 segregation-of-duties observation: ian approved change c2 \"Tidy Sync\" and"
                        + " carried it out");
        assertThat(exceptions.notes()).anyMatch(n -> n.startsWith("No CC8.1 change-management exception"));
        List<ReportEntry> other = new java.util.ArrayList<>(same.subList(0, 4));
        other.add(entry(5, "change.executed", "2026-11-26T12:00:00Z", "rosa", "{\"change\":\"c2\"}"));
        assertThat(ChangeControl.sections(other, SETTINGS).get(2).lines()).isEmpty();
    }

    /** The liaison's finding 9: a request for the items of one refused is linked; two open at once are flagged. */
    @Test
    void aResubmissionIsLinkedToTheRefusalAndTwoOpenRequestsForTheSameItemsAreFlagged() {
        String items = "\"configItems\":[\"Profile:Admin#AuthorApex\"],\"controls\":[],\"emergency\":false}";
        List<ReportEntry> entries = List.of(
                entry(
                        1,
                        "change.requested",
                        "2026-12-01T09:00:00Z",
                        "rosa",
                        "{\"change\":\"c1\",\"title\":\"Remove AuthorApex from Admin\",\"kind\":\"CONFIGURATION\","
                                + items),
                entry(
                        2,
                        "change.decided",
                        "2026-12-01T09:05:00Z",
                        "ian",
                        "{\"change\":\"c1\",\"decision\":\"REJECT\",\"role\":\"INCIDENT_COMMANDER\"}"),
                entry(
                        3,
                        "change.requested",
                        "2026-12-01T09:05:01Z",
                        "rosa",
                        "{\"change\":\"c2\",\"title\":\"Remove AuthorApex from Admin\",\"kind\":\"CONFIGURATION\","
                                + items),
                entry(
                        4,
                        "change.requested",
                        "2026-12-01T09:05:02Z",
                        "rosa",
                        "{\"change\":\"c3\",\"title\":\"Remove AuthorApex from Admin\",\"kind\":\"CONFIGURATION\","
                                + items));
        List<Section> sections = ChangeControl.sections(entries, SETTINGS);
        var rows = sections.getFirst().table().rows();
        assertThat(rows.get(0).cells().getLast()).isEqualTo("rejected; not executed");
        assertThat(rows.get(1).cells().getLast())
                .isEqualTo("requested again: the same items as change c1 (rejected); not executed");
        assertThat(rows.get(2).cells().getLast())
                .contains("the same items as change c1 (rejected)")
                .contains("the same items as change c2 (requested)");
        assertThat(sections.get(2).lines())
                .extracting(Report.Line::text)
                .containsExactly("Requests open at once for the same configuration items: change c2 \"Remove AuthorApex"
                        + " from Admin\" and change c3 (Profile:Admin#AuthorApex)");
    }

    /** The export's OSCAL part: the same retests and CC8.1 lines as the report's sections, with their entries. */
    @Test
    void theAuditPartHoldsTheReportsRetestsAndCc81LinesWithTheirEntries() {
        ChangeControl.Drawn drawn = ChangeControl.draw(ENTRIES, SETTINGS);
        ChangeControlAudit audit = drawn.audit();
        List<Section> sections = drawn.sections();
        assertThat(audit.retests()).hasSize(sections.get(1).table().rows().size());
        assertThat(audit.retests())
                .extracting(r -> r.retest().control() + " " + r.retest().configItem())
                .containsExactly("CC6.3 PermissionSet:Sync");
        assertThat(audit.retests().getFirst().cites()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(audit.cc81()).singleElement().satisfies(l -> {
            assertThat(l.exception()).isTrue();
            assertThat(l.text()).startsWith("CC8.1 change-management exception: emergency change c1");
            assertThat(l.cites()).containsExactly(2L, 3L, 4L, 5L);
        });
        // the report's rows cite what the OSCAL part cites; the open risk is no CC8.1 line
        assertThat(sections.get(1).table().rows())
                .extracting(Report.Row::cites)
                .containsExactly(audit.retests().getFirst().cites());
        assertThat(sections.get(2).lines()).hasSize(2);
    }
}
