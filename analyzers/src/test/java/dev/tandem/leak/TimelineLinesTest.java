package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every timeline entry cites the row whose time it shows (docs/analysis-api.md, "The timeline"): the
 * test reads the cited line of the fixture, parses the time on it and compares it with the entry's
 * {@code at}, so a line off by one, or the line of another row of the session, fails it. The
 * fixtures have a header, a quoted field with line breaks, CRLF line ends and a byte order mark.
 */
class TimelineLinesTest {
    private static final String BOM = "\uFEFF";

    private static final String USERS = """
            "Id","Username","Profile.Name","UserType"
            "0055g00000DaNa1AAA","dana@shop.example","System Administrator","Standard"
            "0055g00000SaM01AAA","sam@shop.example","Standard User","Standard"
            """;

    private static final String LOGIN_HEADER = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\","
            + "\"Browser\",\"Platform\",\"Application\",\"Client Version\",\"API Type\",\"API Version\",\"Login URL\","
            + "\"Country Code\"\r\n";

    private static String login(String time, String user, String ip, String status, String country) {
        return "\"" + time + "\",\"" + user + "\",\"Application\",\"" + ip + "\",\"" + status
                + "\",\"Firefox 128\",\"Linux\",\"Browser Login\",\"N/A\",\"N/A\",\"N/A\",\"login.salesforce.com\",\""
                + country + "\"\r\n";
    }

    /** Nine days of logins from one IP, then failed logins and a success from another country. */
    private static String loginHistory(String user) {
        StringBuilder b = new StringBuilder(BOM + LOGIN_HEADER);
        for (int d = 1; d <= 9; d++) {
            b.append(login("3/" + d + "/2025, 9:00:00 AM GMT", user, "198.51.100.7", "Success", "US"));
        }
        for (int k = 0; k < 4; k++) {
            b.append(
                    login("3/10/2025, 3:0" + (2 + k) + ":00 AM GMT", user, "185.220.101.47", "Invalid Password", "RO"));
        }
        b.append(login("3/10/2025, 3:10:00 AM GMT", user, "185.220.101.47", "Success", "RO"));
        return b.toString();
    }

    /** A change with a line break in its Action (a quoted field), then the grant that opens data. */
    private static final String TRAIL = BOM + "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\","
            + "\"Delegate User\"\r\n"
            + "\"3/3/2025, 4:00:00 PM GMT\",\"bob@shop.example\",\"\",\"Changed Account page layout:\r\nfields moved\","
            + "\"Customize Accounts\",\"\"\r\n"
            + "\"3/10/2025, 3:15:00 AM GMT\",\"dana@shop.example\",\"\",\"Permission set Bulk_Export: assigned to user"
            + " Dana Whitfield (dana@shop.example)\",\"Manage Users\",\"\"\r\n";

    /**
     * Nine days of 200 Contacts a day (one row with a line break in a quoted field), then a night
     * session whose first read (1,000 rows) is lighter than the reads after it: the heaviest row is
     * not the first; {@code night} adds that session.
     */
    private static String restApiLog(boolean night) {
        StringBuilder b = new StringBuilder(BOM
                + "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,USER_NAME,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,"
                + "ROWS_PROCESSED,METHOD_NAME,QUERY\r\n");
        for (int d = 1; d <= 9; d++) {
            b.append("API,2025-03-0")
                    .append(d)
                    .append("T09:30:00Z,0055g00000DaNa1,dana@shop.example,s")
                    .append(d)
                    .append(",l")
                    .append(d)
                    .append(",198.51.100.7,Contact,200,query,")
                    .append(d == 9 ? "\"SELECT Id\r\nFROM Contact\"" : "SELECT Id FROM Contact")
                    .append("\r\n");
        }
        int[] rows = night ? new int[] {1000, 30_000, 29_000} : new int[0];
        for (int k = 0; k < rows.length; k++) {
            b.append("API,2025-03-10T03:2")
                    .append(k)
                    .append(":00Z,0055g00000DaNa1,dana@shop.example,s10,l10,185.220.101.47,Contact,")
                    .append(rows[k])
                    .append(",query,SELECT Id FROM Contact\r\n");
        }
        if (night) {
            // the session's last event reads nothing: the extraction ends at its last read
            b.append("API,2025-03-10T03:40:00Z,0055g00000DaNa1,dana@shop.example,s10,l10,185.220.101.47,Contact,0,"
                    + "query,SELECT Id FROM Contact WHERE Id = null\r\n");
        }
        return b.toString();
    }

