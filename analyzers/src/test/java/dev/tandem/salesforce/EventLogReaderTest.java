package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLogReaderTest {
    private static List<ActivityEvent> read(String csv, Problems problems) throws Exception {
        List<ActivityEvent> out = new ArrayList<>();
        try (CsvTable t =
                CsvTable.open("ELF.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            EventLogReader.read("ELF.csv", t, problems, out::add, () -> {});
        }
        return out;
    }

    @Test
    void readsBulkApiRowsByColumnName() throws Exception {
        String csv = """
                "EVENT_TYPE","TIMESTAMP","ORGANIZATION_ID","USER_ID","JOB_ID","ENTITY_TYPE","OPERATION_TYPE","ROWS_PROCESSED","SESSION_KEY","LOGIN_KEY","CLIENT_IP","TIMESTAMP_DERIVED","USER_ID_DERIVED"
                "BulkApi","20250327020130.120","00D5g000004ShpA","0055g00000AbCdE","750x","Contact","query","23000","sk1","lk1","34.120.15.7","2025-03-27T02:01:30.120Z","0055g00000AbCdEAAA"
                """;
        Problems problems = new Problems(5);
        List<ActivityEvent> events = read(csv, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(ActivityKind.BULK);
            assertThat(e.userId()).isEqualTo("0055g00000AbCdE");
            assertThat(e.entity()).isEqualTo("Contact");
            assertThat(e.rows()).isEqualTo(23000);
            assertThat(e.reads()).isTrue();
            assertThat(e.sessionId()).isEqualTo("lk1");
            assertThat(e.ip()).isEqualTo("34.120.15.7");
            assertThat(e.line()).isEqualTo(2);
        });
    }

    @Test
    void readsLoginSourceIpAndStatusAndTheObjectOfAQuery() throws Exception {
        String csv = """
                EVENT_TYPE,TIMESTAMP,USER_ID,SOURCE_IP,CLIENT_IP,LOGIN_STATUS,USER_NAME,METHOD_NAME,QUERY,ROWS_PROCESSED
                Login,20250328030200.000,005A,185.220.101.47,10.0.0.1,LOGIN_ERROR_INVALID_PASSWORD,dana@x.com,,,
                API,20250328031200.000,005A,,10.0.0.1,,,query,"SELECT Id, Email FROM Contact WHERE x = 1",150.0
                """;
        Problems problems = new Problems(5);
        List<ActivityEvent> events = read(csv, problems);
        assertThat(events.get(0).ip()).isEqualTo("185.220.101.47");
        assertThat(events.get(0).loginSucceeded()).isFalse();
        assertThat(events.get(0).username()).isEqualTo("dana@x.com");
        assertThat(events.get(1).entity()).isEqualTo("Contact");
        assertThat(events.get(1).rows()).isEqualTo(150);
    }

    @Test
    void reportsUnsupportedEventTypesOncePerTypeAndBadTimestampsByLine() throws Exception {
        String csv = """
                EVENT_TYPE,TIMESTAMP,USER_ID
                LightningPerformance,20250301000000.000,005A
                LightningPerformance,20250301000001.000,005A
                URI,not-a-time,005A
                ,20250301000001.000,005A
                URI,20250301000002.000,005A
                """;
        Problems problems = new Problems(5);
        List<ActivityEvent> events = read(csv, problems);
        assertThat(events).hasSize(1);
        assertThat(problems.all()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNSUPPORTED_EVENT_TYPE);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("LightningPerformance").contains("2 row(s)");
        });
        assertThat(problems.all()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MALFORMED_ROW);
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).contains("TIMESTAMP");
        });
        assertThat(problems.all()).anySatisfy(p -> assertThat(p.line()).isEqualTo(5));
    }

    @Test
    void readsTimestampWhenTimestampDerivedIsUnreadableAndNamesBothFieldsWhenNeitherIs() throws Exception {
        // TIMESTAMP_DERIVED as a spreadsheet shows it, TIMESTAMP as Salesforce wrote it
        String csv = """
                "EVENT_TYPE","TIMESTAMP","REQUEST_ID","USER_ID","ENTITY_NAME","ROWS_PROCESSED","CLIENT_IP","TIMESTAMP_DERIVED"
                "API","20261130015512.345","R1","0055g00000AdMiN","Contact","200","198.51.100.7","11/30/2026 1:55:12 AM"
                "API","2.02611E+13","R2","0055g00000AdMiN","Contact","200","198.51.100.7","11/30/2026 1:55"
                """;
        Problems problems = new Problems(5);
        List<ActivityEvent> events = read(csv, problems);
        assertThat(events)
                .singleElement()
                .satisfies(e -> assertThat(e.epochMillis())
                        .isEqualTo(java.time.Instant.parse("2026-11-30T01:55:12.345Z")
                                .toEpochMilli()));
        assertThat(problems.all()).filteredOn(p -> p.line() > 0).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MALFORMED_ROW);
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message())
                    .startsWith("unreadable TIMESTAMP \"2.02611E+13\" (column 2) and TIMESTAMP_DERIVED"
                            + " \"11/30/2026 1:55\" (column 8)");
        });
    }

    @Test
    void anEventLogOfWhichNoRowIsReadableIsAnUnreadableInput() throws Exception {
        // an Event Log File re-saved by Excel: every time in spreadsheet notation
        String csv = """
                EVENT_TYPE,TIMESTAMP,USER_ID,ROWS_PROCESSED,CLIENT_IP,TIMESTAMP_DERIVED
                API,2.02611E+13,0055g00000AdMiN,20,198.51.100.7,11/16/2026 9:28
                API,2.02611E+13,0055g00000AdMiN,20,198.51.100.7,11/17/2026 9:21
                """;
        Problems problems = new Problems(5);
        assertThat(read(csv, problems)).isEmpty();
        assertThat(problems.all()).anySatisfy(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.UNREADABLE);
            assertThat(p.kind().fileLevel()).isTrue();
            assertThat(p.message()).contains("no row").contains("2 of 2");
        });
    }

    @Test
    void saysWhenARowCountIsNoWholeNumberAndReadsTheRowWithoutIt() throws Exception {
        String csv = """
                EVENT_TYPE,TIMESTAMP,USER_ID,ENTITY_NAME,METHOD_NAME,ROWS_PROCESSED,CLIENT_IP
                API,20261130015515.345,0055g00000AdMiN,Contact,query,200,198.51.100.7
                API,20261130015516.345,0055g00000AdMiN,Contact,query,two hundred,198.51.100.7
                API,20261130015518.345,0055g00000AdMiN,Contact,query,-5,198.51.100.7
                API,20261130015519.345,0055g00000AdMiN,Contact,query,,198.51.100.7
                """;
        Problems problems = new Problems(5);
        List<ActivityEvent> events = read(csv, problems);
        assertThat(events).extracting(ActivityEvent::rows).containsExactly(200L, -1L, -1L, -1L);
        assertThat(problems.all())
                .extracting(Problem::line, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                3L,
                                "ROWS_PROCESSED \"two hundred\" (column 6) is no whole number: the row is read with its"
                                        + " row count unknown"),
                        org.assertj.core.groups.Tuple.tuple(
                                4L,
                                "ROWS_PROCESSED \"-5\" (column 6) is no whole number: the row is read with its row"
                                        + " count unknown"));
    }

    @Test
    void theObjectOfAQueryIsThatOfItsOuterFromClause() {
        assertThat(EventLogReader.entityOf("SELECT Id, Name, (SELECT Email, Phone FROM Contacts) FROM Account"))
                .isEqualTo("Account");
        assertThat(EventLogReader.entityOf("SELECT Id FROM Contact WHERE Name = 'a (from) b'"))
                .isEqualTo("Contact");
        assertThat(EventLogReader.entityOf("SELECT Id, Email FROM Contact WHERE x = 1"))
                .isEqualTo("Contact");
        assertThat(EventLogReader.entityOf("SELECT Id FROM Lead WHERE Id IN (SELECT LeadId FROM CampaignMember)"))
                .isEqualTo("Lead");
    }

    @Test
    void refusesAnEventLogWithoutUserColumn() throws Exception {
        Problems problems = new Problems(5);
        assertThat(read("EVENT_TYPE,TIMESTAMP\nURI,20250301000000.000\n", problems))
                .isEmpty();
        assertThat(problems.all()).extracting(Problem::kind).contains(Problem.Kind.MISSING_COLUMNS);
    }
}
