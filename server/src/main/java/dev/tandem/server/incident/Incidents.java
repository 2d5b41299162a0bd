package dev.tandem.server.incident;

import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.IncidentClosed;
import dev.tandem.server.ledger.fact.IncidentContained;
import dev.tandem.server.ledger.fact.IncidentOccurredAtSet;
import dev.tandem.server.ledger.fact.IncidentOpened;
import dev.tandem.server.ledger.fact.IncidentPhaseChanged;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/** Incidents: each opened in the same transaction as its {@code incident.opened} ledger entry. */
@Service
public class Incidents {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;

    Incidents(JdbcTemplate jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    public Incident open(String title, Severity severity, @Nullable Instant awareAt, ZoneId zone, String actor) {
        checkTitle(title);
        checkAwareAt(awareAt, clock.instant());
        checkZone(zone);
        String id = Ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            long index = ap.record(new IncidentOpened(id, title, severity.name(), zone.getId(), awareAt), actor);
            ap.write(
                    "INSERT INTO incident (id, title, severity, aware_at, time_zone, created_at, created_by, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    title,
                    severity.name(),
                    awareAt == null ? null : Timestamp.from(awareAt),
                    zone.getId(),
                    Timestamp.from(now),
                    actor,
                    index);
            // the creator of an incident is its incident commander (written after the incident row)
            Memberships.addCommander(ap, id, actor, now);
            return new Incident(
                    id,
                    title,
                    severity,
                    awareAt,
                    zone,
                    now,
                    actor,
                    index,
                    IncidentLifecycle.Phase.DETECT,
                    null,
                    null,
                    null,
                    null);
        });
    }

    public Optional<Incident> find(String id) {
        return jdbc.query("SELECT * FROM incident WHERE id = ?", Incidents::map, id).stream()
                .findFirst();
    }

    public List<Incident> all() {
        return jdbc.query("SELECT * FROM incident ORDER BY created_at", Incidents::map);
    }

    private static Incident map(ResultSet rs, int n) throws SQLException {
        Timestamp aware = rs.getTimestamp("aware_at");
        return new Incident(
                rs.getString("id"),
                rs.getString("title"),
                Severity.valueOf(rs.getString("severity")),
                aware == null ? null : aware.toInstant(),
                ZoneId.of(rs.getString("time_zone")),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"),
                rs.getLong("ledger_index"),
                IncidentLifecycle.Phase.valueOf(rs.getString("phase")),
                instant(rs, "occurred_at"),
                rs.getString("occurred_precision") == null
                        ? null
                        : Precision.valueOf(rs.getString("occurred_precision")),
                instant(rs, "contained_at"),
                instant(rs, "closed_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Moves the incident to another phase ({@code incident.phase-changed}).
     *
     * @throws DomainException 404 unknown incident, 409 a change {@link IncidentLifecycle} refuses
     */
    public Incident changePhase(String id, IncidentLifecycle.Phase target, String actor) {
        return ledger.record(ap -> {
            Incident i = existing(id);
            refuseUnless(IncidentLifecycle.phase(i.state(), target));
            ap.record(new IncidentPhaseChanged(id, target.name(), i.phase().name()), actor);
            jdbc.update("UPDATE incident SET phase = ? WHERE id = ?", target.name(), id);
            return existing(id);
        });
    }

    /**
     * Awareness is a moment that has happened: every deadline runs from it, so a typed year (2027
     * for 2026) would push them all out. A few minutes ahead are allowed for clocks that differ.
     */
    static void checkAwareAt(@Nullable Instant awareAt, Instant now) {
        if (awareAt != null) {
            EntryDraft.past(
                    awareAt, "awareAt", "bad-aware-at", now, EntryDraft.SKEW, ": give when the company became aware");
        }
    }

    /**
     * The earliest instant a time known to {@code precision} may stand for: the start of its day,
     * hour or minute in the incident's zone (a DAY-precision occurrence is any time that day).
     */
    static Instant earliest(Instant at, @Nullable Precision precision, ZoneId zone) {
        if (precision == null) {
            return at;
        }
        return switch (precision) {
            case EXACT -> at;
            case MINUTE -> at.atZone(zone).truncatedTo(ChronoUnit.MINUTES).toInstant();
            case HOUR -> at.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
            case DAY -> at.atZone(zone).truncatedTo(ChronoUnit.DAYS).toInstant();
        };
    }

    /**
     * A title is printed in every page, report and bag: no line breaks or other control characters,
     * no bidirectional overrides that would show the reader another title than the one stored (as
     * evidence names, {@link dev.tandem.server.evidence.Intake#name}).
     */
    static void checkTitle(String title) {
        String control = dev.tandem.server.evidence.Intake.control(title);
        if (control != null) {
            throw DomainException.unprocessable(
                    "bad-title", "title: must not contain line breaks or other control characters: " + control);
        }
    }

    /**
     * An incident's zone is a region's ({@code Europe/Berlin}), whose rules follow daylight saving
     * time, or UTC: a fixed offset such as {@code +02:00} would show local due times an hour off on
     * the other side of a change.
     */
    static void checkZone(ZoneId zone) {
        var rules = zone.getRules();
        if (rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).getTotalSeconds() != 0) {
            throw DomainException.unprocessable(
                    "bad-time-zone",
                    "timeZone: " + zone.getId() + " is a fixed offset, which does not follow daylight saving time;"
                            + " give a region's zone such as Europe/Berlin, or UTC");
        }
    }

    /** Declares the incident contained as of {@code at} ({@code incident.contained}); answers its index. */
    public long contain(String id, Instant at, String text, String actor) {
        return contain(id, at, text, actor, "at");
    }

    /**
     * As {@link #contain(String, Instant, String, String)}; {@code field} names the time in errors
     * (the API's {@code at}, a form's {@code containedAt}). Not in the future, nor before the
     * incident occurred.
     */
    public long contain(String id, Instant at, String text, String actor, String field) {
        EntryDraft.past(at, field, "bad-at", clock.instant(), java.time.Duration.ZERO, "");
        return ledger.record(ap -> {
            Incident i = existing(id);
            refuseUnless(IncidentLifecycle.change(i.state(), "its containment"));
            if (i.occurredAt() != null && at.isBefore(earliest(i.occurredAt(), i.occurredPrecision(), i.timeZone()))) {
                throw DomainException.unprocessable(
                        "bad-at",
                        field + ": " + at + " is before the incident occurred (" + i.occurredAt()
                                + "): an incident is contained after it occurred");
            }
            long index = ap.record(new IncidentContained(id, at, text), actor);
            jdbc.update("UPDATE incident SET contained_at = ? WHERE id = ?", Timestamp.from(at), id);
            return index;
        });
    }

    /**
     * Sets when the incident occurred ({@code incident.occurred-at-set}): not after the company
     * became aware of it, nor after now.
     */
    public Incident setOccurredAt(String id, Instant occurredAt, Precision precision, String actor) {
        EntryDraft.past(occurredAt, "occurredAt", "bad-occurred-at", clock.instant(), java.time.Duration.ZERO, "");
        return ledger.record(ap -> {
            Incident i = existing(id);
            refuseUnless(IncidentLifecycle.change(i.state(), "when it occurred"));
            if (i.awareAt() != null && occurredAt.isAfter(i.awareAt())) {
                throw DomainException.unprocessable(
                        "bad-occurred-at",
                        "occurredAt: " + occurredAt + " is after the incident's awareAt " + i.awareAt());
            }
            if (i.containedAt() != null
                    && earliest(occurredAt, precision, i.timeZone()).isAfter(i.containedAt())) {
                throw DomainException.unprocessable(
                        "bad-occurred-at",
                        "occurredAt: " + occurredAt + " is after the incident was contained (" + i.containedAt() + ")");
            }
            ap.record(new IncidentOccurredAtSet(id, occurredAt, precision.name(), i.occurredAt()), actor);
            jdbc.update(
                    "UPDATE incident SET occurred_at = ?, occurred_precision = ? WHERE id = ?",
                    Timestamp.from(occurredAt),
                    precision.name(),
                    id);
            return existing(id);
        });
    }

    /** Closes the incident ({@code incident.closed}); answers the entry's index. */
    public long close(String id, String text, String actor) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            Incident i = existing(id);
            refuseUnless(IncidentLifecycle.close(i.state()));
            long index = ap.record(new IncidentClosed(id, text), actor);
            jdbc.update("UPDATE incident SET closed_at = ? WHERE id = ?", Timestamp.from(now), id);
            return index;
        });
    }

    private Incident existing(String id) {
        return find(id).orElseThrow(() -> DomainException.notFound("incident", id));
    }

    private static void refuseUnless(IncidentLifecycle.Check check) {
        if (check instanceof IncidentLifecycle.Refused r) {
            throw new DomainException(
                    DomainException.Kind.CONFLICT, "invalid-lifecycle-change", "Invalid lifecycle change", r.reason());
        }
    }
}
