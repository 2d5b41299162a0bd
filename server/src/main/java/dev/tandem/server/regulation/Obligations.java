package dev.tandem.server.regulation;

import dev.tandem.evidence.Repository;
import dev.tandem.regulation.Answer;
import dev.tandem.regulation.Assessment;
import dev.tandem.regulation.IncidentScope;
import dev.tandem.regulation.Judgement;
import dev.tandem.regulation.ObligationEngine;
import dev.tandem.regulation.RuleBook;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.incident.EntryDraft;
import dev.tandem.server.incident.Incident;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.IncidentAwarenessSet;
import dev.tandem.server.ledger.fact.IncidentFactsSet;
import dev.tandem.server.ledger.fact.JudgementRecorded;
import dev.tandem.server.ledger.fact.ObligationAssigned;
import dev.tandem.server.ledger.fact.ObligationStatusChanged;
import dev.tandem.server.ledger.fact.ObligationsComputed;
import dev.tandem.server.ledger.fact.ScopeUpdated;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Obligations per incident: the scope and judgements go in, the engine recomputes, the rows are
 * merged ({@link Reconciliation}) and every step is a ledger entry written in the same
 * transaction as its rows (a {@code ledger.record} unit). The read-merge-write of a recomputation
 * runs inside the unit, on the ledger's single writer, so two changes to one incident never
 * interleave.
 */
@Service
public class Obligations {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Incidents incidents;
    private final Vault vault;
    private final ObligationEngine engine;
    private final Company company;
    private final Clock clock;
    private final JsonMapper json;
    private final ObligationJson render;
    private final dev.tandem.server.access.Memberships memberships;

    Obligations(
            JdbcTemplate jdbc,
            Ledger ledger,
            Incidents incidents,
            Vault vault,
            ObligationEngine engine,
            Company company,
            Clock clock,
            JsonMapper json,
            dev.tandem.server.access.Memberships memberships) {
        this.memberships = memberships;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.incidents = incidents;
        this.vault = vault;
        this.engine = engine;
        for (var r : this.engine.ruleBook().rules()) {
            clockOf.put(r.id(), r.deadline().from());
            if (r.question() != null) questionOf.put(r.id(), r.question().key());
        }
        this.company = company;
        this.clock = clock;
        this.json = json;
        this.render = new ObligationJson(json, engine.ruleBook());
    }

    /** The stored scope of an incident, with who set it. */
    public record StoredScope(
            Scope scope, Instant updatedAt, String updatedBy, long ledgerIndex, boolean restsOnForensic) {
        /** The repositories of the evidence the scope was derived from, as far as privilege goes. */
        public Set<Repository> restsOn() {
            return restsOnForensic ? EnumSet.of(Repository.FORENSIC) : EnumSet.noneOf(Repository.class);
        }
    }

    /** The incident's facts that move legal clocks, with who set them ({@code incident.facts-set}). */
    public record StoredFacts(IncidentFacts facts, Instant updatedAt, String updatedBy, long ledgerIndex) {}

    /** What a recomputation changed, as recorded in its {@code obligations.computed} entry. */
    public record Computation(long ledgerIndex, int added, int changed, int superseded, int unchanged) {}

    /**
     * Stores the incident's scope ({@code scope.updated}) and recomputes its obligations at the
     * incident's awareness time ({@code obligations.computed}), in one transaction. The PII scan
     * calls this too when it finds who was affected.
     *
     * @throws DomainException 404 for an unknown incident, 422 when the incident has no awareAt
     */
    public Computation updateScope(String incidentId, Scope scope, String actor) {
        return updateScope(incidentId, scope, Set.of(), actor);
    }

    /**
     * As {@link #updateScope(String, Scope, String)}, for a scope derived from evidence in
     * {@code restsOn}: when any is FORENSIC, the {@code scope.updated} entry, and every
     * {@code obligations.computed} entry while this scope (or the one it replaces) is in force, is
     * privileged (ADR 062).
     */
    public Computation updateScope(String incidentId, Scope scope, Set<Repository> restsOn, String actor) {
        return updateScope(incidentId, scope, restsOn, actor, null);
    }

    /**
     * What a scope that scans extended may count at most: every scan's people added up, as if the
     * files held different people, and the evidence items (by sha256) already added.
     */
    public record Ceiling(dev.tandem.regulation.Subjects atMost, Set<String> items) {}

    /** The stored ceiling of the incident's scope, when scans extended it since a person last set it. */
    public Optional<Ceiling> ceilingOf(String incidentId) {
        return jdbc
                .query(
                        "SELECT subjects_at_most, scope_items FROM incident_scope WHERE incident_id = ?"
                                + " AND subjects_at_most IS NOT NULL",
                        (rs, n) -> new Ceiling(
                                Scope.stored(rs.getString(1), "", false).subjects(),
                                rs.getString(2) == null || rs.getString(2).isEmpty()
                                        ? Set.of()
                                        : Set.of(rs.getString(2).split(","))),
                        incidentId)
                .stream()
                .findFirst();
    }

    /**
     * Counsel pulled the item of {@code sha256} back to FORENSIC: a scope that PII scans extended
     * with it since a person last set it rests on FORENSIC evidence from now on, as if the scan had
     * been of a FORENSIC item (ADR 062), until a person sets the scope anew. Called inside the pull
     * back's ledger unit; answers whether the scope was so marked.
     */
    public boolean restOnForensicIfScanned(String incidentId, String sha256) {
        boolean folded =
                ceilingOf(incidentId).map(c -> c.items().contains(sha256)).orElse(false);
        return folded
                && jdbc.update(
                                "UPDATE incident_scope SET rests_on_forensic = ? WHERE incident_id = ?",
                                true,
                                incidentId)
                        > 0;
    }

    /**
     * As {@link #updateScope(String, Scope, Set, String)}; {@code ceiling} is kept beside a scope a
     * scan extended (null: a person set it, and it counts as given).
     */
    public Computation updateScope(
            String incidentId, Scope scope, Set<Repository> restsOn, String actor, @Nullable Ceiling ceiling) {
        return updateScope(incidentId, actor, (current, stored) -> new ScopeChange(scope, restsOn, ceiling));
    }

    /**
     * A scope to set, the repositories it rests on and its ceiling ({@link #updateScope(String, Scope,
     * Set, String, Ceiling)}).
     */
    public record ScopeChange(
            Scope scope, Set<Repository> restsOn, @Nullable Ceiling ceiling) {}

