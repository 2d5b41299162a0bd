package dev.tandem.salesforce;

/** What an event tells about a user's activity, whatever file or object it came from. */
public enum ActivityKind {
    LOGIN,
    LOGIN_AS,
    LOGOUT,
    /** SOAP/REST API calls and queries. */
    API,
    /** Bulk API and Bulk API 2.0 jobs and batches. */
    BULK,
    /** A report run (with its row count). */
    REPORT,
    /** A report exported to a file. */
    REPORT_EXPORT,
    /** A page view (URI) or a site request (Sites). */
    PAGE,
    /** A file or attachment download. */
    DOWNLOAD,
    /** An Apex callout to an external endpoint. */
    CALLOUT
}
