package dev.tandem.change;

/**
 * Where a change request stands. REQUESTED until both approvals are in (APPROVED) or one approver
 * rejects it (REJECTED); EXECUTED once carried out, which an emergency change may be straight from
 * REQUESTED, its approvals following. WITHDRAWN when its requester or an incident commander
 * withdraws it, with a reason, before it was executed or rejected.
 */
public enum ChangeStatus {
    REQUESTED,
    APPROVED,
    REJECTED,
    EXECUTED,
    WITHDRAWN
}
