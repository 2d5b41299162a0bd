package dev.tandem.salesforce;

import dev.tandem.intake.Header;
import org.jspecify.annotations.Nullable;

/**
 * CSV files Salesforce produces that are neither Event Log Files nor data exports, told apart by
 * their header so that they are named as what they are, not taken for a data export: the Setup ›
 * Login History download and the Setup Audit Trail download (View Setup Audit Trail), or a query
 * of their objects exported by Data Loader, Workbench or {@code sf data query}, read by
 * {@link LoginHistory} and {@link SetupAuditTrail}, and Event Log Object query results (camel-case
 * fields such as {@code Timestamp}, {@code UserId}), named and skipped with {@link #notice}.
 */
public enum OtherSalesforceFiles {
    LOGIN_HISTORY(
            "salesforce-login-history",
            "a Setup > Login History download (Login Time, Username, Source IP)",
            "read by LoginHistory"),
    SETUP_AUDIT_TRAIL(
            "salesforce-setup-audit-trail",
            "a Setup Audit Trail download (Date, User, Action, Section)",
            "read by SetupAuditTrail"),
    EVENT_LOG_OBJECT(
            "salesforce-event-log-object",
            "an Event Log Object query result (camel-case fields: Timestamp, UserId)",
            "export the Event Log File (EVENT_TYPE, TIMESTAMP, USER_ID …) instead");

    private final String format;
    private final String what;
    private final String consequence;

    OtherSalesforceFiles(String format, String what, String consequence) {
        this.format = format;
        this.what = what;
        this.consequence = consequence;
    }

    /** The file a header is that of, or null. */
    public static @Nullable OtherSalesforceFiles of(Header h) {
        if (h.has("Login Time") && h.has("Username") && h.has("Source IP")) {
            return LOGIN_HISTORY;
        }
        if (LoginHistory.isQueryExport(h)) {
            return LOGIN_HISTORY;
        }
        if (h.has("Date") && h.has("User") && h.has("Action") && h.has("Section")) {
            return SETUP_AUDIT_TRAIL;
        }
        if (SetupAuditTrail.isQueryExport(h)) {
            return SETUP_AUDIT_TRAIL;
        }
        if (h.has("Timestamp")
                && h.has("UserId")
                && !h.has("EventDate")
                && (h.has("RequestIdentifier") || h.has("EventIdentifier") || h.has("LoginKey"))) {
            return EVENT_LOG_OBJECT;
        }
        return null;
    }

    /** How {@code AnalyzedInput#format()} names it. */
    public String format() {
        return format;
    }

    /** The notice for a file of this kind with {@code rows} rows. */
    public String notice(long rows) {
        return "recognised as " + what + " but not analysed: " + rows + " row(s) skipped; " + consequence;
    }
}
