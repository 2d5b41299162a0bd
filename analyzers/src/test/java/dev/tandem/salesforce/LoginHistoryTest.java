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
        return read("LoginHistory.csv", csv, problems);
    }

    private static LoginHistory read(String file, String csv, Problems problems) throws Exception {
        LoginHistory h = new LoginHistory();
        try (CsvTable t =
                CsvTable.open(file, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            assertThat(LoginHistory.isLoginHistory(t.header())).isTrue();
            h.read(file, t, problems);
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
        // March 10 or October 3: nothing in so small a file tells, and it is said
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, Problem.Kind.TIMES_ASSUMED));
        assertThat(h.of("DANA@shop.example"))
                .extracting(LoginHistory.Login::line, LoginHistory.Login::succeeded, LoginHistory.Login::country)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, false, "RO"),
                        org.assertj.core.groups.Tuple.tuple(2L, true, "RO"));
        assertThat(h.of("dana@shop.example").getFirst().interactive()).isTrue();
        assertThat(h.of("sync@shop.example").getFirst().interactive()).isFalse();
    }

    /**
     * {@code sf data query --query "SELECT LoginTime, UserId, LoginType, SourceIp, Status, Browser,
     * Platform, Application, LoginUrl, CountryIso FROM LoginHistory" --result-format csv}: API names,
     * ISO times with an offset, the user by id; CRLF line ends and a BOM as a spreadsheet saves it.
     */
    @Test
    void readsAQueryExportOfTheObjectAndNamesItsUsersById() throws Exception {
        String csv =
                "\uFEFFLoginTime,UserId,LoginType,SourceIp,Status,Browser,Platform,Application,LoginUrl,CountryIso\r\n"
                        + "2025-03-10T03:10:00.000+0000,0055g00000DaNa1AAA,Application,185.220.101.47,Success,Firefox 128,"
                        + "Linux,Browser Login,login.salesforce.com,ro\r\n"
                        + "2025-03-10T05:02:00.000+0200,0055g00000DaNa1AAA,Application,185.220.101.47,Invalid Password,"
                        + "Firefox 128,Linux,Browser Login,login.salesforce.com,RO\r\n"
                        + "2025-03-10T04:00:00.000Z,0055g00000SyNc1AAA,Remote Access 2.0,34.1.1.1,Success,"
                        + "\"Java (Salesforce.com, Data Loader)\",Unknown,Data Loader,login.salesforce.com,US\r\n";
        Problems problems = new Problems(10);
        LoginHistory h = read("LoginHistory-query.csv", csv, problems);
        assertThat(problems.all()).isEmpty();
        assertThat(h.of("0055g00000DaNa1AAA"))
                .extracting(
                        LoginHistory.Login::line,
                        l -> java.time.Instant.ofEpochMilli(l.millis()).toString(),
                        LoginHistory.Login::succeeded,
                        LoginHistory.Login::country)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "2025-03-10T03:02:00Z", false, "RO"),
                        org.assertj.core.groups.Tuple.tuple(2L, "2025-03-10T03:10:00Z", true, "RO"));
        assertThat(h.of("0055g00000SyNc1AAA").getFirst().browser()).isEqualTo("Java (Salesforce.com, Data Loader)");
        assertThat(h.of("0055g00000SyNc1AAA").getFirst().interactive()).isFalse();

        // named by the User export: the logins are the user's, under the username
        h.nameUsers(id -> id.startsWith("0055g00000DaNa1") ? "dana@shop.example" : null);
        assertThat(h.of("0055g00000DaNa1AAA")).isEmpty();
        assertThat(h.of("Dana@shop.example"))
                .extracting(LoginHistory.Login::line, LoginHistory.Login::username)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3L, "dana@shop.example"),
                        org.assertj.core.groups.Tuple.tuple(2L, "dana@shop.example"));
        // an id is kept in its 15-character form: the 18-character one names the same user
        assertThat(h.usernames()).containsExactlyInAnyOrder("dana@shop.example", "0055g00000SyNc1");
        assertThat(h.of("0055g00000SyNc1")).isEqualTo(h.of("0055g00000SyNc1AAA"));
    }

    /** The country through the login's geolocation record, as a query that joins it names it. */
    @Test
    void readsTheCountryOfTheLoginGeoJoin() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = read(
                "geo.csv",
                "LoginTime,UserId,SourceIp,Status,LoginType,LoginGeo.CountryIso,LoginGeo.City\n"
                        + "2025-03-10T03:10:00.000Z,0055g00000DaNa1AAA,185.220.101.47,Success,Application,ro,Bucharest\n",
                problems);
        assertThat(problems.all()).isEmpty();
        assertThat(h.of("0055g00000DaNa1AAA"))
                .extracting(LoginHistory.Login::country)
                .containsExactly("RO");
        h.readRecord(
                "geo.json",
                5,
                java.util.Map.of(
                        "LoginTime", "2025-03-11T03:10:00.000+0000",
                        "UserId", "0055g00000DaNa1AAA",
                        "SourceIp", "185.220.101.47",
                        "Status", "Success",
                        "LoginGeo.CountryIso", "RO"),
                problems);
        assertThat(problems.all()).isEmpty();
        assertThat(h.of("0055g00000DaNa1AAA"))
                .extracting(LoginHistory.Login::country)
                .containsExactly("RO", "RO");
    }

    @Test
    void aRealTimeLoginEventIsNoLoginHistory() throws Exception {
        Problems problems = new Problems(10);
        try (CsvTable t = CsvTable.open(
                "LoginEvent.csv",
                new ByteArrayInputStream(("EventDate,LoginTime,UserId,Username,SourceIp,Status\n2025-03-10T03:10:00Z,"
                                + "2025-03-10T03:10:00Z,0055g00000DaNa1AAA,dana@shop.example,1.2.3.4,Success\n")
                        .getBytes(StandardCharsets.UTF_8)),
                problems)) {
            assertThat(LoginHistory.isLoginHistory(t.header())).isFalse();
        }
    }

    @Test
    void namesTheRowsOfAQueryExportByTheColumnsItHas() throws Exception {
        String csv = "LOGINTIME,USERID,LOGINTYPE,SOURCEIP,STATUS\n"
                + "\"03/10/2025 3:10\",\"0055g00000DaNa1AAA\",\"Application\",\"1.2.3.4\",\"Success\"\n"
                + "\"10.03.2025\",\"0055g00000DaNa1AAA\",\"Application\",\"1.2.3.4\",\"Success\"\n"
                + "\"2025-03-10T03:10:00.000Z\",\"\",\"Application\",\"1.2.3.4\",\"Success\"\n";
        Problems problems = new Problems(10);
        LoginHistory h = read("logins.csv", csv, problems);
        assertThat(h.of("0055g00000DaNa1AAA")).hasSize(1);
        assertThat(problems.all())
                .extracting(Problem::file, Problem::line, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "logins.csv",
                                3L,
                                "unreadable LoginTime \"10.03.2025\" (column 1; ISO 8601, or M/d/yyyy or d/M/yyyy h:mm:ss [AM] [zone])"),
                        org.assertj.core.groups.Tuple.tuple("logins.csv", 4L, "login without UserId (column 2)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "logins.csv",
                                2L,
                                "LoginTime: every date reads either way (line 2 \"03/10/2025 3:10\"): read month first"
                                        + " (M/d/yyyy, US English); if the download was made in a day-first locale,"
                                        + " download it again with the locale English (United States)"),
                        org.assertj.core.groups.Tuple.tuple("logins.csv", 0L, "2 malformed row(s) skipped"));
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
                                "unreadable Login Time \"10 March\" (column 1; ISO 8601, or M/d/yyyy or d/M/yyyy h:mm:ss [AM] [zone])"),
                        org.assertj.core.groups.Tuple.tuple(
                                3L, Problem.Kind.MALFORMED_ROW, "login without Username (column 2)"),
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
