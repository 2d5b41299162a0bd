package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.EventLogReader;
import dev.tandem.salesforce.RealtimeEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BehaviourTest {
    private static Behaviour read(String csv) throws Exception {
        Behaviour b = new Behaviour(Set.of("Contact", "Account"));
        Problems problems = new Problems(5);
        try (CsvTable t = CsvTable.open(
                "BulkApi2.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            EventLogReader.read("BulkApi2.csv", t, problems, b::accept, () -> {});
        }
        assertThat(problems.all()).isEmpty();
        return b;
    }

    private static final String HEADER =
            "EVENT_TYPE,TIMESTAMP_DERIVED,ORGANIZATION_ID,USER_ID,LOGIN_KEY,CLIENT_IP,JOB_ID,BATCH_ID,ENTITY_TYPE,"
                    + "OPERATION_TYPE,JOB_STATUS,RECORDS_PROCESSED\n";

    @Test
    void countsABulkApi2JobOnceWhateverStateChangesWereLogged() throws Exception {
        Behaviour b = read(HEADER + """
                BulkApi2,2025-03-27T03:12:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,UploadComplete,
                BulkApi2,2025-03-27T03:13:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,InProgress,106000
                BulkApi2,2025-03-27T03:14:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,JobComplete,212000
                BulkApi2,2025-03-27T03:14:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobC,,Contact,query,JobComplete,212000
                BulkApi2,2025-03-27T03:15:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobA,,Account,query,JobComplete,64000
                BulkApi2,2025-03-27T03:16:00Z,00D5g000004ShpA,0055g00000Adm1,lk1,185.220.101.47,7505g000000JobA,,Account,query,InProgress,30000
                """);
        Behaviour.SessionStats s = b.sessions.get("lk1");
        assertThat(s.readRows).isEqualTo(212_000 + 64_000);
        assertThat(s.rowsByObject).containsEntry("Contact", 212_000L).containsEntry("Account", 64_000L);
        Behaviour.UserStats u = b.users.get("0055g00000Adm1");
        assertThat(u.rowsOn(Math.floorDiv(
                        java.time.Instant.parse("2025-03-27T00:00:00Z").toEpochMilli(), Behaviour.DAY)))
                .isEqualTo(276_000);
        // the evidence names the rows that carried the records, JobComplete first, and neither the
        // empty nor the repeated ones
        assertThat(s.top.refs()).extracting(EvidenceRef::line).containsExactly(4L, 3L, 6L);
    }

    @Test
    void aBulkApiBatchCountsItsOwnRecordsAndJobsOfOtherOrgsAreOtherJobs() throws Exception {
        Behaviour b = read(HEADER + """
                BulkApi,2025-03-27T02:11:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job1,7515g0000000B1,Contact,query,,23000
                BulkApi,2025-03-27T02:12:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job1,7515g0000000B2,Contact,query,,23000
                BulkApi2,2025-03-27T02:13:00Z,00D5g000004ShpA,0055g00000Int1,lk2,34.120.15.7,7505g000000Job2,,Contact,query,JobComplete,1000
                BulkApi2,2025-03-27T02:14:00Z,00D7z000000UatB,0055g00000Int1,lk2,34.120.15.7,7505g000000Job2,,Contact,query,JobComplete,1000
                """);
        assertThat(b.sessions.get("lk2").readRows).isEqualTo(23_000 + 23_000 + 1_000 + 1_000);
    }

    /** A ReportEvent record (Platform Events Developer Guide) of user 005S, session l1, on Contact. */
    private static void reportEvent(
            Behaviour b, long line, String execution, int sequence, String operation, int rows) {
        Map<String, String> f = Map.of(
                "EventDate", "2025-03-10T10:00:00.000Z",
                "ExecutionIdentifier", execution,
                "Sequence", Integer.toString(sequence),
                "UserId", "0055g00000Sam1",
                "LoginKey", "l1",
                "ReportId", "00O5g000001AbCd",
                "RowsProcessed", Integer.toString(rows),
                "Operation", operation,
                "QueriedEntities", "Contact");
        b.accept(RealtimeEvents.toEvent("ReportEvent", n -> f.getOrDefault(n, ""), "ReportEvent.json", line));
    }

    @Test
    void aReportExecutionSplitIntoChunksCountsItsRowsOnce() {
        Behaviour b = new Behaviour(Set.of("Contact"));
        for (int sequence = 1; sequence <= 3; sequence++) {
            reportEvent(b, sequence, "a50a4025-84f2-425d-8af9-2c780869f3b5", sequence, "ReportExported", 9000);
        }
        reportEvent(b, 4, "0b2c-other-run", 1, "ReportExportedAsynchronously", 500);
        assertThat(b.sessions.get("l1").readRows).isEqualTo(9_000 + 500);
        assertThat(b.sessions.get("l1").top.refs())
                .extracting(EvidenceRef::line)
                .containsExactly(1L, 4L);
    }

    @Test
    void reportsRunForADashboardOrAChartReadNothingOut() throws Exception {
        Behaviour b = new Behaviour(Set.of("Contact"));
        reportEvent(b, 1, "refresh", 1, "DashboardComponentUpdated", 50_000);
        reportEvent(b, 2, "chart", 1, "ChartRenderedOnHomePage", 50_000);
        reportEvent(b, 3, "scheduled", 1, "ReportScheduled", 50_000);
        assertThat(b.sessions.get("l1").readRows).isZero();
        reportEvent(b, 4, "classic", 1, "ReportRunFromClassic", 300);
        reportEvent(b, 5, "exported", 1, "ReportExported", 200);
        assertThat(b.sessions.get("l1").readRows).isEqualTo(500);

        // the Report event type of Event Log Files names the same contexts in ORIGIN
        String csv = """
                EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,LOGIN_KEY,ENTITY_NAME,REPORT_ID,ROW_COUNT,ORIGIN
                Report,2025-03-10T10:00:00Z,0055g00000Sam2,l2,Contact,00Oa,40000,DashboardComponentUpdated
                Report,2025-03-10T10:01:00Z,0055g00000Sam2,l2,Contact,00Ob,70,ReportRunFromLightning
                Report,2025-03-10T10:02:00Z,0055g00000Sam2,l2,Contact,00Oc,30,
                """;
        Problems problems = new Problems(5);
        try (CsvTable t =
                CsvTable.open("Report.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            EventLogReader.read("Report.csv", t, problems, b::accept, () -> {});
        }
        assertThat(b.sessions.get("l2").readRows).isEqualTo(100);
    }
}
