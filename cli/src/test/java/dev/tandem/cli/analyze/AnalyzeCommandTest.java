package dev.tandem.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    private static final String USER_EXPORT =
            "Id,Username,UserType,Profile.Name\n0055g00000A,a@shop.example,Standard,Standard User\n";

    @TempDir
    Path dir;

    /** The file was read once, and the repeat named in the one line on standard error. */
    private static void readOnce(CliRun r, String said) {
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo(said);
        assertThat(r.out()).contains("0 finding(s) in 1 input(s)");
    }

    @Test
    void aFolderWithNothingToReadIsAUsageErrorNotACleanOrg() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("exports"));
        CliRun r = CliRun.run("analyze", empty.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tandem analyze: no files under " + empty + ": nothing was analyzed\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFolderWithAFileIsAnalyzed() throws Exception {
        Files.writeString(
                dir.resolve("User.csv"),
                "Id,Username,UserType,Profile.Name\n0055g00000A,a@shop.example,Standard,Standard User\n");
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 finding(s) in 1 input(s)");
    }

    /**
     * A bulk read no rule could judge (no User export names its user) is a problem, not a finding:
     * exit 0 as docs/contracts.md §4 and ADR 143 have it, but the summary says it is no clean result.
     */
    @Test
    void aBulkReadNoRuleCouldJudgeExitsZeroButIsNotCalledClean() throws Exception {
        Files.writeString(
                dir.resolve("EventLogFile-BulkApi.csv"),
                "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,SESSION_KEY,ENTITY_TYPE,OPERATION_TYPE,ROWS_PROCESSED,"
                        + "CLIENT_IP\n"
                        + "BulkApi,2026-11-25T02:14:02.118Z,R1,0055g00000AbCdE,s1,Contact,query,250000,34.213.40.17\n"
                        + "BulkApi,2026-11-25T02:19:57.406Z,R2,0055g00000AbCdE,s1,Account,query,180000,34.213.40.17\n");
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("no User export names the user");
        assertThat(r.out())
                .contains("0 finding(s) in 1 input(s)")
                .endsWith("not a clean result: 1 bulk read(s) no rule could judge (BULK_READ_NOT_JUDGED above: add"
                        + " what it names and analyze again)\n");
    }

    /** One file given twice, by the same path or another, is read once and named once on stderr. */
    @Test
    void aFileGivenTwiceIsReadOnceAndNamed() throws Exception {
        Path user = dir.resolve("User.csv");
        Files.writeString(user, USER_EXPORT);
        CliRun twice = CliRun.run("analyze", user.toString(), user.toString());
        readOnce(twice, "tandem analyze: " + user + ": given twice; read once\n");
        Path again = dir.resolve("sub/../User.csv");
        Files.createDirectories(dir.resolve("sub"));
        CliRun other = CliRun.run("analyze", dir.toString(), again.toString());
        readOnce(other, "tandem analyze: " + again + ": the same file as " + user + "; read once\n");
    }

    @Test
    void namesTheRowsAnHourlyLogRepeatsFromADailyOneOnStandardError() throws Exception {
        String header = "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,LOGIN_KEY,ENTITY_NAME,ROWS_PROCESSED\n";
        String ten = "API,2025-03-10T10:00:00Z,4Zr1A,005A,l1,Contact,40\n";
        Files.createDirectories(dir.resolve("daily"));
        Files.createDirectories(dir.resolve("hourly"));
        Files.writeString(
                dir.resolve("daily/API.csv"), header + "API,2025-03-10T09:00:00Z,4Zr19,005A,l1,Contact,30\n" + ten);
        Files.writeString(dir.resolve("hourly/API-10.csv"), header + ten);
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .isEqualTo("tandem analyze: " + dir.resolve("hourly/API-10.csv") + ": 1 row(s) already read from "
                        + dir.resolve("daily/API.csv") + " (same REQUEST_ID, EVENT_TYPE and TIMESTAMP: an hourly and a"
                        + " 24-hour log of the same hours); counted once\n");
        assertThat(r.out()).contains("0 finding(s) in 2 input(s); 2 events");
    }

    @Test
    void anEventLogReSavedByASpreadsheetIsUnreadableInputNotACleanOrg() throws Exception {
        // Excel writes TIMESTAMP in scientific notation and TIMESTAMP_DERIVED as a local date
        Files.writeString(
                dir.resolve("API.csv"),
                "\uFEFFEVENT_TYPE,TIMESTAMP,REQUEST_ID,USER_ID,ENTITY_NAME,ROWS_PROCESSED,CLIENT_IP,TIMESTAMP_DERIVED\n"
                        + "API,2.02611E+13,R1,0055g00000AdMiN,Account,20,198.51.100.7,11/16/2026 9:28\n"
                        + "API,2.02611E+13,R2,0055g00000AdMiN,Account,20,198.51.100.7,11/17/2026 9:21\n");
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.out()).isEqualTo(2);
        assertThat(r.err())
                .contains(dir.resolve("API.csv") + ":2: unreadable TIMESTAMP \"2.02611E+13\" (column 2) and"
                        + " TIMESTAMP_DERIVED \"11/16/2026 9:28\" (column 8)")
                .contains(dir.resolve("API.csv") + ": no row of this Event Log File could be read (2 of 2 row(s)"
                        + " unreadable): nothing from it was analyzed");
    }

    /** Any finding makes the exit code 1, a MEDIUM SUSPICIOUS_LOGIN too (docs/leak-patterns.md, "Bad input"). */
    @Test
    void aMediumSuspiciousLoginIsAFindingAndExitsOne() throws Exception {
        StringBuilder lh = new StringBuilder("\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\"\n");
        lh.append("\"2025-03-15T22:12:44Z\",\"tom@shop.example\",\"Application\",\"185.220.101.5\",\"Success\"\n");
        for (int m : new int[] {9, 6, 3}) {
            lh.append("\"2025-03-15T22:0" + m + ":44Z\",\"tom@shop.example\",\"Application\",\"185.220.101.5\","
                    + "\"Invalid Password\"\n");
        }
        Files.writeString(dir.resolve("LoginHistory.csv"), lh.toString());
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.out()).startsWith("MEDIUM  SUSPICIOUS_LOGIN  USER tom@shop.example");
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
    }

    @Test
    void putsTheSetupAuditTrailsGrantsOnTheTimelineAndRefusesALoginHistoryWithoutStatus() throws Exception {
        Files.writeString(
                dir.resolve("SetupAuditTrail.csv"),
                "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\",\"Delegate User\"\n"
                        + "\"3/26/2025, 2:40:11 AM GMT\",\"bob@shop.example\",\"\",\"Permission set Ops: View All Data"
                        + " was changed from False to True\",\"Manage Users\",\"\"\n");
        CliRun r = CliRun.run("analyze", "--format", "json", dir.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains("\"pattern\":\"DATA_ACCESS_GRANT\",\"severity\":\"HIGH\"")
                .contains(
                        "\"timeline\":[{\"at\":\"2025-03-26T02:40:11Z\",\"kind\":\"setup-change\",\"subject\":\"Ops\",\"ip\":\"\","
                                + "\"text\":\"View All Data: \\\"Permission set Ops: View All Data was changed from False to True\\\""
                                + " by bob@shop.example\",\"file\":\"" + dir.resolve("SetupAuditTrail.csv")
                                + "\",\"line\":2}]");
        CliRun text = CliRun.run("analyze", dir.toString());
        assertThat(text.out()).contains("timeline (UTC):\n  2025-03-26 02:40:11Z  setup-change  Ops: View All Data: ");

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(
                other.resolve("LoginHistory.csv"),
                "Login Time,Username,Source IP\n2025-03-26T02:40:11Z,a@shop.example,192.0.2.1\n");
        CliRun refused = CliRun.run("analyze", other.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err())
                .startsWith("tandem analyze: " + other.resolve("LoginHistory.csv")
                        + ":1: Login History without a Status column");
    }

    /**
     * A file that is no capture the analysis reads (a README, a CSV with no column of personal data, an
     * image) is read but feeds nothing: exit 2 as for unreadable input (docs/contracts.md §4,
     * "Additions"), and the last lines say so and what is recognised, whatever the format.
     */
    @Test
    void aFileNothingInWhichIsRecognisedIsNotACleanResult() throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(
                readme,
                "# Notes\n\nTandem runs the incident track, one timeline, a PII scanner,\n"
                        + "and the export bag, verified offline.\n");
        Path random = dir.resolve("numbers.csv");
        Files.writeString(random, "a,b,c\n1,2,3\n4,5,6\n");
        Path png = dir.resolve("shot.png");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H'});
        for (Path f : new Path[] {readme, random, png}) {
            CliRun r = CliRun.run("analyze", f.toString());
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(r.out()).contains("0 finding(s) in 1 input(s)");
            String said = "tandem analyze: nothing in " + f + " was recognised as a capture tandem analyze reads,"
                    + " so nothing was analyzed (exit 2); it recognises, by header (docs/leak-patterns.md,"
                    + " \"What is read\"):\n";
            assertThat(r.err())
                    .contains(said)
                    .contains("  Event Log File CSV: an EVENT_TYPE column\n")
                    .contains("  Login History: Login Time, Username, Source IP")
                    .endsWith("  zip or gzip of any of these\n");
            // the message comes last, after any problem with the file's rows
            assertThat(r.err().substring(r.err().indexOf(said))).doesNotContain(f + ":");
        }
        CliRun json = CliRun.run("analyze", "--format", "json", random.toString(), readme.toString());
        assertThat(json.exit()).isEqualTo(2);
        assertThat(json.out())
                .startsWith(
                        "{\"findings\":[],\"inputs\":[{\"file\":\"" + random + "\",\"format\":\"data-export-csv\"}");
        assertThat(json.err()).contains("nothing in " + random + ", " + readme + " was recognised");
    }

    /** Beside a capture it reads, a file it does not recognise changes nothing: exit 0, no such line. */
    @Test
    void aFileNotRecognisedBesideACaptureLeavesTheResultAsItWas() throws Exception {
        Files.writeString(
                dir.resolve("User.csv"),
                "Id,Username,UserType,Profile.Name\n0055g00000A,a@shop.example,Standard,Standard User\n");
        Files.writeString(dir.resolve("numbers.csv"), "a,b,c\n1,2,3\n");
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).contains("0 finding(s) in 2 input(s)");
        // a data export is recognised by a column of personal data, as its rows are read for it
        Path contacts = dir.resolve("exports/Contact.csv");
        Files.createDirectories(contacts.getParent());
        Files.writeString(contacts, "Id,Email\n003A,jane@example.com\n");
        CliRun export = CliRun.run("analyze", contacts.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(export.err()).doesNotContain("was recognised");
    }

    /** A folder and a file in it, or two folders one inside the other: each file read once, each repeat named. */
    @Test
    void aFolderAndAFileOrFolderInsideItAreReadOnce() throws Exception {
        Path users = dir.resolve("users/User.csv");
        Files.createDirectories(users.getParent());
        Files.writeString(users, USER_EXPORT);
        CliRun fileFirst = CliRun.run("analyze", users.toString(), dir.toString());
        readOnce(fileFirst, "tandem analyze: " + users + ": given twice; read once\n");
        CliRun folders = CliRun.run("analyze", dir.toString(), users.getParent().toString());
        readOnce(folders, "tandem analyze: " + users + ": given twice; read once\n");
    }
}
