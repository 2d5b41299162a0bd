package dev.tandem.server.incident;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Caller;
import dev.tandem.server.identity.Accounts;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.TimelineEntryAdded;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An incident's timeline: its ledger entries filtered for the caller (docs/contracts.md §2), with the
 * entries people add (notes, decisions, external events, corrections) and each entry in words
 * ({@link TimelineText}). Each entry people add is a {@code timeline.entry} ledger entry and a
 * {@code timeline_entry} row, written in one unit; the row carries what the filters need.
 */
@Service
public class Timeline {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final JsonMapper json;
    private final Accounts accounts;
    private final java.time.Clock clock;

    Timeline(JdbcTemplate jdbc, Ledger ledger, JsonMapper json, Accounts accounts, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.json = json;
        this.accounts = accounts;
        this.clock = clock;
    }

    /** A claimed time in the future is refused: an entry tells what happened and when it was found. */
    private void notAhead(@Nullable Instant t, String field) {
        if (t != null) {
            EntryDraft.past(
                    t,
                    field,
                    "bad-" + (field.equals("eventAt") ? "event-at" : "discovered-at"),
                    clock.instant(),
                    EntryDraft.SKEW,
                    ": an entry tells what happened and when it was found; write a plan in the text, without " + field);
        }
    }

    /** A person's entry as stored for the filters. */
    record Row(
            long index,
            EntryKind kind,
            String actor,
            @Nullable Instant eventAt,
            @Nullable Precision eventPrecision,
            @Nullable Instant discoveredAt,
            @Nullable Long corrects,
            boolean privileged) {}

    /**
     * An entry as the caller sees it. {@code kind}, {@code eventAt}, {@code eventPrecision} and
     * {@code discoveredAt} are there for people's entries the caller can read (the times when
     * claimed); {@code corrects} for a correction, {@code correctedBy} for an entry corrected by
     * entries the caller can read; {@code opened} for a privileged entry the caller opens.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            long index,
            String type,
            String at,
            String actor,
            JsonNode body,
            boolean privileged,
            @Nullable JsonNode opened,
            @Nullable String kind,
            @Nullable String eventAt,
            @Nullable String eventPrecision,
            @Nullable String discoveredAt,
            @Nullable Long corrects,
            @Nullable List<Long> correctedBy,
            String text) {}

    /**
     * Adds a person's entry. A privileged entry is LEGAL's or the incident commander's to add; a
     * correction names an entry of this incident the caller can read (a privileged entry they cannot
     * open is answered exactly as one that does not exist).
     *
     * @throws DomainException 403 a privileged entry by another role, 422 a {@code corrects} the
     *     caller cannot correct
     */
    public long add(String incident, EntryDraft draft, Caller caller) {
        if (draft.privileged() && !caller.privileged()) {
            throw DomainException.forbidden("privileged: only LEGAL and the incident commander add privileged entries");
        }
        notAhead(draft.eventAt(), "eventAt");
        notAhead(draft.discoveredAt(), "discoveredAt");
        if (draft.corrects() != null) {
            // entries never change once appended, so this check outside the unit stays true
            boolean correctsPrivileged = checkCorrectable(incident, draft.corrects(), caller);
            if (correctsPrivileged && !draft.privileged()) {
                // in the clear, the correction would say on the public record what the entry it
                // corrects keeps privileged
                throw DomainException.unprocessable(
                        "privileged-correction",
                        "privileged: entry " + draft.corrects() + " is privileged, so a correction of it is too:"
                                + " send it privileged (\"privileged\": true, or tick Privileged)");
            }
        }
        TimelineEntryAdded fact = new TimelineEntryAdded(
                incident,
                draft.kind().name(),
                draft.text(),
                draft.eventAt() == null ? null : draft.eventAt().toString(),
                draft.eventPrecision() == null ? null : draft.eventPrecision().name(),
                draft.discoveredAt() == null ? null : draft.discoveredAt().toString(),
                draft.corrects(),
                draft.privileged());
        return ledger.record(ap -> {
            long index = ap.record(fact, caller.username());
            ap.write(
                    "INSERT INTO timeline_entry (ledger_index, incident_id, kind, actor, event_at, event_precision,"
                            + " discovered_at, corrects, privileged) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    index,
                    incident,
                    draft.kind().name(),
                    caller.username(),
                    draft.eventAt() == null ? null : Timestamp.from(draft.eventAt()),
                    draft.eventPrecision() == null
                            ? null
                            : draft.eventPrecision().name(),
                    draft.discoveredAt() == null ? null : Timestamp.from(draft.discoveredAt()),
                    draft.corrects(),
                    draft.privileged());
            return index;
        });
    }

