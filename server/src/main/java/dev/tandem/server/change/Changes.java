package dev.tandem.server.change;

import dev.tandem.change.Approver;
import dev.tandem.change.ChangeKind;
import dev.tandem.change.ChangeRules;
import dev.tandem.change.ChangeScope;
import dev.tandem.change.ChangeStatus;
import dev.tandem.change.ConfigDiff;
import dev.tandem.change.Difference;
import dev.tandem.change.EmergencyReview;
import dev.tandem.change.Risk;
import dev.tandem.change.Segregation;
import dev.tandem.change.Snapshot;
import dev.tandem.change.SnapshotContents;
import dev.tandem.controls.ConfigItems;
import dev.tandem.controls.ControlCatalog;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ObservationPeriod;
import dev.tandem.controls.Retest;
import dev.tandem.controls.RetestFee;
import dev.tandem.controls.Retests;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.access.Role;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.leak.Findings;
import dev.tandem.server.leak.StoredFinding;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.ChangeAcknowledged;
import dev.tandem.server.ledger.fact.ChangeDecided;
import dev.tandem.server.ledger.fact.ChangeExecuted;
import dev.tandem.server.ledger.fact.ChangeProcessesVerified;
import dev.tandem.server.ledger.fact.ChangeRequested;
import dev.tandem.server.ledger.fact.ChangeVerified;
import dev.tandem.server.ledger.fact.ChangeWithdrawn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Change requests (docs/contracts.md §3, docs/change-control.md). Every step is checked by {@link
 * ChangeRules} on what was read, then written with its ledger entry in one unit that reads the
 * change again and checks again, so two approvers or executors racing each other cannot both pass.
 * A refusal records nothing.
 */
@Service
public class Changes {
    /** Snapshots larger than this are not compared (configuration is small; a larger item is not). */
    static final long MAX_DIFF_BYTES = 64L << 20;

    static final int SUMMARY_LINES = 20;

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Vault vault;
    private final ControlTests register;
    private final Findings findings;
    private final ClosureCheck closure;
    private final AuditProperties audit;
    private final ChangeProperties props;
    private final Clock clock;
    private final JsonMapper json;
    private final Memberships members;

    Changes(
            JdbcTemplate jdbc,
            Ledger ledger,
            Vault vault,
            ControlTests register,
            Findings findings,
            ClosureCheck closure,
            AuditProperties audit,
            ChangeProperties props,
            Clock clock,
            JsonMapper json,
            Memberships members) {
        this.members = members;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.vault = vault;
        this.register = register;
        this.findings = findings;
        this.closure = closure;
        this.audit = audit;
        this.props = props;
        this.clock = clock;
        this.json = json;
    }

    /**
     * What the requester sent; null fields are filled from the finding when one is named ({@link
     * #request}), else required.
     */
    public record Requested(
            @Nullable String title,
            @Nullable String system,
            @Nullable String description,
            @Nullable ChangeKind kind,
            @Nullable Risk risk,
            @Nullable List<String> configItems,
            @Nullable List<String> controls,
            @Nullable List<String> preSnapshots,
            @Nullable String rollbackPlan,
            boolean emergency,
            @Nullable String auditorAccess,
            @Nullable List<String> businessProcesses,
            @Nullable String finding,
            int containment) {}

    // ------------------------------------------------------------------ request

