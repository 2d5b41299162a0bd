package dev.tandem.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {
    private static CsvTable open(String csv, Problems problems) {
        return CsvTable.open("t.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems);
    }

    @Test
    void findsColumnsByNameWhateverTheirOrderAndCase() throws Exception {
        Problems problems = new Problems(5);
        try (CsvTable t = open("\uFEFF\"user_id\",\"EVENT_TYPE\"\n\"005A\",\"Login\"\n", problems)) {
            assertThat(t.header().find("EVENT_TYPE")).isEqualTo(1);
            assertThat(t.header().find("USER_ID")).isEqualTo(0);
            assertThat(t.header().find("MISSING", "user_id")).isEqualTo(0);
            assertThat(t.next()).isTrue();
            assertThat(t.get(t.header().find("EVENT_TYPE"))).isEqualTo("Login");
            assertThat(t.get(-1)).isEmpty();
        }
    }

    @Test
    void skipsAndReportsRowsWithTheWrongFieldCountWithTheirLines() throws Exception {
        Problems problems = new Problems(1);
        List<Long> lines = new ArrayList<>();
        try (CsvTable t = open("a,b\n1,2\n1,2,3\n\"multi\nline\",x\n4\n5,6\n", problems)) {
            while (t.next()) {
                lines.add(t.line());
            }
        }
        assertThat(lines).containsExactly(2L, 4L, 7L);
        assertThat(problems.all()).hasSize(2);
        assertThat(problems.all().get(0)).satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.kind()).isEqualTo(Problem.Kind.MALFORMED_ROW);
            assertThat(p.message()).isEqualTo("expected 2 fields, found 3");
        });
        assertThat(problems.all().get(1).kind()).isEqualTo(Problem.Kind.MALFORMED_ROWS_SKIPPED);
        assertThat(problems.all().get(1).message()).startsWith("2 malformed row(s) skipped");
    }

    @Test
    void reportsAnEmptyFile() {
        Problems problems = new Problems(5);
        assertThat(open("", problems)).isNull();
        assertThat(problems.all()).extracting(Problem::kind).containsExactly(Problem.Kind.UNREADABLE);
    }
}
