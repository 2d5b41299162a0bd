package dev.tandem.change;

/**
 * Where a change request stands. REQUESTED until both approvals are in (APPROVED) or one approver
 * rejects it (REJECTED); EXECUTED once carried out, which an emergency change may be straight from
 * REQUESTED, its approvals following.
 */
public enum ChangeStatus {
    REQUESTED,
    APPROVED,
    REJECTED,
    EXECUTED
}
