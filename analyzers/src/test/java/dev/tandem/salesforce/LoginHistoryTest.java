package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LoginHistoryTest {
    private static final String HEADER = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\","
            + "\"Browser\",\"Platform\",\"Application\",\"Client Version\",\"API Type\",\"API Version\",\"Login URL\","
            + "\"Country Code\"\n";

    private static LoginHistory read(String csv, Problems problems) throws Exception {
        LoginHistory h = new LoginHistory();
        try (CsvTable t = CsvTable.open(
                "LoginHistory.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            h.read("LoginHistory.csv", t, problems);
        }
        return h;
    }

    @Test
    void readsEachAttemptPerUserInTimeOrder() throws Exception {
        String csv = HEADER
                + "\"3/10/2025, 3:10:00 AM GMT\",\"Dana@Shop.example\",\"Application\",\"185.220.101.47\",\"Success\","
                + "\"Firefox 128\",\"Linux\",\"Browser Login\",\"N/A\",\"N/A\",\"N/A\",\"login.salesforce.com\",\"ro\"\n"
                + "\"3/10/2025, 3:02:00 AM GMT\",\"dana@shop.example\",\"Application\",\"185.220.101.47\","
                + "\"Invalid Password\",\"Firefox 128\",\"Linux\",\"Browser Login\",\"N/A\",\"N/A\",\"N/A\","
                + "\"login.salesforce.com\",\"RO\"\n"
                + "\"2025-03-10T04:00:00Z\",\"sync@shop.example\",\"Remote Access 2.0\",\"34.1.1.1\",\"Success\","
                + "\"Java (Salesforce.com)\",\"Unknown\",\"Data Loader\",\"\",\"\",\"\",\"login.salesforce.com\",\"US\"\n";
        Problems problems = new Problems(10);
        LoginHistory h = read(csv, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(h.of("DANA@shop.example"))
                .extracting(LoginHistory.Login::line, LoginHistory.Login::succeeded, LoginHistory.Login::country)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, false, "RO"),
                        org.assertj.core.groups.Tuple.tuple(2L, true, "RO"));
        assertThat(h.of("dana@shop.example").getFirst().interactive()).isTrue();
        assertThat(h.of("sync@shop.example").getFirst().interactive()).isFalse();
    }

    @Test
    void namesUnreadableRowsAndRefusesADownloadWithoutStatus() throws Exception {
        String csv = HEADER
                + "\"10 March\",\"dana@shop.example\",\"Application\",\"1.2.3.4\",\"Success\",\"\",\"\",\"\",\"\",\"\","
                + "\"\",\"\",\"\"\n"
                + "\"3/10/2025 3:10 AM GMT\",\"\",\"Application\",\"1.2.3.4\",\"Success\",\"\",\"\",\"\",\"\",\"\",\"\","
                + "\"\",\"\"\n";
        Problems problems = new Problems(10);
        LoginHistory h = read(csv, problems);
        assertThat(h.isEmpty()).isTrue();
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                2L,
                                Problem.Kind.MALFORMED_ROW,
                                "unreadable Login Time \"10 March\" (column 1; ISO 8601 or M/d/yyyy h:mm:ss AM zone)"),
                        org.assertj.core.groups.Tuple.tuple(3L, Problem.Kind.MALFORMED_ROW, "login without Username"),
                        org.assertj.core.groups.Tuple.tuple(
                                0L, Problem.Kind.MALFORMED_ROWS_SKIPPED, "2 malformed row(s) skipped"));

        Problems refused = new Problems(10);
        LoginHistory none = read(
                "\"Login Time\",\"Username\",\"Source IP\"\n\"2025-03-10T04:00:00Z\",\"a@b.example\",\"1.2.3.4\"\n",
                refused);
        assertThat(none.isEmpty()).isTrue();
        assertThat(refused.all()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(Problem.Kind.MISSING_COLUMNS);
            assertThat(p.kind().fileLevel()).isTrue();
            assertThat(p.message()).startsWith("Login History without a Status column");
        });
    }
}