    /**
     * Sets the scope that {@code change} works out from the scope in force and its ceiling, both read
     * inside the ledger's unit: a scan that extends the scope does not lose what another scan, or a
     * person, set meanwhile. An {@link IllegalArgumentException} or {@link DomainException} from
     * {@code change} leaves everything as it was.
     */
    public Computation updateScope(
            String incidentId,
            String actor,
            java.util.function.BiFunction<Optional<StoredScope>, Optional<Ceiling>, ScopeChange> change) {
        Incident incident = incident(incidentId);
        requireAwareness(incident);
        Instant now = now();
        return ledger.record(ap -> {
            Optional<StoredScope> current = scopeOf(incidentId);
            ScopeChange next = change.apply(current, ceilingOf(incidentId));
            Scope scope = next.scope();
            Set<Repository> restsOn = next.restsOn();
            Ceiling ceiling = next.ceiling();
            boolean forensic = restsOn.contains(Repository.FORENSIC);
            Set<Repository> previous = current.map(StoredScope::restsOn).orElse(Set.of());
            long index = ap.record(new ScopeUpdated(incidentId, restsOn, scopeJson(scope)), actor);
            int n = jdbc.update(
                    "UPDATE incident_scope SET subjects = ?, categories = ?, encrypted = ?, updated_at = ?,"
                            + " updated_by = ?, ledger_index = ?, rests_on_forensic = ? WHERE incident_id = ?",
                    scope.subjectsSpec(),
                    String.join(",", scope.dataNames()),
                    scope.encrypted(),
                    Timestamp.from(now),
                    actor,
                    index,
                    forensic,
                    incidentId);
            if (n == 0) {
                jdbc.update(
                        "INSERT INTO incident_scope (incident_id, subjects, categories, encrypted, updated_at,"
                                + " updated_by, ledger_index, rests_on_forensic) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        incidentId,
                        scope.subjectsSpec(),
                        String.join(",", scope.dataNames()),
                        scope.encrypted(),
                        Timestamp.from(now),
                        actor,
                        index,
                        forensic);
            }
            jdbc.update(
                    "UPDATE incident_scope SET subjects_at_most = ?, scope_items = ? WHERE incident_id = ?",
                    ceiling == null
                            ? null
                            : Scope.of(ceiling.atMost().counts(), Set.of(), false)
                                    .subjectsSpec(),
                    ceiling == null ? null : String.join(",", new java.util.TreeSet<>(ceiling.items())),
                    incidentId);
            Set<Repository> basis = EnumSet.noneOf(Repository.class);
            basis.addAll(restsOn);
            basis.addAll(previous);
            return recompute(ap, incident, scope, basis, null, "scope.updated", index, actor, now);
        });
    }

    /**
     * Records a person's decision on a question the law leaves to judgement, with the caller as who
     * decided and, as when, the time given or else the server clock ({@code judgement.recorded}),
     * and recomputes when the incident has a scope.
     *
     * @param decidedAt when the decision was made (or, for a question about an event such as {@code
     *     EXTORTION_PAID}, when the event happened), if earlier than its recording; null: now. A time
     *     after the server's clock or before the incident's awareness is a 422 {@code bad-decided-at}:
     *     clocks that run from the decision may start earlier than its recording, never later.
     * @return the recomputation, or null when the incident has no scope yet
     */
    public @Nullable Computation recordJudgement(
            String incidentId,
            String question,
            Answer answer,
            String reason,
            @Nullable Instant decidedAt,
            boolean reasonPrivileged,
            String actor) {
        Incident incident = incident(incidentId);
        if (!engine.ruleBook().questions().containsKey(question)) {
            throw DomainException.unprocessable(
                    "bad-question",
                    "question: unknown question '" + question + "' (known: "
                            + String.join(", ", engine.ruleBook().questions().keySet()) + ")");
        }
        Instant now = now();
        Instant at = decidedAt == null ? now : decidedTime(decidedAt, incident.awareAt(), now);
        String id = Ids.next();
        return ledger.record(ap -> {
            long index = ap.record(
                    new JudgementRecorded(incidentId, id, question, answer.name(), reason, at, reasonPrivileged),
                    actor);
            jdbc.update(
                    "INSERT INTO judgement (id, incident_id, question, answer, reason, decided_by, decided_at,"
                            + " ledger_index, recorded_at, reason_privileged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    incidentId,
                    question,
                    answer.name(),
                    reason,
                    actor,
                    Timestamp.from(at),
                    index,
                    Timestamp.from(now),
                    reasonPrivileged);
            Optional<StoredScope> scope = scopeOf(incidentId);
            if (scope.isEmpty() || incident.awareAt() == null) {
                return null;
            }
            return recompute(
                    ap,
                    incident,
                    scope.get().scope(),
                    scope.get().restsOn(),
                    null,
                    "judgement.recorded",
                    index,
                    actor,
                    now);
        });
    }

    /** A judgement's time given by its maker: not in the future, not before the incident's awareness. */
    private static Instant decidedTime(Instant decidedAt, @Nullable Instant awareAt, Instant now) {
        return givenTime(
                decidedAt,
                "decidedAt",
                "bad-decided-at",
                awareAt,
                now,
                "a judgement on the incident is made after the company learns of it");
    }

    /**
     * A time a person gives for what happened outside Tandem: not after the server's clock, not
     * before year 1, not before the incident's awareness ({@code why} says why); else a 422 of
     * {@code problem} naming {@code field}.
     */
    private static Instant givenTime(
            Instant value, String field, String problem, @Nullable Instant awareAt, Instant now, String why) {
        EntryDraft.past(value, field, problem, now, java.time.Duration.ZERO, "");
        if (awareAt != null && value.isBefore(awareAt)) {
            throw DomainException.unprocessable(
                    problem, field + ": " + value + " is before the incident's awareness " + awareAt + "; " + why);
        }
        return value;
    }

    /**
     * Refuses what {@link #setFacts} would refuse (422 naming {@code determinedAt}), before anything
     * is decided on the facts.
     */
    public void checkFacts(String incidentId, IncidentFacts facts) {
        facts.check(incident(incidentId).awareAt(), now());
    }

