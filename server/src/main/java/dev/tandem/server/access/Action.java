package dev.tandem.server.access;

/**
 * Everything a caller can ask of the API, each with the {@link Target} its path names. Every
 * handler declares exactly one with {@link Guard}; {@link AccessPolicy} decides each.
 */
public enum Action {
    /** The signed checkpoint and the verifier key: public (docs/contracts.md §1). */
    LEDGER_PUBLIC(Target.INSTALLATION),
    /** The sign-in page: public, like the checkpoint (docs/web.md). */
    SIGN_IN(Target.INSTALLATION),
    /** The caller's own account: their password, their sign-out; every signed-in user. */
    OWN_ACCOUNT(Target.INSTALLATION),
    /** Entries (redacted per caller) and proofs. */
    LEDGER_READ(Target.INSTALLATION),
    INCIDENT_OPEN(Target.INSTALLATION),
    /** The incidents the caller is a member of. */
    INCIDENT_LIST(Target.INSTALLATION),
    USER_CREATE(Target.INSTALLATION),
    USER_LIST(Target.INSTALLATION),
    USER_DISABLE(Target.USER),
    /** Release an account's single sign-on identities so that the next sign-in binds afresh: an administrator. */
    USER_SIGN_ON_RELEASE(Target.USER),
    /** List or revoke tokens: an administrator, or the user for themself. */
    TOKEN_MANAGE(Target.USER),
    /**
     * Issue a token: the user for themself only. Not an administrator for another user: the token
     * would read what custody attributes to that user (docs/access.md).
     */
    TOKEN_ISSUE(Target.USER),
    /** A consistent copy of the embedded database and blobs: every incident's content, so only an administrator. */
    BACKUP(Target.INSTALLATION),
    /** Re-hash every stored blob against its record: reads every incident's content, so only an administrator. */
    VAULT_CHECK(Target.INSTALLATION),

    INCIDENT_READ(Target.INCIDENT),
    TIMELINE_READ(Target.INCIDENT),
    /**
     * Compare another team's timeline with the one the caller may see: every member, the auditor
     * included, since nothing is written (docs/timeline-comparison.md, ADR 068).
     */
    TIMELINE_COMPARE(Target.INCIDENT),
    /** Record a comparison's result on the timeline ({@code timeline.compared}). */
    TIMELINE_COMPARISON_SAVE(Target.INCIDENT),
    /** Notes, decisions, external events and corrections: the response team and the audit liaison. */
    TIMELINE_ADD(Target.INCIDENT),
    /** Phase, containment, when it occurred, closure: the incident commander's (docs/timeline.md). */
    INCIDENT_LIFECYCLE(Target.INCIDENT),
    MEMBERS_READ(Target.INCIDENT),
    MEMBERS_CHANGE(Target.INCIDENT),
    GRANTS_READ(Target.INCIDENT),
    GRANTS_CHANGE(Target.INCIDENT),
    EVIDENCE_ADD(Target.INCIDENT),
    EVIDENCE_LIST(Target.INCIDENT),
    /**
     * Move an AUDIT item of the incident, filed there by mistake, to FORENSIC ({@code
     * evidence.pulled-back}): counsel's alone, as every privilege decision on items (grants) is.
     */
    EVIDENCE_PULL_BACK(Target.INCIDENT),
    /**
     * The privilege log: every FORENSIC item's name, hashes and counsel's privilege basis (ADR 157).
     * LEGAL and the incident commander, who read every FORENSIC item's metadata; not a responder, whose
     * grants open some items only.
     */
    PRIVILEGE_LOG_READ(Target.INCIDENT),
    JOBS_LIST(Target.INCIDENT),
    ANALYSIS_START(Target.INCIDENT),
    FINDINGS_READ(Target.INCIDENT),
    SCOPE_READ(Target.INCIDENT),
    SCOPE_CHANGE(Target.INCIDENT),
    JUDGEMENTS_READ(Target.INCIDENT),
    JUDGEMENT_RECORD(Target.INCIDENT),
    /**
     * A decision that takes a notice duty away or gives it more time: a judgement that sets a notice
     * aside (RISK=NO, HIGH_RISK=NO, …), an obligation marked NOT_REQUIRED, a scope that declares the
     * data encrypted where the one in force does not, unauthorized access taken back, the
     * determination moved later (every clock that runs from it), the awareness moved later
     * (and every deadline that runs from it). Counsel's (GDPR Art. 38(1), Art. 5(2)); asked by the
     * handler once the body says it is such a decision.
     */
    NOTICE_DUTY_RELIEF(Target.INCIDENT),
    OBLIGATIONS_READ(Target.INCIDENT),
    NOTICE_READ(Target.INCIDENT),
    NOTICE_CHANGE(Target.INCIDENT),
    /** The incident report (scope, findings, counsel's material): the response team and counsel. */
    REPORT_INCIDENT_READ(Target.INCIDENT),
    /** The audit-continuity report: nothing privileged in it, so every member. */
    REPORT_AUDIT_READ(Target.INCIDENT),
    /**
     * The export bag (docs/contracts.md §5): the AUDIT evidence, the incident's ledger entries with
     * their proofs and the audit-continuity report, which every member may read.
     */
    INCIDENT_EXPORT(Target.INCIDENT),
    /**
     * The auditor's portal (docs/contracts.md §5.1): the evidence requests, the bag link and the
     * caller's own last verified checkpoint; nothing privileged in it, so every member.
     */
    AUDIT_PORTAL_READ(Target.INCIDENT),
    /** File an evidence request: the auditor, or the audit liaison on the auditor's behalf. */
    EVIDENCE_REQUEST_FILE(Target.INCIDENT),
    /** Record the checkpoint one verified offline: the auditor's own (ADR 088). */
    CHECKPOINT_VERIFIED_RECORD(Target.INCIDENT),
    /** Store the incident report as evidence: FORENSIC only, by the commander or LEGAL. */
    REPORT_INCIDENT_ISSUE(Target.INCIDENT),
    /** Store the audit-continuity report as evidence; the audit liaison as AUDIT evidence only. */
    REPORT_AUDIT_ISSUE(Target.INCIDENT),

