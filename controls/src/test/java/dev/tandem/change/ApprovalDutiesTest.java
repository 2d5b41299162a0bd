package dev.tandem.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.change.ChangeRules.Decision;
import dev.tandem.change.ChangeRules.State;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The approval rules of docs/adr/106-emergency-approval-and-segregation-of-duties.md: who approves an emergency change the only commander requested,
 * the window recorded with the request, approver and executor the same person, and requests for the
 * same items linked.
 */
class ApprovalDutiesTest {
    private static final Decision LIAISON = new Decision("lia", Approver.AUDIT_LIAISON, true);
    private static final Decision COMMANDER = new Decision("ian", Approver.INCIDENT_COMMANDER, true);

    @Test
    void theOnlyCommandersEmergencyChangeIsApprovedByTheLiaisonAlone() {
        State emergency = new State("ian", true, ChangeStatus.EXECUTED, List.of());
        assertThat(ChangeRules.liaisonAlone(emergency, List.of("ian"))).isTrue();
        assertThat(ChangeRules.liaisonAlone(emergency, List.of())).isTrue();
        // a second commander approves it as the rule has always said
        assertThat(ChangeRules.liaisonAlone(emergency, List.of("ian", "ines"))).isFalse();
        // a change that is no emergency waits for another commander (or is requested by a responder)
        State planned = new State("ian", false, ChangeStatus.REQUESTED, List.of());
        assertThat(ChangeRules.liaisonAlone(planned, List.of("ian"))).isFalse();

        State alone = emergency.liaisonAlone(true);
        assertThat(ChangeRules.noCommanderToApprove(alone, List.of("ian"))).isNull();
        assertThat(ChangeRules.noCommanderToApprove(planned, List.of("ian"))).contains("second incident commander");
        // the requester still may not approve their own change
        assertThat(ChangeRules.decide(alone, "ian", "INCIDENT_COMMANDER"))
                .isEqualTo(new ChangeRules.Refused(
                        ChangeRules.Outcome.FORBIDDEN,
                        "self-approval",
                        "ian requested this change and may not approve or reject it: approvals come from two other"
                                + " people"));
        assertThat(ChangeRules.decide(alone, "lia", "AUDIT_LIAISON")).isInstanceOf(ChangeRules.Allowed.class);
        assertThat(ChangeRules.after(alone, LIAISON)).isEqualTo(ChangeStatus.EXECUTED);
        State requested = new State("ian", true, ChangeStatus.REQUESTED, List.of()).liaisonAlone(true);
        assertThat(ChangeRules.after(requested, LIAISON)).isEqualTo(ChangeStatus.APPROVED);
        assertThat(new State("ian", true, ChangeStatus.EXECUTED, List.of(LIAISON), true).approved())
                .isTrue();
        // without the rule, the liaison's approval is half of it
        assertThat(new State("ian", true, ChangeStatus.EXECUTED, List.of(LIAISON), false).approved())
                .isFalse();
        assertThat(ChangeRules.after(new State("ian", true, ChangeStatus.REQUESTED, List.of()), LIAISON))
                .isEqualTo(ChangeStatus.REQUESTED);
        // a commander added later who rejects it rejects it
        Decision rejected = new Decision("ines", Approver.INCIDENT_COMMANDER, false);
        assertThat(new State("ian", true, ChangeStatus.EXECUTED, List.of(LIAISON, rejected), true).approved())
                .isFalse();
    }

    /** ADR 134: the commanders the incident had since the request, not those left when the liaison approves. */
    @Test
    void theCommandersAreThoseSinceTheRequestNotThoseLeft() {
        List<ChangeRules.RoleStep> steps = List.of(
                new ChangeRules.RoleStep(1, "ian", "INCIDENT_COMMANDER"),
                new ChangeRules.RoleStep(2, "ines", "INCIDENT_COMMANDER"),
                new ChangeRules.RoleStep(3, "lia", "AUDIT_LIAISON"),
                new ChangeRules.RoleStep(4, "olaf", "INCIDENT_COMMANDER"),
                new ChangeRules.RoleStep(5, "olaf", null),
                // the change is requested at 6; ian then removes ines
                new ChangeRules.RoleStep(7, "ines", null),
                new ChangeRules.RoleStep(8, "rita", "RESPONDER"));
        assertThat(ChangeRules.commandersSince(steps, 6)).containsExactly("ian", "ines");
        State emergency = new State("ian", true, ChangeStatus.EXECUTED, List.of());
        assertThat(ChangeRules.liaisonAlone(emergency, ChangeRules.commandersSince(steps, 6)))
                .isFalse();
        // a commander removed before the request, or one made liaison before it, is none
        assertThat(ChangeRules.commandersSince(steps, 9)).containsExactly("ian");
        assertThat(commandersSince(
                        6, "ian", "INCIDENT_COMMANDER", "ines", "INCIDENT_COMMANDER", "ines", "AUDIT_LIAISON"))
                .containsExactly("ian");
        // one made commander after the request counts, whatever became of them
        assertThat(commandersSince(2, "ian", "INCIDENT_COMMANDER", "ines", "INCIDENT_COMMANDER", "ines", "RESPONDER"))
                .containsExactly("ian", "ines");
    }

