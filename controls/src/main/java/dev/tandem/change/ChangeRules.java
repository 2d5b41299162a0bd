package dev.tandem.change;

import dev.tandem.controls.ConfigItems;
import dev.tandem.controls.ControlCatalog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The rules of change control (docs/contracts.md §3, docs/change-control.md): each step of a change
 * request is checked here before anything is written, and answers {@link Allowed} or a {@link
 * Refused} that names the rule ({@code code}) and says why. Plain Java: the server gives it what it
 * read and writes only when allowed.
 *
 * <ul>
 *   <li>Naming snapshots, first of all: a snapshot the person may not read (a privileged item) is
 *       refused (403) before anything else is checked, so that the answer says nothing of it, not
 *       even whether it is a {@code CONFIG_SNAPSHOT}.
 *   <li>Requesting: every pre-change snapshot is {@code CONFIG_SNAPSHOT} evidence of the incident
 *       received before the request, and the configuration just before the change ({@link #current});
 *       an isolation says how auditors keep read-only access to the
 *       evidence of the isolated system; an access restriction names the business processes it may
 *       break; only the incident commander flags a change as an emergency.
 *   <li>Approving: by the incident commander and by the audit liaison, two people, neither the
 *       requester; an auditor acknowledges and never approves (auditor independence).
 *   <li>Withdrawing: by the requester or an incident commander, with a reason, while the change is
 *       neither executed nor rejected.
 *   <li>Executing: a non-emergency change only once approved; post-change snapshots are {@code
 *       CONFIG_SNAPSHOT} evidence received after the request; one received before the approval
 *       tells a change made before it was approved ({@link #beforeApproval}).
 * </ul>
 */
public final class ChangeRules {
    public static final int MAX_TEXT = 10_000;
    public static final int MAX_ITEMS = 200;

    private ChangeRules() {}

    public sealed interface Check permits Allowed, Refused {}

    public record Allowed() implements Check {}

    /** How a refusal reads to a client: 422 unmet precondition, 403 not this person's, 409 not now. */
    public enum Outcome {
        UNPROCESSABLE,
        FORBIDDEN,
        CONFLICT
    }

    /** @param code the rule, stable: clients match on it */
    public record Refused(Outcome outcome, String code, String reason) implements Check {}

    private static final Allowed OK = new Allowed();

    /** What a requester asks for. */
    public record Draft(
            String title,
            String system,
            String description,
            ChangeKind kind,
            Risk risk,
            List<String> configItems,
            List<String> controls,
            List<String> preSnapshots,
            String rollbackPlan,
            boolean emergency,
            @Nullable String auditorAccess,
            List<String> businessProcesses) {
        public Draft {
            configItems = List.copyOf(configItems);
            controls = List.copyOf(controls);
            preSnapshots = List.copyOf(preSnapshots);
            businessProcesses = List.copyOf(businessProcesses);
        }
    }

    /**
     * @param snapshots the incident's evidence items the draft names, by id (an id not in it is
     *     unknown to the incident)
     * @param requesterRole the requester's role in the incident (the access policy's name)
     */
    public static Check request(
            Draft d,
            Map<String, Snapshot> snapshots,
            Instant requestedAt,
            String requesterRole,
            ControlCatalog catalog) {
        Optional<Refused> unreadable = unreadable("preSnapshots", d.preSnapshots(), snapshots);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        Optional<Refused> text = required("title", d.title())
                .or(() -> required("system", d.system()))
                .or(() -> required("rollbackPlan", d.rollbackPlan()))
                .or(() -> longText("description", d.description()));
        if (text.isPresent()) {
            return text.get();
        }
        if (d.configItems().isEmpty() || d.configItems().stream().anyMatch(String::isBlank)) {
            return unprocessable(
                    "config-items-required", "configItems: name at least one configuration item the change touches");
        }
        if (d.configItems().size() > MAX_ITEMS || d.controls().size() > MAX_ITEMS) {
            return unprocessable("too-many-items", "configItems and controls: at most " + MAX_ITEMS + " each");
        }
        for (String item : d.configItems()) {
            if (ConfigItems.normalize(item).isEmpty()) {
                return unprocessable(
                        "bad-config-item",
                        "configItems: \"" + item + "\" cannot be read as a configuration item; expected "
                                + ConfigItems.FORM);
            }
        }
        for (String c : d.controls()) {
            if (!catalog.knows(c)) {
                return unprocessable(
                        "unknown-control", "controls: " + new ControlCatalog.UnknownControlException(c).getMessage());
            }
        }
        if (d.preSnapshots().isEmpty()) {
            return unprocessable(
                    "pre-snapshot-required",
                    "preSnapshots: a change request needs the CONFIG_SNAPSHOT of its target received before the"
                            + " request");
        }
        for (String id : d.preSnapshots()) {
            Snapshot s = snapshots.get(id);
            if (s == null) {
                return unprocessable(
                        "unknown-snapshot", "preSnapshots: " + id + " is no evidence item of this incident");
            }
            if (!Snapshot.CONFIG_SNAPSHOT.equals(s.kind())) {
                return unprocessable(
                        "not-a-config-snapshot",
                        "preSnapshots: evidence " + id + " is " + s.kind()
                                + ", not CONFIG_SNAPSHOT: a change starts from a snapshot of its target's configuration");
            }
            if (!s.receivedAt().isBefore(requestedAt)) {
                return unprocessable(
                        "snapshot-after-request",
                        "preSnapshots: evidence " + id + " was received at " + s.receivedAt()
                                + ", not before the request (" + requestedAt + "): a pre-change snapshot predates"
                                + " the request");
            }
        }
        if (d.kind() == ChangeKind.ISOLATION && blank(d.auditorAccess())) {
            return unprocessable(
                    "auditor-access-required",
                    "auditorAccess: an isolation must say how the auditors keep read-only access to the evidence of"
                            + " the isolated system");
        }
        if (d.kind() == ChangeKind.ACCESS_RESTRICTION
                && (d.businessProcesses().isEmpty()
                        || d.businessProcesses().stream().anyMatch(String::isBlank))) {
            return unprocessable(
                    "business-processes-required",
                    "businessProcesses: an access restriction must name the business processes it may break");
        }
        if (d.emergency() && !mayFlagEmergency(requesterRole)) {
            return new Refused(
                    Outcome.FORBIDDEN,
                    "emergency-by-commander",
                    "emergency: only the incident commander flags a change as an emergency (it may then run before"
                            + " its approvals)");
        }
        return OK;
    }

    /**
     * Do the pre-change snapshots hold what the change names (docs/change-control.md "Change
     * requests")? Each Salesforce metadata item ({@link ConfigItems#metadata}) must be of a component
     * one of them holds ({@link SnapshotContents.Held#holds}): a diff against a snapshot of something
     * else would pair files of different components and name items nobody changed (a profile's
     * snapshot for a permission set's change names a "Profile:Marketing_Admin" that does not exist).
     * Items of other kinds ({@code User:…}, {@code Egress:…}) name nothing a metadata snapshot holds,
     * and are not checked; nor are a credential rotation's items of a type that holds a credential
     * ({@link ConfigItems#credential}), whose rotation changes no metadata (revoking the OAuth tokens a
     * connected app holds, {@code ConnectedApp:0H4…}, an app no retrieve need hold). A rotation's
     * other metadata items (a permission set, a profile) are checked as any change's: the kind is the
     * requester's word, and a rotation that names a permission set changes that permission set.
     * Refused 422 {@code pre-snapshot-lacks-item}, naming the item, its component and what each
     * snapshot holds.
     */
    public static Check holds(ChangeKind kind, List<String> configItems, List<SnapshotContents.Held> pre) {
        for (String item : configItems) {
            if (!ConfigItems.metadata(item)
                    || (kind == ChangeKind.CREDENTIAL_ROTATION && ConfigItems.credential(item))
                    || pre.stream().anyMatch(h -> h.holds(item))) {
                continue;
            }
            String component = ConfigItems.component(item);
            return unprocessable(
                    "pre-snapshot-lacks-item",
                    "preSnapshots: no pre-change snapshot holds " + component + ", which configItems names ("
                            + item + "): "
                            + String.join(
                                    "; ",
                                    pre.stream()
                                            .map(SnapshotContents.Held::words)
                                            .toList())
                            + ". A diff against a snapshot of something else would name changes nobody made: name a"
                            + " CONFIG_SNAPSHOT of " + component + " (its metadata file, or a retrieve zip holding"
                            + " it)");
        }
        return OK;
    }

    /**
     * May the post-change snapshot be compared with the pre-change one it is paired with? A diff
     * never pairs snapshots of different metadata types: two documents are of one component (the
     * same root element and, where both file names say it, the same name), two zips hold a metadata
     * type in common, and a zip or a document is compared with its like, metadata with metadata.
     * Refused 422 {@code snapshot-type-mismatch}, naming both and what each holds; two snapshots
     * that are no metadata (JSON, text) are compared as before.
     */
    public static Check comparable(String preId, SnapshotContents.Held pre, String postId, SnapshotContents.Held post) {
        if (pre.kind() == SnapshotContents.Kind.OTHER && post.kind() == SnapshotContents.Kind.OTHER) {
            return OK;
        }
        boolean same = switch (pre.kind()) {
            case DOCUMENT ->
                post.kind() == SnapshotContents.Kind.DOCUMENT
                        && pre.types().equals(post.types())
                        && sameName(
                                pre.components().getFirst(), post.components().getFirst());
            case ZIP ->
                post.kind() == SnapshotContents.Kind.ZIP
                        && (pre.types().isEmpty()
                                || post.types().isEmpty()
                                || post.types().stream().anyMatch(pre.types()::contains));
            case OTHER -> false;
        };
        if (same) {
            return OK;
        }
        return unprocessable(
                "snapshot-type-mismatch",
                "postSnapshots: evidence " + postId + " (" + post.words() + ") is not of the configuration its"
                        + " pre-change snapshot " + preId + " is (" + pre.words() + "): a diff of the two would name"
                        + " changes nobody made. Name a post-change snapshot of the same metadata, taken the way"
                        + " the pre-change one was");
    }

    /** Two {@code Type:Name} components of documents: the same name, or a name one file does not tell. */
    private static boolean sameName(String a, String b) {
        String x = a.substring(a.indexOf(':') + 1);
        String y = b.substring(b.indexOf(':') + 1);
        return x.isEmpty() || y.isEmpty() || x.equalsIgnoreCase(y);
    }

    /**
     * A configuration snapshot of the incident as {@link #current} sees it: what it is a snapshot of
     * (its {@code name}, {@code source} and {@code repository}: {@code metadata.zip} retrieved with
     * {@code sf project retrieve start} into AUDIT), when the vault received it, and the change whose
     * post-change snapshot it is ({@code leftBy}), if any: the configuration that change left.
     */
    public record Taken(
            String id,
            String name,
            @Nullable String source,
            String repository,
            Instant receivedAt,
            @Nullable String leftBy) {
        /**
         * Whether this snapshot is a later state of what {@code earlier} is a snapshot of: received
         * after it, with the same name in the same repository, and from the same source or left by
         * an executed change (a post-change snapshot is the configuration that change left, whatever
         * its source says).
         */
        public boolean supersedes(Taken earlier) {
            return !id.equals(earlier.id())
                    && receivedAt.isAfter(earlier.receivedAt())
                    && name.equals(earlier.name())
                    && repository.equals(earlier.repository())
                    && (java.util.Objects.equals(source, earlier.source()) || leftBy != null);
        }
    }

    /**
     * Another change of the incident, executed: the configuration items it was approved for and those
     * its diffs show it changed ({@code items}), and {@code madeBy}, when it was in the org at the
     * latest (its earliest post-change snapshot, or its execution when that came first).
     */
    public record Made(String id, String title, Instant madeBy, List<String> items) {
        public Made {
            items = List.copyOf(items);
        }
    }

    /**
     * Is each pre-change snapshot the configuration just before this change (docs/change-control.md
     * "Change requests")? A diff compares the pre-change snapshot with the post-change one, and names
     * every difference this change's: a snapshot taken before another change was made would blame
     * this change for that one's edits (items beyond its approval, retests of controls it never
     * touched). Refused, 422 naming the snapshot and what came after it:
     *
     * <ul>
     *   <li>{@code snapshot-superseded}: a later snapshot of the same configuration exists ({@link
     *       Taken#supersedes}); the newest is named, the one to use.
     *   <li>{@code snapshot-before-change}: another change whose configuration items touch this one's
     *       ({@link ConfigItems#touches}) was made after the snapshot was received.
     * </ul>
     *
     * @param taken the incident's configuration snapshots the requester may read (a newer one they may
     *     not read is not named: its name would tell what counsel holds), the pre-change ones included
     * @param made the incident's executed changes
     */
    public static Check current(
            List<String> preSnapshots, List<String> configItems, List<Taken> taken, List<Made> made) {
        for (String id : preSnapshots) {
            Taken pre =
                    taken.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
            if (pre == null) {
                continue;
            }
            Taken newest = null;
            for (Taken t : taken) {
                if (t.supersedes(pre) && (newest == null || t.receivedAt().isAfter(newest.receivedAt()))) {
                    newest = t;
                }
            }
            if (newest != null) {
                return unprocessable(
                        "snapshot-superseded",
                        "preSnapshots: evidence " + id + " (" + pre.name() + ", received " + pre.receivedAt()
                                + ") is older than evidence " + newest.id() + " of the same configuration, received "
                                + newest.receivedAt()
                                + (newest.leftBy() == null
                                        ? ""
                                        : " (the post-change snapshot of change " + newest.leftBy() + ")")
                                + ": a diff against it would count what changed in between as this change's. Name "
                                + newest.id() + ", or a snapshot taken since");
            }
            for (Made m : made) {
                Optional<Overlap> o = overlap(m, pre, configItems);
                if (o.isPresent()) {
                    return unprocessable(
                            "snapshot-before-change",
                            "preSnapshots: evidence " + id + " (" + pre.name() + ", received " + pre.receivedAt()
                                    + ") predates change " + m.id() + " \"" + m.title() + "\", in the org by "
                                    + m.madeBy() + ", which changed "
                                    + String.join(", ", o.get().theirs())
                                    + " (this change's "
                                    + String.join(", ", o.get().ours())
                                    + "): a diff against it would count that change's"
                                    + " edits as this change's. Take a snapshot of the configuration as it is now");
                }
            }
        }
        return OK;
    }

    /**
     * Is the change, requested on a current snapshot, still to be carried out on the configuration it
     * was requested and approved on (docs/change-control.md "Staleness at approval and execution")?
     * Another change executed since one of its pre-change snapshots was received made that snapshot
     * stale when it touched the same configuration: its items (approved, or changed by its diffs)
     * touch this change's ({@link ConfigItems#touches}), or its post-change snapshot is a later state
     * of the same configuration ({@link Taken#supersedes}: same name and repository), whose diff would
     * count that change's edits as this change's. Approving or executing this change would then apply
     * it to a configuration nobody snapshotted or approved. Refused, 422 with the codes of {@link
     * #current}, naming the change executed since and the items it changed, and saying what to do.
     *
     * @param self this change, left out of {@code made} and of the changes that left a snapshot
     * @param taken the incident's configuration snapshots the person may read, as for {@link #current}
     * @param made the incident's executed changes, as for {@link #current}
     */
    public static Check stillCurrent(
            String self, List<String> preSnapshots, List<String> configItems, List<Taken> taken, List<Made> made) {
        String redo = ". Do not carry it out on that snapshot: take a new snapshot of the configuration as it is now,"
                + " withdraw this change and request it again on the new snapshot, for a new approval";
        for (String id : preSnapshots) {
            Taken pre =
                    taken.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
            if (pre == null) {
                continue;
            }
            String since = "preSnapshots: evidence " + id + " (" + pre.name() + ", received " + pre.receivedAt()
                    + "), which this change was requested on, predates change ";
            for (Made m : made) {
                Optional<Overlap> o = m.id().equals(self) ? Optional.empty() : overlap(m, pre, configItems);
                if (o.isPresent()) {
                    return unprocessable(
                            "snapshot-before-change",
                            since + m.id() + " \"" + m.title() + "\", executed since (in the org by " + m.madeBy()
                                    + "), which changed "
                                    + String.join(", ", o.get().theirs()) + " (this change's "
                                    + String.join(", ", o.get().ours())
                                    + "): this change would be applied to a configuration nobody snapshotted or"
                                    + " approved" + redo);
                }
            }
            for (Taken t : taken) {
                String by = t.leftBy();
                if (by == null || by.equals(self) || !t.supersedes(pre)) {
                    continue;
                }
                Made m =
                        made.stream().filter(x -> x.id().equals(by)).findFirst().orElse(null);
                return unprocessable(
                        "snapshot-superseded",
                        since + by + (m == null ? "" : " \"" + m.title() + "\"")
                                + ", executed since, whose post-change snapshot " + t.id() + " (received "
                                + t.receivedAt() + ") is a later state of the same configuration: a diff against "
                                + id + " would count that change's edits as this change's" + redo);
            }
        }
        return OK;
    }

    /** The items of another change ({@code theirs}) that touch this change's, and this change's they touch. */
    private record Overlap(List<String> theirs, List<String> ours) {}

    /**
     * Whether {@code m} was made after the snapshot {@code pre} was received on items that touch
     * {@code configItems} ({@link ConfigItems#touches}), and which.
     */
    private static Optional<Overlap> overlap(Made m, Taken pre, List<String> configItems) {
        if (!m.madeBy().isAfter(pre.receivedAt())) {
            return Optional.empty();
        }
        List<String> theirs = m.items().stream()
                .filter(i -> ConfigItems.touchesAny(i, configItems))
                .distinct()
                .toList();
        if (theirs.isEmpty()) {
            return Optional.empty();
        }
        List<String> ours = configItems.stream()
                .filter(i -> ConfigItems.touchesAny(i, theirs))
                .toList();
        return Optional.of(new Overlap(theirs, ours));
    }

    /** A recorded decision on a change: who, in which approver role, approve or reject. */
    public record Decision(String person, Approver role, boolean approve) {}

    /**
     * A change request as the approval and execution rules need it.
     *
     * @param liaisonAlone the audit liaison's approval completes it (docs/adr/106-emergency-approval-and-segregation-of-duties.md): an emergency
     *     change whose requester the incident has no other incident commander to approve ({@link
     *     #liaisonAlone})
     */
    public record State(
            String requester, boolean emergency, ChangeStatus status, List<Decision> decisions, boolean liaisonAlone) {
        public State {
            decisions = List.copyOf(decisions);
        }

        public State(String requester, boolean emergency, ChangeStatus status, List<Decision> decisions) {
            this(requester, emergency, status, decisions, false);
        }

        /** The same change, with whether the audit liaison's approval alone completes it. */
        public State liaisonAlone(boolean alone) {
            return new State(requester, emergency, status, decisions, alone);
        }

        public Optional<Decision> decisionOf(Approver role) {
            return decisions.stream().filter(d -> d.role() == role).findFirst();
        }

        /**
         * Both approvers approved: the incident commander and the audit liaison; or, where the audit
         * liaison's approval alone completes it ({@code liaisonAlone}), the liaison approved and no
         * incident commander rejected it.
         */
        public boolean approved() {
            boolean liaison =
                    decisionOf(Approver.AUDIT_LIAISON).map(Decision::approve).orElse(false);
            return liaison
                    && decisionOf(Approver.INCIDENT_COMMANDER)
                            .map(Decision::approve)
                            .orElse(liaisonAlone);
        }

        public boolean rejected() {
            return decisions.stream().anyMatch(d -> !d.approve());
        }
    }

    /**
     * May {@code person}, in {@code role} (the access policy's role name), approve or reject?
     * Approvals of an executed emergency change are accepted: it is approved afterwards.
     */
    public static Check decide(State s, String person, @Nullable String role) {
        if ("AUDITOR".equals(role)) {
            return forbidden(
                    "auditor-independence",
                    "an auditor acknowledges a change and never approves it (auditor independence)");
        }
        if (person.equals(s.requester())) {
            return forbidden(
                    "self-approval",
                    person + " requested this change and may not approve or reject it: approvals come from two"
                            + " other people");
        }
        Approver as = approver(role);
        if (as == null) {
            return forbidden(
                    "approver-role",
                    "a change is approved by the incident commander and the audit liaison; you are " + role);
        }
        if (s.status() == ChangeStatus.REJECTED) {
            return conflict("change-rejected", "the change was rejected; request a new one");
        }
        if (s.status() == ChangeStatus.WITHDRAWN) {
            return conflict("change-withdrawn", "the change was withdrawn; nothing to decide");
        }
        if (s.status() == ChangeStatus.EXECUTED && !s.emergency()) {
            return conflict("change-executed", "the change was executed after its approvals; nothing to decide");
        }
        if (s.decisionOf(as).isPresent()) {
            return conflict("already-decided", "the " + words(as) + " has decided on this change already");
        }
        for (Decision d : s.decisions()) {
            if (d.person().equals(person)) {
                return forbidden(
                        "two-approvers",
                        person + " decided on this change already as " + words(d.role())
                                + ": the two approvals come from two people");
            }
        }
        return OK;
    }

    /**
     * Whether the audit liaison's approval alone completes the change (docs/adr/106-emergency-approval-and-segregation-of-duties.md, SOC 2 CC8.1: an
     * emergency change is approved after the fact by someone other than its requester): an emergency
     * change, and no incident commander of the incident ({@code commanders}) other than its
     * requester, who may not approve their own change. The commander's approval is then not awaited:
     * the liaison, another person, approves it; a second commander added later may still decide, and a
     * commander's rejection still rejects it.
     */
    public static boolean liaisonAlone(State s, Collection<String> commanders) {
        return s.emergency() && commanders.stream().allMatch(s.requester()::equals);
    }

    /**
     * A member's role set by the ledger entry at {@code index}: {@code member.added} and {@code
     * member.changed} give the new role, {@code member.removed} none ({@code role} null).
     */
    public record RoleStep(
            long index, String username, @Nullable String role) {}

    /**
     * Who was an incident commander of the incident at any time since the change was requested (its
     * {@code change.requested} entry at {@code requestIndex}): the commanders when it was requested,
     * replayed from the membership entries before it ({@code steps}, in ledger order), and everyone made
     * incident commander after it. {@link #liaisonAlone} is asked with them, not with the commanders
     * of the moment: a second commander who could have approved the emergency change does not stop
     * counting when the requester removes them (docs/adr/134-the-commanders-an-emergency-change-had.md).
     */
    public static Set<String> commandersSince(List<RoleStep> steps, long requestIndex) {
        Map<String, String> roles = new HashMap<>();
        Set<String> commanders = new TreeSet<>();
        for (RoleStep step : steps) {
            if (step.index() < requestIndex) {
                if (step.role() == null) {
                    roles.remove(step.username());
                } else {
                    roles.put(step.username(), step.role());
                }
            } else if ("INCIDENT_COMMANDER".equals(step.role())) {
                commanders.add(step.username());
            }
        }
        roles.forEach((who, role) -> {
            if ("INCIDENT_COMMANDER".equals(role)) {
                commanders.add(who);
            }
        });
        return commanders;
    }

    /** Whether one in {@code role} may flag a change as an emergency: the incident commander only. */
    public static boolean mayFlagEmergency(@Nullable String role) {
        return "INCIDENT_COMMANDER".equals(role);
    }

    /** A decision's own content: a rejection says why, in its comment. */
    public static Check decision(boolean approve, @Nullable String comment) {
        if (!approve && blank(comment)) {
            return unprocessable("comment-required", "comment: a rejection says why; required, and not blank");
        }
        return OK;
    }

    /**
     * An auditor acknowledges a change once, and not one that will not go ahead (withdrawn or
     * rejected: nothing was done to acknowledge): {@code acknowledgedBy} are the auditors who did.
     */
    public static Check acknowledge(ChangeStatus status, Collection<String> acknowledgedBy, String auditor) {
        if (status == ChangeStatus.WITHDRAWN) {
            return conflict("change-withdrawn", "the change was withdrawn; there is nothing to acknowledge");
        }
        if (status == ChangeStatus.REJECTED) {
            return conflict("change-rejected", "the change was rejected; there is nothing to acknowledge");
        }
        if (acknowledgedBy.contains(auditor)) {
            return conflict("already-acknowledged", auditor + " already acknowledged this change");
        }
        return OK;
    }

    /**
     * Why the change can never get its incident commander's approval as things stand, or null: it
     * awaits that approval and every incident commander of the incident ({@code commanders}) is its
     * requester (who may not approve it). The rule stays; the page says what to do. Not when the
     * audit liaison's approval alone completes it ({@code s.liaisonAlone()}, as {@code Changes} judges
     * it from the commanders since the request, ADR 134).
     */
    public static @Nullable String noCommanderToApprove(State s, Collection<String> commanders) {
        if (s.liaisonAlone()) {
            return null; // the audit liaison's approval completes it
            // (docs/adr/106-emergency-approval-and-segregation-of-duties.md)
        }
        return noOtherApprover(s, Approver.INCIDENT_COMMANDER, commanders);
    }

    /**
     * Why the change can never get its audit liaison's approval as things stand, or null: it awaits
     * that approval and every audit liaison of the incident ({@code liaisons}) is its requester, or
     * the incident has none.
     */
    public static @Nullable String noLiaisonToApprove(State s, Collection<String> liaisons) {
        return noOtherApprover(s, Approver.AUDIT_LIAISON, liaisons);
    }

    private static @Nullable String noOtherApprover(State s, Approver as, Collection<String> holders) {
        boolean open = s.status() == ChangeStatus.REQUESTED || (s.status() == ChangeStatus.EXECUTED && s.emergency());
        if (!open || s.decisionOf(as).isPresent()) {
            return null;
        }
        if (holders.stream().anyMatch(c -> !c.equals(s.requester()))) {
            return null;
        }
        String who = words(as);
        if (holders.isEmpty()) {
            // nobody holds the role: the requester is not the obstacle, and one added suffices
            return "the change needs an " + who + "'s approval and the incident has no " + who + ". Add an " + who
                    + " to the incident (Members)";
        }
        String add = "the " + who + "'s approval must come from someone other than its requester, " + s.requester()
                + ", and the incident has no other " + who + ". Add a second " + who + " to the incident (Members)";
        // an emergency change that ran already is on the record: only its approval can follow
        return s.status() == ChangeStatus.EXECUTED
                ? add
                : add + ", or withdraw this change and have a responder request it for the " + who + " to approve";
    }

    /**
     * What the new-change form tells an incident commander before they request: a change they
     * request needs another commander's approval; {@code others} is how many the incident has.
     */
    public static String commanderRequests(int others) {
        return approverRequests(Approver.INCIDENT_COMMANDER, others);
    }

    /**
     * What the new-change form tells an approver ({@code as}) before they request: a change they
     * request needs the approval of another in their role; {@code others} is how many the incident has.
     */
    public static String approverRequests(Approver as, int others) {
        String who = words(as);
        String rule = "A change you request is approved by the incident commander and the audit liaison, two"
                + " people, neither you: it needs another " + who + "'s approval.";
        if (others == 0) {
            String emergency = as == Approver.INCIDENT_COMMANDER
                    ? " An emergency change you flag is the exception: the audit liaison's approval, after the"
                            + " fact, completes it."
                    : "";
            return rule + " This incident has no other " + who + ", so it could not be approved: have a"
                    + " responder request the change, and approve it yourself." + emergency;
        }
        return rule + " This incident has " + others + " other " + who + (others == 1 ? "." : "s.");
    }

    /**
     * May {@code person}, in {@code role}, withdraw the change, with {@code reason}? Its requester or
     * an incident commander, while it is neither executed, rejected nor withdrawn: a request that
     * will not go ahead (one that can never be approved, say) is withdrawn with a reason rather than
     * left "not executed" for good.
     */
    public static Check withdraw(State s, String person, @Nullable String role, @Nullable String reason) {
        if (!person.equals(s.requester()) && !"INCIDENT_COMMANDER".equals(role)) {
            return forbidden(
                    "withdraw-by-requester",
                    "a change request is withdrawn by its requester, " + s.requester() + ", or an incident commander");
        }
        Check closed = notClosed(s);
        if (closed instanceof Refused) {
            return closed;
        }
        if (blank(reason)) {
            return unprocessable("reason-required", "reason: say why the change is withdrawn; required, and not blank");
        }
        return longText("reason", reason).map(r -> (Check) r).orElse(OK);
    }

    /** A change executed, rejected or withdrawn: nothing more to do to it but read it. */
    private static Check notClosed(State s) {
        return switch (s.status()) {
            case EXECUTED -> conflict("change-executed", "the change was executed already");
            case REJECTED -> conflict("change-rejected", "the change was rejected");
            case WITHDRAWN -> conflict("change-withdrawn", "the change was withdrawn");
            case REQUESTED, APPROVED -> OK;
        };
    }

    /** The status after {@code d} is recorded. */
    public static ChangeStatus after(State s, Decision d) {
        if (s.status() == ChangeStatus.EXECUTED || s.status() == ChangeStatus.WITHDRAWN) {
            return s.status();
        }
        if (!d.approve()) {
            return ChangeStatus.REJECTED;
        }
        List<Decision> all = new ArrayList<>(s.decisions());
        all.add(d);
        return new State(s.requester(), s.emergency(), s.status(), all, s.liaisonAlone()).approved()
                ? ChangeStatus.APPROVED
                : ChangeStatus.REQUESTED;
    }

    public static @Nullable Approver approver(@Nullable String role) {
        if ("INCIDENT_COMMANDER".equals(role)) {
            return Approver.INCIDENT_COMMANDER;
        }
        if ("AUDIT_LIAISON".equals(role)) {
            return Approver.AUDIT_LIAISON;
        }
        return null;
    }

    /**
     * May the change be executed now, with these post-change snapshots?
     *
     * @param snapshots the incident's evidence items named, by id
     */
    public static Check execute(
            State s, List<String> postSnapshots, Map<String, Snapshot> snapshots, Instant requestedAt) {
        Optional<Refused> unreadable = unreadable("postSnapshots", postSnapshots, snapshots);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        Check ready = ready(s);
        if (ready instanceof Refused) {
            return ready;
        }
        if (postSnapshots.isEmpty()) {
            return unprocessable(
                    "post-snapshot-required",
                    "postSnapshots: name the CONFIG_SNAPSHOT evidence taken after the change");
        }
        for (String id : postSnapshots) {
            Snapshot p = snapshots.get(id);
            if (p == null) {
                return unprocessable(
                        "unknown-snapshot", "postSnapshots: " + id + " is no evidence item of this incident");
            }
            if (!Snapshot.CONFIG_SNAPSHOT.equals(p.kind())) {
                return unprocessable(
                        "not-a-config-snapshot",
                        "postSnapshots: evidence " + id + " is " + p.kind() + ", not CONFIG_SNAPSHOT");
            }
            if (!p.receivedAt().isAfter(requestedAt)) {
                return unprocessable(
                        "snapshot-before-request",
                        "postSnapshots: evidence " + id + " was received at " + p.receivedAt()
                                + ", before the request (" + requestedAt + "): it cannot show the change");
            }
        }
        return OK;
    }

    /**
     * The post-change snapshots received at or before the change's approval ({@code approvedAt}, when
     * both approvers had approved): they show a change made before it was approved, whenever it is
     * recorded. Such an execution is recorded, not refused: the change is in the org already, and a
     * refusal would only have the snapshot taken again after the approval, hiding when it was made.
     * It is told as made before its approvals ({@code beforeApproval}), a CC8.1 exception. Empty
     * when the change is not approved yet (an emergency change, before its approvals whatever its
     * snapshots).
     */
    public static List<String> beforeApproval(
            List<String> postSnapshots, Map<String, Snapshot> snapshots, @Nullable Instant approvedAt) {
        if (approvedAt == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String id : postSnapshots) {
            Snapshot p = snapshots.get(id);
            if (p != null && !p.receivedAt().isAfter(approvedAt)) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }

    /**
     * May the change be carried out now, whatever its post-change snapshots: neither executed nor
     * rejected, and approved unless it is an emergency change. The pages offer the execution form
     * only then.
     */
    public static Check ready(State s) {
        if (s.status() == ChangeStatus.EXECUTED) {
            return conflict("change-executed", "the change was executed already");
        }
        if (s.status() == ChangeStatus.REJECTED) {
            return conflict("change-rejected", "the change was rejected and may not be executed");
        }
        if (s.status() == ChangeStatus.WITHDRAWN) {
            return conflict("change-withdrawn", "the change was withdrawn and may not be executed");
        }
        if (!s.approved() && !s.emergency()) {
            List<String> missing = new ArrayList<>();
            for (Approver a : Approver.values()) {
                if (s.decisionOf(a).isEmpty()) {
                    missing.add(words(a));
                }
            }
            return conflict(
                    "change-not-approved",
                    "the change lacks the approval of the " + String.join(" and the ", missing)
                            + "; only an emergency change flagged by the incident commander runs before its approvals");
        }
        return OK;
    }

    /**
     * A change is requested and carried out while its incident is open: once the incident is closed
     * ({@code closedAt}), its report and timeline are final, and a change still needed is no part of
     * the incident's response. 409 {@code incident-closed}; approvals, acknowledgements and
     * withdrawals of what was requested before stay open (an emergency change that ran is approved
     * afterwards, a request that will not go ahead is withdrawn).
     *
     * @param step what is refused, as the reason says it ("requested", "executed")
     */
    public static Check incidentOpen(@Nullable Instant closedAt, String step) {
        if (closedAt != null) {
            return conflict(
                    "incident-closed",
                    "the incident was closed at " + closedAt + ": no change is " + step
                            + " under it any more. A change still needed goes through change management outside"
                            + " the incident; a request left open here is withdrawn with a reason");
        }
        return OK;
    }

    /** Recording that the business processes an access restriction may break were verified. */
    public static Check verifyProcesses(ChangeKind kind, ChangeStatus status, boolean verifiedAlready) {
        if (kind != ChangeKind.ACCESS_RESTRICTION) {
            return unprocessable(
                    "not-an-access-restriction", "only an access restriction has business processes to verify");
        }
        if (status != ChangeStatus.EXECUTED) {
            return conflict("change-not-executed", "business processes are verified after the change is executed");
        }
        if (verifiedAlready) {
            return conflict("processes-verified", "the business processes of this change were verified already");
        }
        return OK;
    }

    /**
     * The question a change's kind raises for its approvers, or null: a change that names an access
     * item ({@link ConfigItems#access}: a profile, permission set, permission set group or sharing
     * rules) under a kind other than {@code ACCESS_RESTRICTION} names no business processes it may
     * break and is never an open risk, so its kind is the requester's word against its items
     * (docs/adr/140-the-changes-as-csv.md). Asked, not refused: an access item's change may widen
     * access rather than restrict it, which its name does not tell, and CONFIGURATION is the kind a
     * request without one gets.
     */
    public static @Nullable String kindQuestion(ChangeKind kind, List<String> items) {
        if (kind == ChangeKind.ACCESS_RESTRICTION) {
            return null;
        }
        List<String> access = items.stream().filter(ConfigItems::access).toList();
        if (access.isEmpty()) {
            return null;
        }
        return "configItems: " + String.join(", ", access)
                + (access.size() == 1 ? " is an access item" : " are access items")
                + " (who may see or do what), but the change is requested as " + kind.name()
                + ": it names no business processes it may break and is no open risk after it runs. A change that"
                + " restricts access is requested as ACCESS_RESTRICTION with its businessProcesses";
    }

    /**
     * The refusal of the first named snapshot the person may not read: 403 {@code forbidden}, whatever
     * its kind or time, and before any rule that would look at them (a kind named in a 422 would tell
     * what a privileged item is). Ids unknown to the incident are left to the rules that follow.
     */
    private static Optional<Refused> unreadable(String field, List<String> ids, Map<String, Snapshot> snapshots) {
        for (String id : ids) {
            Snapshot s = snapshots.get(id);
            if (s != null && !s.readable()) {
                return Optional.of(forbidden(
                        "forbidden", field + ": FORENSIC item " + id + " is privileged and not yours to read"));
            }
        }
        return Optional.empty();
    }

    public static String words(Approver a) {
        return a == Approver.INCIDENT_COMMANDER ? "incident commander" : "audit liaison";
    }

    private static Optional<Refused> required(String field, @Nullable String value) {
        if (blank(value)) {
            return Optional.of(unprocessable("bad-" + kebab(field), field + ": required, and not blank"));
        }
        return longText(field, value);
    }

    private static Optional<Refused> longText(String field, @Nullable String value) {
        if (value != null && value.length() > MAX_TEXT) {
            return Optional.of(unprocessable("bad-" + kebab(field), field + ": at most " + MAX_TEXT + " characters"));
        }
        return Optional.empty();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean blank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private static Refused unprocessable(String code, String reason) {
        return new Refused(Outcome.UNPROCESSABLE, code, reason);
    }

    private static Refused forbidden(String code, String reason) {
        return new Refused(Outcome.FORBIDDEN, code, reason);
    }

    private static Refused conflict(String code, String reason) {
        return new Refused(Outcome.CONFLICT, code, reason);
    }
}
