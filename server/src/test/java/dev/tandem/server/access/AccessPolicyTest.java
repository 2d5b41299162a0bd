package dev.tandem.server.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.Repository;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy on its own, without Spring: the decisions that protect privilege. */
class AccessPolicyTest {
    static final String INCIDENT = "i-1";
    static final Resource FORENSIC_ITEM = Resource.evidence(INCIDENT, "e-1", Repository.FORENSIC);
    static final Resource AUDIT_ITEM = Resource.evidence(INCIDENT, "e-2", Repository.AUDIT);

    static Caller as(Role role) {
        return new Caller("u", false, role, Caller.Grants.NONE);
    }

    @Test
    void nonMembersAdministratorsIncludedGetNotFoundForIncidentContent() {
        Caller admin = Caller.outside("root", true);
        Caller stranger = Caller.outside("eve", false);
        for (Action a : Action.values()) {
            if (a.target() == Target.INSTALLATION || a.target() == Target.USER) {
                continue;
            }
            Resource r = a.target() == Target.EVIDENCE ? FORENSIC_ITEM : Resource.incident(INCIDENT);
            assertThat(AccessPolicy.decide(stranger, a, r)).as(a.name()).isInstanceOf(Decision.Hidden.class);
            boolean adminTask = a == Action.MEMBERS_READ
                    || a == Action.MEMBERS_CHANGE
                    || a == Action.CONTROL_TESTS_IMPORT
                    || a == Action.OBSERVATION_PERIOD_SET;
            assertThat(AccessPolicy.decide(admin, a, r))
                    .as(a.name())
                    .isInstanceOf(adminTask ? Decision.Permit.class : Decision.Hidden.class);
        }
    }