    /** A Bulk API 2.0 job whose InProgress row (the first read) comes before its heavier JobComplete row. */
    private static String bulkApi2Log() {
        String header = "\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\",\"SESSION_KEY\","
                + "\"LOGIN_KEY\",\"JOB_ID\",\"ENTITY_TYPE\",\"OPERATION_TYPE\",\"JOB_STATUS\",\"RECORDS_PROCESSED\","
                + "\"RECORDS_FAILED\",\"TIMESTAMP_DERIVED\",\"CLIENT_IP\"\r\n";
        StringBuilder b = new StringBuilder(BOM + header);
        String[][] rows = {
            {"20250310032000.000", "R1", "UploadComplete", "", "2025-03-10T03:20:00.000Z"},
            {"20250310032100.000", "R2", "InProgress", "80000", "2025-03-10T03:21:00.000Z"},
            {"20250310032200.000", "R3", "JobComplete", "152340", "2025-03-10T03:22:00.000Z"}
        };
        for (String[] r : rows) {
            b.append("\"BulkApi2\",\"")
                    .append(r[0])
                    .append("\",\"")
                    .append(r[1])
                    .append("\",\"00D5g000004XyZa\",\"0055g00000DaNa1\",\"s10\",\"l10\",\"7505g000Job01\",\"Contact\","
                            + "\"query\",\"")
                    .append(r[2])
                    .append("\",\"")
                    .append(r[3])
                    .append("\",\"0\",\"")
                    .append(r[4])
                    .append("\",\"185.220.101.47\"\r\n");
        }
        return b.toString();
    }

    /** Report runs of a few rows, then a run of 12,000 rows exported a minute later. */
    private static String reportLog() {
        StringBuilder b = new StringBuilder(
                BOM + "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,REPORT_ID,"
                        + "ROW_COUNT\r\n");
        for (int d = 1; d <= 9; d++) {
            b.append("Report,2025-03-0")
                    .append(d)
                    .append("T10:00:00Z,0055g00000SaM01,s")
                    .append(d)
                    .append(",l")
                    .append(d)
                    .append(",198.51.100.7,Contact,00Oa,40\r\n");
        }
        b.append("Report,2025-03-10T10:00:00Z,0055g00000SaM01,s10,l10,198.51.100.7,Contact,00Obig,12000\r\n");
        return b.toString();
    }

    private static final String EXPORT_LOG = BOM
            + "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,REPORT_ID,CLIENT_INFO\r\n"
            + "ReportExport,2025-03-10T10:01:00Z,0055g00000SaM01,s10,l10,198.51.100.7,00Obig,CSV\r\n";