    /**
     * Sets the incident's facts that move legal clocks ({@code incident.facts-set}, docs/contracts.md
     * §4): the determination time (checked against awareness and the server clock) and whether
     * unauthorized access caused the breach; recomputes when the incident has a scope.
     *
     * @return the recomputation, or null when the incident has no scope or awareness time yet
     * @throws DomainException 404 for an unknown incident, 422 naming {@code determinedAt} when it is
     *     before awareness or in the future
     */
    public @Nullable Computation setFacts(String incidentId, IncidentFacts facts, String actor) {
        Incident incident = incident(incidentId);
        Instant at = now();
        facts.check(incident.awareAt(), at);
        return ledger.record(ap -> {
            Optional<StoredFacts> previous = factsOf(incidentId);
            long index = ap.record(
                    new IncidentFactsSet(
                            incidentId,
                            facts.determinedAt(),
                            facts.unauthorizedAccess(),
                            previous.map(p -> p.facts().determinedAt()).orElse(null),
                            previous.map(p -> p.facts().unauthorizedAccess()).orElse(null)),
                    actor);
            Timestamp determined = facts.determinedAt() == null ? null : Timestamp.from(facts.determinedAt());
            int n = jdbc.update(
                    "UPDATE incident_regulatory_facts SET determined_at = ?, unauthorized_access = ?, updated_at = ?,"
                            + " updated_by = ?, ledger_index = ? WHERE incident_id = ?",
                    determined,
                    facts.unauthorizedAccess(),
                    Timestamp.from(at),
                    actor,
                    index,
                    incidentId);
            if (n == 0) {
                jdbc.update(
                        "INSERT INTO incident_regulatory_facts (incident_id, determined_at, unauthorized_access,"
                                + " updated_at, updated_by, ledger_index) VALUES (?, ?, ?, ?, ?, ?)",
                        incidentId,
                        determined,
                        facts.unauthorizedAccess(),
                        Timestamp.from(at),
                        actor,
                        index);
            }
            Optional<StoredScope> scope = scopeOf(incidentId);
            if (scope.isEmpty() || incident.awareAt() == null) {
                return null;
            }
            // the facts replaced moved the deadlines this computation changes (its previousDue)
            IncidentFacts replaced = previous.map(StoredFacts::facts).orElse(IncidentFacts.NONE);
            return recompute(
                    ap,
                    incident,
                    scope.get().scope(),
                    scope.get().restsOn(),
                    replaced,
                    "incident.facts-set",
                    index,
                    actor,
                    at);
        });
    }

    /**
     * Sets when the company became aware of the incident, for one opened without it or to correct it
     * ({@code incident.awareness-set}, public as {@code incident.opened} is): every deadline runs from
     * it, so the obligations are recomputed in the same unit when the incident has a scope. Awareness
     * comes after the incident occurred and before anything decided on it: the determination of the
     * breach and counsel's judgements.
     *
     * @return the recomputation, or null when the incident has no scope yet
     * @throws DomainException 404 unknown incident, 409 a closed incident, 422 naming {@code awareAt}
     *     (in the future, before year 1, before the incident occurred, after the determination or a
     *     judgement) or {@code reason} (missing or longer than 2,000 characters)
     */
    /**
     * Does answering {@code question} with {@code answer} set a notice aside: is there a rule that
     * owes its notice only on the other answer (RISK=NO for GDPR Art. 33, HIGH_RISK=NO for Art. 34)?
     */
    public boolean setsAside(String question, Answer answer) {
        return engine.ruleBook().rules().stream()
                .map(dev.tandem.regulation.Rule::question)
                .anyMatch(q -> q != null && q.key().equals(question) && q.requiredIf() != answer);
    }

    /**
     * As {@link #setAwareness(String, Instant, String, String, boolean)} by someone who may move it
     * later.
     */
    public @Nullable Computation setAwareness(String incidentId, Instant awareAt, String reason, String actor) {
        return setAwareness(incidentId, awareAt, reason, actor, true);
    }

