package dev.tandem.server.access;

import static dev.tandem.server.access.Role.AUDITOR;
import static dev.tandem.server.access.Role.AUDIT_LIAISON;
import static dev.tandem.server.access.Role.INCIDENT_COMMANDER;
import static dev.tandem.server.access.Role.LEGAL;
import static dev.tandem.server.access.Role.RESPONDER;

import dev.tandem.evidence.Repository;
import java.util.EnumSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Who may do what: the one place where access is decided (ARCHITECTURE.md, "Security model").
 * Plain Java: it is given the caller (with their role in the incident and their grants), the
 * action and the resource, and answers permit, forbidden (403) or hidden (404).
 *
 * <ul>
 *   <li>Under an incident, a caller who is not a member gets 404 for everything, administrators
 *       included, except that an administrator manages the incident's members.
 *   <li>FORENSIC items: the incident commander and LEGAL read and add; a responder adds, and reads
 *       only what LEGAL granted; the audit liaison and the auditor learn only that they exist. LEGAL
 *       alone pulls an AUDIT item filed by mistake back to FORENSIC.
 *   <li>Scope, judgements, obligation status and notices are decided by the incident commander and
 *       LEGAL; responders and the audit liaison read scope and judgements; the auditor reads
 *       obligations' status. Notice drafts and their versions are LEGAL's and the commander's only.
 *       A decision that sets a notice duty aside or moves awareness later is LEGAL's alone.
 *   <li>Analyses and scans are started by the commander, responders and LEGAL; the audit liaison
 *       scans and analyzes AUDIT evidence only. The auditor changes nothing.
 *   <li>Evidence requests are filed by the auditor or the audit liaison, answered (AUDIT evidence,
 *       changes and public ledger entries: what the auditor reads) or declined by the audit liaison
 *       or the commander, and accepted or reopened by the auditor, who alone records the checkpoint
 *       they verified offline.
 *   <li>Timeline entries are added by the commander, responders, LEGAL and the audit liaison
 *       (privileged ones by the commander and LEGAL only, checked by the handler); the lifecycle
 *       (phase, containment, occurrence, closure) is the incident commander's alone.
 * </ul>
 */
public final class AccessPolicy {
    private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
    private static final Set<Role> DECIDERS = EnumSet.of(INCIDENT_COMMANDER, LEGAL);
    private static final Set<Role> INSIDERS = EnumSet.of(INCIDENT_COMMANDER, LEGAL, RESPONDER, AUDIT_LIAISON);
    private static final Set<Role> INVESTIGATORS = EnumSet.of(INCIDENT_COMMANDER, LEGAL, RESPONDER);

    private AccessPolicy() {}

    /**
     * Whether every AUDITOR of the incident reads its changes ({@link Action#CHANGE_READ}): what an
     * evidence request's answer may link besides AUDIT items (ADR 111).
     */
    public static boolean auditorReadsChanges(String incident) {
        return decide(
                        new Caller("", false, AUDITOR, Caller.Grants.NONE),
                        Action.CHANGE_READ,
                        Resource.incident(incident))
                instanceof Decision.Permit;
    }

    /**
     * Whether a member in {@code role} reads a ledger entry of their incident in the clear: every
     * member reads a public entry; a privileged one (a commitment) is opened by LEGAL and the
     * incident commander alone. An evidence request's answer links only entries an AUDITOR reads.
     */
    public static boolean readsEntry(Role role, boolean privileged) {
        return !privileged || role.privileged();
    }

    public static Decision decide(Caller caller, Action action, Resource resource) {
        return switch (action.target()) {
            case INSTALLATION -> installation(caller, action);
            case USER -> user(caller, action, resource);
            case INCIDENT, EVIDENCE, JOB, OBLIGATION, CHANGE, EVIDENCE_REQUEST -> incident(caller, action, resource);
        };
    }

