package dev.tandem.leak;

/** How urgent a finding is (CONTRACTS.md §4). */
public enum Severity {
    CRITICAL,
    HIGH,
    MEDIUM,
    LOW
}