    /**
     * ADR 139: an approver given the role they approve in after the request is a segregation-of-duties
     * exception naming the entry that gave it; one who held it since before the request is none.
     */
    @Test
    void aRoleGivenAfterTheRequestIsASegregationException() {
        List<ChangeRules.RoleStep> steps = List.of(
                new ChangeRules.RoleStep(1, "ian", "INCIDENT_COMMANDER"),
                new ChangeRules.RoleStep(2, "lia", "AUDIT_LIAISON"),
                new ChangeRules.RoleStep(3, "cora", "LEGAL"),
                // the change is requested at 4; ian makes cora the audit liaison, then ines a commander
                new ChangeRules.RoleStep(5, "cora", "AUDIT_LIAISON"),
                new ChangeRules.RoleStep(6, "ines", "INCIDENT_COMMANDER"));
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "cora", "AUDIT_LIAISON"))
                .contains(steps.get(3));
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "ines", "INCIDENT_COMMANDER"))
                .contains(steps.get(4));
        // held since before the request: none
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "lia", "AUDIT_LIAISON"))
                .isEmpty();
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "ian", "INCIDENT_COMMANDER"))
                .isEmpty();
        // a request after the role was given: none; a member holding another role now: none
        assertThat(Segregation.roleGivenAfterRequest(steps, 7, "cora", "AUDIT_LIAISON"))
                .isEmpty();
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "cora", "INCIDENT_COMMANDER"))
                .isEmpty();
        assertThat(Segregation.roleGivenAfterRequest(steps, 4, "nobody", "AUDIT_LIAISON"))
                .isEmpty();
        // the liaison made a responder after the request and the liaison again: given after it
        List<ChangeRules.RoleStep> again = List.of(
                new ChangeRules.RoleStep(2, "lia", "AUDIT_LIAISON"),
                new ChangeRules.RoleStep(5, "lia", "RESPONDER"),
                new ChangeRules.RoleStep(6, "lia", "AUDIT_LIAISON"));
        assertThat(Segregation.roleGivenAfterRequest(again, 4, "lia", "AUDIT_LIAISON"))
                .contains(again.get(2));
        assertThat(Segregation.roleGivenException("c1", "cora", "audit liaison", "ian", "2026-01-01T10:00:00Z"))
                .isEqualTo("segregation-of-duties exception (SOC 2 CC8.1): cora approved change c1 as the audit"
                        + " liaison, a role ian gave them at 2026-01-01T10:00:00Z, after the change was requested");
    }

    /** The commanders since a request at {@code request} of steps given as user and role pairs at 1, 3, 5, …. */
    private static java.util.Set<String> commandersSince(long request, String... pairs) {
        List<ChangeRules.RoleStep> steps = new java.util.ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            steps.add(new ChangeRules.RoleStep(i + 1, pairs[i], pairs[i + 1]));
        }
        return ChangeRules.commandersSince(steps, request);
    }

    @Test
    void theNewChangeFormTellsTheOnlyCommanderTheirEmergencyChangeIsTheLiaisonsToApprove() {
        assertThat(ChangeRules.commanderRequests(0))
                .contains("could not be approved")
                .endsWith("An emergency change you flag is the exception: the audit liaison's approval, after the"
                        + " fact, completes it.");
        assertThat(ChangeRules.commanderRequests(1)).doesNotContain("emergency");
        assertThat(ChangeRules.approverRequests(Approver.AUDIT_LIAISON, 0)).doesNotContain("emergency");
    }

    @Test
    void theWindowRecordedWithTheRequestDecidesNotTheSettingOfTheDay() {
        Instant ran = Instant.parse("2026-12-01T10:00:00Z");
        Instant approved = ran.plus(Duration.ofMinutes(5));
        Duration recorded = Duration.ofMinutes(1);
        Duration setting = Duration.ofDays(3650);
        Duration window = EmergencyReview.windowOf(recorded, setting);
        assertThat(window).isEqualTo(recorded);
        assertThat(EmergencyReview.status(ran, approved, false, window, approved))
                .isEqualTo(EmergencyReview.Status.APPROVED_LATE);
        // a request recorded before the window was: today's setting, as before
        assertThat(EmergencyReview.windowOf(null, setting)).isEqualTo(setting);
        assertThat(EmergencyReview.status(ran, approved, false, EmergencyReview.windowOf(null, setting), approved))
                .isEqualTo(EmergencyReview.Status.APPROVED_IN_TIME);
    }

    @Test
    void anApproverWhoCarriesOutTheChangeIsASegregationOfDutiesObservation() {
        assertThat(Segregation.approvedAndExecuted("ian", List.of(LIAISON, COMMANDER)))
                .containsExactly(Approver.INCIDENT_COMMANDER);
        assertThat(Segregation.observation("c1", "ian", List.of(LIAISON, COMMANDER)))
                .isEqualTo("segregation-of-duties observation (SOC 2 CC8.1): ian approved change c1 as the"
                        + " incident commander and carried it out");
        assertThat(Segregation.observation("c1", "rosa", List.of(LIAISON, COMMANDER)))
                .isNull();
        assertThat(Segregation.observation("c1", null, List.of(LIAISON, COMMANDER)))
                .isNull();
        // a rejection is no approval
        assertThat(Segregation.approvedAndExecuted(
                        "ines", List.of(new Decision("ines", Approver.INCIDENT_COMMANDER, false))))
                .isEmpty();
    }

    @Test
    void aRequestForTheSameItemsAsOneRefusedOrOpenIsLinkedAndTwoOpenAreFlagged() {
        List<String> items = List.of("Profile:Admin#AuthorApex");
        var refused = new Resubmissions.Request("c1", items, ChangeStatus.REJECTED);
        var again = new Resubmissions.Request(
                "c2", List.of(" Profile:Admin#AuthorApex", "Profile:Admin#AuthorApex"), ChangeStatus.APPROVED);
        var twice = new Resubmissions.Request("c3", items, ChangeStatus.REQUESTED);
        var other = new Resubmissions.Request("c4", List.of("Profile:Admin#ApiEnabled"), ChangeStatus.REJECTED);
        var done = new Resubmissions.Request("c5", List.of("Profile:Admin#ApiEnabled"), ChangeStatus.EXECUTED);
        var later = new Resubmissions.Request("c6", List.of("Profile:Admin#ApiEnabled"), ChangeStatus.REQUESTED);
        List<Resubmissions.Request> all = List.of(refused, again, twice, other, done, later);

        assertThat(Resubmissions.earlier("c1", all)).isEmpty();
        assertThat(Resubmissions.earlier("c2", all)).containsExactly(refused);
        assertThat(Resubmissions.earlier("c3", all)).containsExactly(refused, again);
        // refused, then executed: only the refusal is linked
        assertThat(Resubmissions.earlier("c6", all)).containsExactly(other);
        assertThat(Resubmissions.openTwins("c2", all)).containsExactly(twice);
        assertThat(Resubmissions.openTwins("c3", all)).containsExactly(again);
        assertThat(Resubmissions.openTwins("c1", all)).isEmpty();
        assertThat(Resubmissions.openTwins("c6", all)).isEmpty();
        assertThat(Resubmissions.sameItems(List.of("A:b", "C:d"), List.of("C:d", "A:b")))
                .isTrue();
        assertThat(Resubmissions.sameItems(List.of("A:b"), List.of("A:b", "C:d")))
                .isFalse();
    }

    /**
     * Items are the same as the register and the diffs compare them (docs/change-control.md "The
     * control test register"): ignoring case, in the name and in the {@code #detail} alike, and the
     * spacing a request may write around the type, the colon and the {@code #}; a whole item and one of
     * its parts, or two parts, are other items.
     */
    @Test
    void aResubmissionIsLinkedWhateverTheCaseOrSpacingOfItsItems() {
        var refused = new Resubmissions.Request(
                "c1", List.of("Profile:Admin#AuthorApex", "PermissionSet:Integration_Sync"), ChangeStatus.REJECTED);
        var again = new Resubmissions.Request(
                "c2", List.of("permissionset:integration_sync", "Profile: Admin # authorApex"), ChangeStatus.REQUESTED);
        var twin = new Resubmissions.Request(
                "c3", List.of("PROFILE:ADMIN#AUTHORAPEX", "PermissionSet:Integration_Sync"), ChangeStatus.REQUESTED);
        List<Resubmissions.Request> all = List.of(refused, again, twin);
        assertThat(Resubmissions.earlier("c2", all)).containsExactly(refused);
        assertThat(Resubmissions.earlier("c3", all)).containsExactly(refused, again);
        assertThat(Resubmissions.openTwins("c2", all)).containsExactly(twin);
        assertThat(Resubmissions.sameItems(List.of("Profile:Admin#AuthorApex"), List.of("profile:admin#authorapex")))
                .isTrue();
        // the whole item, another part, or the part on another object: not the same request
        assertThat(Resubmissions.sameItems(List.of("Profile:Admin#AuthorApex"), List.of("Profile:Admin")))
                .isFalse();
        assertThat(Resubmissions.sameItems(List.of("Profile:Admin#AuthorApex"), List.of("Profile:Admin#ApiEnabled")))
                .isFalse();
        assertThat(Resubmissions.sameItems(
                        List.of("PermissionSet:X#ViewAllRecords/Account"),
                        List.of("PermissionSet:X#ViewAllRecords/Contact")))
                .isFalse();
    }
}