    private static Decision installation(Caller caller, Action action) {
        return switch (action) {
            case LEDGER_PUBLIC, SIGN_IN, OWN_ACCOUNT, LEDGER_READ, INCIDENT_LIST -> Decision.PERMIT;
            // whoever opens an incident commands it: an external auditor runs no response of the
            // company they audit (auditor independence, as for approvals)
            case INCIDENT_OPEN ->
                caller.externalAuditor() && !caller.admin()
                        ? Decision.forbidden(
                                "an external auditor (AUDITOR in every incident they are a member of) does not open"
                                        + " incidents, which would make them its incident commander (auditor"
                                        + " independence)")
                        : Decision.PERMIT;
            case USER_CREATE, USER_LIST ->
                caller.admin() ? Decision.PERMIT : Decision.forbidden("only an administrator manages users");
            case BACKUP -> caller.admin() ? Decision.PERMIT : Decision.forbidden("only an administrator takes backups");
            case VAULT_CHECK ->
                caller.admin() ? Decision.PERMIT : Decision.forbidden("only an administrator checks the vault");
            default -> throw new IllegalArgumentException(action + " is not an installation-wide action");
        };
    }

    private static Decision user(Caller caller, Action action, Resource resource) {
        boolean self = caller.username().equals(resource.user());
        return switch (action) {
            case TOKEN_MANAGE ->
                caller.admin() || self
                        ? Decision.PERMIT
                        : Decision.forbidden("tokens are listed and revoked by an administrator or by their user");
            // an administrator's token for another user would act as that user: read what they may
            // read, with the ledger naming them
            case TOKEN_ISSUE ->
                self
                        ? Decision.PERMIT
                        : Decision.forbidden("a token is issued by its own user only, never for another user");
            case USER_DISABLE ->
                caller.admin() ? Decision.PERMIT : Decision.forbidden("only an administrator disables users");
            case USER_SIGN_ON_RELEASE ->
                caller.admin()
                        ? Decision.PERMIT
                        : Decision.forbidden("only an administrator releases a single sign-on identity");
            default -> throw new IllegalArgumentException(action + " is not a user action");
        };
    }