    /** Checks the caller may correct entry {@code index}; answers whether it is privileged. */
    private boolean checkCorrectable(String incident, long index, Caller caller) {
        List<Ledger.ServedEntry> found = ledger.entries(index, index + 1);
        boolean privileged = !found.isEmpty() && isCommitment(found.getFirst().leaf());
        boolean visible = !found.isEmpty()
                && incident.equals(found.getFirst().incident())
                && (caller.privileged() || !privileged);
        if (!visible) {
            throw DomainException.unprocessable(
                    "bad-corrects", "corrects: no entry " + index + " of this incident that you can correct");
        }
        String type = json.readTree(found.getFirst().leaf()).path("type").asString("");
        String instead = RECORDED_STATE.get(type);
        if (instead != null) {
            // a correction here would read as done while the deadlines still rest on the entry
            throw DomainException.unprocessable(
                    "corrects-recorded-state",
                    "corrects: entry " + index + " is a " + type + ", which the obligations rest on: a correction"
                            + " note would change none of them; " + instead + " (a NOTE may explain why)");
        }
        return privileged;
    }

    /** Entries whose content the deadlines are computed from, and how each is corrected instead. */
    private static final java.util.Map<String, String> RECORDED_STATE = java.util.Map.of(
            "judgement.recorded", "record the judgement again (POST …/judgements, or the Obligations page)",
            "scope.updated", "set the scope again (PUT …/scope)",
            "incident.facts-set", "set the facts again (PUT …/facts)",
            "obligation.status-changed", "change the obligation's status again (POST /api/v1/obligations/{id}/status)",
            "incident.awareness-set", "set the awareness again (PUT …/awareness)",
            "notice.sent", "record the filing again with its sentAt (POST /api/v1/obligations/{id}/status)");

    private boolean isCommitment(byte[] leaf) {
        return json.readTree(leaf).path("body").has("commitment");
    }

    /** The incident's entries the caller sees, filtered and ordered as asked. */
    public List<Entry> read(String incident, TimelineQuery q, Caller caller) {
        boolean opens = caller.privileged();
        Map<Long, Row> rows = new HashMap<>();
        Map<Long, List<Long>> correctedBy = new TreeMap<>();
        for (Row r : rows(incident)) {
            rows.put(r.index(), r);
            if (r.corrects() != null && (opens || !r.privileged())) {
                correctedBy
                        .computeIfAbsent(r.corrects(), k -> new ArrayList<>())
                        .add(r.index());
            }
        }
        // the times people claimed, told in the incident's zone as the page's times are
        java.time.ZoneId zone =
                jdbc.queryForList("SELECT time_zone FROM incident WHERE id = ?", String.class, incident).stream()
                        .findFirst()
                        .map(java.time.ZoneId::of)
                        .orElse(null);
        TimelineText words = new TimelineText(names(), zone, forensicNames(incident, caller)::get);
        List<Entry> out = new ArrayList<>();
        for (Ledger.StoredEntry stored : ledger.entriesOf(incident)) {
            JsonNode e = json.readTree(stored.leaf());
            String type = e.path("type").asString();
            String actor = e.path("actor").asString();
            JsonNode body = e.path("body");
            boolean privileged = body.has("commitment");
            JsonNode opened = null;
            if (privileged && opens) {
                Ledger.Opening o = ledger.opening(stored.index());
                if (o != null) {
                    opened = json.readTree(o.body());
                }
            }
            Row row = rows.get(stored.index());
            boolean readable = !privileged || opened != null;
            Row person = row != null && readable ? row : null;
            String text = readable
                    ? words.render(type, privileged ? opened : body, actor)
                    : TimelineText.commitment(body.path("commitment").asString());
            List<Long> corrections = readable ? correctedBy.get(stored.index()) : null;
            // an analysis's timeline entry says when its event happened (docs/analysis-api.md, "The
            // timeline"): ordered by eventAt, the attack sits where it happened, not where it was read
            String happened = readable && type.equals("leak.timeline-entry")
                    ? instantOrNull((privileged ? opened : body).path("at").asString(""))
                    : null;
            out.add(new Entry(
                    stored.index(),
                    type,
                    e.path("at").asString(),
                    actor,
                    body,
                    privileged,
                    opened,
                    person == null ? null : person.kind().name(),
                    happened != null
                            ? happened
                            : person == null || person.eventAt() == null
                                    ? null
                                    : person.eventAt().toString(),
                    happened != null
                            ? Precision.EXACT.name()
                            : person == null || person.eventPrecision() == null
                                    ? null
                                    : person.eventPrecision().name(),
                    person == null || person.discoveredAt() == null
                            ? null
                            : person.discoveredAt().toString(),
                    person == null ? null : person.corrects(),
                    corrections == null ? null : List.copyOf(corrections),
                    text));
        }
        return filterAndOrder(out, q);
    }

