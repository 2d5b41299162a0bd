package dev.tandem.server.portal;

import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.server.DomainException;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.CheckpointVerified;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The checkpoint each auditor last verified offline, per incident (docs/contracts.md §5.1, ADR
 * 088): recorded from the signed note they paste once {@link CheckpointCheck} accepts it, with a
 * {@code checkpoint.verified} entry; shown with whether the log now is still consistent with it.
 */
@Service
public class VerifiedCheckpoints {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VerifiedCheckpoints.class);

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;

    VerifiedCheckpoints(JdbcTemplate jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * A recorded checkpoint and, checked as it is read, whether the log now extends it.
     *
     * @param inconsistency null when the log is consistent with it, else why not
     */
    public record Recorded(
            long size,
            String root,
            String note,
            Instant verifiedAt,
            long ledgerIndex,
            long logSize,
            @Nullable String inconsistency) {
        public boolean consistent() {
            return inconsistency == null;
        }

        /** The root's first characters, for a page. */
        public String shortRoot() {
            return root.substring(0, 12) + "…";
        }
    }

    /** Checks {@code note} and records it as {@code username}'s last verified checkpoint of the incident. */
    public Recorded record(String incident, String username, String note) {
        CheckpointCheck.Verified v;
        try {
            v = CheckpointCheck.check(note, log());
        } catch (DomainException e) {
            if (CheckpointCheck.INCONSISTENT.equals(e.title())) {
                // the most serious thing an auditor can tell the server: its signed history changed
                LOG.warn(
                        "{} pasted a checkpoint this server signed that its log does not extend (incident {}): {}",
                        username,
                        incident,
                        e.getMessage());
            }
            throw e;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String root = Base64.getEncoder().encodeToString(v.checkpoint().rootHash());
        ledger.record(ap -> {
            long index =
                    ap.record(new CheckpointVerified(incident, v.checkpoint().size(), root), username);
            jdbc.update("DELETE FROM verified_checkpoint WHERE incident_id = ? AND username = ?", incident, username);
            jdbc.update(
                    "INSERT INTO verified_checkpoint (incident_id, username, tree_size, root_hash, note, verified_at,"
                            + " ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    incident,
                    username,
                    v.checkpoint().size(),
                    root,
                    v.note(),
                    Timestamp.from(now),
                    index);
            return index;
        });
        return find(incident, username).orElseThrow();
    }

    /** {@code username}'s last verified checkpoint of the incident, checked against the log now. */
    public Optional<Recorded> find(String incident, String username) {
        List<Row> rows = jdbc.query(
                "SELECT tree_size, root_hash, note, verified_at, ledger_index FROM verified_checkpoint"
                        + " WHERE incident_id = ? AND username = ?",
                (rs, n) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getLong(5)),
                incident,
                username);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row r = rows.getFirst();
        CheckpointCheck.Log log = log();
        ProofCheck check =
                CheckpointCheck.consistent(r.size(), Base64.getDecoder().decode(r.root()), log);
        return Optional.of(new Recorded(
                r.size(),
                r.root(),
                r.note(),
                r.at(),
                r.index(),
                log.size(),
                check instanceof ProofCheck.Tampered(String reason) ? reason : null));
    }

    private record Row(long size, String root, String note, Instant at, long index) {}

    /** The log at its head as read now: its size and root fixed for one check. */
    private CheckpointCheck.Log log() {
        Ledger.Head head = ledger.head();
        NoteVerifier verifier = NoteVerifier.parse(ledger.verifierKey());
        return new CheckpointCheck.Log() {
            @Override
            public String origin() {
                return ledger.origin();
            }

            @Override
            public NoteVerifier verifier() {
                return verifier;
            }

            @Override
            public long size() {
                return head.size();
            }

            @Override
            public byte[] root() {
                return head.rootHash();
            }

            @Override
            public List<byte[]> consistencyProof(long from, long to) {
                return ledger.consistencyProof(from, to);
            }
        };
    }
}
