package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Setup download is written in the locale of the user who made it: its dates are read the way the
 * whole file shows they go, and what could only be assumed is said (docs/leak-patterns.md, "Login
 * History and Setup Audit Trail").
 */
class FileTimesTest {
    private static final String HEADER = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\"\n";

    private static String login(String time, String user) {
        return "\"" + time + "\",\"" + user + "\",\"Application\",\"185.220.101.47\",\"Success\"\n";
    }

    private static LoginHistory logins(Problems problems, String... rows) throws Exception {
        String csv = HEADER + String.join("", rows);
        LoginHistory h = new LoginHistory();
        try (CsvTable t = CsvTable.open(
                "LoginHistory.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            h.read("LoginHistory.csv", t, problems);
        }
        return h;
    }

    private static List<String> times(LoginHistory h, String user) {
        return h.of(user).stream()
                .map(l -> Instant.ofEpochMilli(l.millis()).toString())
                .toList();
    }

    private static long iso(String s) {
        return Instant.parse(s).toEpochMilli();
    }

    @Test
    void aBritishDownloadIsReadDayFirstAndItsEarlyDaysWithIt() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("03/04/2025, 09:00:00 BST", "dana@shop.example"),
                login("15/03/2025, 22:12:44 GMT", "dana@shop.example"),
                login("01/03/2025, 08:00:00 GMT", "dana@shop.example"));
        // 3 April, not 4 March: London writes BST in April, not in early March (and line 3 has a day past the 12th)
        assertThat(times(h, "dana@shop.example"))
                .containsExactly("2025-03-01T08:00:00Z", "2025-03-15T22:12:44Z", "2025-04-03T08:00:00Z");
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(tuple(
                        2L,
                        Problem.Kind.TIMES_ASSUMED,
                        "Login Time: dates read day first (d/M/yyyy), as line 2 \"03/04/2025, 09:00:00 BST\" can"
                                + " only be read; 1 that read either way read so too"));
    }

    /**
     * A London administrator's short summer download: every date reads either way, but BST is not
     * written in February or January, so 02/04 is 2 April.
     */
    @Test
    void aSummerTimeNameTellsTheOrderWhereTheDatesCannot() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("02/04/2025, 23:13:34 BST", "dana@shop.example"),
                login("01/04/2025, 10:00:00 BST", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example")).containsExactly("2025-04-01T09:00:00Z", "2025-04-02T22:13:34Z");
        // no date could be read the other way: nothing was assumed
        assertThat(problems.all()).isEmpty();
        // and in a US download, PST on 3/4/2025 is March 4: Los Angeles writes PDT on April 3
        assertThat(SetupTimes.read("3/4/2025 10:00 PST").onlyMonthFirst()).isTrue();
        assertThat(SetupTimes.read("1/2/2025 10:00 PST").eitherWay()).isTrue();
        assertThat(SetupTimes.read("7/8/2025 10:00 AM MST").eitherWay())
                .as("Phoenix writes MST all year")
                .isTrue();
    }

    @Test
    void datesWrittenAsDayFirstLocalesWriteThemAreReadDayFirstAndItIsSaid() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("02/03/2025, 23:13:34 GMT", "dana@shop.example"),
                login("05/03/2025, 09:00:00 GMT", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example")).containsExactly("2025-03-02T23:13:34Z", "2025-03-05T09:00:00Z");
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(tuple(
                        2L,
                        Problem.Kind.TIMES_ASSUMED,
                        "Login Time: every date reads either way (line 2 \"02/03/2025, 23:13:34 GMT\"): read day"
                                + " first (d/M/yyyy), as they are written with a leading zero and on 24 hours, as"
                                + " day-first locales write dates and US English does not (2/4/2025, 11:13:34 PM); if"
                                + " that is wrong, download it again with the locale English (United States)"));
    }

    @Test
    void anAmericanDownloadWithADayPastTheTwelfthSaysNothing() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("4/3/2025, 9:00:00 AM PDT", "dana@shop.example"),
                login("3/15/2025, 10:12:44 PM PDT", "dana@shop.example"),
                login("3/1/2025, 8:00:00 AM PST", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example"))
                .containsExactly("2025-03-01T16:00:00Z", "2025-03-16T05:12:44Z", "2025-04-03T16:00:00Z");
        // PDT beside PST: Los Angeles' zone, not Manila's
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void aGermanDownloadWithDotsAndGermanZoneNames() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("03.04.2025, 11:00:00 MESZ", "dana@shop.example"),
                login("01.03.2025, 09:00 MEZ", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example")).containsExactly("2025-03-01T08:00:00Z", "2025-04-03T09:00:00Z");
        assertThat(problems.all()).isEmpty();
    }

    /**
     * Downloads by users whose locale writes the month as a word (Salesforce's ICU formats, as CLDR
     * writes them): the name says which number is the day, so the file's other dates follow it and
     * nothing is assumed.
     */
    @Test
    void aMonthsNameSettlesTheOrderOfTheFile() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("15 mars 2025 14:03", "dana@shop.example"),
                login("03/04/2025 09:00", "dana@shop.example"));
        // 3 April: the French name put the day first
        assertThat(times(h, "dana@shop.example")).containsExactly("2025-03-15T14:03:00Z", "2025-04-03T09:00:00Z");
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(tuple(
                        2L,
                        Problem.Kind.TIMES_ASSUMED,
                        "Login Time: dates read day first (d/M/yyyy), as line 2 \"15 mars 2025 14:03\" can only be"
                                + " read; 1 that read either way read so too"));

        // written with a leading zero and on 24 hours, 03/04 alone would be read day first; the English
        // name before the day puts the month first
        Problems english = new Problems(10);
        LoginHistory en = logins(
                english,
                login("Mar 4, 2025 14:03", "dana@shop.example"),
                login("03/04/2025 09:00", "dana@shop.example"));
        assertThat(times(en, "dana@shop.example")).containsExactly("2025-03-04T09:00:00Z", "2025-03-04T14:03:00Z");
        assertThat(english.all()).isEmpty();

        Problems french = new Problems(10);
        LoginHistory fr = logins(
                french,
                login("2 févr. 2025, 09:13:34 UTC+1", "dana@shop.example"),
                login("1 janv. 2025 23:00 UTC+01:00", "dana@shop.example"));
        assertThat(times(fr, "dana@shop.example")).containsExactly("2025-01-01T22:00:00Z", "2025-02-02T08:13:34Z");
        assertThat(french.all()).isEmpty();
    }

    @Test
    void readsMonthNamesInEnglishAndTheEuropeanLanguagesAsCldrWritesThem() {
        String[][] cases = {
            // English: United States, Canada; United Kingdom, Ireland, India, Australia
            {"Mar 15, 2025 2:03 PM", "2025-03-15T14:03:00Z"},
            {"Mar 15, 2025, 2:03:07 PM PDT", "2025-03-15T21:03:07Z"},
            {"March 15, 2025 at 2:03:07 PM GMT", "2025-03-15T14:03:07Z"},
            {"Sept. 5, 2025, 9:03 a.m.", "2025-09-05T09:03:00Z"},
            {"15-Mar-2025 14:03", "2025-03-15T14:03:00Z"},
            {"15 Mar 2025, 14:03:07 GMT", "2025-03-15T14:03:07Z"},
            {"5 Sept 2025, 09:03", "2025-09-05T09:03:00Z"},
            {"5 June 2025, 2:03 pm", "2025-06-05T14:03:00Z"},
            // French, German (Germany, Austria), Italian, Spanish, Dutch, Portuguese, Nordic, Polish
            {"15 mars 2025 14:03", "2025-03-15T14:03:00Z"},
            {"5 sept. 2025, 09:03:07", "2025-09-05T09:03:07Z"},
            {"15 déc. 2025 14:03", "2025-12-15T14:03:00Z"},
            {"15. März 2025 14:03", "2025-03-15T14:03:00Z"},
            {"15. März 2025 um 14:03:07 MEZ", "2025-03-15T13:03:07Z"},
            {"2. Jän. 2025, 14:03", "2025-01-02T14:03:00Z"},
            {"15 marzo 2025, 14:03", "2025-03-15T14:03:00Z"},
            {"5 set 2025, 09:03", "2025-09-05T09:03:00Z"},
            {"15 de marzo de 2025, 14:03", "2025-03-15T14:03:00Z"},
            {"5 ene 2025, 9:03", "2025-01-05T09:03:00Z"},
            {"15 mrt 2025, 14:03", "2025-03-15T14:03:00Z"},
            {"15 mei 2025 14:03", "2025-05-15T14:03:00Z"},
            {"15 de mar. de 2025 14:03", "2025-03-15T14:03:00Z"},
            {"15 de março de 2025, 14:03", "2025-03-15T14:03:00Z"},
            {"5 out. 2025 14:03", "2025-10-05T14:03:00Z"},
            {"15 okt. 2025 14:03", "2025-10-15T14:03:00Z"},
            {"15 maj 2025 14:03", "2025-05-15T14:03:00Z"},
            {"15 października 2025 14:03", "2025-10-15T14:03:00Z"},
            // any case; an accent left out where no other month is so written
            {"15 MARS 2025 14:03", "2025-03-15T14:03:00Z"},
            {"15 Marz 2025 14:03", "2025-03-15T14:03:00Z"},
            {"15 fevr 2025 14:03", "2025-02-15T14:03:00Z"}
        };
        for (String[] c : cases) {
            assertThat(SetupTimes.parse(c[0])).as(c[0]).isEqualTo(iso(c[1]));
        }
        // the name tells the order: read one way only
        assertThat(SetupTimes.read("5 mars 2025 14:03").onlyDayFirst()).isTrue();
        assertThat(SetupTimes.read("Mar 5, 2025 2:03 PM").onlyMonthFirst()).isTrue();
        for (String bad : new String[] {
            "31 févr. 2025 14:03",
            "15 mars 2025",
            "15 Marzipan 2025 14:03",
            "Mars 15 2025",
            "15 mars 2025 25:00",
            "15 mars 2025 14:03 Paris",
            "yesterday 14:03",
            "15 de de mars 2025 14:03"
        }) {
            assertThat(SetupTimes.read(bad).readable()).as(bad).isFalse();
        }
    }

    @Test
    void aFileThatJoinsTwoLocalesIsReadTheWayMostOfItGoesAndTheRestNamed() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("15/03/2025 10:00", "dana@shop.example"),
                login("16/03/2025 10:00", "dana@shop.example"),
                login("3/17/2025 10:00", "sam@shop.example"),
                login("05/03/2025 10:00", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example"))
                .containsExactly("2025-03-05T10:00:00Z", "2025-03-15T10:00:00Z", "2025-03-16T10:00:00Z");
        assertThat(h.of("sam@shop.example")).isEmpty();
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(
                        tuple(
                                2L,
                                Problem.Kind.TIMES_ASSUMED,
                                "Login Time: dates read both ways (2 only day first, as line 2 \"15/03/2025 10:00\"; 1"
                                        + " only month first, as line 4 \"3/17/2025 10:00\"): read day first, the others"
                                        + " named as malformed; a download holds one locale's dates, so this file joins"
                                        + " two: read them apart"),
                        tuple(
                                4L,
                                Problem.Kind.MALFORMED_ROW,
                                "Login Time reads only month first, where this file's dates read day first (column 1;"
                                        + " line 2)"),
                        tuple(0L, Problem.Kind.MALFORMED_ROWS_SKIPPED, "1 malformed row(s) skipped"));
    }

    @Test
    void anAbbreviationAnotherZoneWritesIsSaidUnlessItsOtherSeasonIsThere() throws Exception {
        Problems problems = new Problems(10);
        LoginHistory h = logins(
                problems,
                login("3/15/2025, 3:30:00 PM IST", "dana@shop.example"),
                login("3/16/2025, 9:00:00 AM CST", "dana@shop.example"),
                login("3/17/2025, 9:00:00 AM CDT", "dana@shop.example"));
        assertThat(times(h, "dana@shop.example"))
                .containsExactly("2025-03-15T10:00:00Z", "2025-03-16T15:00:00Z", "2025-03-17T14:00:00Z");
        // IST is India's here, and Ireland's summer and Israel's winter time too; CST has CDT beside it
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind, Problem::message)
                .containsExactly(tuple(
                        2L,
                        Problem.Kind.TIMES_ASSUMED,
                        "Login Time: IST read as UTC+05:30; Europe/Dublin (UTC+01:00), Asia/Jerusalem (UTC+02:00) write"
                                + " it too: if the download was made by a user set to one of those, download it again"
                                + " set to GMT"));
    }

    @Test
    void aSetupAuditTrailDownloadedDayFirstDatesItsChangesSo() throws Exception {
        String csv = "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\",\"Delegate User\"\n"
                + "\"20/03/2025, 16:00:00 GMT\",\"bob@shop.example\",\"\",\"Changed password policy\",\"Security\",\"\"\n"
                + "\"10/03/2025, 03:15:00 GMT\",\"dana@shop.example\",\"\",\"Permission set Bulk_Export: assigned to"
                + " user Dana Whitfield (dana@shop.example)\",\"Manage Users\",\"\"\n";
        Problems problems = new Problems(10);
        SetupAuditTrail trail = new SetupAuditTrail();
        try (CsvTable t = CsvTable.open(
                "SetupAuditTrail.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            trail.read("SetupAuditTrail.csv", t, problems);
        }
        // the change that opens nothing tells the order of the one that does: 10 March, not 3 October
        assertThat(trail.changes())
                .extracting(c -> Instant.ofEpochMilli(c.millis()).toString(), SetupAuditTrail.Change::line)
                .containsExactly(tuple("2025-03-10T03:15:00Z", 3L));
        assertThat(problems.all())
                .extracting(Problem::line, Problem::kind)
                .containsExactly(tuple(2L, Problem.Kind.TIMES_ASSUMED));
    }

    @Test
    void readsEachFormBothWaysWhereItCouldBeEither() {
        assertThat(SetupTimes.read("3/4/2025 10:00"))
                .isEqualTo(
                        new SetupTimes.Reading(iso("2025-03-04T10:00:00Z"), iso("2025-04-03T10:00:00Z"), null, false));
        assertThat(SetupTimes.read("15/3/2025 10:00").onlyDayFirst()).isTrue();
        assertThat(SetupTimes.read("3/15/2025 10:00").onlyMonthFirst()).isTrue();
        assertThat(SetupTimes.read("4/4/2025 10:00").eitherWay()).isFalse();
        assertThat(SetupTimes.read("04.03.2025 10:00").onlyDayFirst()).isTrue();
        String[][] cases = {
            {"2025/03/15 22:12:44", "2025-03-15T22:12:44Z"},
            {"15-03-2025, 22:12:44", "2025-03-15T22:12:44Z"},
            {"15.03.25 22:12", "2025-03-15T22:12:00Z"},
            {"15/03/2025 19:12:44 UTC\u221203:00", "2025-03-15T22:12:44Z"},
            {"15/03/2025 23:12:44 GMT+1", "2025-03-15T22:12:44Z"},
            {"15/03/2025 10:12:44 p.m. GMT", "2025-03-15T22:12:44Z"},
            {"3/15/2025, 12:30:00\u202fAM GMT", "2025-03-15T00:30:00Z"},
            {"3/15/2025, 12:30:00 PM GMT", "2025-03-15T12:30:00Z"},
            {"15/03/2025 09:12:44 AEDT", "2025-03-14T22:12:44Z"}
        };
        for (String[] c : cases) {
            assertThat(SetupTimes.parse(c[0])).as(c[0]).isEqualTo(iso(c[1]));
        }
        for (String bad : new String[] {
            "31/02/2025 10:00", "15/03/2025 13:00 PM", "15/03/2025 10:61", "15/03/2025 10:00 GMT+19", "15/03/2025"
        }) {
            assertThat(SetupTimes.read(bad).readable()).as(bad).isFalse();
        }
    }
}
