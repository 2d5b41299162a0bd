package dev.tandem.server.incident;

import dev.tandem.server.Ids;
import dev.tandem.server.access.Memberships;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.IncidentOpened;
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
import tools.jackson.databind.json.JsonMapper;

/** Incidents: each opened in the same transaction as its {@code incident.opened} ledger entry. */
@Service
public class Incidents {
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;
    private final JsonMapper json;

    Incidents(JdbcTemplate jdbc, Ledger ledger, Clock clock, JsonMapper json) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
    }

    public Incident open(String title, Severity severity, @Nullable Instant awareAt, ZoneId zone, String actor) {
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
            return new Incident(id, title, severity, awareAt, zone, now, actor, index);
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
                rs.getLong("ledger_index"));
    }
}
