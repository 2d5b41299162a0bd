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

/**
 * Reads Event Log File CSVs (EventLogFile supported event types, Object Reference). Columns are
 * looked up by name once per file; each row's EVENT_TYPE says how to read it, so a file that mixes
 * types is read too. Rows of event types not listed in {@link #SUPPORTED} are counted and reported
 * as unsupported, once per type and file.
 */
public final class EventLogReader {

    /** Event types read, and what each tells. */
    public static final Map<String, ActivityKind> SUPPORTED = Map.ofEntries(
            Map.entry("Login", ActivityKind.LOGIN),
            Map.entry("LoginAs", ActivityKind.LOGIN_AS),
            Map.entry("Logout", ActivityKind.LOGOUT),
            Map.entry("API", ActivityKind.API),
            Map.entry("RestApi", ActivityKind.API),
            Map.entry("ApexRestApi", ActivityKind.API),
            Map.entry("BulkApi", ActivityKind.BULK),
            Map.entry("BulkApi2", ActivityKind.BULK),
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

    /**
     * Streams the rows of one Event Log File CSV to {@code sink}. The caller checks for
     * interruption through {@code everyBatch}, run every 4096 rows.
     */
    public static void read(
            String file, CsvTable table, Problems problems, Consumer<ActivityEvent> sink, Runnable everyBatch) {
        Header h = table.header();
        int type = h.find("EVENT_TYPE");
        int tsDerived = h.find("TIMESTAMP_DERIVED");
        int ts = h.find("TIMESTAMP");
        int org = h.find("ORGANIZATION_ID");
        int userDerived = h.find("USER_ID_DERIVED");
        int user = h.find("USER_ID");
        int userName = h.find("USER_NAME");
        int userType = h.find("USER_TYPE");
        int session = h.find("SESSION_KEY");
        int loginKey = h.find("LOGIN_KEY");
        int sourceIp = h.find("SOURCE_IP");
        int clientIp = h.find("CLIENT_IP");
        int entity = h.find("ENTITY_NAME", "ENTITY_TYPE", "ENTITY");
        int query = h.find("QUERY", "SOQL_QUERY");
        int rows = h.find(
                "ROWS_PROCESSED", "ROW_COUNT", "NUMBER_OF_RECORDS", "RECORDS_PROCESSED", "NUMBER_RECORDS_PROCESSED");
        int operation = h.find("OPERATION_TYPE", "METHOD_NAME", "METHOD", "HTTP_METHOD");
        int url = h.find("URL", "URL_RE");
        int uri = h.find("URI", "URI_ID_DERIVED");
        int status = h.find("LOGIN_STATUS", "REQUEST_STATUS", "STATUS_CODE", "SUCCESS");
        int client = h.find("CLIENT_NAME", "CONNECTED_APP_ID", "BROWSER_TYPE");
        int loginType = h.find("LOGIN_TYPE");
        int report = h.find("REPORT_ID_DERIVED", "REPORT_ID");
        int requestSize = h.find("REQUEST_SIZE");
        int delegated = h.find("DELEGATED_USER_NAME", "DELEGATED_USER_ID");
        if (user < 0 && userDerived < 0) {
            problems.report(file, 1, Problem.Kind.MISSING_COLUMNS, "Event Log File without USER_ID column");
            return;
        }
        if (ts < 0 && tsDerived < 0) {
            problems.report(file, 1, Problem.Kind.MISSING_COLUMNS, "Event Log File without TIMESTAMP column");
            return;
        }
        Map<String, long[]> unsupported = new LinkedHashMap<>();
        long n = 0;
        while (table.next()) {
            if ((++n & 4095) == 0) {
                everyBatch.run();
            }
            String eventType = table.get(type);
            ActivityKind kind = SUPPORTED.get(eventType);
            if (kind == null) {
                if (eventType.isEmpty()) {
                    problems.malformedRow(file, table.line(), "empty EVENT_TYPE");
                } else {
                    long[] c = unsupported.computeIfAbsent(eventType, t -> new long[] {0, table.line()});
                    c[0]++;
                }
                continue;
            }
            String time = tsDerived >= 0 ? table.get(tsDerived) : "";
            long millis = Timestamps.parse(time.isEmpty() ? table.get(ts) : time);
            if (millis == Timestamps.UNKNOWN) {
                problems.malformedRow(file, table.line(), "unreadable TIMESTAMP \"" + clip(table.get(ts)) + "\"");
                continue;
            }
            // the 15-character USER_ID first: ids are matched on 15 characters anyway
            String userId = user >= 0 ? table.get(user) : "";
            if (userId.isEmpty()) {
                userId = table.get(userDerived);
            }
            String ip = "";
            if (kind == ActivityKind.LOGIN || kind == ActivityKind.LOGIN_AS) {
                ip = table.get(sourceIp);
            }
            if (ip.isEmpty()) {
                ip = table.get(clientIp);
            }
            // page views are most rows and need only who, when, where: skip the data fields
            boolean data = kind != ActivityKind.PAGE && kind != ActivityKind.LOGOUT;
            String ent = data ? table.get(entity) : "";
            if (data && ent.isEmpty() && query >= 0) {
                ent = entityOf(table.get(query));
            }
            String u = kind == ActivityKind.CALLOUT && url >= 0 ? table.get(url) : data ? table.get(uri) : "";
            boolean login = kind == ActivityKind.LOGIN || kind == ActivityKind.LOGIN_AS;
            sink.accept(new ActivityEvent(
                    file,
                    table.line(),
                    eventType,
                    kind,
                    millis,
                    table.get(org),
                    userId,
                    table.get(userName),
                    table.get(userType),
                    table.get(session),
                    table.get(loginKey),
                    ip,
                    ent,
                    data ? number(table.get(rows)) : -1,
                    data ? table.get(operation) : "",
                    u,
                    data ? table.get(status) : "",
                    data ? table.get(client) : "",
                    login ? table.get(loginType) : "",
                    data ? table.get(report) : "",
                    data ? number(table.get(requestSize)) : -1,
                    login ? table.get(delegated) : ""));
        }
        for (var e : unsupported.entrySet()) {
            problems.report(
                    file,
                    e.getValue()[1],
                    Problem.Kind.UNSUPPORTED_EVENT_TYPE,
                    "event type \"" + clip(e.getKey()) + "\" is not supported: " + e.getValue()[0] + " row(s) skipped");
        }
    }

    /** The object a SOQL query reads (its FROM clause), or "". */
    public static String entityOf(String soql) {
        if (soql.isEmpty()) {
            return "";
        }
        Matcher m = FROM.matcher(soql);
        return m.find() ? m.group(1) : "";
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