    /**
     * Requests a change ({@code change.requested}). With a {@code finding}, its proposed containment
     * number {@code containment} fills what the requester left out: title and description, kind,
     * configuration item, the finding's controls, its CONFIG_SNAPSHOT evidence as the pre-change
     * snapshots and a rollback plan that redeploys them.
     */
    public Change request(String incident, Requested r, Caller caller) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Requested filled = r.finding() == null ? r : fill(incident, r, caller, true);
        // in the one form the diffs and the register use ("Profile: Admin" is Profile:Admin); what
        // cannot be read so is kept as sent, for the rules to refuse naming it
        List<String> configItems = distinct(orEmpty(filled.configItems()).stream()
                .map(i -> ConfigItems.normalize(i).orElse(i))
                .toList());
        List<ControlTest> tests = register.register(incident);
        List<String> suggested = Retests.suggestedControls(tests, configItems);
        List<String> asked = orEmpty(filled.controls());
        List<String> controls;
        try {
            controls = ControlCatalog.standard().canonical(asked.isEmpty() ? suggested : asked);
        } catch (ControlCatalog.UnknownControlException e) {
            throw DomainException.unprocessable("unknown-control", "controls: " + e.getMessage());
        }
        ChangeRules.Draft draft = new ChangeRules.Draft(
                orBlank(filled.title()),
                orBlank(filled.system()),
                orBlank(filled.description()),
                filled.kind() == null ? ChangeKind.CONFIGURATION : filled.kind(),
                filled.risk() == null ? Risk.MEDIUM : filled.risk(),
                configItems,
                controls,
                distinct(orEmpty(filled.preSnapshots())),
                orBlank(filled.rollbackPlan()),
                filled.emergency(),
                filled.auditorAccess() == null || filled.auditorAccess().isBlank()
                        ? null
                        : filled.auditorAccess().strip(),
                orEmpty(filled.businessProcesses()));
        Map<String, EvidenceItem> items = items(incident, draft.preSnapshots());
        String role = caller.role() == null ? "" : caller.role().name();
        // a snapshot the requester may not read is refused before its kind or time is looked at
        refuseUnless(ChangeRules.request(draft, snapshots(items, caller), now, role, ControlCatalog.standard()));
        refuseUnless(ChangeRules.incidentOpen(closedAt(incident), "requested"));
        // the diff must compare the configuration just before this change with just after it
        refuseUnless(ChangeRules.current(
                draft.preSnapshots(), draft.configItems(), taken(incident, caller), made(incident, caller)));
        // the pre-change snapshots are of what the change names: a diff never pairs other components
        refuseUnless(ChangeRules.holds(
                draft.kind(),
                draft.configItems(),
                items.values().stream().map(this::contents).toList()));
        String id = Ids.next();
        ledger.record(ap -> {
            // checked again in the unit: the incident closed meanwhile
            refuseUnless(ChangeRules.incidentOpen(closedAt(incident), "requested"));
            long index = ap.record(
                    new ChangeRequested(
                            incident,
                            id,
                            draft.title(),
                            draft.system(),
                            draft.description(),
                            draft.kind().name(),
                            draft.risk().name(),
                            draft.configItems(),
                            draft.controls(),
                            suggested,
                            draft.preSnapshots(),
                            draft.rollbackPlan(),
                            draft.emergency(),
                            draft.auditorAccess(),
                            draft.businessProcesses(),
                            filled.finding(),
                            // the window in force now is the one it is judged by (docs/contracts.md §3)
                            draft.emergency() ? props.window().toString() : null),
                    caller.username());
            jdbc.update(
                    "INSERT INTO change_request (id, incident_id, title, system_name, description, kind, risk,"
                            + " config_items, controls, pre_snapshots, rollback_plan, emergency, auditor_access,"
                            + " business_processes, finding_id, status, requested_at, requested_by, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    incident,
                    draft.title(),
                    draft.system(),
                    draft.description(),
                    draft.kind().name(),
                    draft.risk().name(),
                    json.writeValueAsString(draft.configItems()),
                    json.writeValueAsString(draft.controls()),
                    json.writeValueAsString(draft.preSnapshots()),
                    draft.rollbackPlan(),
                    draft.emergency(),
                    draft.auditorAccess(),
                    json.writeValueAsString(draft.businessProcesses()),
                    filled.finding(),
                    ChangeStatus.REQUESTED.name(),
                    Timestamp.from(now),
                    caller.username(),
                    index);
            return id;
        });
        // read once the unit is durable: the answer tells the window its change.requested entry records
        return existing(id);
    }

    /**
     * What the finding's proposed containment number {@code containment} makes of a change request,
     * as {@link #request} would fill it, without recording anything: the new-change page shows it
     * for the requester to complete (docs/web.md).
     */
    public Requested proposal(String incident, String finding, int containment, Caller caller) {
        return fill(
                incident,
                new Requested(
                        null, null, null, null, null, null, null, null, null, false, null, null, finding, containment),
                caller,
                false);
    }

    /**
     * Whether a finding of the incident rests on privileged evidence (a FORENSIC item, or a
     * privileged finding): a change filled from it copies its words into a record every member,
     * the auditor included, reads. False for an unknown finding (the proposal refuses it).
     */
    public boolean restsOnPrivileged(String incident, String finding) {
        return findings.find(finding)
                .filter(f -> f.incidentId().equals(incident))
                .map(Changes::restsOnPrivileged)
                .orElse(false);
    }

    private static boolean restsOnPrivileged(StoredFinding f) {
        return f.privileged()
                || f.items().stream().anyMatch(i -> Repository.FORENSIC.name().equals(i.repository()));
    }

    /**
     * The request with what it left out taken from the finding's proposed containment; {@code sent}
     * for a request to record (not a form being prefilled), which from a privileged finding must
     * bring its own words ({@link #firstWordMissing}).
     */
    private Requested fill(String incident, Requested r, Caller caller, boolean sent) {
        String findingId = java.util.Objects.requireNonNull(r.finding());
        StoredFinding f = findings.find(findingId)
                .filter(x -> x.incidentId().equals(incident))
                .orElseThrow(() -> DomainException.unprocessable(
                        "unknown-finding", "finding: " + findingId + " is no finding of this incident"));
        boolean readable = f.privileged() && f.items().isEmpty()
                ? caller.privileged()
                : f.items().stream().allMatch(i -> caller.mayRead(i.id(), Repository.valueOf(i.repository())));
        if (!readable) {
            throw DomainException.forbidden("finding " + findingId + " rests on FORENSIC evidence you may not read");
        }
        Requested filled = fillFrom(incident, f, r, caller);
        String missing = sent && restsOnPrivileged(f) ? firstWordMissing(r) : null;
        if (missing != null) {
            throw DomainException.unprocessable(
                    "privileged-finding-words",
                    missing + ": finding " + f.id()
                            + " rests on privileged (FORENSIC) evidence and a change request is read by every member"
                            + " of the incident, the auditor included: give its title, description, system,"
                            + " configItems, rollbackPlan, kind and controls yourself (the finding's would tell"
                            + " what it found), leaving out what counsel has not cleared");
        }
        return filled;
    }

    /**
     * What a request from a finding that rests on privileged evidence left to the finding, of all
     * it would fill in: title, description, system, configuration items, rollback plan, kind and
     * controls. Filled in, the finding's words (its pattern, the session, file or host its
     * containment names, the names of FORENSIC snapshots) would go into a record every member reads,
     * the auditor included, and into the public ledger for good. The new-change page shows the
     * proposed words to review and sends them all.
     */
    private static @Nullable String firstWordMissing(Requested r) {
        if (isBlank(r.title())) return "title";
        if (isBlank(r.description())) return "description";
        if (isBlank(r.system())) return "system";
        if (r.configItems() == null || r.configItems().isEmpty()) return "configItems";
        if (isBlank(r.rollbackPlan())) return "rollbackPlan";
        if (r.kind() == null) return "kind";
        if (r.controls() == null || r.controls().isEmpty()) return "controls";
        return null;
    }

    private static boolean isBlank(@Nullable String s) {
        return s == null || s.isBlank();
    }

    private Requested fillFrom(String incident, StoredFinding f, Requested r, Caller caller) {
        String findingId = f.id();
        var actions = f.containment();
        if (r.containment() < 0 || r.containment() >= actions.size()) {
            throw DomainException.unprocessable(
                    "unknown-containment",
                    "containment: finding " + findingId + " proposes " + actions.size() + " containment actions"
                            + " (0 to " + (actions.size() - 1) + "), not " + r.containment());
        }
        var a = actions.get(r.containment());
        String action = a.path("action").asString("");
        String item = a.path("configItem").asString("");
        String description = a.path("description").asString("");
        // what the change touches is the register's business where it tested the item; the finding's
        // controls (all it violates) only when the register names none for it
        List<String> controls = Retests.suggestedControls(
                register.register(incident), r.configItems() != null ? r.configItems() : List.of(item));
        if (controls.isEmpty()) {
            controls = new ArrayList<>(f.controls());
            controls.addAll(f.iso27001());
        }
        List<EvidenceItem> snapshots = newest(
                incident,
                caller,
                f.items().stream()
                        .map(i -> vault.find(i.id()))
                        .flatMap(java.util.Optional::stream)
                        .filter(e -> e.kind().name().equals(Snapshot.CONFIG_SNAPSHOT))
                        .toList());
        String names =
                String.join(", ", snapshots.stream().map(EvidenceItem::name).toList());
        return new Requested(
                r.title() != null ? r.title() : description,
                r.system() != null
                        ? r.system()
                        : system(a.path("target").path("kind").asString(""), item),
                r.description() != null
                        ? r.description()
                        : "Proposed containment " + r.containment() + " (" + action + ") of finding " + findingId + " ("
                                + f.pattern() + ")",
                r.kind() != null ? r.kind() : kindOf(action),
                r.risk(),
                r.configItems() != null ? r.configItems() : List.of(item),
                r.controls() != null ? r.controls() : controls,
                r.preSnapshots() != null
                        ? r.preSnapshots()
                        : snapshots.stream().map(EvidenceItem::id).toList(),
                r.rollbackPlan() != null
                        ? r.rollbackPlan()
                        : snapshots.isEmpty() ? null : "Redeploy the pre-change configuration from " + names,
                r.emergency(),
                r.auditorAccess(),
                r.businessProcesses(),
                findingId,
                r.containment());
    }

    /**
     * The configuration as it is now, for each snapshot a finding rested on: the newest snapshot of
     * the incident of the same kind, name and repository (received last) that is either from the same
     * source or an executed change's post-change snapshot, and that the caller may read (another
     * would be refused, and tell that it exists). A name alone ({@code metadata.zip}) may be another
     * org's retrieve; an executed change's post-change snapshot is the configuration it left. A finding found on
     * metadata retrieved before an earlier change: its snapshot is no longer the pre-change state,
     * and a diff against it would name the earlier change's items as this change's, beyond its
     * approval.
     */
    private List<EvidenceItem> newest(String incident, Caller caller, List<EvidenceItem> rested) {
        if (rested.isEmpty()) {
            return rested;
        }
        List<ChangeRules.Taken> taken = taken(incident, caller);
        java.util.LinkedHashSet<EvidenceItem> out = new java.util.LinkedHashSet<>();
        for (EvidenceItem r : rested) {
            ChangeRules.Taken of = taken(r, null);
            ChangeRules.Taken latest = of;
            for (ChangeRules.Taken t : taken) {
                if (t.supersedes(of) && t.receivedAt().isAfter(latest.receivedAt())) {
                    latest = t;
                }
            }
            String id = latest.id();
            out.add(latest == of ? r : vault.find(id).orElse(r));
        }
        return List.copyOf(out);
    }

    /**
     * The incident's configuration snapshots the caller may read, each with the executed change whose
     * post-change snapshot it is ({@link ChangeRules#current}): a newer one the caller may not read is
     * neither named nor proposed (that would tell what counsel holds).
     */
    private List<ChangeRules.Taken> taken(String incident, Caller caller) {
        Map<String, String> leftBy = new LinkedHashMap<>();
        for (Change c : ofIncident(incident)) {
            if (c.executedAt() != null) {
                c.postSnapshots().forEach(p -> leftBy.putIfAbsent(p, c.id()));
            }
        }
        List<ChangeRules.Taken> out = new ArrayList<>();
        for (EvidenceItem e : vault.ofIncident(incident)) {
            if (e.kind().name().equals(Snapshot.CONFIG_SNAPSHOT) && caller.mayRead(e.id(), e.repository())) {
                out.add(taken(e, leftBy.get(e.id())));
            }
        }
        return out;
    }

    private static ChangeRules.Taken taken(EvidenceItem e, @Nullable String leftBy) {
        return new ChangeRules.Taken(
                e.id(), e.name(), e.source(), e.repository().name(), e.receivedAt(), leftBy);
    }

    /**
     * The incident's executed changes as {@link ChangeRules#current} sees them: made by their earliest
     * post-change snapshot (or their execution, when that came first), with their approved items and,
     * for a caller who may read every snapshot of the change, the items its diffs show it changed.
     */
    private List<ChangeRules.Made> made(String incident, Caller caller) {
        List<ChangeRules.Made> out = new ArrayList<>();
        for (Change c : ofIncident(incident)) {
            Instant executedAt = c.executedAt();
            if (executedAt == null) {
                continue;
            }
            Instant madeBy = executedAt;
            boolean readsAll = true;
            for (String id : c.preSnapshots()) {
                readsAll &= vault.find(id)
                        .map(e -> caller.mayRead(e.id(), e.repository()))
                        .orElse(true);
            }
            for (String id : c.postSnapshots()) {
                EvidenceItem post = vault.find(id).orElse(null);
                if (post != null) {
                    readsAll &= caller.mayRead(post.id(), post.repository());
                    if (post.receivedAt().isBefore(madeBy)) {
                        madeBy = post.receivedAt();
                    }
                }
            }
            List<String> items = new ArrayList<>(c.configItems());
            if (readsAll) {
                items.addAll(c.scope().touchedItems());
            }
            out.add(new ChangeRules.Made(c.id(), c.title(), madeBy, items));
        }
        return out;
    }

    /**
     * Whether {@code caller} may carry out the change now, as {@link #execute} checks it whatever its
     * post-change snapshots: ready ({@link ChangeRules#ready}), its incident open, and still current
     * ({@link #stillCurrent}). The pages offer the execution form only then.
     */
    public ChangeRules.Check mayExecute(Change c, Caller caller) {
        ChangeRules.Check ready = ChangeRules.ready(c.state());
        if (ready instanceof ChangeRules.Refused) {
            return ready;
        }
        ChangeRules.Check open = ChangeRules.incidentOpen(closedAt(c.incident()), "executed");
        return open instanceof ChangeRules.Refused ? open : stillCurrent(c, caller);
    }

    /**
     * Whether the change is still to be carried out on the configuration it was requested on ({@link
     * ChangeRules#stillCurrent}): no change executed since its pre-change snapshots touched the same
     * items or left a later state of the same configuration. Asked on approval and execution; an
     * executed change has nothing left to carry out.
     */
    public ChangeRules.Check stillCurrent(Change c, Caller caller) {
        if (c.status() == ChangeStatus.EXECUTED) {
            return new ChangeRules.Allowed();
        }
        return ChangeRules.stillCurrent(
                c.id(), c.preSnapshots(), c.configItems(), taken(c.incident(), caller), made(c.incident(), caller));
    }

    /** When the incident was closed, or null while it is open (or unknown: the step's own 404 follows). */
    private @Nullable Instant closedAt(String incident) {
        List<Timestamp> at =
                jdbc.query("SELECT closed_at FROM incident WHERE id = ?", (rs, n) -> rs.getTimestamp(1), incident);
        return at.isEmpty() || at.get(0) == null ? null : at.get(0).toInstant();
    }

    /** The kind of change a proposed containment action is. */
    static ChangeKind kindOf(String action) {
        return switch (action) {
            case "RESET_CREDENTIALS", "REVOKE_SESSIONS", "REVOKE_CONNECTED_APP_TOKENS" ->
                ChangeKind.CREDENTIAL_ROTATION;
            case "BLOCK_HOST_AT_EGRESS", "QUARANTINE_FILE", "FREEZE_USER" -> ChangeKind.ISOLATION;
            case "REMOVE_THIRD_PARTY_TAG", "RESTRICT_API_RESPONSE_FIELDS" -> ChangeKind.CODE;
            case "REQUIRE_TLS", "PURGE_COPIED_DATA" -> ChangeKind.CONFIGURATION;
            default -> ChangeKind.ACCESS_RESTRICTION;
        };
    }

    private static String system(String targetKind, String item) {
        return switch (targetKind) {
            case "HOST", "ENDPOINT" -> item.isEmpty() ? targetKind : item;
            case "FILE" -> "File storage";
            default -> "Salesforce org";
        };
    }

    // ------------------------------------------------------------------ approvals

    /** Approves or rejects ({@code change.decided}); answers the change as it then stands. */
    public Change decide(String id, boolean approve, String comment, Caller caller) {
        text("comment", comment);
        String role = caller.role() == null ? null : caller.role().name();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            Change c = existing(id);
            ChangeRules.State state = state(c);
            refuseUnless(ChangeRules.decide(state, caller.username(), role));
            refuseUnless(ChangeRules.decision(approve, comment));
            if (approve) {
                refuseUnless(stillCurrent(c, caller));
            }
            Approver as = java.util.Objects.requireNonNull(ChangeRules.approver(role));
            ChangeRules.Decision d = new ChangeRules.Decision(caller.username(), as, approve);
            ChangeStatus next = ChangeRules.after(state, d);
            List<ChangeRules.Decision> all = new ArrayList<>(state.decisions());
            all.add(d);
            // the approver given the role they approve in after the request: recorded, not refused (ADR 139)
            ChangeDecided.RoleGiven given = approve ? roleGiven(c, caller.username(), as.name()) : null;
            boolean complete = !state.approved()
                    && new ChangeRules.State(
                                    state.requester(), state.emergency(), state.status(), all, state.liaisonAlone())
                            .approved();
            long index = ap.record(
                    new ChangeDecided(
                            c.incident(),
                            id,
                            approve ? "APPROVE" : "REJECT",
                            as.name(),
                            comment,
                            next.name(),
                            complete,
                            complete
                                    && state.liaisonAlone()
                                    && state.decisionOf(Approver.INCIDENT_COMMANDER)
                                            .isEmpty(),
                            approve && caller.username().equals(c.executedBy()),
                            given),
                    caller.username());
            jdbc.update(
                    "INSERT INTO change_decision (change_id, approver_role, person, approve, comment_text, decided_at,"
                            + " ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id,
                    as.name(),
                    caller.username(),
                    approve,
                    comment,
                    Timestamp.from(now),
                    index);
            jdbc.update(
                    "UPDATE change_request SET status = ?, approved_at = ? WHERE id = ?",
                    next.name(),
                    complete ? Timestamp.from(now) : null,
                    id);
            return existing(id);
        });
    }

    /**
     * Whether {@code caller} may approve or reject the change now, as {@link #decide} checks it: the
     * pages offer the decision form only then.
     */
    public ChangeRules.Check mayDecide(Change c, Caller caller) {
        return ChangeRules.decide(
                state(c),
                caller.username(),
                caller.role() == null ? null : caller.role().name());
    }

    /**
     * The change as the approval rules see it now: whether the audit liaison's approval alone
     * completes it depends on the incident's incident commanders ({@link ChangeRules#liaisonAlone},
     * docs/adr/106-emergency-approval-and-segregation-of-duties.md), unless its approval is complete already.
     */
    public ChangeRules.State state(Change c) {
        ChangeRules.State s = c.state();
        if (s.approved()) {
            return s;
        }
        if (!s.emergency()) {
            return s;
        }
        // every commander the incident had since the request, not only those of the moment: removing
        // the other commander does not leave the requester the only one (ADR 134)
        Set<String> commanders =
                new java.util.TreeSet<>(ChangeRules.commandersSince(roleSteps(c.incident()), c.ledgerIndex()));
        members.members(c.incident()).stream()
                .filter(m -> m.role() == Role.INCIDENT_COMMANDER)
                .forEach(m -> commanders.add(m.username()));
        return s.liaisonAlone(ChangeRules.liaisonAlone(s, commanders));
    }

    /**
     * The membership entry that gave {@code person} the role they approve {@code c} in ({@code role})
     * after it was requested, with who gave it and when, or null ({@link
     * Segregation#roleGivenAfterRequest}; docs/adr/139-a-role-given-after-the-request.md).
     */
    private ChangeDecided.@Nullable RoleGiven roleGiven(Change c, String person, String role) {
        return Segregation.roleGivenAfterRequest(roleSteps(c.incident()), c.ledgerIndex(), person, role)
                .map(step -> {
                    // who gave it and when, as the membership entry's leaf says
                    tools.jackson.databind.JsonNode leaf = json.readTree(ledger.entries(step.index(), step.index() + 1)
                            .getFirst()
                            .leaf());
                    return new ChangeDecided.RoleGiven(
                            leaf.path("actor").asString(),
                            person,
                            role,
                            leaf.path("at").asString(),
                            step.index());
                })
                .orElse(null);
    }

    /** The incident's membership entries in ledger order: each the role it set, none for a removal. */
    private List<ChangeRules.RoleStep> roleSteps(String incident) {
        return jdbc.query(
                "SELECT idx, leaf, entry_type FROM ledger_entry WHERE incident_id = ? AND entry_type IN"
                        + " ('member.added', 'member.changed', 'member.removed') ORDER BY idx",
                (rs, n) -> {
                    tools.jackson.databind.JsonNode body =
                            json.readTree(rs.getBytes(2)).path("body");
                    return new ChangeRules.RoleStep(
                            rs.getLong(1),
                            body.path("username").asString(),
                            "member.removed".equals(rs.getString(3))
                                    ? null
                                    : body.path("role").asString());
                },
                incident);
    }

    /**
     * Withdraws a change request that will not go ahead ({@code change.withdrawn}): its requester or
     * an incident commander, with a reason, while it is neither executed nor rejected. The audit
     * report then shows it withdrawn, not pending.
     */
    public Change withdraw(String id, String reason, Caller caller) {
        text("reason", reason);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            Change c = existing(id);
            refuseUnless(mayWithdraw(c, caller, reason));
            long index = ap.record(new ChangeWithdrawn(c.incident(), id, reason), caller.username());
            jdbc.update(
                    "UPDATE change_request SET status = ?, withdrawn_at = ?, withdrawn_by = ?, withdrawal_reason = ?,"
                            + " withdrawal_index = ? WHERE id = ?",
                    ChangeStatus.WITHDRAWN.name(),
                    Timestamp.from(now),
                    caller.username(),
                    reason,
                    index,
                    id);
            return existing(id);
        });
    }

    /**
     * Whether {@code caller} may withdraw the change now, with {@code reason}, as {@link #withdraw}
     * checks it; the pages ask with a placeholder reason to know whether to offer the form.
     */
    public ChangeRules.Check mayWithdraw(Change c, Caller caller, String reason) {
        return ChangeRules.withdraw(
                c.state(),
                caller.username(),
                caller.role() == null ? null : caller.role().name(),
                reason);
    }

    /**
     * Whether {@code caller} may acknowledge the change now, as {@link #acknowledge} checks it: not
     * twice, and not a withdrawn or rejected change. The pages offer the acknowledgement form only then.
     */
    public ChangeRules.Check mayAcknowledge(Change c, Caller caller) {
        return ChangeRules.acknowledge(
                c.status(),
                c.acknowledgements().stream()
                        .map(Change.Acknowledgement::auditor)
                        .toList(),
                caller.username());
    }

    /** An auditor's acknowledgement ({@code change.acknowledged}): never an approval. */
    public Change acknowledge(String id, String comment, Caller caller) {
        text("comment", comment);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            Change c = existing(id);
            refuseUnless(mayAcknowledge(c, caller));
            long index = ap.record(new ChangeAcknowledged(c.incident(), id, comment), caller.username());
            jdbc.update(
                    "INSERT INTO change_acknowledgement (change_id, ledger_index, auditor, comment_text,"
                            + " acknowledged_at) VALUES (?, ?, ?, ?, ?)",
                    id,
                    index,
                    caller.username(),
                    comment,
                    Timestamp.from(now));
            return existing(id);
        });
    }

    // ------------------------------------------------------------------ execution

    /**
     * Executes a change ({@code change.executed}): refused (409) while a non-emergency change lacks
     * its approvals. The pre- and post-change snapshots are compared pair by pair (same name, or the
     * only one of each); when the change came from a finding and a post-change snapshot is
     * Salesforce metadata, the analyzers check whether the finding closed ({@code change.verified}).
     */
    public Change execute(String id, List<String> postSnapshots, String notes, Caller caller) {
        text("notes", notes);
        List<String> posts = distinct(postSnapshots);
        Change c = existing(id);
        Map<String, EvidenceItem> postItems = items(c.incident(), posts);
        // a snapshot the executor may not read is refused before its kind or time is looked at
        refuseUnless(ChangeRules.execute(c.state(), posts, snapshots(postItems, caller), c.requestedAt()));
        refuseUnless(ChangeRules.incidentOpen(closedAt(c.incident()), "executed"));
        refuseUnless(stillCurrent(c, caller));
        Map<String, EvidenceItem> preItems = items(c.incident(), c.preSnapshots());
        List<Change.Diff> diffs = new ArrayList<>();
        boolean metadata = false;
        for (EvidenceItem post : postItems.values()) {
            EvidenceItem pre = pairOf(post, preItems, postItems.size());
            byte[] after = bytes(post);
            metadata |= after != null && ClosureCheck.salesforceMetadata(post, after);
            byte[] before = pre == null ? null : bytes(pre);
            if (after == null || (pre != null && before == null)) {
                diffs.add(new Change.Diff(pre == null ? null : pre.id(), post.id(), "NOT_COMPARED", List.of(), false));
            } else if (pre == null) {
                diffs.add(new Change.Diff(
                        null, post.id(), ConfigDiff.detect(post.name(), after).name(), List.of(), false));
            } else {
                // never a diff of different metadata types: refused before anything is recorded
                refuseUnless(ChangeRules.comparable(
                        pre.id(),
                        SnapshotContents.of(pre.name(), before),
                        post.id(),
                        SnapshotContents.of(post.name(), after)));
                ConfigDiff.Result r = ConfigDiff.diff(pre.name(), before, post.name(), after);
                diffs.add(new Change.Diff(pre.id(), post.id(), r.format().name(), r.differences(), r.truncated()));
            }
        }
        ClosureCheck.Outcome verified = null;
        if (c.finding() != null && metadata) {
            StoredFinding f = findings.find(c.finding()).orElse(null);
            if (f != null) {
                try {
                    verified = closure.check(f, List.copyOf(preItems.values()), List.copyOf(postItems.values()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DomainException(
                            DomainException.Kind.SERVICE_UNAVAILABLE,
                            "interrupted",
                            "Interrupted",
                            "the server is stopping; nothing was recorded");
                }
            }
        }
        List<String> touched = touchedItems(diffs, postItems);
        boolean forensic = postItems.values().stream().anyMatch(i -> i.repository() == Repository.FORENSIC)
                || preItems.values().stream().anyMatch(i -> i.repository() == Repository.FORENSIC);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ClosureCheck.Outcome closed = verified;
        return ledger.record(ap -> {
            Change current = existing(id);
            refuseUnless(
                    ChangeRules.execute(current.state(), posts, snapshots(postItems, caller), current.requestedAt()));
            // checked again in the unit: another change executed, or the incident closed, meanwhile
            refuseUnless(ChangeRules.incidentOpen(closedAt(current.incident()), "executed"));
            refuseUnless(stillCurrent(current, caller));
            // what the diffs show was done: every item touched, those beyond the approval, and a
            // post-change snapshot that predates the approval. Recorded, not refused: the change is
            // in the org already, and the record tells it as it was made
            Change.Scope scope = new Change.Scope(
                    touched,
                    ChangeScope.beyond(current.configItems(), touched),
                    ChangeRules.beforeApproval(posts, snapshots(postItems, caller), current.approvedAt()),
                    namesEveryItem(diffs, postItems)
                            ? ChangeScope.unchanged(current.configItems(), touched)
                            : List.of());
            List<ControlTest> tests = register.register(current.incident());
            ObservationPeriod period = period(current.incident());
            int retests = Retests.of(tests, List.of(executed(current, now, scope)), period)
                    .size();
            // as whoever may not read every snapshot is shown them: from the approved items alone
            int publicRetests = Retests.of(tests, List.of(executed(current, now, Change.Scope.NONE)), period)
                    .size();
            List<ChangeExecuted.DiffSummary> summaries = new ArrayList<>();
            for (Change.Diff d : diffs) {
                summaries.add(new ChangeExecuted.DiffSummary(
                        d.pre(),
                        d.post(),
                        d.format(),
                        d.differences().size(),
                        d.differences().stream()
                                .limit(SUMMARY_LINES)
                                .map(x -> x.path() + ": " + x.description())
                                .toList()));
            }
            boolean beforeApproval = !current.state().approved()
                    || !scope.snapshotsBeforeApproval().isEmpty();
            long index = ap.record(
                    new ChangeExecuted(
                            current.incident(),
                            id,
                            posts,
                            notes,
                            beforeApproval,
                            summaries,
                            retests,
                            forensic,
                            scope.touchedItems(),
                            scope.unapprovedItems(),
                            scope.snapshotsBeforeApproval(),
                            publicRetests,
                            scope.unchangedItems(),
                            Segregation.approvedAndExecuted(
                                            caller.username(), current.state().decisions())
                                    .stream()
                                    .map(Approver::name)
                                    .toList()),
                    caller.username());
            jdbc.update(
                    "UPDATE change_request SET status = ?, executed_at = ?, executed_by = ?, post_snapshots = ?,"
                            + " execution_notes = ?, execution_index = ?, touched_items = ?, unapproved_items = ?,"
                            + " snapshots_before_approval = ?, unchanged_items = ? WHERE id = ?",
                    ChangeStatus.EXECUTED.name(),
                    Timestamp.from(now),
                    caller.username(),
                    json.writeValueAsString(posts),
                    notes,
                    index,
                    json.writeValueAsString(scope.touchedItems()),
                    json.writeValueAsString(scope.unapprovedItems()),
                    json.writeValueAsString(scope.snapshotsBeforeApproval()),
                    json.writeValueAsString(scope.unchangedItems()),
                    id);
            int ordinal = 0;
            for (Change.Diff d : diffs) {
                jdbc.update(
                        "INSERT INTO change_diff (change_id, ordinal, pre_evidence, post_evidence, format, differences,"
                                + " truncated) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        id,
                        ordinal++,
                        d.pre(),
                        d.post(),
                        d.format(),
                        json.writeValueAsString(d.differences()),
                        d.truncated());
            }
            if (closed != null) {
                String finding = java.util.Objects.requireNonNull(current.finding());
                long v = ap.record(
                        new ChangeVerified(
                                current.incident(),
                                id,
                                finding,
                                closed.closed(),
                                closed.remaining(),
                                closed.restsOnForensic()),
                        caller.username());
                jdbc.update(
                        "INSERT INTO change_verification (change_id, finding_id, closed, remaining, privileged,"
                                + " ledger_index) VALUES (?, ?, ?, ?, ?, ?)",
                        id,
                        finding,
                        closed.closed(),
                        json.writeValueAsString(closed.remaining()),
                        closed.restsOnForensic(),
                        v);
            }
            return existing(id);
        });
    }

    /** The configuration items the diffs touched, named from each post-change snapshot's differences. */
    private static List<String> touchedItems(List<Change.Diff> diffs, Map<String, EvidenceItem> posts) {
        Set<String> out = new LinkedHashSet<>();
        for (Change.Diff d : diffs) {
            EvidenceItem post = posts.get(d.post());
            if (post != null) {
                out.addAll(ChangeScope.touched(d.format(), post.name(), d.differences()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether the diffs tell every item the change changed ({@link ChangeScope#namesEveryItem}), so
     * that an approved item none of them touched was not changed: at least one diff, each compared in
     * full, each difference naming its item.
     */
    private static boolean namesEveryItem(List<Change.Diff> diffs, Map<String, EvidenceItem> posts) {
        if (diffs.isEmpty()) {
            return false;
        }
        for (Change.Diff d : diffs) {
            EvidenceItem post = posts.get(d.post());
            if (post == null
                    || !ChangeScope.namesEveryItem(
                            d.format(), post.name(), d.differences(), d.pre() != null, d.truncated())) {
                return false;
            }
        }
        return true;
    }

    /** The pre-change snapshot a post-change one is compared with: the same name, or the only one. */
    private static @Nullable EvidenceItem pairOf(EvidenceItem post, Map<String, EvidenceItem> pre, int posts) {
        for (EvidenceItem p : pre.values()) {
            if (p.name().equals(post.name())) {
                return p;
            }
        }
        return pre.size() == 1 && posts == 1 ? pre.values().iterator().next() : null;
    }

    /** What a snapshot holds, as {@link ChangeRules#holds} reads it. */
    private SnapshotContents.Held contents(EvidenceItem item) {
        return SnapshotContents.of(item.name(), bytes(item));
    }

    private byte @Nullable [] bytes(EvidenceItem item) {
        if (item.size() > MAX_DIFF_BYTES) {
            return null;
        }
        try (InputStream in = vault.openForJob(item)) {
            return in.readNBytes((int) item.size() + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read evidence " + item.id() + " from the vault", e);
        }
    }

    /** Records that an access restriction's business processes were verified after it ran. */
    public Change verifyProcesses(String id, List<String> processes, String comment, Caller caller) {
        text("comment", comment);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            Change c = existing(id);
            refuseUnless(ChangeRules.verifyProcesses(c.kind(), c.status(), c.processesVerifiedAt() != null));
            List<String> verified = processes.isEmpty() ? c.businessProcesses() : processes;
            for (String p : verified) {
                if (!c.businessProcesses().contains(p)) {
                    throw DomainException.unprocessable(
                            "unknown-process",
                            "processes: \"" + p + "\" is not one the change named (" + c.businessProcesses() + ")");
                }
            }
            if (!verified.containsAll(c.businessProcesses())) {
                throw DomainException.unprocessable(
                        "processes-incomplete",
                        "processes: every business process the change named must be verified: "
                                + c.businessProcesses());
            }
            ap.record(new ChangeProcessesVerified(c.incident(), id, verified, comment), caller.username());
            jdbc.update(
                    "UPDATE change_request SET processes_verified_at = ?, processes_verified_by = ? WHERE id = ?",
                    Timestamp.from(now),
                    caller.username(),
                    id);
            return existing(id);
        });
    }

    // ------------------------------------------------------------------ retests

    /** The retest items of the incident and their fee estimate. */
    public record RetestBill(List<Retest> retests, RetestFee fee, int withheld) {}

    /**
     * The retest items as a caller sees them: from the items an execution's diffs touched only where
     * {@code readsExecution} (the caller may read every snapshot of it, {@link ChangeViews#executionOpen}),
     * else from its approved items alone, as the audit-continuity report draws them from a sealed
     * {@code change.executed}: the touched items are named from privileged diffs.
     */
    public RetestBill retests(String incident, Predicate<Change> readsExecution, Caller caller) {
        // the rows of a register counsel pulled back are read as its item is; the retests drawn from
        // the rows withheld from the caller are left out and counted (docs/access.md)
        ControlTests.Readable readable = register.register(incident, caller);
        List<Retests.Executed> executed = executedChanges(incident, readsExecution);
        @Nullable ObservationPeriod period = period(incident);
        List<Retest> r = Retests.of(readable.tests(), executed, period);
        int withheld = readable.withheld().isEmpty()
                ? 0
                : Math.max(
                        0,
                        Retests.of(register.register(incident), executed, period)
                                        .size()
                                - r.size());
        return new RetestBill(r, fee(Retests.outstanding(r)), withheld);
    }

    /** The fee estimate for {@code outstanding} retest items (the closed ones cost nothing more). */
    private RetestFee fee(int outstanding) {
        return RetestFee.estimate(audit.fee(), audit.currencyOrDefault(), audit.low(), audit.high(), outstanding);
    }

    private @Nullable ObservationPeriod period(String incident) {
        return register.period(incident).map(ControlTests.Period::period).orElse(null);
    }

    /**
     * What a change not yet executed would put up for retest if run now (docs/change-control.md
     * "Before approval"), from its requested items and controls and the register as it stands, with
     * the fee estimate for them ({@code tests} and {@code period}: the incident's register and
     * observation period, as the caller read them); null for a change executed, withdrawn or rejected.
     */
    public @Nullable RetestPreview preview(Change c, List<ControlTest> tests, @Nullable ObservationPeriod period) {
        if (c.executedAt() != null || c.withdrawal() != null || c.state().rejected()) {
            return null;
        }
        Retests.Preview p =
                Retests.preview(tests, c.id(), c.title(), c.configItems(), c.controls(), clock.instant(), period);
        return new RetestPreview(p, fee(p.retests().size()), !tests.isEmpty());
    }

    /** {@link #preview}: the tests, the controls not in the register, the estimate, and whether a register exists. */
    public record RetestPreview(Retests.Preview preview, RetestFee fee, boolean registerImported) {}

    private List<Retests.Executed> executedChanges(String incident, Predicate<Change> readsExecution) {
        List<Retests.Executed> out = new ArrayList<>();
        for (Change c : ofIncident(incident)) {
            if (c.executedAt() != null) {
                out.add(executed(c, c.executedAt(), readsExecution.test(c) ? c.scope() : Change.Scope.NONE));
            }
        }
        return out;
    }

    /**
     * The change as retests see it: the approved items, and what its diffs show ({@code scope}: the
     * items they touched, the approved ones they show unchanged; {@link Change.Scope#NONE} for a
     * reader not shown them).
     */
    private static Retests.Executed executed(Change c, Instant at, Change.Scope scope) {
        return new Retests.Executed(
                c.id(), c.title(), at, c.configItems(), c.controls(), scope.touchedItems(), scope.unchangedItems());
    }

    /** An executed emergency change and where its approval stands: a CC8.1 exception when late or missing. */
    public record EmergencyStatus(
            Change change,
            EmergencyReview.Status status,
            Instant deadline,
            boolean exception,
            java.time.Duration window) {}

    /**
     * The approval window the emergency change is judged by: the one recorded with its request, or,
     * for a request recorded before the window was, the server's setting ({@link
     * EmergencyReview#windowOf}).
     */
    public java.time.Duration window(Change c) {
        return EmergencyReview.windowOf(c.emergencyWindow(), props.window());
    }

    public List<EmergencyStatus> emergencies(String incident, Instant now) {
        List<EmergencyStatus> out = new ArrayList<>();
        for (Change c : ofIncident(incident)) {
            if (c.emergency() && c.executedAt() != null) {
                Instant executedAt = c.executedAt();
                // approved before it ran counts as in time; rejected after it ran as never approved
                Instant approvedAt =
                        c.approvedAt() != null && c.approvedAt().isBefore(executedAt) ? executedAt : c.approvedAt();
                java.time.Duration window = window(c);
                EmergencyReview.Status s =
                        EmergencyReview.status(executedAt, approvedAt, c.state().rejected(), window, now);
                out.add(new EmergencyStatus(c, s, executedAt.plus(window), EmergencyReview.exception(s), window));
            }
        }
        return out;
    }

    public java.time.Duration emergencyWindow() {
        return props.window();
    }

    // ------------------------------------------------------------------ reading

    public Optional<Change> find(String id) {
        List<Change> found = jdbc.query("SELECT * FROM change_request WHERE id = ?", (rs, n) -> map(rs), id);
        return found.stream().findFirst();
    }

    public List<Change> ofIncident(String incident) {
        return jdbc.query(
                "SELECT * FROM change_request WHERE incident_id = ? ORDER BY ledger_index",
                (rs, n) -> map(rs),
                incident);
    }

    private Change existing(String id) {
        return find(id).orElseThrow(() -> DomainException.notFound("change", id));
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
    private static final TypeReference<List<Difference>> DIFFERENCES = new TypeReference<>() {};

    private Change map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        long execution = rs.getLong("execution_index");
        Long executionIndex = rs.wasNull() ? null : execution;
        return new Change(
                id,
                rs.getString("incident_id"),
                rs.getString("title"),
                rs.getString("system_name"),
                rs.getString("description"),
                ChangeKind.valueOf(rs.getString("kind")),
                Risk.valueOf(rs.getString("risk")),
                json.readValue(rs.getString("config_items"), STRINGS),
                json.readValue(rs.getString("controls"), STRINGS),
                json.readValue(rs.getString("pre_snapshots"), STRINGS),
                rs.getString("rollback_plan"),
                rs.getBoolean("emergency"),
                rs.getString("auditor_access"),
                json.readValue(rs.getString("business_processes"), STRINGS),
                rs.getString("finding_id"),
                ChangeStatus.valueOf(rs.getString("status")),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getString("requested_by"),
                rs.getLong("ledger_index"),
                instant(rs, "approved_at"),
                instant(rs, "executed_at"),
                rs.getString("executed_by"),
                strings(rs, "post_snapshots"),
                rs.getString("execution_notes"),
                executionIndex,
                instant(rs, "processes_verified_at"),
                rs.getString("processes_verified_by"),
                jdbc.query(
                        "SELECT * FROM change_decision WHERE change_id = ? ORDER BY ledger_index",
                        (d, n) -> new Change.DecisionRow(
                                d.getString("approver_role"),
                                d.getString("person"),
                                d.getBoolean("approve"),
                                d.getString("comment_text"),
                                d.getTimestamp("decided_at").toInstant(),
                                d.getLong("ledger_index"),
                                d.getBoolean("approve") ? roleGivenAt(d.getLong("ledger_index")) : null),
                        id),
                jdbc.query(
                        "SELECT * FROM change_acknowledgement WHERE change_id = ? ORDER BY ledger_index",
                        (a, n) -> new Change.Acknowledgement(
                                a.getString("auditor"),
                                a.getString("comment_text"),
                                a.getTimestamp("acknowledged_at").toInstant(),
                                a.getLong("ledger_index")),
                        id),
                jdbc.query(
                        "SELECT * FROM change_diff WHERE change_id = ? ORDER BY ordinal",
                        (d, n) -> new Change.Diff(
                                d.getString("pre_evidence"),
                                d.getString("post_evidence"),
                                d.getString("format"),
                                json.readValue(d.getString("differences"), DIFFERENCES),
                                d.getBoolean("truncated")),
                        id),
                jdbc
                        .query(
                                "SELECT * FROM change_verification WHERE change_id = ?",
                                (v, n) -> new Change.Verification(
                                        v.getString("finding_id"),
                                        v.getBoolean("closed"),
                                        json.readValue(v.getString("remaining"), STRINGS),
                                        v.getBoolean("privileged"),
                                        v.getLong("ledger_index")),
                                id)
                        .stream()
                        .findFirst()
                        .orElse(null),
                new Change.Scope(
                        strings(rs, "touched_items"),
                        strings(rs, "unapproved_items"),
                        strings(rs, "snapshots_before_approval"),
                        strings(rs, "unchanged_items")),
                withdrawal(rs),
                rs.getBoolean("emergency") ? recordedWindow(rs.getLong("ledger_index")) : null);
    }

    /**
     * The role given after the request that the {@code change.decided} entry at {@code index} records
     * (a segregation-of-duties exception, ADR 139), or null.
     */
    private ChangeDecided.@Nullable RoleGiven roleGivenAt(long index) {
        for (Ledger.ServedEntry e : ledger.entries(index, index + 1)) {
            return ChangeDecided.RoleGiven.of(json.readTree(e.leaf()).path("body"));
        }
        return null;
    }

    /**
     * The emergency approval window recorded in the {@code change.requested} entry at {@code index}
     * (docs/contracts.md §3), or null for a request recorded before the window was.
     */
    private java.time.@Nullable Duration recordedWindow(long index) {
        for (Ledger.ServedEntry e : ledger.entries(index, index + 1)) {
            tools.jackson.databind.JsonNode w =
                    json.readTree(e.leaf()).path("body").path("emergencyApprovalWindow");
            if (w.isString()) {
                return java.time.Duration.parse(w.asString());
            }
        }
        return null;
    }

    private static Change.@Nullable Withdrawal withdrawal(ResultSet rs) throws SQLException {
        Instant at = instant(rs, "withdrawn_at");
        return at == null
                ? null
                : new Change.Withdrawal(
                        rs.getString("withdrawn_by"),
                        at,
                        rs.getString("withdrawal_reason"),
                        rs.getLong("withdrawal_index"));
    }

    /** A JSON array column; null (a change executed before V31, or not executed) is empty. */
    private List<String> strings(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? List.of() : json.readValue(v, STRINGS);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    // ------------------------------------------------------------------ plumbing

    /** The incident's evidence items among {@code ids}, in order; ids not of the incident are left out. */
    private Map<String, EvidenceItem> items(String incident, List<String> ids) {
        Map<String, EvidenceItem> out = new LinkedHashMap<>();
        for (String id : ids) {
            vault.find(id).filter(i -> i.incidentId().equals(incident)).ifPresent(i -> out.put(id, i));
        }
        return out;
    }

    /** The items as the rules see them, each with whether {@code caller} may read it. */
    private static Map<String, Snapshot> snapshots(Map<String, EvidenceItem> items, Caller caller) {
        Map<String, Snapshot> out = new LinkedHashMap<>();
        items.forEach((id, i) ->
                out.put(id, new Snapshot(id, i.kind().name(), i.receivedAt(), caller.mayRead(i.id(), i.repository()))));
        return out;
    }

    static void refuseUnless(ChangeRules.Check check) {
        if (check instanceof ChangeRules.Refused r) {
            throw switch (r.outcome()) {
                case UNPROCESSABLE -> DomainException.unprocessable(r.code(), r.reason());
                case FORBIDDEN ->
                    new DomainException(DomainException.Kind.FORBIDDEN, r.code(), "Forbidden", r.reason());
                case CONFLICT -> DomainException.conflict(r.code(), "Refused by change control", r.reason());
            };
        }
    }

    private static void text(String field, String value) {
        if (value.length() > ChangeRules.MAX_TEXT) {
            throw DomainException.unprocessable(
                    "bad-" + field, field + ": at most " + ChangeRules.MAX_TEXT + " characters");
        }
    }

    private static List<String> orEmpty(@Nullable List<String> l) {
        return l == null ? List.of() : l.stream().map(String::strip).toList();
    }

    private static String orBlank(@Nullable String s) {
        return s == null ? "" : s.strip();
    }

    private static List<String> distinct(List<String> l) {
        Set<String> out = new LinkedHashSet<>(l);
        return List.copyOf(out);
    }
}