    /** {@code text} as an RFC 3339 instant in UTC, or null when it is none. */
    static @Nullable String instantOrNull(String text) {
        try {
            return text.isEmpty()
                    ? null
                    : java.time.OffsetDateTime.parse(text).toInstant().toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Plain filtering and ordering of entries already redacted for the caller. */
    static List<Entry> filterAndOrder(List<Entry> entries, TimelineQuery q) {
        boolean anyKind = q.kinds().isEmpty() && q.types().isEmpty();
        List<Entry> kept = new ArrayList<>();
        for (Entry e : entries) {
            boolean kindMatches = anyKind
                    || q.types().contains(e.type())
                    || (e.kind() != null && q.kinds().contains(EntryKind.valueOf(e.kind())));
            boolean repositoryMatches =
                    q.repository() == null || (q.repository() == Repository.FORENSIC) == e.privileged();
            Instant key = key(e, q.order());
            boolean inRange =
                    (q.since() == null || !key.isBefore(q.since())) && (q.until() == null || key.isBefore(q.until()));
            if (kindMatches
                    && repositoryMatches
                    && inRange
                    && (q.actor() == null || q.actor().equals(e.actor()))) {
                kept.add(e);
            }
        }
        kept.sort(Comparator.comparing((Entry e) -> key(e, q.order())).thenComparingLong(Entry::index));
        return kept;
    }

    /** The time an entry is ordered by: the claimed one where there is one, else the server's {@code at}. */
    static Instant key(Entry e, TimelineQuery.Order order) {
        String claimed = switch (order) {
            case AT -> null;
            case EVENT_AT -> e.eventAt();
            case DISCOVERED_AT -> e.discoveredAt();
        };
        return Instant.parse(claimed != null ? claimed : e.at());
    }

    private List<Row> rows(String incident) {
        return jdbc.query(
                "SELECT * FROM timeline_entry WHERE incident_id = ? ORDER BY ledger_index",
                (rs, n) -> {
                    Timestamp eventAt = rs.getTimestamp("event_at");
                    Timestamp discoveredAt = rs.getTimestamp("discovered_at");
                    String precision = rs.getString("event_precision");
                    Long corrects = rs.getObject("corrects") == null ? null : rs.getLong("corrects");
                    return new Row(
                            rs.getLong("ledger_index"),
                            EntryKind.valueOf(rs.getString("kind")),
                            rs.getString("actor"),
                            eventAt == null ? null : eventAt.toInstant(),
                            precision == null ? null : Precision.valueOf(precision),
                            discoveredAt == null ? null : discoveredAt.toInstant(),
                            corrects,
                            rs.getBoolean("privileged"));
                },
                incident);
    }

    /**
     * The names of the incident's FORENSIC items the caller may read (LEGAL and the commander every
     * one, a responder those LEGAL granted them), by id: what the evidence API shows them in full.
     */
    private Map<String, String> forensicNames(String incident, Caller caller) {
        Map<String, String> names = new HashMap<>();
        jdbc.query(
                "SELECT id, name FROM evidence WHERE incident_id = ? AND repository = ?",
                rs -> {
                    if (caller.mayRead(rs.getString(1), Repository.FORENSIC)) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                },
                incident,
                Repository.FORENSIC.name());
        return names;
    }

    private java.util.function.UnaryOperator<String> names() {
        Map<String, String> names = new HashMap<>();
        for (Accounts.User u : accounts.users()) {
            if (u.displayName() != null && !u.displayName().isBlank()) {
                names.put(u.username(), u.displayName());
            }
        }
        return username -> names.getOrDefault(username, username);
    }
}