    private static AnalysisResult analyze(Map<String, String> files) throws InterruptedException {
        List<AnalysisInput> in = new ArrayList<>();
        files.forEach((name, text) ->
                in.add(AnalysisInput.of(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))));
        return new LeakAnalyzer().analyze(in, ProgressListener.NONE);
    }

    @Test
    void restApiReadsLoginsAndSetupChangesCiteTheRowsOfTheirTimes() throws Exception {
        AnalysisResult r = analyzeCitingTheirTimes(
                Map.of("API.csv", restApiLog(true), "SetupAuditTrail.csv", TRAIL), "dana@shop.example");
        assertThat(r.timeline()).extracting(TimelineEntry::kind).contains("login", "setup-change", "extraction");
        // the first read, after the header and the nine days' rows, one of which spans two lines
        assertExtraction(r, "2025-03-10T03:20:00Z", new EvidenceRef("API.csv", 12));
        // the setup change after the change whose Action spans two lines
        assertThat(r.timeline())
                .filteredOn(e -> e.kind().equals("setup-change"))
                .extracting(TimelineEntry::source)
                .contains(new EvidenceRef("SetupAuditTrail.csv", 4));
        // the grant's finding dates the extraction by its first and last reads
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT)
                .singleElement()
                .satisfies(f -> assertThat(f.rationale())
                        .contains("60,000 customer rows from 2025-03-10 03:20 UTC to 2025-03-10 03:22 UTC"));
    }

    @Test
    void aBulkApi2JobCitesItsFirstReadNotItsHeavierJobCompleteRow() throws Exception {
        AnalysisResult r = analyzeCitingTheirTimes(
                Map.of("API.csv", restApiLog(false), "BulkApi2.csv", bulkApi2Log()), "dana@shop.example");
        assertExtraction(r, "2025-03-10T03:21:00Z", new EvidenceRef("BulkApi2.csv", 3));
    }

    @Test
    void aReportExportCitesTheRunItRead() throws Exception {
        AnalysisResult r = analyzeCitingTheirTimes(
                Map.of("Report.csv", reportLog(), "ReportExport.csv", EXPORT_LOG), "sam@shop.example");
        assertExtraction(r, "2025-03-10T10:00:00Z", new EvidenceRef("Report.csv", 11));
    }

    /**
     * Two reads logged at the same time in two files: whichever file is read first, the entry cites
     * the row of the file first in name order, so that the same inputs give the same line.
     */
    @Test
    void readsLoggedAtTheSameTimeCiteTheSameRowWhateverOrderTheFilesAreReadIn() throws Exception {
        String header = "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,USER_NAME,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,"
                + "ROWS_PROCESSED,METHOD_NAME\r\n";
        String row = "API,2025-03-10T03:20:00Z,0055g00000DaNa1,dana@shop.example,s10,l10,185.220.101.47,Contact,";
        String a = header + row + "30000,query\r\n";
        String b = header + row + "31000,query\r\n";
        for (List<String> order :
                List.of(List.of("night-a.csv", "night-b.csv"), List.of("night-b.csv", "night-a.csv"))) {
            Map<String, String> files = new LinkedHashMap<>();
            files.put("User.csv", USERS);
            files.put("API.csv", restApiLog(false));
            for (String name : order) {
                files.put(name, name.equals("night-a.csv") ? a : b);
            }
            files.put("LoginHistory.csv", loginHistory("dana@shop.example"));
            AnalysisResult r = analyze(files);
            assertReadWithoutMalformedRows(r);
            assertEachEntryCitesTheRowOfItsTime(r, files);
            assertExtraction(r, "2025-03-10T03:20:00Z", new EvidenceRef("night-a.csv", 2));
        }
    }

    /**
     * The users, {@code logs}, and a Login History of {@code user}, analysed: every row read, and
     * every timeline entry citing the row of its time.
     */
    private static AnalysisResult analyzeCitingTheirTimes(Map<String, String> logs, String user)
            throws InterruptedException {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("User.csv", USERS);
        files.putAll(new java.util.TreeMap<>(logs));
        files.put("LoginHistory.csv", loginHistory(user));
        AnalysisResult r = analyze(files);
        assertReadWithoutMalformedRows(r);
        assertEachEntryCitesTheRowOfItsTime(r, files);
        return r;
    }

    /** The one extraction entry, at {@code at}, citing {@code row}. */
    private static void assertExtraction(AnalysisResult r, String at, EvidenceRef row) {
        assertThat(r.timeline())
                .filteredOn(e -> e.kind().equals("extraction"))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(Instant.parse(at));
                    assertThat(e.source()).isEqualTo(row);
                });
    }

    /** Every row read (the US dates of the Setup downloads are read month first, which is reported). */
    private static void assertReadWithoutMalformedRows(AnalysisResult r) {
        assertThat(r.problems()).allMatch(p -> p.kind() == Problem.Kind.TIMES_ASSUMED);
    }

    /** For each entry, the time written on the cited line of its file is the entry's time. */
    private static void assertEachEntryCitesTheRowOfItsTime(AnalysisResult r, Map<String, String> files) {
        assertThat(r.timeline()).isNotEmpty();
        for (TimelineEntry e : r.timeline()) {
            String text = files.get(e.source().file());
            assertThat(text).as("the file of %s", e).isNotNull();
            assertThat(timeOnLine(text, e.source().line()))
                    .as("the time on %s, cited by %s", e.source(), e)
                    .isEqualTo(e.at());
        }
    }

    private static final DateTimeFormatter SETUP_TIME =
            DateTimeFormatter.ofPattern("M/d/yyyy, h:mm:ss a 'GMT'", Locale.ROOT);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSS", Locale.ROOT);

    /**
     * The time in the time column of the record starting on physical line {@code line} (1-based;
     * CR, LF and CRLF end a line, as the CSV reader counts them).
     */
    static Instant timeOnLine(String text, long line) {
        String[] lines = text.replaceFirst("^" + BOM, "").split("\r\n|\r|\n", -1);
        List<String> header = fields(lines[0]);
        int column = -1;
        for (String name : List.of("TIMESTAMP_DERIVED", "TIMESTAMP", "Login Time", "Date")) {
            column = header.indexOf(name);
            if (column >= 0) break;
        }
        assertThat(column).as("a time column in %s", header).isGreaterThanOrEqualTo(0);
        assertThat(line).as("a line of the file").isBetween(2L, (long) lines.length);
        List<String> row = fields(lines[(int) line - 1]);
        assertThat(row.size()).as("the fields on line %d: %s", line, row).isGreaterThan(column);
        String value = row.get(column);
        if (value.matches("\\d{14}\\.\\d{3}")) {
            return LocalDateTime.parse(value, LOG_TIME).toInstant(ZoneOffset.UTC);
        }
        if (value.contains("/")) {
            return LocalDateTime.parse(value, SETUP_TIME).toInstant(ZoneOffset.UTC);
        }
        return Instant.parse(value);
    }

    /** The fields of one line of CSV, quoted or not (the time columns come before any field with a line break). */
    private static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