    /**
     * Import the audit firm's control test register ({@code POST /api/v1/control-tests?incident=}):
     * the audit liaison, or an administrator (docs/contracts.md §3); kept as AUDIT evidence of the incident.
     */
    CONTROL_TESTS_IMPORT(Target.INCIDENT),
    /**
     * Set the SOC 2 Type II observation period of the incident's audit ({@code PUT
     * /api/v1/incidents/{id}/observation-period}): who imports the register, the audit liaison or an
     * administrator.
     */
    OBSERVATION_PERIOD_SET(Target.INCIDENT),
    /** The imported register: every member. */
    CONTROL_TESTS_READ(Target.INCIDENT),
    /** Request a change: the incident's team, not the auditor. */
    CHANGE_REQUEST(Target.INCIDENT),
    CHANGES_READ(Target.INCIDENT),
    /** The retest items and fee estimate: every member (the auditors' own bill). */
    RETESTS_READ(Target.INCIDENT),

    /** Metadata: in full, or as a stub where the caller may know the item exists but not see it. */
    EVIDENCE_METADATA(Target.EVIDENCE),
    EVIDENCE_CONTENT(Target.EVIDENCE),
    /** A scan's summary and masked findings: as privileged as the item's content. */
    PII_RESULT_READ(Target.EVIDENCE),
    PII_SCAN_START(Target.EVIDENCE),

    JOB_READ(Target.JOB),
    /** The commander and LEGAL cancel any job; other insiders the jobs they started. */
    JOB_CANCEL(Target.JOB),

    OBLIGATION_READ(Target.OBLIGATION),
    OBLIGATION_CHANGE(Target.OBLIGATION),

    CHANGE_READ(Target.CHANGE),
    /** Approve or reject: the incident commander and the audit liaison; never an auditor. */
    CHANGE_APPROVE(Target.CHANGE),
    /** Acknowledge: the auditor's, and never an approval (auditor independence). */
    CHANGE_ACKNOWLEDGE(Target.CHANGE),
    /** Carry the change out: the incident commander and responders. */
    CHANGE_EXECUTE(Target.CHANGE),
    /** Record that an access restriction's business processes were verified after it ran. */
    CHANGE_PROCESSES_VERIFY(Target.CHANGE),
    /** Withdraw a request that will not go ahead: the team; the change rules narrow it to its requester or a commander. */
    CHANGE_WITHDRAW(Target.CHANGE),

    EVIDENCE_REQUEST_READ(Target.EVIDENCE_REQUEST),
    /** Answer with AUDIT evidence, or decline: the audit liaison or the incident commander. */
    EVIDENCE_REQUEST_ANSWER(Target.EVIDENCE_REQUEST),
    /** Accept an answer or reopen the request: the auditor's. */
    EVIDENCE_REQUEST_REVIEW(Target.EVIDENCE_REQUEST);

    private final Target target;

    Action(Target target) {
        this.target = target;
    }

    /** Answered to anyone, signed in or not: no caller is looked up. */
    public boolean isPublic() {
        return this == LEDGER_PUBLIC || this == SIGN_IN;
    }

    public Target target() {
        return target;
    }
}
