package dev.tandem.change;

/** The two roles whose approvals a change needs (CONTRACTS.md §3), two different people. */
public enum Approver {
    INCIDENT_COMMANDER,
    AUDIT_LIAISON
}
