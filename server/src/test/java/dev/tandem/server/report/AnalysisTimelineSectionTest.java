package dev.tandem.server.report;

import static dev.tandem.server.report.ReportModelTest.open;
import static dev.tandem.server.report.ReportModelTest.privileged;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Role;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The incident report's analysis timeline (ADR 115): an entry for whom may read all its items. */
class AnalysisTimelineSectionTest {
    static final String LOGIN = "{\"analysis\":\"job-1\",\"ordinal\":0,\"at\":\"2025-03-10T03:15:00Z\","
            + "\"kind\":\"login\",\"subject\":\"admin@acme.test\",\"ip\":\"203.0.113.7\","
            + "\"text\":\"admin@acme.test logged in from 203.0.113.7\",\"file\":\"setup/LoginHistory.csv\","
            + "\"line\":4,\"evidence\":[{\"id\":\"a-1\",\"sha256\":\"aa\"}]}";
    static final String GRANT = "{\"analysis\":\"job-1\",\"ordinal\":1,\"at\":\"2025-03-10T03:20:00Z\","
            + "\"kind\":\"setup-change\",\"subject\":\"admin@acme.test\",\"ip\":\"\","
            + "\"text\":\"View All Data granted\",\"file\":\"setup/SetupAuditTrail.csv\","
            + "\"line\":9,\"evidence\":[{\"id\":\"f-1\",\"sha256\":\"ff\"}]}";

    static List<ReportEntry> entries(boolean grantOpened) {
        return List.of(
                open(0, "incident.opened", "commander", "{\"title\":\"Leak\",\"severity\":\"HIGH\"}"),
                open(1, "leak.timeline-entry", "commander", LOGIN),
                privileged(2, "leak.timeline-entry", "c3".repeat(32), grantOpened ? GRANT : null));
    }

    static Report.Section section(List<ReportEntry> entries, Reader reader) {
        return IncidentReport.analysisTimeline(entries, reader);
    }

    static Reader responder(Set<String> granted, Set<String> audit) {
        return Reader.of(new Caller("r", false, Role.RESPONDER, new Caller.Grants(false, granted)), audit);
    }

    @Test
    void counselSeesEveryEntryInTimeOrderWithItsSourceLine() {
        Report.Section s = section(entries(true), Reader.ALL);
        assertThat(s.table().rows()).hasSize(2);
        assertThat(s.table().rows().getFirst().cells())
                .containsSubsequence("login", "admin@acme.test", "203.0.113.7", "setup/LoginHistory.csv:4");
        assertThat(s.table().rows().get(1).cells()).contains("setup-change", "setup/SetupAuditTrail.csv:9");
        assertThat(s.table().rows().get(1).cites()).containsExactly(2L);
        assertThat(s.lines()).isEmpty();
    }

    @Test
    void aResponderWithoutTheGrantSeesTheAuditEntryAndACountOfTheRest() {
        Report.Section s = section(entries(false), responder(Set.of(), Set.of("a-1")));
        assertThat(s.table().rows())
                .singleElement()
                .satisfies(r -> assertThat(r.cells()).contains("203.0.113.7"));
        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.text()).isEqualTo("1 further timeline entry was read from evidence you may not read");
            assertThat(l.cites()).containsExactly(2L);
        });
    }

    @Test
    void anAuditEntryWhoseItemWasPulledBackIsWithheldFromAResponderNotGrantedIt() {
        // a-1 is no longer among the AUDIT items: pulled back to FORENSIC after the analysis
        Report.Section s = section(entries(false), responder(Set.of(), Set.of()));
        assertThat(s.table().rows()).isEmpty();
        assertThat(s.lines().getFirst().text()).startsWith("2 further timeline entries were");
        Report.Section granted = section(entries(true), responder(Set.of("a-1", "f-1"), Set.of()));
        assertThat(granted.table().rows()).hasSize(2);
    }

    @Test
    void theSectionIsInTheIncidentReportAndTheEntriesAreNoHighlights() {
        Report r = IncidentReport.of(
                new Snapshot("INC-1", ReportCheckpoint.of(ReportModelTest.NOTE), entries(true)), "counsel");
        assertThat(r.sections().stream().map(Report.Section::id)).contains("analysis-timeline");
        assertThat(ReportModelTest.section(r, "timeline").lines())
                .noneMatch(l -> l.text().contains("Analysis timeline entry"));
    }

    static final String EXTRACTION = "{\"analysis\":\"job-1\",\"ordinal\":2,\"at\":\"2025-03-10T03:25:00Z\","
            + "\"kind\":\"extraction\",\"subject\":\"admin@acme.test\",\"ip\":\"203.0.113.7\","
            + "\"text\":\"first read of session s1 (260,000 customer rows from 203.0.113.7;"
            + " ADMIN_SESSION_BULK_EXTRACTION)\",\"file\":\"eventlogs.zip!/BulkApi.csv\","
            + "\"line\":3,\"evidence\":[{\"id\":\"f-logs\",\"sha256\":\"ee\"}]}";
    /** The finding the extraction tells of: it rests on the event logs and on the Login History. */
    static final String FINDING = "{\"analysis\":\"job-1\",\"finding\":\"fi-1\","
            + "\"pattern\":\"ADMIN_SESSION_BULK_EXTRACTION\",\"subject\":{\"kind\":\"USER\","
            + "\"id\":\"Admin@acme.test\"},\"title\":\"Administrator extracted\","
            + "\"evidence\":[{\"id\":\"f-logs\"},{\"id\":\"f-history\"}]}";

    static List<ReportEntry> extraction() {
        return List.of(
                privileged(3, "leak.finding", "d4".repeat(32), FINDING),
                privileged(4, "leak.timeline-entry", "e5".repeat(32), EXTRACTION));
    }

    @Test
    void anExtractionTellingOfAFindingTheResponderMayNotReadIsWithheldThoughItsLineIsGranted() {
        // granted the event logs, not the Login History the administrator's finding also rests on
        Report.Section s = section(extraction(), responder(Set.of("f-logs"), Set.of()));
        assertThat(s.table().rows()).isEmpty();
        assertThat(s.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.cites()).containsExactly(4L));
        assertThat(s.toString()).doesNotContain("ADMIN_SESSION_BULK_EXTRACTION");
    }

    @Test
    void anExtractionIsShownBesideTheFindingItTellsOf() {
        assertThat(section(extraction(), responder(Set.of("f-logs", "f-history"), Set.of()))
                        .table()
                        .rows())
                .singleElement()
                .satisfies(r -> assertThat(r.cells()).contains("extraction", "eventlogs.zip!/BulkApi.csv:3"));
        assertThat(section(extraction(), Reader.ALL).table().rows()).hasSize(1);
    }
}
