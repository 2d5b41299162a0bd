package dev.tandem.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.change.ChangeRules.Decision;
import dev.tandem.change.ChangeRules.Refused;
import dev.tandem.change.ChangeRules.State;
import dev.tandem.controls.ControlCatalog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ChangeRulesTest {
    private static final Instant REQUESTED = Instant.parse("2026-11-27T10:00:00Z");
    private static final Snapshot PRE = new Snapshot("pre", "CONFIG_SNAPSHOT", REQUESTED.minusSeconds(3600), true);
    private static final Snapshot LOG = new Snapshot("log", "LOG", REQUESTED.minusSeconds(3600), true);
    private static final Snapshot LATE = new Snapshot("late", "CONFIG_SNAPSHOT", REQUESTED.plusSeconds(60), true);
    // privileged items the person may not read: a document, a config snapshot, one received later
    private static final Snapshot SECRET_DOCUMENT =
            new Snapshot("secret-doc", "DOCUMENT", REQUESTED.minusSeconds(3600), false);
    private static final Snapshot SECRET_SNAPSHOT =
            new Snapshot("secret-snap", "CONFIG_SNAPSHOT", REQUESTED.minusSeconds(3600), false);
    private static final Snapshot SECRET_LATE =
            new Snapshot("secret-late", "CONFIG_SNAPSHOT", REQUESTED.plusSeconds(60), false);
    private static final Map<String, Snapshot> SNAPSHOTS = Map.of(
            "pre",
            PRE,
            "log",
            LOG,
            "late",
            LATE,
            "secret-doc",
            SECRET_DOCUMENT,
            "secret-snap",
            SECRET_SNAPSHOT,
            "secret-late",
            SECRET_LATE);

    private static ChangeRules.Draft draft(
            ChangeKind kind,
            List<String> pre,
            @Nullable String auditorAccess,
            List<String> processes,
            boolean emergency) {
        return new ChangeRules.Draft(
                "Revoke ViewAllData",
                "Salesforce production",
                "",
                kind,
                Risk.MEDIUM,
                List.of("PermissionSet:Integration_Sync#ViewAllData"),
                List.of("CC6.3"),
                pre,
                "Redeploy the pre-change permission set",
                emergency,
                auditorAccess,
                processes);
    }

    private static ChangeRules.Check request(ChangeRules.Draft d, String role) {
        return ChangeRules.request(d, SNAPSHOTS, REQUESTED, role, ControlCatalog.standard());
    }

    private static String code(ChangeRules.Check c) {
        return c instanceof Refused r ? r.code() : "allowed";
    }

    @Test
    void aRequestNeedsAConfigSnapshotReceivedBeforeIt() {
        assertThat(code(request(draft(ChangeKind.CONFIGURATION, List.of("pre"), null, List.of(), false), "RESPONDER")))
                .isEqualTo("allowed");
        assertThat(code(request(draft(ChangeKind.CONFIGURATION, List.of("log"), null, List.of(), false), "RESPONDER")))
                .isEqualTo("not-a-config-snapshot");
        assertThat(code(request(draft(ChangeKind.CONFIGURATION, List.of("late"), null, List.of(), false), "RESPONDER")))
                .isEqualTo("snapshot-after-request");
        assertThat(code(request(draft(ChangeKind.CONFIGURATION, List.of(), null, List.of(), false), "RESPONDER")))
                .isEqualTo("pre-snapshot-required");
        assertThat(code(request(draft(ChangeKind.CONFIGURATION, List.of("x"), null, List.of(), false), "RESPONDER")))
                .isEqualTo("unknown-snapshot");
    }

    /**
     * A snapshot the requester may not read is refused alike whatever it is: its kind and time are
     * not looked at, so the answer tells nothing of a privileged item.
     */
    @Test
    void aSnapshotTheRequesterMayNotReadIsRefusedAlikeWhateverItsKind() {
        List<String> answers = new java.util.ArrayList<>();
        for (String id : List.of("secret-doc", "secret-snap", "secret-late")) {
            var refused = request(draft(ChangeKind.CONFIGURATION, List.of(id), null, List.of(), false), "RESPONDER");
            assertThat(refused).isInstanceOf(Refused.class);
            Refused r = (Refused) refused;
            assertThat(r.outcome()).isEqualTo(ChangeRules.Outcome.FORBIDDEN);
            assertThat(r.reason()).doesNotContain("DOCUMENT").doesNotContain("CONFIG_SNAPSHOT");
            answers.add(r.outcome() + " " + r.code() + " " + r.reason().replace(id, "<id>"));
        }
        assertThat(answers).containsOnly(answers.get(0));
        assertThat(answers.get(0))
                .isEqualTo("FORBIDDEN forbidden preSnapshots: FORENSIC item <id> is privileged and not"
                        + " yours to read");
        // before every other rule, the requester's own mistakes included
        assertThat(code(request(
                        draft(ChangeKind.ISOLATION, List.of("pre", "secret-doc"), null, List.of(), true), "RESPONDER")))
                .isEqualTo("forbidden");
        // and at execution, whatever the state of the change or the post-change item
        for (State s : List.of(APPROVED, FRESH)) {
            for (String id : List.of("secret-doc", "secret-snap")) {
                var refused = ChangeRules.execute(s, List.of(id), SNAPSHOTS, REQUESTED.minusSeconds(7200));
                assertThat(code(refused)).isEqualTo("forbidden");
                assertThat(((Refused) refused).reason())
                        .isEqualTo("postSnapshots: FORENSIC item " + id + " is privileged and not yours to read");
            }
        }
    }

    private static final String RETRIEVE = "sf project retrieve start (source format)";
    private static final ChangeRules.Taken BEFORE =
            new ChangeRules.Taken("s34", "metadata.zip", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(7200), null);

    /** Changes made: on an item of this change's, before its snapshot, on other items. */
    private static final ChangeRules.Made OVERLAPPING = new ChangeRules.Made(
            "c1",
            "Lock admin logins",
            REQUESTED.minusSeconds(3600),
            List.of("Profile:Admin#loginIpRanges", "Profile:Admin"));

    private static final ChangeRules.Made EARLIER =
            new ChangeRules.Made("c0", "Earlier", REQUESTED.minusSeconds(9000), List.of("Profile:Admin"));
    private static final ChangeRules.Made ELSEWHERE = new ChangeRules.Made(
            "c2", "Revoke", REQUESTED.minusSeconds(3600), List.of("PermissionSet:Integration_Full_Access#ViewAllData"));

    private static ChangeRules.Check current(List<ChangeRules.Taken> taken, ChangeRules.Made... made) {
        return ChangeRules.current(List.of("s34"), List.of("Profile:Admin#loginHours"), taken, List.of(made));
    }

    /**
     * A pre-change snapshot is the configuration just before the change: one older than a later
     * snapshot of the same configuration (the same name, repository and source, or a change's
     * post-change snapshot) is refused, naming the newer one to use instead.
     */
    @Test
    void aPreChangeSnapshotOlderThanALaterSnapshotOfTheSameConfigurationIsRefused() {
        var leftByChange = new ChangeRules.Taken(
                "s78", "metadata.zip", RETRIEVE + ", after the change", "AUDIT", REQUESTED.minusSeconds(3600), "c1");
        var refused = current(List.of(BEFORE, leftByChange));
        assertThat(code(refused)).isEqualTo("snapshot-superseded");
        assertThat(((Refused) refused).outcome()).isEqualTo(ChangeRules.Outcome.UNPROCESSABLE);
        assertThat(((Refused) refused).reason())
                .isEqualTo("preSnapshots: evidence s34 (metadata.zip, received 2026-11-27T08:00:00Z) is older than"
                        + " evidence s78 of the same configuration, received 2026-11-27T09:00:00Z (the post-change"
                        + " snapshot of change c1): a diff against it would count what changed in between as this"
                        + " change's. Name s78, or a snapshot taken since");
        // a later retrieve from the same source, no change's; the newest of several is named
        var again = new ChangeRules.Taken("s90", "metadata.zip", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(600), null);
        assertThat(((Refused) current(List.of(BEFORE, again, leftByChange))).reason())
                .contains("older than evidence s90 of the same configuration, received 2026-11-27T09:50:00Z:");
        // the newest itself is current
        assertThat(code(ChangeRules.current(
                        List.of("s90"), List.of("Profile:Admin"), List.of(BEFORE, again, leftByChange), List.of())))
                .isEqualTo("allowed");
        // another name, repository or source (another org's retrieve), or an older one: not the same configuration
        for (var other : List.of(
                new ChangeRules.Taken("o1", "users.csv", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(60), null),
                new ChangeRules.Taken("o2", "metadata.zip", RETRIEVE, "FORENSIC", REQUESTED.minusSeconds(60), null),
                new ChangeRules.Taken(
                        "o3", "metadata.zip", "sandbox retrieve", "AUDIT", REQUESTED.minusSeconds(60), null),
                new ChangeRules.Taken("o4", "metadata.zip", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(9000), "c0"))) {
            assertThat(code(current(List.of(BEFORE, other)))).as(other.id()).isEqualTo("allowed");
        }
    }

    /**
     * Another change made after the pre-change snapshot was received, on an item this change touches
     * too, is in the snapshot's "before" and would count as this change's: refused, naming it.
     */
    @Test
    void aPreChangeSnapshotOlderThanAnOverlappingChangeIsRefused() {
        var overlapping = OVERLAPPING;
        var refused = current(List.of(BEFORE), overlapping);
        assertThat(code(refused)).isEqualTo("snapshot-before-change");
        assertThat(((Refused) refused).reason())
                .isEqualTo("preSnapshots: evidence s34 (metadata.zip, received 2026-11-27T08:00:00Z) predates change c1"
                        + " \"Lock admin logins\", in the org by 2026-11-27T09:00:00Z, which changed Profile:Admin"
                        + " (this change's Profile:Admin#loginHours): a diff against it would count that change's edits"
                        + " as this change's. Take a snapshot of the configuration as it is now");
        // made before the snapshot, or on other items: the snapshot shows the org as this change finds it
        var earlier = EARLIER;
        var elsewhere = ELSEWHERE;
        assertThat(code(current(List.of(BEFORE), earlier, elsewhere))).isEqualTo("allowed");
        // a snapshot the requester may not read is not among those given: it is neither named nor counted
        assertThat(code(ChangeRules.current(List.of("s34"), List.of("Profile:Admin"), List.of(), List.of())))
                .isEqualTo("allowed");
    }

    private static ChangeRules.Check stillCurrent(List<ChangeRules.Taken> taken, ChangeRules.Made... made) {
        return ChangeRules.stillCurrent(
                "c9", List.of("s34"), List.of("Profile:Admin#loginHours"), taken, List.of(made));
    }

    /**
     * Requested and approved on a current snapshot, then another change on the same items executed
     * first: carrying this one out now would apply it to a configuration nobody snapshotted or
     * approved. Refused, naming that change and the items it changed, saying what to do.
     */
    @Test
    void aChangeOverlappingOneExecutedSinceItsSnapshotIsNoLongerToBeCarriedOut() {
        var overlapping = OVERLAPPING;
        var refused = stillCurrent(List.of(BEFORE), overlapping);
        assertThat(code(refused)).isEqualTo("snapshot-before-change");
        assertThat(((Refused) refused).outcome()).isEqualTo(ChangeRules.Outcome.UNPROCESSABLE);
        assertThat(((Refused) refused).reason())
                .isEqualTo("preSnapshots: evidence s34 (metadata.zip, received 2026-11-27T08:00:00Z), which this"
                        + " change was requested on, predates change c1 \"Lock admin logins\", executed since (in the"
                        + " org by 2026-11-27T09:00:00Z), which changed Profile:Admin (this change's"
                        + " Profile:Admin#loginHours): this change would be applied to a configuration nobody"
                        + " snapshotted or approved. Do not carry it out on that snapshot: take a new snapshot of the"
                        + " configuration as it is now, withdraw this change and request it again on the new"
                        + " snapshot, for a new approval");
        // made before the snapshot, on other items, or this change itself: still current
        var earlier = EARLIER;
        var elsewhere = ELSEWHERE;
        var itself = new ChangeRules.Made("c9", "This one", REQUESTED.minusSeconds(3600), List.of("Profile:Admin"));
        assertThat(code(stillCurrent(List.of(BEFORE), earlier, elsewhere, itself)))
                .isEqualTo("allowed");
        // a snapshot the person may not read is not among those given: neither named nor counted
        assertThat(code(ChangeRules.stillCurrent(
                        "c9", List.of("s34"), List.of("Profile:Admin"), List.of(), List.of(overlapping))))
                .isEqualTo("allowed");
    }

    /**
     * Another change on other items, executed since, whose post-change snapshot is a later state of
     * the same configuration: a diff of this change against its own pre-change snapshot would count
     * that change's edits as this one's. A later snapshot no change left (the executor's own
     * post-change snapshot, say) does not make it stale.
     */
    @Test
    void aChangeWhoseSnapshotAnotherExecutedChangeSupersededIsNoLongerToBeCarriedOut() {
        var leftByChange = new ChangeRules.Taken(
                "s78", "metadata.zip", RETRIEVE + ", after the change", "AUDIT", REQUESTED.minusSeconds(3600), "c2");
        var elsewhere = ELSEWHERE;
        var refused = stillCurrent(List.of(BEFORE, leftByChange), elsewhere);
        assertThat(code(refused)).isEqualTo("snapshot-superseded");
        assertThat(((Refused) refused).reason())
                .isEqualTo("preSnapshots: evidence s34 (metadata.zip, received 2026-11-27T08:00:00Z), which this"
                        + " change was requested on, predates change c2 \"Revoke\", executed since, whose post-change"
                        + " snapshot s78 (received 2026-11-27T09:00:00Z) is a later state of the same configuration:"
                        + " a diff against s34 would count that change's edits as this change's. Do not carry it out"
                        + " on that snapshot: take a new snapshot of the configuration as it is now, withdraw this"
                        + " change and request it again on the new snapshot, for a new approval");
        var again = new ChangeRules.Taken("s90", "metadata.zip", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(600), null);
        var ownPost = new ChangeRules.Taken("s91", "metadata.zip", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(60), "c9");
        var otherFile = new ChangeRules.Taken("s92", "users.csv", RETRIEVE, "AUDIT", REQUESTED.minusSeconds(60), "c2");
        assertThat(code(stillCurrent(List.of(BEFORE, again, ownPost, otherFile), elsewhere)))
                .isEqualTo("allowed");
    }

    /** A closed incident's record is final: no change is requested or carried out under it. */
    @Test
    void aClosedIncidentTakesNoNewChange() {
        assertThat(code(ChangeRules.incidentOpen(null, "executed"))).isEqualTo("allowed");
        var refused = ChangeRules.incidentOpen(REQUESTED, "executed");
        assertThat(code(refused)).isEqualTo("incident-closed");
        assertThat(((Refused) refused).outcome()).isEqualTo(ChangeRules.Outcome.CONFLICT);
        assertThat(((Refused) refused).reason())
                .startsWith("the incident was closed at 2026-11-27T10:00:00Z: no change is executed under it any"
                        + " more");
    }

    @Test
    void isolationAndAccessRestrictionCarryTheirDuties() {
        assertThat(code(request(draft(ChangeKind.ISOLATION, List.of("pre"), " ", List.of(), false), "RESPONDER")))
                .isEqualTo("auditor-access-required");
        assertThat(code(request(
                        draft(ChangeKind.ISOLATION, List.of("pre"), "read-only auditor login", List.of(), false),
                        "RESPONDER")))
                .isEqualTo("allowed");
        assertThat(code(request(
                        draft(ChangeKind.ACCESS_RESTRICTION, List.of("pre"), null, List.of(), false), "RESPONDER")))
                .isEqualTo("business-processes-required");
        assertThat(code(request(
                        draft(ChangeKind.ACCESS_RESTRICTION, List.of("pre"), null, List.of("Nightly sync"), false),
                        "RESPONDER")))
                .isEqualTo("allowed");
    }

    @Test
    void onlyTheCommanderFlagsAnEmergency() {
        var refused = request(draft(ChangeKind.CONFIGURATION, List.of("pre"), null, List.of(), true), "RESPONDER");
        assertThat(code(refused)).isEqualTo("emergency-by-commander");
        assertThat(((Refused) refused).outcome()).isEqualTo(ChangeRules.Outcome.FORBIDDEN);
        assertThat(code(request(
                        draft(ChangeKind.CONFIGURATION, List.of("pre"), null, List.of(), true), "INCIDENT_COMMANDER")))
                .isEqualTo("allowed");
    }

    /** An item that is not {@code Type:Name[#detail]} could match no register row: refused, named. */
    @Test
    void anItemThatCannotBeReadIsRefusedNamingItAndTheForm() {
        for (String item : List.of("Admin profile", "Profile:", "Profile:Admin#")) {
            var d = new ChangeRules.Draft(
                    "Revoke",
                    "Salesforce production",
                    "",
                    ChangeKind.CONFIGURATION,
                    Risk.MEDIUM,
                    List.of("PermissionSet:Integration_Sync", item),
                    List.of(),
                    List.of("pre"),
                    "Redeploy",
                    false,
                    null,
                    List.of());
            var r = (Refused) request(d, "RESPONDER");
            assertThat(r.code()).isEqualTo("bad-config-item");
            assertThat(r.reason()).startsWith("configItems: \"" + item + "\"").contains("Type:Name");
        }
    }

    @Test
    void anUnknownControlIsRefused() {
        var d = new ChangeRules.Draft(
                "t",
                "s",
                "",
                ChangeKind.CODE,
                Risk.LOW,
                List.of("Repo:x"),
                List.of("CC6.9"),
                List.of("pre"),
                "revert",
                false,
                null,
                List.of());
        assertThat(code(request(d, "RESPONDER"))).isEqualTo("unknown-control");
    }

    private static final State FRESH = new State("rafael", false, ChangeStatus.REQUESTED, List.of());
    private static final State APPROVED = new State(
            "rafael",
            false,
            ChangeStatus.APPROVED,
            List.of(
                    new Decision("irene", Approver.INCIDENT_COMMANDER, true),
                    new Decision("alex", Approver.AUDIT_LIAISON, true)));

    @Test
    void approvalsComeFromTheCommanderAndTheLiaisonNeitherTheRequester() {
        assertThat(code(ChangeRules.decide(FRESH, "rafael", "INCIDENT_COMMANDER")))
                .isEqualTo("self-approval");
        assertThat(code(ChangeRules.decide(FRESH, "audrey", "AUDITOR"))).isEqualTo("auditor-independence");
        assertThat(code(ChangeRules.decide(FRESH, "lena", "LEGAL"))).isEqualTo("approver-role");
        assertThat(code(ChangeRules.decide(FRESH, "irene", "INCIDENT_COMMANDER")))
                .isEqualTo("allowed");
        Decision ic = new Decision("irene", Approver.INCIDENT_COMMANDER, true);
        assertThat(ChangeRules.after(FRESH, ic)).isEqualTo(ChangeStatus.REQUESTED);
        State one = new State("rafael", false, ChangeStatus.REQUESTED, List.of(ic));
        assertThat(code(ChangeRules.decide(one, "irene2", "INCIDENT_COMMANDER")))
                .isEqualTo("already-decided");
        // the commander, made audit liaison, may not give the second approval
        assertThat(code(ChangeRules.decide(one, "irene", "AUDIT_LIAISON"))).isEqualTo("two-approvers");
        Decision liaison = new Decision("alex", Approver.AUDIT_LIAISON, true);
        assertThat(ChangeRules.after(one, liaison)).isEqualTo(ChangeStatus.APPROVED);
        assertThat(ChangeRules.after(one, new Decision("alex", Approver.AUDIT_LIAISON, false)))
                .isEqualTo(ChangeStatus.REJECTED);
    }

    @Test
    void aNonEmergencyChangeRunsOnlyOnceApproved() {
        Map<String, Snapshot> post = Map.of("post", LATE, "pre", PRE);
        var refused = ChangeRules.execute(FRESH, List.of("post"), post, REQUESTED);
        assertThat(code(refused)).isEqualTo("change-not-approved");
        assertThat(((Refused) refused).reason()).contains("incident commander and the audit liaison");
        State approved = APPROVED;
        assertThat(code(ChangeRules.execute(approved, List.of("post"), post, REQUESTED)))
                .isEqualTo("allowed");
        assertThat(code(ChangeRules.execute(approved, List.of("pre"), post, REQUESTED)))
                .isEqualTo("snapshot-before-request");
        State emergency = new State("irene", true, ChangeStatus.REQUESTED, List.of());
        assertThat(code(ChangeRules.execute(emergency, List.of("post"), post, REQUESTED)))
                .isEqualTo("allowed");
        State executed = new State("irene", true, ChangeStatus.EXECUTED, List.of());
        assertThat(code(ChangeRules.decide(executed, "alex", "AUDIT_LIAISON"))).isEqualTo("allowed");
    }

    /** The review's case: the change made first, its "after" snapshot uploaded, executed once approved. */
    @Test
    void aPostChangeSnapshotReceivedBeforeTheApprovalTellsAChangeMadeBeforeIt() {
        Instant approvedAt = REQUESTED.plusSeconds(600);
        Snapshot early = new Snapshot("early", "CONFIG_SNAPSHOT", REQUESTED.plusSeconds(60), true);
        Snapshot atApproval = new Snapshot("at", "CONFIG_SNAPSHOT", approvedAt, true);
        Snapshot after = new Snapshot("after", "CONFIG_SNAPSHOT", approvedAt.plusSeconds(1), true);
        Map<String, Snapshot> posts = Map.of("early", early, "at", atApproval, "after", after);
        // still executed (the change is in the org): recorded as made before its approvals
        assertThat(code(ChangeRules.execute(APPROVED, List.of("early"), posts, REQUESTED)))
                .isEqualTo("allowed");
        assertThat(ChangeRules.beforeApproval(List.of("after", "early", "at"), posts, approvedAt))
                .containsExactly("early", "at");
        assertThat(ChangeRules.beforeApproval(List.of("after"), posts, approvedAt))
                .isEmpty();
        // not approved yet (an emergency change): before its approvals anyway, no snapshot to blame
        assertThat(ChangeRules.beforeApproval(List.of("early"), posts, null)).isEmpty();
    }

    @Test
    void readinessIsExecutionWithoutItsSnapshots() {
        State approved = APPROVED;
        assertThat(code(ChangeRules.ready(FRESH))).isEqualTo("change-not-approved");
        assertThat(code(ChangeRules.ready(approved))).isEqualTo("allowed");
        assertThat(code(ChangeRules.ready(new State("irene", true, ChangeStatus.REQUESTED, List.of()))))
                .isEqualTo("allowed");
        assertThat(code(ChangeRules.ready(new State("irene", true, ChangeStatus.EXECUTED, List.of()))))
                .isEqualTo("change-executed");
        assertThat(code(ChangeRules.ready(new State("irene", false, ChangeStatus.REJECTED, List.of()))))
                .isEqualTo("change-rejected");
        // ready, yet no post-change snapshot: execution still refuses
        assertThat(code(ChangeRules.execute(approved, List.of(), Map.of(), REQUESTED)))
                .isEqualTo("post-snapshot-required");
    }

    @Test
    void anEmergencyChangeApprovedLateIsACc81Exception() {
        Instant ran = Instant.parse("2026-11-27T10:00:00Z");
        var window = EmergencyReview.DEFAULT_WINDOW;
        assertThat(EmergencyReview.status(ran, ran.plusSeconds(3600), false, window, ran.plusSeconds(7200)))
                .isEqualTo(EmergencyReview.Status.APPROVED_IN_TIME);
        assertThat(EmergencyReview.status(ran, null, false, window, ran.plusSeconds(3600)))
                .isEqualTo(EmergencyReview.Status.AWAITING_APPROVAL);
        var overdue = EmergencyReview.status(
                ran, null, false, window, ran.plus(window).plusSeconds(1));
        assertThat(overdue).isEqualTo(EmergencyReview.Status.OVERDUE);
        assertThat(EmergencyReview.exception(overdue)).isTrue();
        assertThat(EmergencyReview.status(ran, ran.plus(window).plusSeconds(1), false, window, ran))
                .isEqualTo(EmergencyReview.Status.APPROVED_LATE);
    }

    @Test
    void aRejectionSaysWhy() {
        assertThat(code(ChangeRules.decision(false, " "))).isEqualTo("comment-required");
        assertThat(((Refused) ChangeRules.decision(false, null)).reason()).startsWith("comment:");
        assertThat(code(ChangeRules.decision(false, "not now"))).isEqualTo("allowed");
        assertThat(code(ChangeRules.decision(true, ""))).isEqualTo("allowed");
    }

    @Test
    void anAuditorAcknowledgesOnce() {
        assertThat(code(ChangeRules.acknowledge(ChangeStatus.REQUESTED, List.of(), "audrey")))
                .isEqualTo("allowed");
        Refused again = (Refused) ChangeRules.acknowledge(ChangeStatus.EXECUTED, List.of("audrey"), "audrey");
        assertThat(again.outcome()).isEqualTo(ChangeRules.Outcome.CONFLICT);
        assertThat(again.reason()).contains("already acknowledged");
        assertThat(code(ChangeRules.acknowledge(ChangeStatus.EXECUTED, List.of("audrey"), "bob")))
                .isEqualTo("allowed");
        // a change that will not go ahead has nothing to acknowledge
        Refused withdrawn = (Refused) ChangeRules.acknowledge(ChangeStatus.WITHDRAWN, List.of(), "audrey");
        assertThat(withdrawn.outcome()).isEqualTo(ChangeRules.Outcome.CONFLICT);
        assertThat(withdrawn.code()).isEqualTo("change-withdrawn");
        assertThat(code(ChangeRules.acknowledge(ChangeStatus.REJECTED, List.of(), "audrey")))
                .isEqualTo("change-rejected");
    }

    @Test
    void aChangeRequestedByTheOnlyCommanderCannotBeApprovedAndSaysSo() {
        State byCommander = new State("rafael", false, ChangeStatus.REQUESTED, List.of());
        assertThat(ChangeRules.noCommanderToApprove(byCommander, List.of("rafael")))
                .contains("no other incident commander")
                .contains("responder");
        assertThat(ChangeRules.noCommanderToApprove(byCommander, List.of("rafael", "ines")))
                .isNull();
        State approved = new State(
                "rafael",
                false,
                ChangeStatus.APPROVED,
                List.of(
                        new Decision("ines", Approver.INCIDENT_COMMANDER, true),
                        new Decision("lia", Approver.AUDIT_LIAISON, true)));
        assertThat(ChangeRules.noCommanderToApprove(approved, List.of("rafael")))
                .isNull();
        assertThat(ChangeRules.commanderRequests(0))
                .contains("no other incident commander")
                .contains("responder");
        assertThat(ChangeRules.commanderRequests(1)).contains("1 other incident commander.");
        assertThat(ChangeRules.commanderRequests(2)).contains("2 other incident commanders.");
    }

    /** The review's case: the only audit liaison requests a change; nobody can give its liaison approval. */
    @Test
    void aChangeRequestedByTheOnlyLiaisonCannotBeApprovedAndSaysSo() {
        State byLiaison = new State("lia", false, ChangeStatus.REQUESTED, List.of());
        assertThat(ChangeRules.noLiaisonToApprove(byLiaison, List.of("lia")))
                .contains("no other audit liaison")
                .contains("withdraw this change");
        assertThat(ChangeRules.noLiaisonToApprove(byLiaison, List.of("lia", "lou")))
                .isNull();
        // an emergency change that ran already cannot be withdrawn: only a second liaison helps
        State ran = new State("lia", true, ChangeStatus.EXECUTED, List.of());
        assertThat(ChangeRules.noLiaisonToApprove(ran, List.of("lia")))
                .contains("Add a second audit liaison")
                .doesNotContain("withdraw");
        // no liaison at all, a responder's request: no requester to blame, one liaison to add
        State byResponder = new State("rosa", false, ChangeStatus.REQUESTED, List.of());
        assertThat(ChangeRules.noLiaisonToApprove(byResponder, List.of()))
                .isEqualTo("the change needs an audit liaison's approval and the incident has no audit liaison. Add"
                        + " an audit liaison to the incident (Members)");
        // the commander's approval is still possible: no warning about commanders
        assertThat(ChangeRules.noCommanderToApprove(byLiaison, List.of("rafael")))
                .isNull();
        assertThat(ChangeRules.approverRequests(Approver.AUDIT_LIAISON, 0))
                .contains("it needs another audit liaison's approval")
                .contains("no other audit liaison, so it could not be approved");
        assertThat(ChangeRules.approverRequests(Approver.AUDIT_LIAISON, 1)).endsWith("1 other audit liaison.");
        assertThat(ChangeRules.commanderRequests(0))
                .isEqualTo(ChangeRules.approverRequests(Approver.INCIDENT_COMMANDER, 0));
    }

    @Test
    void aRequestIsWithdrawnByItsRequesterOrACommanderWithAReasonBeforeItRuns() {
        State requested = new State("lia", false, ChangeStatus.REQUESTED, List.of());
        assertThat(code(ChangeRules.withdraw(requested, "lia", "AUDIT_LIAISON", "cannot be approved")))
                .isEqualTo("allowed");
        assertThat(code(ChangeRules.withdraw(requested, "rafael", "INCIDENT_COMMANDER", "superseded")))
                .isEqualTo("allowed");
        Refused other = (Refused) ChangeRules.withdraw(requested, "rob", "RESPONDER", "mine now");
        assertThat(other.outcome()).isEqualTo(ChangeRules.Outcome.FORBIDDEN);
        assertThat(other.code()).isEqualTo("withdraw-by-requester");
        assertThat(code(ChangeRules.withdraw(requested, "lia", "AUDIT_LIAISON", " ")))
                .isEqualTo("reason-required");
        assertThat(code(ChangeRules.withdraw(APPROVED, "rafael", "RESPONDER", "not needed")))
                .isEqualTo("allowed");
        for (ChangeStatus closed : List.of(ChangeStatus.EXECUTED, ChangeStatus.REJECTED, ChangeStatus.WITHDRAWN)) {
            State s = new State("lia", false, closed, List.of());
            assertThat(((Refused) ChangeRules.withdraw(s, "lia", "AUDIT_LIAISON", "why")).outcome())
                    .isEqualTo(ChangeRules.Outcome.CONFLICT);
        }
        // withdrawn: nothing more to decide or execute
        State withdrawn = new State("lia", true, ChangeStatus.WITHDRAWN, List.of());
        assertThat(code(ChangeRules.decide(withdrawn, "rafael", "INCIDENT_COMMANDER")))
                .isEqualTo("change-withdrawn");
        assertThat(code(ChangeRules.ready(withdrawn))).isEqualTo("change-withdrawn");
        assertThat(ChangeRules.noLiaisonToApprove(withdrawn, List.of("lia"))).isNull();
    }

    /**
     * ADR 140: a change naming an access item under a kind other than ACCESS_RESTRICTION is a question
     * for its approvers, naming the item and the kind; an access restriction, or a change of no access
     * item, raises none.
     */
    @Test
    void anAccessItemUnderAnotherKindIsAQuestionNamingTheItem() {
        String q = ChangeRules.kindQuestion(
                ChangeKind.CONFIGURATION, List.of("SIEM:Alerts", "PermissionSet:Integration_Sync#ViewAllData"));
        assertThat(q)
                .startsWith("configItems: PermissionSet:Integration_Sync#ViewAllData is an access item (who may see or"
                        + " do what), but the change is requested as CONFIGURATION: it names no business processes")
                .doesNotContain("SIEM")
                .endsWith("requested as ACCESS_RESTRICTION with its businessProcesses");
        assertThat(ChangeRules.kindQuestion(
                        ChangeKind.CODE, List.of("Profile:Admin#AuthorApex", "SharingRules:Account.Share_All")))
                .startsWith("configItems: Profile:Admin#AuthorApex, SharingRules:Account.Share_All are access items")
                .contains("requested as CODE");
        assertThat(ChangeRules.kindQuestion(ChangeKind.CREDENTIAL_ROTATION, List.of("permissionsetgroup:Sales")))
                .contains("permissionsetgroup:Sales is an access item");
        assertThat(ChangeRules.kindQuestion(ChangeKind.ACCESS_RESTRICTION, List.of("PermissionSet:Integration_Sync")))
                .isNull();
        assertThat(ChangeRules.kindQuestion(
                        ChangeKind.CONFIGURATION, List.of("ConnectedApp:Marketing_Sync", "CustomField:Account.Tier")))
                .isNull();
    }
}
