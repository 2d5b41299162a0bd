package dev.tandem.server.evidence;

import dev.tandem.evidence.ContentAddress;
import dev.tandem.server.ledger.Appender;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who owns each stored blob ({@code blob_owner}): the one table the sweep of unreferenced blobs
 * reads. Whatever the server keeps as a blob registers its owner in the same ledger unit as the
 * record that names the blob, so a blob is either owned or a leftover of an interrupted write.
 */
@Component
public class BlobOwners {
    /** What kind of record names a blob. */
    public enum Kind {
        EVIDENCE,
        PII_FINDINGS
    }

    private final JdbcTemplate jdbc;

    BlobOwners(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inside a ledger unit: records that {@code ownerId} of {@code kind} names the blob {@code sha256}. */
    public static void own(Appender ap, String sha256, Kind kind, String ownerId, Instant at) {
        ap.write(
                "INSERT INTO blob_owner (sha256, owner_kind, owner_id, created_at) VALUES (?, ?, ?, ?)",
                sha256,
                kind.name(),
                ownerId,
                Timestamp.from(at));
    }

    boolean owned(ContentAddress address) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM blob_owner WHERE sha256 = ?", Integer.class, address.sha256());
        return n != null && n > 0;
    }
}