    /**
     * @param mayMoveLater the caller may move the awareness later than it stands (LEGAL: it moves
     *     every deadline that runs from it later); otherwise such a change is 403, checked in the
     *     ledger unit against the awareness then in force
     */
    public @Nullable Computation setAwareness(
            String incidentId, Instant awareAt, String reason, String actor, boolean mayMoveLater) {
        incident(incidentId); // 404 before anything else
        Instant now = now();
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 2000) {
            throw DomainException.unprocessable(
                    "bad-reason", "reason: say why awareness is set or corrected (at most 2,000 characters)");
        }
        EntryDraft.past(awareAt, "awareAt", "bad-aware-at", now, EntryDraft.SKEW, "");
        return ledger.record(ap -> {
            Incident current = incident(incidentId);
            if (current.closedAt() != null) {
                throw DomainException.conflict(
                        "incident-closed",
                        "Incident closed",
                        "incident " + incidentId + " is closed: its awareness stays");
            }
            if (!mayMoveLater && current.awareAt() != null && awareAt.isAfter(current.awareAt())) {
                throw DomainException.forbidden("awareAt: moving the awareness later (from " + current.awareAt()
                        + " to " + awareAt + ") moves every deadline that runs from it, the GDPR Art. 33 72"
                        + " hours among them, later: LEGAL records that (GDPR Art. 5(2)); an earlier time is"
                        + " yours to set");
            }
            // checked in the unit: a determination, a judgement or a filing recorded meanwhile counts
            if (current.occurredAt() != null && awareAt.isBefore(current.occurredAt())) {
                throw DomainException.unprocessable(
                        "bad-aware-at",
                        "awareAt: " + awareAt + " is before the incident occurred (" + current.occurredAt() + ")");
            }
            Instant determined = incidentFacts(incidentId).determinedAt();
            if (determined != null && awareAt.isAfter(determined)) {
                throw DomainException.unprocessable(
                        "bad-aware-at",
                        "awareAt: " + awareAt + " is after the breach was determined (" + determined
                                + "); set the facts' determinedAt first");
            }
            Timestamp firstSent = jdbc.queryForObject(
                    "SELECT MIN(sent_at) FROM obligation WHERE incident_id = ? AND status = 'FILED'",
                    Timestamp.class,
                    incidentId);
            if (firstSent != null && awareAt.isAfter(firstSent.toInstant())) {
                throw DomainException.unprocessable(
                        "bad-aware-at",
                        "awareAt: " + awareAt + " is after a notice was sent (" + firstSent.toInstant()
                                + "); a notice is sent after the company learns of the breach");
            }
            for (Judgement j : judgements(incidentId)) {
                if (awareAt.isAfter(j.decidedAt())) {
                    throw DomainException.unprocessable(
                            "bad-aware-at",
                            "awareAt: " + awareAt + " is after the judgement on " + j.question() + " decided at "
                                    + j.decidedAt()
                                    + "; a judgement on the incident is made after the company learns of it");
                }
            }
            long index = ap.record(new IncidentAwarenessSet(incidentId, awareAt, current.awareAt(), why), actor);
            jdbc.update("UPDATE incident SET aware_at = ? WHERE id = ?", Timestamp.from(awareAt), incidentId);
            Optional<StoredScope> scope = scopeOf(incidentId);
            if (scope.isEmpty()) {
                return null;
            }
            return recompute(
                    ap,
                    incident(incidentId),
                    scope.get().scope(),
                    scope.get().restsOn(),
                    null,
                    "incident.awareness-set",
                    index,
                    actor,
                    now);
        });
    }

    /** Each rule's clock start, by rule id. */
    private final Map<String, dev.tandem.regulation.Rule.ClockStart> clockOf = new java.util.HashMap<>();

    /** The question a rule waits on, by rule id (for a DECISION clock: whose decision starts it). */
    private final Map<String, String> questionOf = new java.util.HashMap<>();

    /**
     * Whether a deadline as computed now would give the auditor something privileged: it runs from
     * counsel's determination of the breach ({@code incident.facts-set}), or from the decision time
     * of a judgement whose entry is privileged ({@code sealedQuestions}: the questions whose
     * judgement in force is). Kept on the row as it is computed (docs/contracts.md §5).
     */
    private boolean dueWithheld(Reconciliation.Computed c, IncidentFacts facts, Set<String> sealedQuestions) {
        if (c.due() == null) return false;
        var from = clockOf.get(c.ruleId());
        if (from == dev.tandem.regulation.Rule.ClockStart.DETERMINATION) return facts.determinedAt() != null;
        if (from == dev.tandem.regulation.Rule.ClockStart.DECISION) {
            return sealedQuestions.contains(questionOf.get(c.ruleId()));
        }
        return false;
    }

    /** The questions whose judgement in force (the latest, by ledger order) is privileged. */
    private Set<String> sealedQuestions(String incidentId) {
        Map<String, Boolean> latest = new java.util.HashMap<>();
        jdbc.query(
                "SELECT question, reason_privileged FROM judgement WHERE incident_id = ? ORDER BY ledger_index",
                rs -> {
                    latest.put(rs.getString(1), rs.getBoolean(2));
                },
                incidentId);
        Set<String> sealed = new java.util.HashSet<>();
        latest.forEach((q, privileged) -> {
            if (privileged) sealed.add(q);
        });
        return sealed;
    }

    /** The incident's facts that move legal clocks, when someone set them. */
    public Optional<StoredFacts> factsOf(String incidentId) {
        return jdbc
                .query(
                        "SELECT determined_at, unauthorized_access, updated_at, updated_by, ledger_index"
                                + " FROM incident_regulatory_facts WHERE incident_id = ?",
                        (rs, n) -> {
                            Timestamp d = rs.getTimestamp(1);
                            return new StoredFacts(
                                    new IncidentFacts(d == null ? null : d.toInstant(), rs.getBoolean(2)),
                                    rs.getTimestamp(3).toInstant(),
                                    rs.getString(4),
                                    rs.getLong(5));
                        },
                        incidentId)
                .stream()
                .findFirst();
    }

    /** The facts the engine uses: those set, or none (awareness, size thresholds). */
    IncidentFacts incidentFacts(String incidentId) {
        return factsOf(incidentId).map(StoredFacts::facts).orElse(IncidentFacts.NONE);
    }

    /** Assigns the obligation to a user ({@code obligation.assigned}); null unassigns. */
    public StoredObligation assignOwner(String obligationId, @Nullable String owner, String actor) {
        return ledger.record(ap -> {
            StoredObligation o = obligation(obligationId);
            if (owner != null) {
                Integer users =
                        jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username = ?", Integer.class, owner);
                if (users == null || users == 0) {
                    throw DomainException.unprocessable("bad-owner", "owner: no user '" + owner + "'");
                }
                // an owner acts on the obligation: a member of its incident, and never the auditor,
                // who reads neither owners nor the reasoning and must stay independent of the response
                var role = memberships
                        .roleOf(o.incidentId(), owner)
                        .orElseThrow(() -> DomainException.unprocessable(
                                "bad-owner", "owner: '" + owner + "' is no member of this incident: add them first"));
                if (role == dev.tandem.server.access.Role.AUDITOR) {
                    throw DomainException.unprocessable(
                            "bad-owner",
                            "owner: '" + owner + "' is the incident's auditor, who cannot own an obligation"
                                    + " (auditor independence)");
                }
            }
            ap.record(new ObligationAssigned(o.incidentId(), o.id(), o.ruleId(), owner, o.owner()), actor);
            jdbc.update("UPDATE obligation SET owner = ? WHERE id = ?", owner, o.id());
            return obligation(obligationId);
        });
    }

    /**
     * Changes what people did with an obligation ({@code obligation.status-changed}): FILED needs
     * filing evidence of the same incident, NOT_REQUIRED a justification. A FILED change records when
     * the notice was sent: {@code sentAt}, or now; the clocks that run from the notice start then.
     *
     * @throws DomainException 404 unknown obligation, 409 a transition {@link Lifecycle} refuses, 422 a
     *     missing or foreign evidence item, or a missing justification
     */
    public StoredObligation changeStatus(
            String obligationId,
            Lifecycle.Status target,
            @Nullable String evidenceId,
            @Nullable String justification,
            boolean justificationPrivileged,
            @Nullable Instant sentAt,
            String actor) {
        if (target == Lifecycle.Status.FILED && (evidenceId == null || evidenceId.isBlank())) {
            throw DomainException.unprocessable(
                    "missing-evidence", "evidence: FILED needs the id of the filing evidence");
        }
        if (target == Lifecycle.Status.NOT_REQUIRED && (justification == null || justification.isBlank())) {
            throw DomainException.unprocessable(
                    "missing-justification", "justification: NOT_REQUIRED needs a justification");
        }
        if (sentAt != null && target != Lifecycle.Status.FILED) {
            throw DomainException.unprocessable(
                    "bad-sent-at", "sentAt: only a FILED status change says when its notice was sent");
        }
        Instant at = now();
        StoredObligation before = obligation(obligationId);
        Instant sent = sentAt == null
                ? at
                : sentTime(sentAt, incident(before.incidentId()).awareAt(), at);
        return ledger.record(ap -> {
            StoredObligation o = obligation(obligationId);
            apply(ap, o, target, evidenceId, justification, justificationPrivileged, actor, at, sent);
            return obligation(obligationId);
        });
    }

    /**
     * When a notice was sent, as its sender gives it: not in the future, not before the incident's
     * awareness (a notice of the breach follows knowing of it), not before year 1; else a 422
     * {@code bad-sent-at} naming the field.
     */
    static Instant sentTime(Instant sentAt, @Nullable Instant awareAt, Instant now) {
        return givenTime(
                sentAt,
                "sentAt",
                "bad-sent-at",
                awareAt,
                now,
                "a notice of the breach is sent after the company learns of it");
    }

    /**
     * Inside a ledger unit: checks and applies a status change. Used by {@link #changeStatus} and when a
     * notice is sent.
     */
    void apply(
            Appender ap,
            StoredObligation o,
            Lifecycle.Status target,
            @Nullable String evidenceId,
            @Nullable String justification,
            boolean justificationPrivileged,
            String actor,
            Instant at,
            Instant sentAt) {
        if (Lifecycle.check(o, target) instanceof Lifecycle.Refused r) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "invalid-transition", "Invalid status change", r.reason());
        }
        ObligationStatusChanged.Filing filing = null;
        if (target == Lifecycle.Status.FILED) {
            // an item of another incident is answered as unknown: whether it exists is not this
            // caller's business (they may be no member of that incident)
            EvidenceItem item = vault.find(evidenceId == null ? "" : evidenceId)
                    .filter(i -> i.incidentId().equals(o.incidentId()))
                    .orElseThrow(() -> DomainException.unprocessable(
                            "bad-evidence", "evidence: no evidence item '" + evidenceId + "'"));
            filing = new ObligationStatusChanged.Filing(item.id(), item.sha256(), item.repository());
        }
        String evidence = filing == null ? null : filing.evidence();
        String why = target == Lifecycle.Status.NOT_REQUIRED || (justification != null && !justification.isBlank())
                ? justification
                : null;
        long index = ap.record(
                new ObligationStatusChanged(
                        o.incidentId(),
                        o.id(),
                        o.ruleId(),
                        o.jurisdiction(),
                        o.recipient(),
                        o.status().name(),
                        target.name(),
                        filing,
                        why,
                        justificationPrivileged,
                        filing == null ? null : sentAt),
                actor);
        jdbc.update(
                "UPDATE obligation SET status = ?, filing_evidence = ?, justification = ?, status_changed_at = ?,"
                        + " status_changed_by = ?, sent_at = ? WHERE id = ?",
                target.name(),
                evidence,
                why,
                Timestamp.from(at),
                actor,
                filing == null ? null : Timestamp.from(sentAt),
                o.id());
        // A clock that runs from this notice (California AG 15 days after the residents' notice, NIS2
        // final report a month after the notification) starts or moves with it: recompute now.
        String family = RuleBook.family(o.ruleId());
        // the rest of an Art. 33 notice (Art. 33(4)) runs from it only when it went incomplete
        boolean others = engine.ruleBook().rules().stream()
                .anyMatch(r -> family.equals(r.deadline().after())
                        && (r.deadline().from() != dev.tandem.regulation.Rule.ClockStart.INCOMPLETE_NOTICE
                                || incompleteNotices(o.incidentId()).containsKey(family)));
        Incident incident = incident(o.incidentId());
        Optional<StoredScope> scope = scopeOf(o.incidentId());
        if (others && scope.isPresent() && incident.awareAt() != null) {
            recompute(
                    ap,
                    incident,
                    scope.get().scope(),
                    scope.get().restsOn(),
                    null,
                    "obligation.status-changed",
                    index,
                    actor,
                    at);
        }
    }

    /**
     * The notices recorded as sent: for each rule (without version) the earliest time a notice of it
     * was sent (the {@code sentAt} given when it was filed, or else the filing's recording time); the
     * engine starts the clocks that run from them.
     */
    Map<String, Instant> noticesSent(String incidentId) {
        Map<String, Instant> sent = new java.util.TreeMap<>();
        for (StoredObligation o : ofIncident(incidentId)) {
            Instant at = o.sentAt() != null ? o.sentAt() : o.statusChangedAt();
            if (o.status() == Lifecycle.Status.FILED && at != null) {
                sent.merge(RuleBook.family(o.ruleId()), at, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return sent;
    }

    /**
     * The {@code notice_draft.sent_gaps} of a notice sent with {@code gaps}: null when it had none; the
     * gaps as a JSON array when they may be named to every reader of the obligations ({@code named}:
     * the text was filed as AUDIT evidence); {@code []} otherwise, an incomplete notice whose gaps stay
     * with its privileged {@code notice.sent} entry.
     */
    @Nullable
    String sentGaps(List<String> gaps, boolean named) {
        if (gaps.isEmpty()) {
            return null;
        }
        var array = json.createArrayNode();
        if (named) {
            gaps.forEach(array::add);
        }
        return array.toString();
    }

    /**
     * The Art. 33 notices recorded as sent incomplete (GDPR and UK GDPR Art. 33(4)), by their rule: the
     * jurisdiction of the obligation each filed and the gaps it went with as {@link #sentGaps} kept
     * them. The rules owed for the rest ({@code eu-gdpr-33-4-phases}, {@code gb-ukgdpr-33-4-phases})
     * run from them.
     */
    Map<String, IncidentScope.IncompleteNotice> incompleteNotices(String incidentId) {
        record Row(String notice, String gaps) {}
        List<Row> rows = jdbc.query(
                "SELECT notice, sent_gaps FROM notice_draft WHERE incident_id = ? AND sent_gaps IS NOT NULL",
                (rs, n) -> new Row(rs.getString(1), rs.getString(2)),
                incidentId);
        if (rows.isEmpty()) {
            return Map.of();
        }
        List<StoredObligation> stored = ofIncident(incidentId);
        Map<String, IncidentScope.IncompleteNotice> out = new java.util.TreeMap<>();
        for (Row row : rows) {
            dev.tandem.regulation.notice.Art33Notice.byId(row.notice()).ifPresent(n -> {
                List<String> gaps = new ArrayList<>();
                json.readTree(row.gaps()).forEach(g -> gaps.add(g.asString()));
                String jurisdiction = stored.stream()
                        .filter(o -> n.isRule(o.ruleId()) && o.status() == Lifecycle.Status.FILED)
                        .map(StoredObligation::jurisdiction)
                        .findFirst()
                        .orElse(null);
                out.put(n.rule(), new IncidentScope.IncompleteNotice(jurisdiction, gaps));
            });
        }
        return out;
    }

    /**
     * The engine's assessment of the incident's scope with the facts, judgements, notices sent and
     * ceiling in force: what every computation stores, its laws not triggered included.
     */
    private Assessment assess(Incident incident, Scope scope, IncidentFacts facts) {
        return engine.evaluate(
                new IncidentScope(
                        requireAwareness(incident),
                        scope.subjects(),
                        scope.data(),
                        company.factsFor(scope, facts),
                        incident.timeZone(),
                        facts.determinedAt(),
                        noticesSent(incident.id()),
                        incompleteNotices(incident.id())),
                latestJudgements(incident.id()),
                ceilingOf(incident.id()).map(Ceiling::atMost).orElse(null));
    }

    /**
     * The laws checked for the people of each jurisdiction of the scope where nothing is owed or set
     * aside, and why each does not apply ({@link Assessment#notTriggered}, as {@code tandem deadlines}
     * lists them), as the last computation found them: stored with its obligations, so that both follow
     * the same rule book (ADR 112) until the next computation, whatever rule book the server runs now.
     * Empty before the first computation (no scope or no awareness time), and absent for a computation
     * made before they were stored under another rule book than the server's (the engine's answer now,
     * with the rule book that computed, stands in when the versions are the same).
     */
    public Optional<List<Assessment.NotTriggered>> notTriggered(String incidentId) {
        record Stored(@Nullable String notTriggered, String rulesVersion) {}
        List<Stored> rows = jdbc.query(
                "SELECT not_triggered, rules_version FROM incident_scope WHERE incident_id = ?"
                        + " AND computed_at IS NOT NULL",
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2)),
                incidentId);
        if (rows.isEmpty()) {
            return Optional.of(List.of());
        }
        Stored stored = rows.getFirst();
        if (stored.notTriggered() != null) {
            List<Assessment.NotTriggered> out = new ArrayList<>();
            json.readTree(stored.notTriggered())
                    .forEach(n -> out.add(new Assessment.NotTriggered(
                            n.path("jurisdiction").asString(),
                            n.path("regime").asString(),
                            n.path("citation").asString(),
                            n.path("reason").asString())));
            return Optional.of(List.copyOf(out));
        }
        // computed before they were stored (V39): the same rule book answers as it did then, for the
        // scope, facts and judgements in force, each of whose changes recomputes
        Incident incident = incident(incidentId);
        Optional<StoredScope> scope = scopeOf(incidentId);
        if (!engine.ruleBook().version().equals(stored.rulesVersion())
                || scope.isEmpty()
                || incident.awareAt() == null) {
            return Optional.empty();
        }
        return Optional.of(
                assess(incident, scope.get().scope(), incidentFacts(incidentId)).notTriggered());
    }

    /** The laws not triggered as {@code incident_scope.not_triggered} holds them (V39). */
    private String notTriggeredJson(List<Assessment.NotTriggered> notTriggered) {
        ArrayNode out = json.createArrayNode();
        for (Assessment.NotTriggered n : notTriggered) {
            out.addObject()
                    .put("jurisdiction", n.jurisdiction())
                    .put("regime", n.regime())
                    .put("citation", n.citation())
                    .put("reason", n.reason());
        }
        return json.writeValueAsString(out);
    }

    private Computation recompute(
            Appender ap,
            Incident incident,
            Scope scope,
            Set<Repository> restsOn,
            @Nullable IncidentFacts replacedFacts,
            String trigger,
            long triggerIndex,
            String actor,
            Instant at) {
        IncidentFacts facts = incidentFacts(incident.id());
        // counsel's facts are privileged (incident.facts-set): deadlines that run from them, or that
        // ran from the facts replaced, would tell them (a determination to the day)
        boolean counselsFacts = !facts.equals(IncidentFacts.NONE)
                || (replacedFacts != null && !replacedFacts.equals(IncidentFacts.NONE));
        Assessment a = assess(incident, scope, facts);
        List<Reconciliation.Computed> next = Reconciliation.computed(a, render::detail);
        List<StoredObligation> existing = ofIncident(incident.id());
        Reconciliation.Plan plan = Reconciliation.plan(existing, next);
        Set<String> sealedQuestions = sealedQuestions(incident.id());
        Set<String> withheld = new java.util.HashSet<>();
        for (Reconciliation.Computed c : next) {
            if (dueWithheld(c, facts, sealedQuestions)) withheld.add(c.key());
        }
        // the entry is privileged too when a deadline in it, or a previous one it quotes, is withheld
        boolean privileged = counselsFacts
                || !withheld.isEmpty()
                || plan.kept().keySet().stream()
                        .anyMatch(old -> old.dueWithheld() && plan.changed().contains(old.key()));

        ObjectNode body = json.createObjectNode()
                .put("trigger", trigger)
                .put("triggerIndex", triggerIndex)
                .put("rulesVersion", a.rulesVersion())
                .put(
                        "awareAt",
                        incident.awareAt() == null ? null : incident.awareAt().toString());
        ArrayNode added = body.putArray("added");
        ArrayNode changed = body.putArray("changed");
        ArrayNode superseded = body.putArray("superseded");
        Timestamp now = Timestamp.from(at);
        for (Reconciliation.Computed c : plan.added()) {
            String id = Ids.next();
            jdbc.update(
                    "INSERT INTO obligation (id, incident_id, rule_id, jurisdiction, recipient, regime, due, due_text,"
                            + " citation, confidence, requirement, detail, placement, position, status, created_at,"
                            + " computed_at, due_withheld) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    incident.id(),
                    c.ruleId(),
                    c.jurisdiction(),
                    c.recipient(),
                    c.regime(),
                    c.due() == null ? null : Timestamp.from(c.due()),
                    c.dueText(),
                    c.citation(),
                    c.confidence(),
                    c.requirement(),
                    c.detail(),
                    c.placement().name(),
                    c.position(),
                    Lifecycle.Status.PENDING.name(),
                    now,
                    now,
                    withheld.contains(c.key()));
            added.add(summary(id, c, incident.timeZone()));
        }
        for (var e : plan.kept().entrySet()) {
            StoredObligation old = e.getKey();
            Reconciliation.Computed c = e.getValue();
            jdbc.update(
                    "UPDATE obligation SET regime = ?, due = ?, due_text = ?, citation = ?, confidence = ?,"
                            + " requirement = ?, detail = ?, placement = ?, position = ?, computed_at = ?,"
                            + " due_withheld = ? WHERE id = ?",
                    c.regime(),
                    c.due() == null ? null : Timestamp.from(c.due()),
                    c.dueText(),
                    c.citation(),
                    c.confidence(),
                    c.requirement(),
                    c.detail(),
                    c.placement().name(),
                    c.position(),
                    now,
                    withheld.contains(c.key()),
                    old.id());
            if (plan.changed().contains(c.key())) {
                ObjectNode s = summary(old.id(), c, incident.timeZone());
                s.put("previousDue", old.due() == null ? null : old.due().toString());
                s.put("previousRequirement", old.requirement());
                s.put("previousPlacement", old.placement().name());
                changed.add(s);
            }
        }
        for (StoredObligation o : plan.superseded()) {
            jdbc.update(
                    "UPDATE obligation SET placement = ?, computed_at = ? WHERE id = ?",
                    StoredObligation.Placement.SUPERSEDED.name(),
                    now,
                    o.id());
            superseded.add(json.createObjectNode()
                    .put("id", o.id())
                    .put("rule", o.ruleId())
                    .put("jurisdiction", o.jurisdiction())
                    .put("recipient", o.recipient())
                    .put("status", o.status().name()));
        }
        int unchanged = plan.kept().size() - plan.changed().size();
        body.put("unchanged", unchanged);
        // the warnings quote counts per jurisdiction (the scope, which the auditor does not read): the
        // entry says how many there were; their text is kept with the scope (GET …/obligations)
        body.put("warnings", a.warnings().size());
        long index = ap.record(new ObligationsComputed(incident.id(), restsOn, privileged, body), actor);
        ArrayNode w = json.createArrayNode();
        a.warnings().forEach(w::add);
        // the laws not triggered with the obligations, from the same assessment (ADR 112)
        jdbc.update(
                "UPDATE incident_scope SET computed_at = ?, rules_version = ?, warnings = ?, not_triggered = ?"
                        + " WHERE incident_id = ?",
                now,
                a.rulesVersion(),
                json.writeValueAsString(w),
                notTriggeredJson(a.notTriggered()),
                incident.id());
        return new Computation(
                index,
                plan.added().size(),
                plan.changed().size(),
                plan.superseded().size(),
                unchanged);
    }

    /**
     * One obligation as an {@code obligations.computed} entry lists it; {@code ruleZone} is the zone
     * its days end in ({@link #ruleZone}), so a report drawn from the entries shows the deadline on the
     * calendar the API shows it on (the GDPR's lead authority's, not the EU's default).
     */
    private ObjectNode summary(String id, Reconciliation.Computed c, java.time.ZoneId incidentZone) {
        ObjectNode s = json.createObjectNode()
                .put("id", id)
                .put("rule", c.ruleId())
                .put("jurisdiction", c.jurisdiction())
                .put("recipient", c.recipient())
                .put("requirement", c.requirement())
                .put("placement", c.placement().name());
        s.put("due", c.due() == null ? null : c.due().toString());
        s.put("dueText", c.dueText());
        s.put("ruleZone", ruleZone(c.ruleId(), c.detail(), incidentZone).getId());
        return s;
    }

    /** The latest judgement per question (by ledger order), as the engine reads them. */
    List<Judgement> latestJudgements(String incidentId) {
        Map<String, Judgement> latest = new LinkedHashMap<>();
        for (Judgement j : judgements(incidentId)) {
            latest.put(j.question(), j);
        }
        return new ArrayList<>(latest.values());
    }

    /** The questions judgements answer, by key, with their text and citation (the rule book's). */
    public Map<String, dev.tandem.regulation.RuleBook.Question> questions() {
        return engine.ruleBook().questions();
    }

    /** Every judgement of the incident, oldest first, with the time it was recorded. */
    public List<Judgement> judgements(String incidentId) {
        return recordedJudgements(incidentId).stream()
                .map(RecordedJudgement::judgement)
                .toList();
    }

    /**
     * A judgement as recorded, with whether its reason is privileged: a commitment in the ledger
     * (counsel's), or in clear in the public {@code judgement.recorded} entry.
     */
    public record RecordedJudgement(Judgement judgement, boolean reasonPrivileged) {}

    /** Every judgement of the incident as {@link #judgements}, each with whether its reason is privileged. */
    public List<RecordedJudgement> recordedJudgements(String incidentId) {
        return jdbc.query(
                "SELECT question, answer, decided_by, decided_at, reason, recorded_at, reason_privileged"
                        + " FROM judgement WHERE incident_id = ? ORDER BY ledger_index",
                (rs, n) -> new RecordedJudgement(
                        new Judgement(
                                rs.getString(1),
                                Answer.valueOf(rs.getString(2)),
                                rs.getString(3),
                                rs.getTimestamp(4).toInstant(),
                                rs.getString(5),
                                rs.getTimestamp(6).toInstant()),
                        rs.getBoolean(7)),
                incidentId);
    }

    public Optional<StoredScope> scopeOf(String incidentId) {
        return jdbc
                .query(
                        "SELECT subjects, categories, encrypted, updated_at, updated_by, ledger_index,"
                                + " rests_on_forensic FROM incident_scope WHERE incident_id = ?",
                        (rs, n) -> new StoredScope(
                                Scope.stored(rs.getString(1), rs.getString(2), rs.getBoolean(3)),
                                rs.getTimestamp(4).toInstant(),
                                rs.getString(5),
                                rs.getLong(6),
                                rs.getBoolean(7)),
                        incidentId)
                .stream()
                .findFirst();
    }

    /** The last computation's rule-book version, time and warnings, if there was one. */
    public record LastComputation(Instant computedAt, String rulesVersion, List<String> warnings) {}

    public Optional<LastComputation> lastComputation(String incidentId) {
        return jdbc
                .query(
                        "SELECT computed_at, rules_version, warnings FROM incident_scope"
                                + " WHERE incident_id = ? AND computed_at IS NOT NULL",
                        (rs, n) -> {
                            List<String> w = new ArrayList<>();
                            json.readTree(rs.getString(3)).forEach(x -> w.add(x.asString()));
                            return new LastComputation(rs.getTimestamp(1).toInstant(), rs.getString(2), w);
                        },
                        incidentId)
                .stream()
                .findFirst();
    }

    /** The incident's obligations, in the order of the last computation. */
    public List<StoredObligation> ofIncident(String incidentId) {
        return jdbc.query(
                "SELECT * FROM obligation WHERE incident_id = ? ORDER BY position, id", Obligations::map, incidentId);
    }

    public Optional<StoredObligation> find(String obligationId) {
        return jdbc.query("SELECT * FROM obligation WHERE id = ?", Obligations::map, obligationId).stream()
                .findFirst();
    }

    /**
     * The nearest open deadline of each of {@code incidentIds} that has one (owed, pending, due
     * immediately ({@link StoredObligation#immediate}) or else with the earliest fixed deadline, ties
     * in the computation's order as on the incident's header), in
     * one query per 500 incidents: the incidents list. For the incidents of {@code audited} (the
     * caller is their auditor) a deadline withheld from the auditor ({@link StoredObligation#dueWithheld})
     * is passed over.
     */
    public Map<String, StoredObligation> nextDeadlines(java.util.Collection<String> incidentIds, Set<String> audited) {
        Map<String, StoredObligation> next = new java.util.HashMap<>();
        List<String> ids = List.copyOf(new java.util.TreeSet<>(incidentIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> args = new java.util.ArrayList<>(chunk.size() + 2);
            args.add(StoredObligation.Placement.OWED.name());
            args.add(Lifecycle.Status.PENDING.name());
            args.addAll(chunk);
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            for (StoredObligation o : jdbc.query(
                    "SELECT * FROM obligation WHERE placement = ? AND status = ?"
                            + " AND (due IS NOT NULL OR LOWER(TRIM(due_text)) LIKE 'immediately%')"
                            + " AND incident_id IN (" + in + ")"
                            + " ORDER BY CASE WHEN due IS NULL THEN 0 ELSE 1 END, due, position, id",
                    Obligations::map,
                    args.toArray())) {
                if (o.due() == null && !o.immediate()) continue; // as StoredObligation#immediate decides
                if (!(o.dueWithheld() && audited.contains(o.incidentId()))) next.putIfAbsent(o.incidentId(), o);
            }
        }
        return next;
    }

    /** Obligations a reminder may be due for: yielded, pending, with a fixed deadline. */
    List<StoredObligation> pendingWithDue() {
        return jdbc.query(
                "SELECT * FROM obligation WHERE placement = ? AND status = ? AND due IS NOT NULL ORDER BY due, id",
                Obligations::map,
                StoredObligation.Placement.OWED.name(),
                Lifecycle.Status.PENDING.name());
    }

    /**
     * The zone where an obligation's days end (its rule's; the lead supervisory authority's for the
     * GDPR's one-stop shop), for showing its deadline on the right calendar day.
     */
    public java.time.ZoneId ruleZone(StoredObligation o, java.time.ZoneId incidentZone) {
        return ruleZone(o.ruleId(), o.detail(), incidentZone);
    }

    /** The zone of a rule's obligation whose engine detail ({@link ObligationJson#detail}) is {@code detail}. */
    private java.time.ZoneId ruleZone(String ruleId, String detail, java.time.ZoneId incidentZone) {
        tools.jackson.databind.JsonNode d = json.readTree(detail);
        return render.ruleZone(
                ruleId, d.hasNonNull("leadAuthority") ? d.path("leadAuthority").asString() : null, incidentZone);
    }

    ObligationJson render() {
        return render;
    }

    Company company() {
        return company;
    }

    ObligationEngine engine() {
        return engine;
    }

    Incident incident(String incidentId) {
        return incidents.find(incidentId).orElseThrow(() -> DomainException.notFound("incident", incidentId));
    }

    StoredObligation obligation(String obligationId) {
        return find(obligationId).orElseThrow(() -> DomainException.notFound("obligation", obligationId));
    }

    static Instant requireAwareness(Incident incident) {
        if (incident.awareAt() == null) {
            throw DomainException.unprocessable(
                    "no-aware-at",
                    "awareAt: incident " + incident.id()
                            + " has no awareness time; deadlines run from it (GDPR Art. 33(1)): set it first with PUT"
                            + " /api/v1/incidents/" + incident.id() + "/awareness");
        }
        return incident.awareAt();
    }

    ObjectNode scopeJson(Scope scope) {
        ObjectNode body = json.createObjectNode();
        ObjectNode subjects = body.putObject("subjects");
        scope.subjects().counts().forEach(subjects::put);
        ArrayNode data = body.putArray("data");
        scope.dataNames().forEach(data::add);
        body.put("encrypted", scope.encrypted());
        return body;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static StoredObligation map(ResultSet rs, int n) throws SQLException {
        Timestamp due = rs.getTimestamp("due");
        Timestamp changed = rs.getTimestamp("status_changed_at");
        Timestamp sent = rs.getTimestamp("sent_at");
        return new StoredObligation(
                rs.getString("id"),
                rs.getString("incident_id"),
                rs.getString("rule_id"),
                rs.getString("jurisdiction"),
                rs.getString("recipient"),
                rs.getString("regime"),
                due == null ? null : due.toInstant(),
                rs.getString("due_text"),
                rs.getString("citation"),
                rs.getString("confidence"),
                rs.getString("requirement"),
                rs.getString("detail"),
                StoredObligation.Placement.valueOf(rs.getString("placement")),
                rs.getInt("position"),
                Lifecycle.Status.valueOf(rs.getString("status")),
                rs.getString("owner"),
                rs.getString("filing_evidence"),
                rs.getString("justification"),
                changed == null ? null : changed.toInstant(),
                rs.getString("status_changed_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("computed_at").toInstant(),
                sent == null ? null : sent.toInstant(),
                rs.getBoolean("due_withheld"));
    }
}
