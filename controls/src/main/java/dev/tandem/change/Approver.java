package dev.tandem.change;

/** The two roles whose approvals a change needs (docs/contracts.md §3), two different people. */
public enum Approver {
    INCIDENT_COMMANDER,
    AUDIT_LIAISON
}
