package dev.tandem.leak;

/** How urgent a finding is (docs/contracts.md §4). */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