    private static Decision incident(Caller caller, Action action, Resource resource) {
        Role role = caller.role();
        if (role == null) {
            // An administrator manages who is a member without seeing what the incident holds.
            // and imports the audit firm's register (docs/contracts.md §3), which holds nothing of the incident.
            boolean adminTask = action == Action.MEMBERS_READ
                    || action == Action.MEMBERS_CHANGE
                    || action == Action.CONTROL_TESTS_IMPORT
                    || action == Action.OBSERVATION_PERIOD_SET;
            return caller.admin() && adminTask ? Decision.PERMIT : Decision.HIDDEN;
        }
        return switch (action) {
            case CONTROL_TESTS_IMPORT ->
                caller.admin() || role == AUDIT_LIAISON
                        ? Decision.PERMIT
                        : Decision.forbidden(
                                "the control test register is imported by the audit liaison or an" + " administrator");
            case OBSERVATION_PERIOD_SET ->
                caller.admin() || role == AUDIT_LIAISON
                        ? Decision.PERMIT
                        : Decision.forbidden("the observation period is set by the audit liaison or an administrator");
            case CHANGE_REQUEST ->
                allow(role, INSIDERS, "an auditor acknowledges changes; the incident's team requests them");
            case CHANGE_APPROVE -> approve(role);
            case CHANGE_ACKNOWLEDGE ->
                allow(
                        role,
                        EnumSet.of(AUDITOR),
                        "an acknowledgement is the auditor's; the incident commander and the audit liaison approve");
            case CHANGE_EXECUTE ->
                allow(
                        role,
                        EnumSet.of(INCIDENT_COMMANDER, RESPONDER),
                        "a change is carried out by the incident commander or a responder");
            case CHANGE_PROCESSES_VERIFY ->
                allow(role, INSIDERS, "an auditor reads; the incident's team verifies business processes");
            // the change rules narrow it to the change's requester or an incident commander
            case CHANGE_WITHDRAW -> allow(role, INSIDERS, "an auditor reads; the incident's team withdraws requests");
            case CONTROL_TESTS_READ, CHANGES_READ, CHANGE_READ, RETESTS_READ -> allow(role, EVERY_ROLE, "");
            case INCIDENT_READ,
                    TIMELINE_READ,
                    MEMBERS_READ,
                    EVIDENCE_LIST,
                    EVIDENCE_METADATA,
                    JOBS_LIST,
                    JOB_READ,
                    FINDINGS_READ,
                    OBLIGATIONS_READ,
                    OBLIGATION_READ,
                    TIMELINE_COMPARE -> allow(role, EVERY_ROLE, "");
            case TIMELINE_COMPARISON_SAVE ->
                allow(
                        role,
                        EnumSet.of(INCIDENT_COMMANDER, LEGAL, AUDIT_LIAISON),
                        "a comparison is recorded on the timeline by the incident commander, LEGAL or the"
                                + " audit liaison");
            case MEMBERS_CHANGE ->
                allow(role, EnumSet.of(INCIDENT_COMMANDER), "only the incident commander changes members");
            case GRANTS_READ -> allow(role, DECIDERS, "grants are counsel's and the incident commander's");
            case GRANTS_CHANGE -> allow(role, EnumSet.of(LEGAL), "only LEGAL grants access to FORENSIC items");
            // a claim of privilege over an item is counsel's, as grants are; no administrator acts for LEGAL
            case EVIDENCE_PULL_BACK ->
                allow(
                        role,
                        EnumSet.of(LEGAL),
                        "only LEGAL (the incident's counsel) pulls an AUDIT item back to FORENSIC");
            // it names every FORENSIC item and counsel's basis for each: who reads them all (ADR 157)
            case PRIVILEGE_LOG_READ ->
                allow(
                        role,
                        DECIDERS,
                        "the privilege log names every FORENSIC item and counsel's basis for it: LEGAL and the"
                                + " incident commander read it");
            case EVIDENCE_ADD -> evidenceAdd(role, resource.repository());
            case EVIDENCE_CONTENT, PII_RESULT_READ -> read(caller, resource);
            case PII_SCAN_START -> scan(role, resource.repository());
            case TIMELINE_ADD ->
                allow(role, INSIDERS, "an auditor reads the timeline; entries are added by the incident's team");
            case INCIDENT_LIFECYCLE ->
                allow(
                        role,
                        EnumSet.of(INCIDENT_COMMANDER),
                        "only the incident commander changes the incident's phase, containment, occurrence and"
                                + " closure");
            case ANALYSIS_START -> allow(role, INSIDERS, "an auditor reads; analyses are started by the response team");
            case JOB_CANCEL ->
                role.privileged()
                                || (INSIDERS.contains(role) && caller.username().equals(resource.user()))
                        ? Decision.PERMIT
                        : Decision.forbidden("a job is cancelled by who started it, LEGAL or the incident commander");
            case SCOPE_READ, JUDGEMENTS_READ -> allow(role, INSIDERS, "an auditor reads obligations' status only");
            // a notice draft and its versions are counsel's work product; once sent, the text is an
            // evidence item in the repository counsel chose, read as that repository allows
            case NOTICE_READ ->
                allow(
                        role,
                        DECIDERS,
                        "a notice draft and its versions are counsel's work product: LEGAL and the incident"
                                + " commander read them; once sent, its text is an evidence item read as its"
                                + " repository allows");
            case SCOPE_CHANGE, JUDGEMENT_RECORD, OBLIGATION_CHANGE, NOTICE_CHANGE ->
                allow(
                        role,
                        DECIDERS,
                        "scope, judgements, obligations and notices are decided by LEGAL and the"
                                + " incident commander");
            case NOTICE_DUTY_RELIEF ->
                allow(
                        role,
                        EnumSet.of(LEGAL),
                        "a judgement or status that sets a notice duty aside, declaring the data encrypted"
                                + " (which sets notices to individuals aside), taking unauthorized access back,"
                                + " and moving the awareness or the determination later (which moves deadlines"
                                + " later), are counsel's: LEGAL records them (GDPR Art. 38(1), Art. 5(2))");
            case REPORT_INCIDENT_READ ->
                allow(
                        role,
                        INVESTIGATORS,
                        "the incident report holds the scope and counsel's material: the response team"
                                + " and LEGAL read it; the audit-continuity report is yours");
            case REPORT_AUDIT_READ, INCIDENT_EXPORT, AUDIT_PORTAL_READ, EVIDENCE_REQUEST_READ ->
                allow(role, EVERY_ROLE, "");
            case EVIDENCE_REQUEST_FILE ->
                allow(
                        role,
                        EnumSet.of(AUDITOR, AUDIT_LIAISON),
                        "evidence requests are filed by the auditor or the audit liaison");
            case EVIDENCE_REQUEST_ANSWER ->
                allow(
                        role,
                        EnumSet.of(AUDIT_LIAISON, INCIDENT_COMMANDER),
                        "an evidence request is answered by the audit liaison or the incident commander");
            case EVIDENCE_REQUEST_REVIEW ->
                allow(role, EnumSet.of(AUDITOR), "the auditor accepts an answer or reopens the request");
            case CHECKPOINT_VERIFIED_RECORD ->
                allow(role, EnumSet.of(AUDITOR), "the checkpoint verified offline is the auditor's to record");
            case REPORT_INCIDENT_ISSUE -> issueIncidentReport(role, resource.repository());
            case REPORT_AUDIT_ISSUE -> issueAuditReport(role, resource.repository());
            default -> throw new IllegalArgumentException(action + " is not an incident action");
        };
    }

