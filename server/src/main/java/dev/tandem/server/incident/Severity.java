package dev.tandem.server.incident;

public enum Severity {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL
}
