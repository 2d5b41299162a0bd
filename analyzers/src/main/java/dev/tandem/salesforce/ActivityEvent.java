package dev.tandem.salesforce;

/**
 * One event of user activity, normalized from an Event Log File row or a real-time event record.
 * Strings are empty when the source has no such field; {@code rows} is -1 when unknown and
 * {@code epochMillis} is {@link Timestamps#UNKNOWN} when the source has no readable time.
 *
 * @param eventType the source's own type name (EVENT_TYPE, or the real-time object name)
 * @param entity object name(s) the event touched, comma-separated as in ENTITY_NAME
 * @param operation query/insert/... for bulk and API calls, or the HTTP method; for a report, the
 *     context it executed in (ReportEvent Operation, Event Log File ORIGIN)
 * @param uri the URI, or the callout URL for {@link ActivityKind#CALLOUT}
 * @param status login status (LOGIN_NO_ERROR, Success, ...) or request status
 * @param delegatedUser for LoginAs, the user who logged in as someone else
 * @param ip the client's address; empty for none and for "Salesforce.com IP", the placeholder
 *     Event Log Files write for Salesforce's own traffic (Workbench, AppExchange): no address to
 *     call new or to block
 * @param operationId the operation that Salesforce reports in several events, each repeating or
 *     accumulating its row count: a Bulk API 2.0 job (JOB_ID: one event per state change, the
 *     JobComplete one with the job's records; Object Reference, "Bulk API 2.0 Event Type") or a
 *     report execution that ReportEvent splits into chunks (ExecutionIdentifier: every chunk repeats
 *     the execution's RowsProcessed; Platform Events Developer Guide, "ReportEvent"); empty for
 *     events that stand alone.
 * @param requestId the Event Log File's REQUEST_ID (one transaction; hourly and 24-hour logs of the
 *     same hours repeat it with the row); empty for real-time events The rows of one operation count
 *     once ({@code dev.tandem.leak.Behaviour})
 * @param clientName the client: CLIENT_NAME of API event logs (the connected app's or client's name),
 *     Application of real-time events, BROWSER_TYPE of logins
 * @param connectedAppId the connected app the call came through: CONNECTED_APP_ID of API, RestApi and
 *     BulkApiRequest event logs, ConnectedAppId of real-time events; empty when none is logged
 */
public record ActivityEvent(
        String file,
        long line,
        String eventType,
        ActivityKind kind,
        long epochMillis,
        String orgId,
        String userId,
        String username,
        String userType,
        String sessionKey,
        String loginKey,
        String ip,
        String entity,
        long rows,
        String operation,
        String uri,
        String status,
        String clientName,
        String loginType,
        String reportId,
        long requestBytes,
        String delegatedUser,
        String operationId,
        String requestId,
        String connectedAppId) {

    /** What CLIENT_IP holds for Salesforce-internal traffic instead of an address. */
    public static final String SALESFORCE_INTERNAL_IP = "Salesforce.com IP";

    public ActivityEvent {
        if (ip.length() == SALESFORCE_INTERNAL_IP.length() && ip.equalsIgnoreCase(SALESFORCE_INTERNAL_IP)) {
            ip = "";
        }
    }

    /** The key that ties the events of one login session together: LOGIN_KEY, else SESSION_KEY. */
    public String sessionId() {
        return !loginKey.isEmpty() ? loginKey : sessionKey;
    }

    /** True for a successful login (LOGIN_NO_ERROR in Event Log Files, Success in LoginEvent). */
    public boolean loginSucceeded() {
        return status.isEmpty()
                || status.equalsIgnoreCase("LOGIN_NO_ERROR")
                || status.equalsIgnoreCase("Success")
                || status.equals("1");
    }

    /**
     * True when the operation reads data out (query, queryAll, GET, export) rather than writing it;
     * for a report, when the context it executed in reads its rows out ({@link ReportOrigins}).
     */
    public boolean reads() {
        String op = operation;
        if (kind == ActivityKind.REPORT || kind == ActivityKind.REPORT_EXPORT) {
            return ReportOrigins.readsRows(op);
        }
        return op.isEmpty()
                || op.regionMatches(true, 0, "query", 0, 5)
                || op.equalsIgnoreCase("get")
                || op.equalsIgnoreCase("retrieve")
                || op.equalsIgnoreCase("search")
                || op.toLowerCase(java.util.Locale.ROOT).contains("export");
    }

    /** True when the operation writes records (insert, upsert, update, create, POST, PATCH). */
    public boolean writes() {
        String op = operation;
        return op.equalsIgnoreCase("insert")
                || op.equalsIgnoreCase("upsert")
                || op.equalsIgnoreCase("update")
                || op.equalsIgnoreCase("create")
                || op.equalsIgnoreCase("post")
                || op.equalsIgnoreCase("patch")
                || op.equalsIgnoreCase("put");
    }
}
