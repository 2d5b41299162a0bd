package dev.tandem.server.evidence;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.ContentAddress;
import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.evidence.StoredBlob;
import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidenceAdded;
import dev.tandem.server.ledger.fact.EvidenceRead;
import java.io.IOException;
import java.io.InputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The evidence vault. Ingest is one streaming pass into the blob store (hash, fsync, atomic rename),
 * then one transaction for the row and its ledger entry; only then is the upload acknowledged. A
 * crash in between leaves a blob without an owner ({@link BlobOwners}), which the sweep removes.
 */
@Service
public class Vault {
    private final BlobStore blobs;
    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;
    private final JsonMapper json;

    Vault(BlobStore blobs, JdbcTemplate jdbc, Ledger ledger, Clock clock, JsonMapper json) {
        this.blobs = blobs;
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
    }

    public record Metadata(
            String incidentId,
            Repository repository,
            EvidenceKind kind,
            String name,
            @Nullable String source,
            @Nullable String description,
            @Nullable Instant collectedAt) {}

    /** Stores {@code content} and records it; the caller has checked that the incident exists. */
    public EvidenceItem add(Metadata meta, InputStream content, long maxBytes, String actor) throws IOException {
        return add(meta, content, maxBytes, actor, (ap, item) -> item);
    }

    /** What else is recorded in the same ledger unit as an evidence item: rows that rest on it. */
    @FunctionalInterface
    public interface Then<T> {
        T run(Appender appender, EvidenceItem item) throws Exception;
    }

    /**
     * Stores {@code content}, records it, and runs {@code then} in the same ledger unit: the item
     * and what rests on it are written together or not at all.
     */
    public <T> T add(Metadata meta, InputStream content, long maxBytes, String actor, Then<T> then) throws IOException {
        StoredBlob blob = blobs.put(content, maxBytes);
        String id = Ids.next();
        Instant received = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return ledger.record(ap -> {
            long index = ap.record(
                    new EvidenceAdded(
                            id,
                            meta.incidentId(),
                            meta.repository(),
                            meta.kind(),
                            meta.name(),
                            blob.address().sha256(),
                            blob.size(),
                            received,
                            meta.source(),
                            meta.description(),
                            meta.collectedAt()),
                    actor);
            jdbc.update(
                    "INSERT INTO evidence (id, incident_id, repository, kind, name, source, description, sha256,"
                            + " size_bytes, collected_at, received_at, uploaded_by, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id,
                    meta.incidentId(),
                    meta.repository().name(),
                    meta.kind().name(),
                    meta.name(),
                    meta.source(),
                    meta.description(),
                    blob.address().sha256(),
                    blob.size(),
                    meta.collectedAt() == null ? null : Timestamp.from(meta.collectedAt()),
                    Timestamp.from(received),
                    actor,
                    index);
            BlobOwners.own(ap, blob.address().sha256(), BlobOwners.Kind.EVIDENCE, id, received);
            return then.run(
                    ap,
                    new EvidenceItem(
                            id,
                            meta.incidentId(),
                            meta.repository(),
                            meta.kind(),
                            meta.name(),
                            meta.source(),
                            meta.description(),
                            blob.address().sha256(),
                            blob.size(),
                            meta.collectedAt(),
                            received,
                            actor,
                            index));
        });
    }

    public Optional<EvidenceItem> find(String id) {
        return jdbc.query("SELECT * FROM evidence WHERE id = ?", Vault::map, id).stream()
                .findFirst();
    }

    public List<EvidenceItem> ofIncident(String incidentId) {
        return jdbc.query(
                "SELECT * FROM evidence WHERE incident_id = ? ORDER BY received_at, id", Vault::map, incidentId);
    }

    /**
     * Opens the bytes, records the read in the ledger, then hands the bytes out: no read goes
     * unrecorded, and bytes that cannot be opened (a blob missing from the store) record no read.
     */
    public InputStream read(EvidenceItem item, String actor) throws IOException {
        InputStream in = blobs.open(new ContentAddress(item.sha256()));
        try {
            ledger.record(ap ->
                    ap.record(new EvidenceRead(item.incidentId(), item.id(), item.sha256(), item.repository()), actor));
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        return in;
    }

    /** Opens the bytes for the server's own jobs (scans, analyses); those record their own entries. */
    public InputStream openForJob(EvidenceItem item) throws IOException {
        return blobs.open(new ContentAddress(item.sha256()));
    }

    private static EvidenceItem map(ResultSet rs, int n) throws SQLException {
        Timestamp collected = rs.getTimestamp("collected_at");
        return new EvidenceItem(
                rs.getString("id"),
                rs.getString("incident_id"),
                Repository.valueOf(rs.getString("repository")),
                EvidenceKind.valueOf(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("source"),
                rs.getString("description"),
                rs.getString("sha256"),
                rs.getLong("size_bytes"),
                collected == null ? null : collected.toInstant(),
                rs.getTimestamp("received_at").toInstant(),
                rs.getString("uploaded_by"),
                rs.getLong("ledger_index"));
    }
}
