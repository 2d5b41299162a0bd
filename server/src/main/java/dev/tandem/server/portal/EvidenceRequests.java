package dev.tandem.server.portal;

import dev.tandem.ledger.LedgerEntry;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Role;
import dev.tandem.server.change.Changes;
import dev.tandem.server.evidence.EvidenceItem;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidenceRequestFiled;
import dev.tandem.server.ledger.fact.EvidenceRequestStepped;
import dev.tandem.server.portal.RequestRules.Status;
import dev.tandem.server.portal.RequestRules.Step;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Evidence requests (docs/contracts.md §5.1). Each step is checked by {@link RequestRules} inside
 * the unit that writes it with its ledger entry, on the request as read in that unit, so two people
 * answering or reviewing at once cannot both pass; a refusal records nothing.
 */
@Service
public class EvidenceRequests {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Vault vault;
    private final Changes changes;
    private final Clock clock;

    EvidenceRequests(JdbcTemplate jdbc, Ledger ledger, Vault vault, Changes changes, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.vault = vault;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * A request as stored, with what its current answer links (none once reopened): AUDIT items,
     * changes and ledger entries (ADR 111); and its history: every step after the filing, oldest
     * first, each answer with what it linked.
     */
    public record Request(
            String id,
            String incident,
            String text,
            @Nullable LocalDate due,
            List<String> controls,
            Status status,
            Instant requestedAt,
            String requestedBy,
            long ledgerIndex,
            @Nullable Step lastStep,
            @Nullable String lastText,
            @Nullable Instant lastAt,
            @Nullable String lastBy,
            @Nullable Long lastIndex,
            List<EvidenceItem> evidence,
            List<String> changes,
            List<Long> entries,
            List<Stepped> history) {}

    /**
     * One step after the filing: an answer with the items, changes and entries it linked, a refusal,
     * an acceptance or a reopening.
     */
    public record Stepped(
            Step step,
            String text,
            Instant at,
            String by,
            long ledgerIndex,
            List<EvidenceItem> evidence,
            List<String> changes,
            List<Long> entries) {}

    /** Files a request ({@code evidence-request.filed}); {@code zone} gives today for the due date. */
    public Request file(
            String incident,
            @Nullable String text,
            @Nullable String due,
            @Nullable List<String> controls,
            ZoneId zone,
            String actor) {
        Instant now = now();
        RequestRules.Draft d = RequestRules.draft(text, due, controls, LocalDate.ofInstant(now, zone));
        String id = Ids.next();
        return ledger.record(ap -> {
            long index = ap.record(new EvidenceRequestFiled(incident, id, d.text(), d.due(), d.controls()), actor);
            jdbc.update(
                    "INSERT INTO evidence_request (id, incident_id, request_text, due_on, controls, status,"
                            + " requested_at, requested_by, ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    incident,
                    d.text(),
                    d.due() == null ? null : Date.valueOf(d.due()),
                    String.join(",", d.controls()),
                    Status.OPEN.name(),
                    Timestamp.from(now),
                    actor,
                    index);
            return existing(id);
        });
    }

    /**
     * Answers with AUDIT items, changes and public ledger entries of the incident, what its auditor
     * reads as the access policy decides ({@code evidence-request.answered}, ADR 111).
     */
    public Request answer(
            String id,
            @Nullable List<String> evidence,
            @Nullable List<String> changeIds,
            @Nullable List<Long> entries,
            @Nullable String note,
            String actor) {
        String text = RequestRules.note(note);
        // looked up before the unit: entries are never edited, and a unit may not read ledger rows
        RequestRules.Found found = found(evidence, changeIds, entries);
        return ledger.record(ap -> {
            Request r = existing(id);
            RequestRules.Answer a = RequestRules.answer(r.status(), r.incident(), evidence, changeIds, entries, found);
            Status status = RequestRules.after(Step.ANSWERED);
            long index = ap.record(
                    new EvidenceRequestStepped(
                            r.incident(),
                            id,
                            Step.ANSWERED.name(),
                            status.name(),
                            a.evidence(),
                            a.changes(),
                            a.entries(),
                            text),
                    actor);
            jdbc.update("DELETE FROM evidence_request_item WHERE request_id = ?", id);
            for (int n = 0; n < a.evidence().size(); n++) {
                jdbc.update(
                        "INSERT INTO evidence_request_item (request_id, ordinal, evidence_id) VALUES (?, ?, ?)",
                        id,
                        n,
                        a.evidence().get(n));
            }
            return stepped(id, Step.ANSWERED, status, text, actor, index, a);
        });
    }

    /** The distinct ids or indexes asked for, none when they are more than {@code max}. */
    private static <T> java.util.Set<T> lookUp(@Nullable List<T> asked, int max) {
        java.util.Set<T> distinct = new java.util.LinkedHashSet<>(asked == null ? List.of() : asked);
        return distinct.size() > max ? java.util.Set.of() : distinct;
    }

    /** What an answer names, as found: items in the vault, changes, entries of the ledger now. */
    private RequestRules.Found found(
            @Nullable List<String> evidence, @Nullable List<String> changeIds, @Nullable List<Long> entries) {
        Map<String, RequestRules.Linked> items = new HashMap<>();
        for (String e : evidence == null ? List.<String>of() : evidence) {
            vault.find(e).ifPresent(i -> items.put(e, new RequestRules.Linked(i.incidentId(), i.repository())));
        }
        Map<String, RequestRules.LinkedChange> linkedChanges = new HashMap<>();
        // more than the rules allow is refused by them: not looked up one by one first
        for (String c : lookUp(changeIds, RequestRules.MAX_CHANGES)) {
            changes.find(c)
                    .ifPresent(ch -> linkedChanges.put(
                            c,
                            new RequestRules.LinkedChange(
                                    ch.incident(), AccessPolicy.auditorReadsChanges(ch.incident()))));
        }
        long size = ledger.size();
        Map<Long, RequestRules.LinkedEntry> linkedEntries = new HashMap<>();
        for (long i : lookUp(entries, RequestRules.MAX_ENTRIES)) {
            if (i >= 0 && i < size) {
                for (Ledger.ServedEntry e : ledger.entries(i, i + 1)) {
                    boolean privileged = LedgerEntry.fromLeaf(e.leaf()).body().has("commitment");
                    linkedEntries.put(
                            i,
                            new RequestRules.LinkedEntry(
                                    e.incident(), AccessPolicy.readsEntry(Role.AUDITOR, privileged)));
                }
            }
        }
        return new RequestRules.Found(items, linkedChanges, linkedEntries, size);
    }

    /** Declines with a reason ({@code evidence-request.declined}). */
    public Request decline(String id, @Nullable String reason, String actor) {
        return step(id, Step.DECLINED, r -> RequestRules.decline(r.status(), reason), actor);
    }

    /** The auditor accepts the answer or the refusal ({@code evidence-request.accepted}). */
    public Request accept(String id, @Nullable String comment, String actor) {
        return step(id, Step.ACCEPTED, r -> RequestRules.accept(r.status(), comment), actor);
    }

    /** The auditor sends it back, with what is missing ({@code evidence-request.reopened}). */
    public Request reopen(String id, @Nullable String reason, String actor) {
        return step(id, Step.REOPENED, r -> RequestRules.reopen(r.status(), reason), actor);
    }

    private Request step(String id, Step step, java.util.function.Function<Request, String> rule, String actor) {
        return ledger.record(ap -> {
            Request r = existing(id);
            String text = rule.apply(r);
            Status status = RequestRules.after(step);
            long index = ap.record(
                    new EvidenceRequestStepped(
                            r.incident(), id, step.name(), status.name(), List.of(), List.of(), List.of(), text),
                    actor);
            if (step == Step.REOPENED) {
                // the answer it had is no longer the answer; the ledger keeps which items it linked
                jdbc.update("DELETE FROM evidence_request_item WHERE request_id = ?", id);
            }
            return stepped(id, step, status, text, actor, index, NOTHING);
        });
    }

    private static final RequestRules.Answer NOTHING = new RequestRules.Answer(List.of(), List.of(), List.of());

    private Request stepped(
            String id, Step step, Status status, String text, String actor, long index, RequestRules.Answer linked) {
        List<String> items = linked.evidence();
        Instant at = now();
        Integer last = jdbc.queryForObject(
                "SELECT MAX(ordinal) FROM evidence_request_step WHERE request_id = ?", Integer.class, id);
        int ordinal = last == null ? 0 : last + 1;
        jdbc.update(
                "INSERT INTO evidence_request_step (request_id, ordinal, step, step_text, stepped_at, stepped_by,"
                        + " ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?)",
                id,
                ordinal,
                step.name(),
                text,
                Timestamp.from(at),
                actor,
                index);
        for (int n = 0; n < items.size(); n++) {
            jdbc.update(
                    "INSERT INTO evidence_request_step_item (request_id, step_ordinal, ordinal, evidence_id)"
                            + " VALUES (?, ?, ?, ?)",
                    id,
                    ordinal,
                    n,
                    items.get(n));
        }
        for (int n = 0; n < linked.changes().size(); n++) {
            jdbc.update(
                    "INSERT INTO evidence_request_step_link (request_id, step_ordinal, kind, ordinal, change_id)"
                            + " VALUES (?, ?, 'CHANGE', ?, ?)",
                    id,
                    ordinal,
                    n,
                    linked.changes().get(n));
        }
        for (int n = 0; n < linked.entries().size(); n++) {
            jdbc.update(
                    "INSERT INTO evidence_request_step_link (request_id, step_ordinal, kind, ordinal, entry_index)"
                            + " VALUES (?, ?, 'ENTRY', ?, ?)",
                    id,
                    ordinal,
                    n,
                    linked.entries().get(n));
        }
        jdbc.update(
                "UPDATE evidence_request SET status = ?, last_step = ?, last_text = ?, last_at = ?, last_by = ?,"
                        + " last_index = ? WHERE id = ?",
                status.name(),
                step.name(),
                text,
                Timestamp.from(at),
                actor,
                index,
                id);
        return existing(id);
    }

    /** The incident's requests, oldest first. */
    public List<Request> ofIncident(String incident) {
        return jdbc.query(
                "SELECT * FROM evidence_request WHERE incident_id = ? ORDER BY requested_at, id",
                (rs, n) -> request(rs),
                incident);
    }

    /** One request; 404 when there is none. */
    public Request existing(String id) {
        List<Request> found = jdbc.query("SELECT * FROM evidence_request WHERE id = ?", (rs, n) -> request(rs), id);
        if (found.isEmpty()) {
            throw DomainException.notFound("evidence request", id);
        }
        return found.getFirst();
    }

    private Request request(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        Date due = rs.getDate("due_on");
        String controls = rs.getString("controls");
        String last = rs.getString("last_step");
        Timestamp lastAt = rs.getTimestamp("last_at");
        long lastIndex = rs.getLong("last_index");
        boolean hasLast = !rs.wasNull();
        List<EvidenceItem> items =
                items("SELECT evidence_id FROM evidence_request_item WHERE request_id = ? ORDER BY ordinal", id);
        List<Stepped> history = history(id);
        // the current answer's changes and entries: the last answer's, until the request is reopened
        List<String> answeredChanges = List.of();
        List<Long> answeredEntries = List.of();
        for (Stepped s : history) {
            if (s.step() == Step.ANSWERED || s.step() == Step.REOPENED) {
                answeredChanges = s.changes();
                answeredEntries = s.entries();
            }
        }
        return new Request(
                id,
                rs.getString("incident_id"),
                rs.getString("request_text"),
                due == null ? null : due.toLocalDate(),
                controls.isEmpty() ? List.of() : List.of(controls.split(",")),
                Status.valueOf(rs.getString("status")),
                rs.getTimestamp("requested_at").toInstant(),
                rs.getString("requested_by"),
                rs.getLong("ledger_index"),
                last == null ? null : Step.valueOf(last),
                rs.getString("last_text"),
                lastAt == null ? null : lastAt.toInstant(),
                rs.getString("last_by"),
                hasLast ? lastIndex : null,
                items,
                answeredChanges,
                answeredEntries,
                history);
    }

    private List<Stepped> history(String id) {
        return jdbc.query(
                "SELECT * FROM evidence_request_step WHERE request_id = ? ORDER BY ordinal",
                (rs, n) -> new Stepped(
                        Step.valueOf(rs.getString("step")),
                        rs.getString("step_text"),
                        rs.getTimestamp("stepped_at").toInstant(),
                        rs.getString("stepped_by"),
                        rs.getLong("ledger_index"),
                        items(
                                "SELECT evidence_id FROM evidence_request_step_item WHERE request_id = ?"
                                        + " AND step_ordinal = ? ORDER BY ordinal",
                                id,
                                rs.getInt("ordinal")),
                        jdbc.queryForList(
                                "SELECT change_id FROM evidence_request_step_link WHERE request_id = ?"
                                        + " AND step_ordinal = ? AND kind = 'CHANGE' ORDER BY ordinal",
                                String.class,
                                id,
                                rs.getInt("ordinal")),
                        jdbc.queryForList(
                                "SELECT entry_index FROM evidence_request_step_link WHERE request_id = ?"
                                        + " AND step_ordinal = ? AND kind = 'ENTRY' ORDER BY ordinal",
                                Long.class,
                                id,
                                rs.getInt("ordinal"))),
                id);
    }

    private List<EvidenceItem> items(String sql, Object... args) {
        return jdbc.queryForList(sql, String.class, args).stream()
                .map(e -> vault.find(e).orElseThrow())
                .toList();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