    @Test
    void anExternalAuditorOpensNoIncidentAndEveryoneElseDoes() {
        java.util.function.BiFunction<Boolean, java.util.List<Role>, Decision> open = (admin, roles) ->
                AccessPolicy.decide(Caller.outside("u", admin, roles), Action.INCIDENT_OPEN, Resource.INSTALLATION);
        assertThat(open.apply(false, java.util.List.of(Role.AUDITOR, Role.AUDITOR)))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(open.apply(false, java.util.List.of())).as("no incident yet").isInstanceOf(Decision.Permit.class);
        assertThat(open.apply(false, java.util.List.of(Role.AUDITOR, Role.RESPONDER)))
                .as("a member of the company's team somewhere")
                .isInstanceOf(Decision.Permit.class);
        assertThat(open.apply(true, java.util.List.of(Role.AUDITOR))).isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(Caller.outside("u", false), Action.INCIDENT_OPEN, Resource.INSTALLATION))
                .isInstanceOf(Decision.Permit.class);
    }

    @Test
    void changesAreApprovedByTheCommanderAndTheLiaisonAndOnlyAcknowledgedByTheAuditor() {
        Resource change = Resource.incident(INCIDENT);
        for (Role r : Role.values()) {
            boolean approver = r == Role.INCIDENT_COMMANDER || r == Role.AUDIT_LIAISON;
            assertThat(AccessPolicy.decide(as(r), Action.CHANGE_APPROVE, change))
                    .as(r.name())
                    .isInstanceOf(approver ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.CHANGE_ACKNOWLEDGE, change))
                    .as(r.name())
                    .isInstanceOf(r == Role.AUDITOR ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.CHANGE_REQUEST, change))
                    .as(r.name())
                    .isInstanceOf(r == Role.AUDITOR ? Decision.Forbidden.class : Decision.Permit.class);
            boolean executor = r == Role.INCIDENT_COMMANDER || r == Role.RESPONDER;
            assertThat(AccessPolicy.decide(as(r), Action.CHANGE_EXECUTE, change))
                    .as(r.name())
                    .isInstanceOf(executor ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.CONTROL_TESTS_IMPORT, change))
                    .as(r.name())
                    .isInstanceOf(r == Role.AUDIT_LIAISON ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.OBSERVATION_PERIOD_SET, change))
                    .as(r.name())
                    .isInstanceOf(r == Role.AUDIT_LIAISON ? Decision.Permit.class : Decision.Forbidden.class);
            for (Action read : Set.of(Action.CHANGE_READ, Action.CHANGES_READ, Action.RETESTS_READ)) {
                assertThat(AccessPolicy.decide(as(r), read, change)).isInstanceOf(Decision.Permit.class);
            }
        }
        assertThat(((Decision.Forbidden) AccessPolicy.decide(as(Role.AUDITOR), Action.CHANGE_APPROVE, change)).reason())
                .startsWith("auditor independence");
    }

    @Test
    void evidenceRequestsAreFiledAndReviewedByTheAuditorAndAnsweredByTheLiaisonOrTheCommander() {
        Resource request = Resource.incident(INCIDENT);
        for (Role r : Role.values()) {
            boolean files = r == Role.AUDITOR || r == Role.AUDIT_LIAISON;
            assertThat(AccessPolicy.decide(as(r), Action.EVIDENCE_REQUEST_FILE, request))
                    .as(r.name())
                    .isInstanceOf(files ? Decision.Permit.class : Decision.Forbidden.class);
            boolean answers = r == Role.AUDIT_LIAISON || r == Role.INCIDENT_COMMANDER;
            assertThat(AccessPolicy.decide(as(r), Action.EVIDENCE_REQUEST_ANSWER, request))
                    .as(r.name())
                    .isInstanceOf(answers ? Decision.Permit.class : Decision.Forbidden.class);
            for (Action auditors : Set.of(Action.EVIDENCE_REQUEST_REVIEW, Action.CHECKPOINT_VERIFIED_RECORD)) {
                assertThat(AccessPolicy.decide(as(r), auditors, request))
                        .as(r + " " + auditors)
                        .isInstanceOf(r == Role.AUDITOR ? Decision.Permit.class : Decision.Forbidden.class);
            }
            for (Action read : Set.of(Action.AUDIT_PORTAL_READ, Action.EVIDENCE_REQUEST_READ)) {
                assertThat(AccessPolicy.decide(as(r), read, request))
                        .as(r + " " + read)
                        .isInstanceOf(Decision.Permit.class);
            }
        }
        assertThat(((Decision.Forbidden)
                                AccessPolicy.decide(as(Role.RESPONDER), Action.EVIDENCE_REQUEST_ANSWER, request))
                        .reason())
                .contains("audit liaison");
    }

    @Test
    void forensicContentIsCounselsTheCommandersAndGrantedRespondersOnly() {
        assertThat(AccessPolicy.decide(as(Role.LEGAL), Action.EVIDENCE_CONTENT, FORENSIC_ITEM))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(as(Role.INCIDENT_COMMANDER), Action.EVIDENCE_CONTENT, FORENSIC_ITEM))
                .isInstanceOf(Decision.Permit.class);
        for (Role r : Set.of(Role.RESPONDER, Role.AUDIT_LIAISON, Role.AUDITOR)) {
            assertThat(AccessPolicy.decide(as(r), Action.EVIDENCE_CONTENT, FORENSIC_ITEM))
                    .as(r.name())
                    .isInstanceOf(Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.EVIDENCE_CONTENT, AUDIT_ITEM))
                    .as(r.name())
                    .isInstanceOf(Decision.Permit.class);
        }
        Caller granted = new Caller("r", false, Role.RESPONDER, new Caller.Grants(false, Set.of("e-1")));
        assertThat(AccessPolicy.decide(granted, Action.EVIDENCE_CONTENT, FORENSIC_ITEM))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(
                        granted, Action.EVIDENCE_CONTENT, Resource.evidence(INCIDENT, "e-9", Repository.FORENSIC)))
                .isInstanceOf(Decision.Forbidden.class);
        Caller grantedAll = new Caller("r", false, Role.RESPONDER, new Caller.Grants(true, Set.of()));
        assertThat(AccessPolicy.decide(
                        grantedAll, Action.PII_RESULT_READ, Resource.evidence(INCIDENT, "e-9", Repository.FORENSIC)))
                .isInstanceOf(Decision.Permit.class);
        // a grant means nothing to a role other than RESPONDER
        Caller auditorWithGrant = new Caller("a", false, Role.AUDITOR, new Caller.Grants(true, Set.of()));
        assertThat(AccessPolicy.decide(auditorWithGrant, Action.EVIDENCE_CONTENT, FORENSIC_ITEM))
                .isInstanceOf(Decision.Forbidden.class);
    }

    @Test
    void onlyCounselAndTheCommanderDecideObligationsAndNotices() {
        for (Action a :
                Set.of(Action.SCOPE_CHANGE, Action.JUDGEMENT_RECORD, Action.OBLIGATION_CHANGE, Action.NOTICE_CHANGE)) {
            for (Role r : Role.values()) {
                assertThat(AccessPolicy.decide(as(r), a, Resource.incident(INCIDENT)))
                        .as(r + " " + a)
                        .isInstanceOf(r.privileged() ? Decision.Permit.class : Decision.Forbidden.class);
            }
        }
    }

    @Test
    void onlyCounselSetsANoticeDutyAsideOrMovesAwarenessLater() {
        for (Role r : Role.values()) {
            assertThat(AccessPolicy.decide(as(r), Action.NOTICE_DUTY_RELIEF, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.LEGAL ? Decision.Permit.class : Decision.Forbidden.class);
        }
    }

    @Test
    void noticeDraftsAreCounselsAndTheCommandersToRead() {
        for (Role r : Role.values()) {
            assertThat(AccessPolicy.decide(as(r), Action.NOTICE_READ, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r.privileged() ? Decision.Permit.class : Decision.Forbidden.class);
        }
    }

    @Test
    void theAuditorReadsButNeverChangesAndTheLiaisonStaysWithAuditEvidence() {
        Resource forensicUpload = Resource.upload(INCIDENT, Repository.FORENSIC);
        Resource auditUpload = Resource.upload(INCIDENT, Repository.AUDIT);
        assertThat(AccessPolicy.decide(as(Role.AUDITOR), Action.EVIDENCE_ADD, auditUpload))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.AUDITOR), Action.ANALYSIS_START, Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.AUDITOR), Action.SCOPE_READ, Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.AUDITOR), Action.OBLIGATIONS_READ, Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(as(Role.AUDIT_LIAISON), Action.EVIDENCE_ADD, forensicUpload))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.AUDIT_LIAISON), Action.EVIDENCE_ADD, auditUpload))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(as(Role.AUDIT_LIAISON), Action.PII_SCAN_START, FORENSIC_ITEM))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.AUDIT_LIAISON), Action.PII_SCAN_START, AUDIT_ITEM))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(as(Role.RESPONDER), Action.EVIDENCE_ADD, forensicUpload))
                .isInstanceOf(Decision.Permit.class);
    }

    @Test
    void everyMemberComparesTimelinesAndTheCommanderCounselAndLiaisonRecordTheResult() {
        Resource incident = Resource.incident(INCIDENT);
        for (Role r : Role.values()) {
            // comparing writes nothing: the read-only auditor may check their own timeline too
            assertThat(AccessPolicy.decide(as(r), Action.TIMELINE_COMPARE, incident))
                    .as(r.name())
                    .isInstanceOf(Decision.Permit.class);
            boolean records = r == Role.INCIDENT_COMMANDER || r == Role.LEGAL || r == Role.AUDIT_LIAISON;
            assertThat(AccessPolicy.decide(as(r), Action.TIMELINE_COMPARISON_SAVE, incident))
                    .as(r.name())
                    .isInstanceOf(records ? Decision.Permit.class : Decision.Forbidden.class);
        }
        assertThat(AccessPolicy.decide(Caller.outside("eve", false), Action.TIMELINE_COMPARE, incident))
                .isInstanceOf(Decision.Hidden.class);
    }

    @Test
    void onlyLegalGrantsAndOnlyTheCommanderChangesMembers() {
        for (Role r : Role.values()) {
            assertThat(AccessPolicy.decide(as(r), Action.GRANTS_CHANGE, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.LEGAL ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.MEMBERS_CHANGE, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.INCIDENT_COMMANDER ? Decision.Permit.class : Decision.Forbidden.class);
        }
    }

    @Test
    void onlyCounselPullsAnAuditItemBackAndNoAdministratorActsForThem() {
        for (Role r : Role.values()) {
            assertThat(AccessPolicy.decide(as(r), Action.EVIDENCE_PULL_BACK, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.LEGAL ? Decision.Permit.class : Decision.Forbidden.class);
            // an administrator who is a member in another role is that role, nothing more
            assertThat(AccessPolicy.decide(
                            new Caller("root", true, r, Caller.Grants.NONE),
                            Action.EVIDENCE_PULL_BACK,
                            Resource.incident(INCIDENT)))
                    .as("ADMIN as " + r)
                    .isInstanceOf(r == Role.LEGAL ? Decision.Permit.class : Decision.Forbidden.class);
        }
        assertThat(AccessPolicy.decide(
                        Caller.outside("root", true), Action.EVIDENCE_PULL_BACK, Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Hidden.class);
        assertThat(((Decision.Forbidden) AccessPolicy.decide(
                                as(Role.INCIDENT_COMMANDER), Action.EVIDENCE_PULL_BACK, Resource.incident(INCIDENT)))
                        .reason())
                .contains("LEGAL");
    }

    @Test
    void thePrivilegeLogIsCounselsAndTheCommandersNeverAGrantedResponders() {
        for (Role r : Role.values()) {
            boolean reads = r == Role.LEGAL || r == Role.INCIDENT_COMMANDER;
            assertThat(AccessPolicy.decide(as(r), Action.PRIVILEGE_LOG_READ, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(reads ? Decision.Permit.class : Decision.Forbidden.class);
        }
        // a grant of every FORENSIC item opens their content, not the log of counsel's claims
        assertThat(AccessPolicy.decide(
                        new Caller("rafael", false, Role.RESPONDER, new Caller.Grants(true, java.util.Set.of())),
                        Action.PRIVILEGE_LOG_READ,
                        Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(
                        Caller.outside("root", true), Action.PRIVILEGE_LOG_READ, Resource.incident(INCIDENT)))
                .isInstanceOf(Decision.Hidden.class);
        assertThat(((Decision.Forbidden) AccessPolicy.decide(
                                as(Role.AUDITOR), Action.PRIVILEGE_LOG_READ, Resource.incident(INCIDENT)))
                        .reason())
                .contains("LEGAL");
    }

    @Test
    void jobsAreCancelledByWhoStartedThemCounselOrTheCommander() {
        Resource byRafael = Resource.job(INCIDENT, "rafael");
        Caller rafael = new Caller("rafael", false, Role.RESPONDER, Caller.Grants.NONE);
        Caller other = new Caller("sam", false, Role.RESPONDER, Caller.Grants.NONE);
        Caller auditor = new Caller("rafael", false, Role.AUDITOR, Caller.Grants.NONE);
        assertThat(AccessPolicy.decide(rafael, Action.JOB_CANCEL, byRafael)).isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(other, Action.JOB_CANCEL, byRafael)).isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(as(Role.LEGAL), Action.JOB_CANCEL, byRafael))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(auditor, Action.JOB_CANCEL, byRafael)).isInstanceOf(Decision.Forbidden.class);
    }

    @Test
    void usersManageTheirOwnTokensAndAdministratorsEveryonesAccounts() {
        Caller ada = Caller.outside("ada", false);
        assertThat(AccessPolicy.decide(ada, Action.TOKEN_MANAGE, Resource.user("ada")))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(ada, Action.TOKEN_MANAGE, Resource.user("bob")))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(ada, Action.USER_CREATE, Resource.INSTALLATION))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(ada, Action.TOKEN_ISSUE, Resource.user("ada")))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(ada, Action.TOKEN_ISSUE, Resource.user("bob")))
                .isInstanceOf(Decision.Forbidden.class);
        // an administrator lists and revokes anyone's tokens, but issues only their own
        Caller root = Caller.outside("root", true);
        assertThat(AccessPolicy.decide(root, Action.TOKEN_MANAGE, Resource.user("bob")))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(root, Action.TOKEN_ISSUE, Resource.user("bob")))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(root, Action.TOKEN_ISSUE, Resource.user("root")))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(Caller.outside("root", true), Action.USER_DISABLE, Resource.user("bob")))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(Caller.outside("root", true), Action.USER_SIGN_ON_RELEASE, Resource.user("bob")))
                .isInstanceOf(Decision.Permit.class);
        // not even for themself: a person who could release their own binding could hand the account on
        assertThat(AccessPolicy.decide(ada, Action.USER_SIGN_ON_RELEASE, Resource.user("ada")))
                .isInstanceOf(Decision.Forbidden.class);
    }

    @Test
    void everyoneSignsInAndManagesTheirOwnAccountAndOnlyTheSignInPageAndCheckpointArePublic() {
        for (Caller c : java.util.List.of(Caller.outside("ada", false), Caller.outside("root", true))) {
            assertThat(AccessPolicy.decide(c, Action.SIGN_IN, Resource.INSTALLATION))
                    .isInstanceOf(Decision.Permit.class);
            assertThat(AccessPolicy.decide(c, Action.OWN_ACCOUNT, Resource.INSTALLATION))
                    .isInstanceOf(Decision.Permit.class);
        }
        assertThat(java.util.Arrays.stream(Action.values()).filter(Action::isPublic))
                .containsExactlyInAnyOrder(Action.LEDGER_PUBLIC, Action.SIGN_IN);
    }

    @Test
    void onlyAnAdministratorTakesABackup() {
        assertThat(AccessPolicy.decide(Caller.outside("root", true), Action.BACKUP, Resource.INSTALLATION))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(Caller.outside("ada", false), Action.BACKUP, Resource.INSTALLATION))
                .isInstanceOf(Decision.Forbidden.class);
        assertThat(AccessPolicy.decide(Caller.outside("root", true), Action.VAULT_CHECK, Resource.INSTALLATION))
                .isInstanceOf(Decision.Permit.class);
        assertThat(AccessPolicy.decide(Caller.outside("ada", false), Action.VAULT_CHECK, Resource.INSTALLATION))
                .isInstanceOf(Decision.Forbidden.class);
    }

    @Test
    void theTeamAddsTimelineEntriesAndOnlyTheCommanderChangesTheLifecycle() {
        for (Role r : Role.values()) {
            assertThat(AccessPolicy.decide(as(r), Action.TIMELINE_ADD, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.AUDITOR ? Decision.Forbidden.class : Decision.Permit.class);
            assertThat(AccessPolicy.decide(as(r), Action.INCIDENT_LIFECYCLE, Resource.incident(INCIDENT)))
                    .as(r.name())
                    .isInstanceOf(r == Role.INCIDENT_COMMANDER ? Decision.Permit.class : Decision.Forbidden.class);
        }
    }

    @Test
    void theAuditorReadsTheAuditReportButNotTheIncidentReportAndIssuesNeither() {
        Resource incident = Resource.incident(INCIDENT);
        for (Role r : Role.values()) {
            boolean investigator = r == Role.INCIDENT_COMMANDER || r == Role.LEGAL || r == Role.RESPONDER;
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_INCIDENT_READ, incident))
                    .as(r.name())
                    .isInstanceOf(investigator ? Decision.Permit.class : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_AUDIT_READ, incident))
                    .as(r.name())
                    .isInstanceOf(Decision.Permit.class);
            // the export bag holds what every member reads: AUDIT evidence, entries, the audit report
            assertThat(AccessPolicy.decide(as(r), Action.INCIDENT_EXPORT, incident))
                    .as(r.name())
                    .isInstanceOf(Decision.Permit.class);
        }
        Resource forensic = Resource.upload(INCIDENT, Repository.FORENSIC);
        Resource audit = Resource.upload(INCIDENT, Repository.AUDIT);
        for (Role r : Role.values()) {
            Class<?> decider = r.privileged() ? Decision.Permit.class : Decision.Forbidden.class;
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_INCIDENT_ISSUE, forensic))
                    .as(r.name())
                    .isInstanceOf(decider);
            // the incident report names privileged items: never AUDIT evidence, whoever asks
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_INCIDENT_ISSUE, audit))
                    .as(r.name())
                    .isInstanceOf(Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_AUDIT_ISSUE, audit))
                    .as(r.name())
                    .isInstanceOf(
                            r.privileged() || r == Role.AUDIT_LIAISON
                                    ? Decision.Permit.class
                                    : Decision.Forbidden.class);
            assertThat(AccessPolicy.decide(as(r), Action.REPORT_AUDIT_ISSUE, forensic))
                    .as(r.name())
                    .isInstanceOf(decider);
        }
    }
}
