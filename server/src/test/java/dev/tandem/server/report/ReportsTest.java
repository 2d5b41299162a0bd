package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.change.AuditProperties;
import dev.tandem.server.change.ChangeProperties;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** An audit-continuity report and the export's OSCAL part of it, drawn by {@link Reports} without Spring. */
class ReportsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ReportEntry entry(long index, String type, String at, String body) {
        return new ReportEntry(index, type, at, "ada", JSON.readTree(body), null, null);
    }

    /** An emergency change executed 2026-11-26 09:30 UTC and never approved: its 24-hour window ends 11-27 09:30. */
    private static final Snapshot SNAPSHOT = new Snapshot(
            "i-1",
            ReportCheckpoint.of(ReportModelTest.NOTE),
            List.of(
                    entry(
                            0,
                            "incident.opened",
                            "2026-11-26T08:00:00Z",
                            "{\"id\":\"i-1\",\"title\":\"Sandbox sync\",\"severity\":\"HIGH\",\"timeZone\":\"UTC\"}"),
                    entry(
                            1,
                            "control-tests.imported",
                            "2026-11-26T08:30:00Z",
                            "{\"tests\":[{\"control\":\"CC6.3\",\"configItem\":\"PermissionSet:Sync\","
                                    + "\"testedOn\":\"2026-09-14\",\"tester\":\"Blake\"}]}"),
                    entry(
                            2,
                            "change.requested",
                            "2026-11-26T09:00:00Z",
                            "{\"change\":\"c1\",\"title\":\"Revoke ViewAllData\",\"kind\":\"CONFIGURATION\","
                                    + "\"configItems\":[\"PermissionSet:Sync#ViewAllData\"],\"controls\":[],"
                                    + "\"emergency\":true,\"emergencyApprovalWindow\":\"PT24H\"}"),
                    entry(3, "change.executed", "2026-11-26T09:30:00Z", "{\"change\":\"c1\"}")));

    /**
     * A clock read once before the change's approval window ends and after it at every later read:
     * an export drawn across the end of the window.
     */
    private static final class Stepping extends Clock {
        int reads;

        @Override
        public Instant instant() {
            return reads++ == 0 ? Instant.parse("2026-11-27T09:29:59Z") : Instant.parse("2026-11-27T09:30:01Z");
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /**
     * The export's OSCAL part is what the report it rendered says, read once: an emergency deadline
     * passing between two reads of the settings cannot make the OSCAL document call an exception what
     * the report, drawn a moment earlier, says still awaits its approvals.
     */
    @Test
    void theOscalPartIsTheRenderedReportsReadingEvenAsTheDeadlinePasses() {
        Stepping clock = new Stepping();
        Snapshots snapshots = new Snapshots(null, JSON) {
            @Override
            public Snapshot take(String incident, Reader reader, String signedCheckpoint) {
                return SNAPSHOT;
            }
        };
        Reports reports = new Reports(
                snapshots,
                null,
                new AuditProperties(new BigDecimal("80000"), "EUR", null, null),
                new ChangeProperties(Duration.ofHours(24)),
                clock);
        Reports.Rendered rendered = reports.auditContinuityAt("i-1", ReportModelTest.NOTE);
        ChangeControlAudit audit = reports.changeControl(rendered);

        Report.Section exceptions = section(rendered.report(), "change-exceptions");
        assertThat(exceptions.lines())
                .extracting(Report.Line::text)
                .containsExactly("Emergency change c1 awaits its approvals until 2026-11-27 09:30:00 UTC");
        assertThat(audit.cc81()).isEmpty();
        Report.Section retests = section(rendered.report(), "retests");
        assertThat(audit.retests())
                .extracting(r -> r.retest().control() + " " + r.retest().configItem() + " " + r.cites())
                .containsExactly("CC6.3 PermissionSet:Sync [1, 2, 3]");
        assertThat(retests.table().rows()).extracting(Report.Row::cites).containsExactly(List.of(1L, 2L, 3L));
        assertThat(clock.reads)
                .as("the settings read once for the report and its OSCAL part")
                .isEqualTo(1);
    }

    private static Report.Section section(Report report, String id) {
        return report.sections().stream()
                .filter(s -> s.id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
