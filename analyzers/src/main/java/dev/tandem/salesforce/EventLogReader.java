package dev.tandem.salesforce;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Event Log File CSVs (EventLogFile supported event types, Object Reference). Columns are
 * looked up by name once per file; each row's EVENT_TYPE says how to read it, so a file that mixes
 * types is read too. Rows of event types not listed in {@link #SUPPORTED} are counted and reported
 * as unsupported, once per type and file.
 */
public final class EventLogReader {

    /** The event type of Bulk API 2.0 rows, whose job is logged once per state change. */
    static final String BULK_API_2 = "BulkApi2";

    /** Event types read, and what each tells. */
    public static final Map<String, ActivityKind> SUPPORTED = Map.ofEntries(
            Map.entry("Login", ActivityKind.LOGIN),
            Map.entry("LoginAs", ActivityKind.LOGIN_AS),
            Map.entry("Logout", ActivityKind.LOGOUT),
            Map.entry("API", ActivityKind.API),
            Map.entry("RestApi", ActivityKind.API),
            Map.entry("ApexRestApi", ActivityKind.API),
            Map.entry("BulkApi", ActivityKind.BULK),
            Map.entry(BULK_API_2, ActivityKind.BULK),
            Map.entry("Report", ActivityKind.REPORT),
            Map.entry("ReportExport", ActivityKind.REPORT_EXPORT),
            Map.entry("URI", ActivityKind.PAGE),
            Map.entry("Sites", ActivityKind.PAGE),
            Map.entry("DocumentAttachmentDownloads", ActivityKind.DOWNLOAD),
            Map.entry("ApexCallout", ActivityKind.CALLOUT));

    private static final Pattern FROM = Pattern.compile("(?i)\\bfrom\\s+([A-Za-z0-9_]+)");

    private EventLogReader() {}

    /** True when a CSV header is that of an Event Log File. */
    public static boolean isEventLogFile(Header h) {
        return h.has("EVENT_TYPE");
    }

    /** The columns of one Event Log File, looked up by name once (-1: absent). */
    private record Columns(
            int type,
            int tsDerived,
            int ts,
            int org,
            int userDerived,
            int user,
            int userName,
            int userType,
            int session,
            int loginKey,
            int sourceIp,
            int clientIp,
            int entity,
            int query,
            int rows,
            int operation,
            int url,
            int uri,
            int status,
            int client,
            int loginType,
            int report,
            int requestSize,
            int delegated,
            int job,
            int origin,
            int request,
            int connectedApp) {

        static Columns of(Header h) {
            return new Columns(
                    h.find("EVENT_TYPE"),
                    h.find("TIMESTAMP_DERIVED"),
                    h.find("TIMESTAMP"),
                    h.find("ORGANIZATION_ID"),
                    h.find("USER_ID_DERIVED"),
                    h.find("USER_ID"),
                    h.find("USER_NAME"),
                    h.find("USER_TYPE"),
                    h.find("SESSION_KEY"),
                    h.find("LOGIN_KEY"),
                    h.find("SOURCE_IP"),
                    h.find("CLIENT_IP"),
                    h.find("ENTITY_NAME", "ENTITY_TYPE", "ENTITY"),
                    h.find("QUERY", "SOQL_QUERY"),
                    h.find(
                            "ROWS_PROCESSED",
                            "ROW_COUNT",
                            "NUMBER_OF_RECORDS",
                            "RECORDS_PROCESSED",
                            "NUMBER_RECORDS_PROCESSED"),
                    h.find("OPERATION_TYPE", "METHOD_NAME", "METHOD", "HTTP_METHOD"),
                    h.find("URL", "URL_RE"),
                    h.find("URI", "URI_ID_DERIVED"),
                    h.find("LOGIN_STATUS", "REQUEST_STATUS", "STATUS_CODE", "SUCCESS"),
                    h.find("CLIENT_NAME", "BROWSER_TYPE"),
                    h.find("LOGIN_TYPE"),
                    h.find("REPORT_ID_DERIVED", "REPORT_ID"),
                    h.find("REQUEST_SIZE"),
                    h.find("DELEGATED_USER_NAME", "DELEGATED_USER_ID"),
                    h.find("JOB_ID"),
                    h.find("ORIGIN"),
                    h.find("REQUEST_ID"),
                    h.find("CONNECTED_APP_ID"));
        }
    }

    /**
     * Streams the rows of one Event Log File CSV to {@code sink}. The caller checks for
     * interruption through {@code everyBatch}, run every 4096 rows.
     */
    public static void read(
            String file, CsvTable table, Problems problems, Consumer<ActivityEvent> sink, Runnable everyBatch) {
        Columns c = Columns.of(table.header());
        if (c.user < 0 && c.userDerived < 0) {
            problems.report(file, 1, Problem.Kind.MISSING_COLUMNS, "Event Log File without USER_ID column");
            return;
        }
        if (c.ts < 0 && c.tsDerived < 0) {
            problems.report(file, 1, Problem.Kind.MISSING_COLUMNS, "Event Log File without TIMESTAMP column");
            return;
        }
        FileState state = new FileState(problems.rowProblemsListedPerFile());
        long n = 0;
        long events = 0;
        while (table.next()) {
            if ((++n & 4095) == 0) {
                everyBatch.run();
            }
            ActivityEvent e = event(file, table, c, problems, state);
            if (e != null) {
                events++;
                sink.accept(e);
            }
        }
        long unsupportedRows = 0;
        for (var e : state.unsupported.entrySet()) {
            unsupportedRows += e.getValue()[0];
            problems.report(
                    file,
                    e.getValue()[1],
                    Problem.Kind.UNSUPPORTED_EVENT_TYPE,
                    "event type \"" + clip(e.getKey()) + "\" is not supported: " + e.getValue()[0] + " row(s) skipped");
        }
        if (events == 0 && state.unreadable > 0) {
            // nothing read is no clean result (docs/contracts.md §4): the file as a whole is unreadable
            problems.report(
                    file,
                    0,
                    Problem.Kind.UNREADABLE,
                    "no row of this Event Log File could be read (" + state.unreadable + " of " + table.rowsRead()
                            + " row(s) unreadable"
                            + (unsupportedRows > 0 ? ", " + unsupportedRows + " unsupported" : "")
                            + "): nothing from it was analyzed");
        }
    }

    /** What one file's rows left to report: unsupported event types, unreadable rows, bad numbers. */
    private static final class FileState {
        final Map<String, long[]> unsupported = new LinkedHashMap<>();
        final int listed;
        long unreadable;
        long badNumbers;

        FileState(int listed) {
            this.listed = listed;
        }
    }

    /**
     * The event of the table's current row, or null when the row is not one (problems and
     * unsupported event types noted). One method per row, apart from the loop, so that the JIT
     * compiles it once, not inside the loop's on-stack replacement as well.
     */
    private static @Nullable ActivityEvent event(
            String file, CsvTable table, Columns c, Problems problems, FileState state) {
        String eventType = table.get(c.type);
        ActivityKind kind = SUPPORTED.get(eventType);
        if (kind == null) {
            if (eventType.isEmpty()) {
                state.unreadable++;
            }
            notRead(file, table, problems, state.unsupported, eventType);
            return null;
        }
        // TIMESTAMP_DERIVED first, TIMESTAMP when it is empty or unreadable (a spreadsheet rewrites both)
        String derived = c.tsDerived >= 0 ? table.get(c.tsDerived) : "";
        long millis = derived.isEmpty() ? Timestamps.UNKNOWN : Timestamps.parse(derived);
        if (millis == Timestamps.UNKNOWN) {
            millis = Timestamps.parse(table.get(c.ts));
            if (millis == Timestamps.UNKNOWN) {
                state.unreadable++;
                problems.malformedRow(file, table.line(), unreadableTime(table, c));
                return null;
            }
        }
        // the 15-character USER_ID first: ids are matched on 15 characters anyway
        String userId = c.user >= 0 ? table.get(c.user) : "";
        if (userId.isEmpty()) {
            userId = table.get(c.userDerived);
        }
        boolean login = kind == ActivityKind.LOGIN || kind == ActivityKind.LOGIN_AS;
        String ip = login ? table.get(c.sourceIp) : "";
        if (ip.isEmpty()) {
            ip = table.get(c.clientIp);
        }
        // page views are most rows and need only who, when, where: skip the data fields
        boolean data = kind != ActivityKind.PAGE && kind != ActivityKind.LOGOUT;
        String ent = "";
        String u = "";
        long rows = -1;
        String operation = "";
        String status = "";
        String client = "";
        String app = "";
        String report = "";
        long requestSize = -1;
        if (data) {
            ent = table.get(c.entity);
            if (ent.isEmpty() && c.query >= 0) {
                ent = entityOf(table.get(c.query));
            }
            u = kind == ActivityKind.CALLOUT && c.url >= 0 ? table.get(c.url) : table.get(c.uri);
            String count = table.get(c.rows);
            rows = number(count);
            if (rows < 0 && !count.isEmpty()) {
                badNumber(file, table, c.rows, count, problems, state);
            }
            operation = table.get(c.operation);
            if (kind == ActivityKind.REPORT && operation.isEmpty()) {
                operation = table.get(c.origin); // the context the report ran in (ReportOrigins)
            }
            status = table.get(c.status);
            client = table.get(c.client);
            app = table.get(c.connectedApp);
            report = table.get(c.report);
            requestSize = number(table.get(c.requestSize));
        }
        return new ActivityEvent(
                file,
                table.line(),
                eventType,
                kind,
                millis,
                table.get(c.org),
                userId,
                table.get(c.userName),
                table.get(c.userType),
                table.get(c.session),
                table.get(c.loginKey),
                ip,
                ent,
                rows,
                operation,
                u,
                status,
                client,
                login ? table.get(c.loginType) : "",
                report,
                requestSize,
                login ? table.get(c.delegated) : "",
                // a Bulk API 2.0 job is logged once per state change; a Bulk API (1.0) row is a batch
                // of its own, with its own records, so only BulkApi2 rows share their job's count
                eventType.equals(BULK_API_2) ? table.get(c.job) : "",
                table.get(c.request),
                app);
    }

    /** Which time fields of a row are unreadable, by name, value and column. */
    private static String unreadableTime(CsvTable table, Columns c) {
        StringBuilder b = new StringBuilder("unreadable ");
        for (int col : new int[] {c.ts, c.tsDerived}) {
            if (col >= 0) {
                if (b.length() > "unreadable ".length()) {
                    b.append(" and ");
                }
                b.append(table.header().names().get(col))
                        .append(" \"")
                        .append(clip(table.get(col)))
                        .append("\" (column ")
                        .append(col + 1)
                        .append(')');
            }
        }
        return b.append(": expected TIMESTAMP as 20261130015512.345 or TIMESTAMP_DERIVED as 2026-11-30T01:55:12.345Z,"
                        + " in UTC (was the file opened and saved again in a spreadsheet?)")
                .toString();
    }

    /** A row count that is there but no whole number: said, and the row read with its count unknown. */
    private static void badNumber(
            String file, CsvTable table, int col, String value, Problems problems, FileState state) {
        if (++state.badNumbers > state.listed) {
            return;
        }
        problems.report(
                file,
                table.line(),
                Problem.Kind.MALFORMED_ROW,
                table.header().names().get(col) + " \"" + clip(value) + "\" (column " + (col + 1)
                        + ") is no whole number: the row is read with its row count unknown");
    }

    /** A row of no supported event type: a problem when the type is empty, else counted per type. */
    private static void notRead(
            String file, CsvTable table, Problems problems, Map<String, long[]> unsupported, String eventType) {
        if (eventType.isEmpty()) {
            problems.malformedRow(file, table.line(), "empty EVENT_TYPE");
        } else {
            long[] count = unsupported.computeIfAbsent(eventType, t -> new long[] {0, table.line()});
            count[0]++;
        }
    }

    /**
     * The object a SOQL query reads (the FROM clause of the outer query, not of a parenthesised
     * subquery: {@code SELECT Id, (SELECT Email FROM Contacts) FROM Account} reads Account), or "".
     */
    public static String entityOf(String soql) {
        if (soql.isEmpty()) {
            return "";
        }
        Matcher m = FROM.matcher(soql);
        int depth = 0;
        int scanned = 0;
        boolean quoted = false;
        while (m.find()) {
            for (; scanned < m.start(); scanned++) {
                char c = soql.charAt(scanned);
                if (c == '\\' && quoted) {
                    scanned++;
                } else if (c == '\'') {
                    quoted = !quoted;
                } else if (!quoted && c == '(') {
                    depth++;
                } else if (!quoted && c == ')') {
                    depth--;
                }
            }
            if (depth <= 0 && !quoted) {
                return m.group(1);
            }
        }
        return "";
    }

    /** A non-negative whole number, or -1 when the field is empty or not a number. */
    public static long number(String s) {
        int n = s.length();
        if (n == 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                break; // "150.0": Salesforce writes some numbers as decimals
            }
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
