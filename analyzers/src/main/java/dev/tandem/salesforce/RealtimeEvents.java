package dev.tandem.salesforce;

import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Maps real-time event monitoring records (LoginEvent, ApiEvent, ReportEvent,
 * BulkApiResultEventStore; Platform Events Developer Guide, Real-Time Event Monitoring objects),
 * exported as CSV or JSON, to {@link ActivityEvent}s.
 */
public final class RealtimeEvents {

    /** The real-time event objects read, and what each tells. */
    public static final Map<String, ActivityKind> OBJECTS = Map.of(
            "LoginEvent", ActivityKind.LOGIN,
            "LoginAsEvent", ActivityKind.LOGIN_AS,
            "ApiEvent", ActivityKind.API,
            "ReportEvent", ActivityKind.REPORT,
            "BulkApiResultEventStore", ActivityKind.BULK,
            "BulkApiResultEvent", ActivityKind.BULK);

    /** Reads one field of a record by any of its names, "" when absent. */
    @FunctionalInterface
    public interface Fields {
        String get(String name);
    }

    private RealtimeEvents() {}

    /** The event object named in a file name (LoginEvent.csv, ApiEvent-2024-03.json ...), or null. */
    public static @Nullable String objectFromName(String fileName) {
        String base = fileName.substring(fileName.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        // longest names first: BulkApiResultEventStore contains BulkApiResultEvent
        for (String o : new String[] {
            "BulkApiResultEventStore", "BulkApiResultEvent", "LoginAsEvent", "LoginEvent", "ApiEvent", "ReportEvent"
        }) {
            if (base.contains(o.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        return null;
    }

    /** Guesses the event object from the fields a record has, or null when it is no event. */
    public static @Nullable String objectFromFields(java.util.function.Predicate<String> has) {
        if (!has.test("EventDate") && !has.test("EventIdentifier")) {
            return null;
        }
        if (has.test("ReportId")) {
            return "ReportEvent";
        }
        if (has.test("LoginType") || has.test("LoginUrl")) {
            return "LoginEvent";
        }
        if (has.test("QueriedEntities") || has.test("RowsProcessed")) {
            return "ApiEvent";
        }
        if (has.test("Query")) {
            return "BulkApiResultEventStore";
        }
        return null;
    }

    /** The event, or null when the record has no readable EventDate (the caller reports it). */
    public static @Nullable ActivityEvent toEvent(String object, Fields f, String file, long line) {
        ActivityKind kind = OBJECTS.get(object);
        if (kind == null) {
            return null;
        }
        long millis = Timestamps.parse(f.get("EventDate"));
        if (millis == Timestamps.UNKNOWN) {
            millis = Timestamps.parse(f.get("CreatedDate"));
        }
        if (millis == Timestamps.UNKNOWN) {
            return null;
        }
        String operation = f.get("Operation");
        if (kind == ActivityKind.REPORT
                && (operation.toLowerCase(Locale.ROOT).contains("export")
                        || !f.get("ExportFileFormat").isEmpty())) {
            kind = ActivityKind.REPORT_EXPORT;
        }
        if (kind == ActivityKind.BULK && operation.isEmpty()) {
            operation = "query"; // BulkApiResultEvent: results of a Bulk API query were downloaded
        }
        String entity = f.get("QueriedEntities");
        if (entity.isEmpty()) {
            entity = EventLogReader.entityOf(f.get("Query"));
        }
        long rows = EventLogReader.number(f.get("RowsProcessed"));
        if (rows < 0) {
            rows = EventLogReader.number(f.get("RowsReturned"));
        }
        return new ActivityEvent(
                file,
                line,
                object,
                kind,
                millis,
                f.get("OrganizationId"),
                f.get("UserId"),
                f.get("Username"),
                f.get("UserType"),
                f.get("SessionKey"),
                f.get("LoginKey"),
                f.get("SourceIp"),
                entity,
                rows,
                operation,
                f.get("LoginUrl").isEmpty() ? f.get("Uri") : f.get("LoginUrl"),
                f.get("Status"),
                f.get("Application").isEmpty() ? f.get("Client") : f.get("Application"),
                f.get("LoginType"),
                f.get("ReportId"),
                -1,
                f.get("DelegatedUsername"),
                // chunks of one report execution differ only by Records, Sequence and EventIdentifier
                kind == ActivityKind.REPORT || kind == ActivityKind.REPORT_EXPORT ? f.get("ExecutionIdentifier") : "",
                "",
                f.get("ConnectedAppId"));
    }
}