    /**
     * The incident report names privileged items and the scope, which the auditor may not read: it
     * is kept as FORENSIC evidence only. A null repository (not yet read from the body) is decided
     * on the role alone; the handler asks again with the repository.
     */
    private static Decision issueIncidentReport(Role role, @Nullable Repository repository) {
        if (!DECIDERS.contains(role)) {
            return Decision.forbidden("the incident report is issued by LEGAL or the incident commander");
        }
        return repository == Repository.AUDIT
                ? Decision.forbidden("the incident report holds privileged material: issue it as FORENSIC evidence")
                : Decision.PERMIT;
    }

    /** The audit-continuity report holds nothing privileged; the audit liaison keeps it as AUDIT evidence. */
    private static Decision issueAuditReport(Role role, @Nullable Repository repository) {
        if (DECIDERS.contains(role)) {
            return Decision.PERMIT;
        }
        if (role == AUDIT_LIAISON) {
            return repository == Repository.FORENSIC
                    ? Decision.forbidden("the audit liaison adds AUDIT evidence only")
                    : Decision.PERMIT;
        }
        return Decision.forbidden(
                "the audit-continuity report is issued by LEGAL, the incident commander or the audit liaison");
    }

    /** Two approvers, neither an auditor (auditor independence); the requester is refused by the change rules. */
    private static Decision approve(Role role) {
        if (role == AUDITOR) {
            return Decision.forbidden(
                    "auditor independence: an auditor acknowledges a change and never approves or rejects it");
        }
        return allow(
                role,
                EnumSet.of(INCIDENT_COMMANDER, AUDIT_LIAISON),
                "a change is approved by the incident commander and the audit liaison");
    }

    /**
     * Adding evidence to {@code repository}; null when the request names it only in its body (the
     * web form), read after this decision: the handler asks again with the repository it stores.
     */
    private static Decision evidenceAdd(Role role, @Nullable Repository repository) {
        if (role == AUDITOR) {
            return Decision.forbidden("an auditor reads evidence and never adds it");
        }
        if (role == AUDIT_LIAISON && repository == Repository.FORENSIC) {
            return Decision.forbidden("the audit liaison adds AUDIT evidence only");
        }
        return Decision.PERMIT;
    }

    private static Decision read(Caller caller, Resource resource) {
        Repository repository = resource.repository();
        String evidence = resource.evidence();
        if (repository == null || evidence == null) {
            throw new IllegalArgumentException("reading evidence needs the item and its repository");
        }
        if (caller.mayRead(evidence, repository)) {
            return Decision.PERMIT;
        }
        return Decision.forbidden(
                caller.has(RESPONDER)
                        ? "FORENSIC item " + evidence + " is privileged: LEGAL has not granted it to you"
                        : "FORENSIC item " + evidence + " is privileged: only its existence is shown to you");
    }

    private static Decision scan(Role role, @Nullable Repository repository) {
        if (INVESTIGATORS.contains(role)) {
            return Decision.PERMIT;
        }
        if (role == AUDIT_LIAISON && repository == Repository.AUDIT) {
            return Decision.PERMIT;
        }
        return Decision.forbidden(
                role == AUDITOR
                        ? "an auditor reads; scans are started by the response team"
                        : "the audit liaison scans AUDIT evidence only");
    }

    private static Decision allow(Role role, Set<Role> allowed, String reason) {
        return allowed.contains(role) ? Decision.PERMIT : Decision.forbidden(reason);
    }
}
