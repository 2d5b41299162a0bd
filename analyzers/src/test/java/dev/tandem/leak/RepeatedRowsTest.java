package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.ActivityEvent;
import dev.tandem.salesforce.EventLogReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepeatedRowsTest {
    /** The events of an Event Log File with these rows (EVENT_TYPE, TIMESTAMP_DERIVED, REQUEST_ID). */
    private static List<ActivityEvent> rows(String file, String rows) throws Exception {
        String csv = "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID\n" + rows;
        List<ActivityEvent> out = new ArrayList<>();
        Problems problems = new Problems(5);
        try (CsvTable t =
                CsvTable.open(file, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            EventLogReader.read(file, t, problems, out::add, () -> {});
        }
        assertThat(problems.all()).isEmpty();
        return out;
    }

    private static List<Boolean> repeats(RepeatedRows r, List<ActivityEvent> events) {
        return events.stream().map(r::repeats).toList();
    }

    @Test
    void aRowOfAnotherFileWithTheSameRequestTypeAndTimeIsARepeat() throws Exception {
        RepeatedRows r = new RepeatedRows();
        // one transaction may log two events of a type: within a file, both count
        assertThat(repeats(r, rows("daily/API.csv", """
                API,2025-03-10T10:00:00.000Z,TX1,005A
                API,2025-03-10T10:00:00.000Z,TX1,005A
                API,2025-03-10T10:00:05.000Z,,005A
                """))).containsExactly(false, false, false);
        // another type, time or request, or no request at all, is another event
        assertThat(repeats(r, rows("hourly/API-10.csv", """
                API,2025-03-10T10:00:00.000Z,TX1,005A
                API,2025-03-10T10:00:00.000Z,TX1,005A
                RestApi,2025-03-10T10:00:00.000Z,TX1,005A
                API,2025-03-10T10:00:00.001Z,TX1,005A
                API,2025-03-10T10:00:00.000Z,TX2,005A
                API,2025-03-10T10:00:05.000Z,,005A
                """))).containsExactly(true, true, false, false, false, false);

        Problems problems = new Problems(5);
        r.report("daily/API.csv", problems);
        r.report("hourly/API-10.csv", problems);
        r.report("hourly/API-10.csv", problems);
        assertThat(problems.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.REPEATED_ROWS);
            assertThat(p.file()).isEqualTo("hourly/API-10.csv");
            assertThat(p.message()).startsWith("2 row(s) already read from daily/API.csv");
        });
    }

    @Test
    void remembersEveryRowAsTheTableGrows() throws Exception {
        StringBuilder day = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            day.append("URI,2025-03-10T10:00:00.000Z,R").append(i).append(",005A\n");
        }
        RepeatedRows r = new RepeatedRows();
        assertThat(repeats(r, rows("daily.csv", day.toString()))).containsOnly(false);
        assertThat(repeats(r, rows("hourly.csv", day.toString())))
                .hasSize(50_000)
                .containsOnly(true);
    }
}
