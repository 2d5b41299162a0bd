package dev.tandem.server.report;

/** The two reports, by the path segment that names them (docs/contracts.md §2). */
public enum ReportKind {
    INCIDENT("incident"),
    AUDIT_CONTINUITY("audit-continuity");

    private final String path;

    ReportKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }
}
