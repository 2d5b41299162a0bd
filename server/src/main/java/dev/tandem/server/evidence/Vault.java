package dev.tandem.server.evidence;

import dev.tandem.evidence.BlobStore;
import dev.tandem.evidence.ContentAddress;
import dev.tandem.evidence.DamagedBlobException;
import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.evidence.StoredBlob;
import dev.tandem.evidence.VerifyingInputStream;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Appender;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.EvidenceAdded;
import dev.tandem.server.ledger.fact.EvidenceDamaged;
import dev.tandem.server.ledger.fact.EvidenceRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private static final Logger log = LoggerFactory.getLogger(Vault.class);
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
            @Nullable Instant collectedAt,
            @Nullable String privilegeBasis) {

        /** The same metadata with {@code basis} as its privilege basis. */
        public Metadata withPrivilegeBasis(@Nullable String basis) {
            return new Metadata(incidentId, repository, kind, name, source, description, collectedAt, basis);
        }
    }

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
                            meta.collectedAt(),
                            meta.privilegeBasis()),
                    actor);
            jdbc.update(
                    "INSERT INTO evidence (id, incident_id, repository, kind, name, source, description, sha256,"
                            + " size_bytes, collected_at, received_at, uploaded_by, ledger_index, privilege_basis)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
                    index,
                    meta.privilegeBasis());
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
                            index,
                            null,
                            meta.privilegeBasis()));
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
     * An item pulled back to FORENSIC after the caller was let in is refused (409 {@code
     * evidence-moved}), nothing recorded.
     * The bytes are checked against the recorded SHA-256 and size as they stream ({@link #open}).
     */
    public InputStream read(EvidenceItem item, String actor) throws IOException {
        InputStream in = open(item, actor);
        try {
            ledger.record(ap -> {
                // the repository the caller was let in by is still the item's: an item counsel pulled
                // back meanwhile is not read as AUDIT evidence, nor recorded as such
                List<String> now =
                        jdbc.queryForList("SELECT repository FROM evidence WHERE id = ?", String.class, item.id());
                if (!now.equals(List.of(item.repository().name()))) {
                    throw DomainException.conflict(
                            "evidence-moved",
                            "Evidence moved",
                            "evidence " + item.id() + " was pulled back to FORENSIC while it was being read; nothing"
                                    + " was read or recorded: ask again");
                }
                return ap.record(
                        new EvidenceRead(item.incidentId(), item.id(), item.sha256(), item.repository()), actor);
            });
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
        return open(item, SYSTEM);
    }

    /** Who a job's read of damaged bytes is recorded for ({@code evidence.damaged}). */
    private static final String SYSTEM = "system";

    /**
     * Refuses an item whose file is missing from the blob store (409 {@code evidence-missing}, logged
     * once): for work that must not start on it, such as an export.
     */
    public void requirePresent(EvidenceItem item) {
        ContentAddress address = new ContentAddress(item.sha256());
        if (!blobs.contains(address)) {
            throw missing(item, address);
        }
    }

    /**
     * The item's bytes, verified as they stream against the recorded SHA-256 and size
     * ({@link VerifyingInputStream}): damaged bytes end in {@link DamagedBlobException} before the
     * last of them are handed out, with one ERROR line naming the item, its file and both hashes. A
     * missing file is 409 {@code evidence-missing} (docs/contracts.md §2), logged once.
     */
    private InputStream open(EvidenceItem item, String reader) throws IOException {
        ContentAddress address = new ContentAddress(item.sha256());
        InputStream raw;
        try {
            raw = blobs.open(address);
        } catch (NoSuchFileException e) {
            throw missing(item, address);
        }
        return new Verified(
                new VerifyingInputStream(raw, item.sha256(), item.size()), item, blobs.locate(address), reader);
    }

    private DomainException missing(EvidenceItem item, ContentAddress address) {
        log.error(
                "evidence {} ({}) of incident {}: its file {} is missing from the vault (restore it from a backup)",
                item.id(),
                item.name(),
                item.incidentId(),
                blobs.locate(address));
        return new DomainException(
                DomainException.Kind.CONFLICT,
                "evidence-missing",
                "Evidence " + item.id() + " is missing from the vault",
                "the stored file of evidence " + item.id() + " (" + item.name() + ", sha256 " + item.sha256()
                        + ") is missing from the vault; restore it from a backup (docs/operations.md)");
    }

    /**
     * Reports the first {@link DamagedBlobException} of a stream once: one ERROR line, and an
     * {@code evidence.damaged} entry for the reader (docs/ledger.md).
     */
    private final class Verified extends FilterInputStream implements dev.tandem.evidence.Sha256Checked {
        private final EvidenceItem item;
        private final String file;
        private final String reader;
        private boolean reported;

        Verified(InputStream in, EvidenceItem item, String file, String reader) {
            super(in);
            this.item = item;
            this.file = file;
            this.reader = reader;
        }

        @Override
        public String checkedSha256() {
            return ((dev.tandem.evidence.Sha256Checked) in).checkedSha256();
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (DamagedBlobException e) {
                throw report(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (DamagedBlobException e) {
                throw report(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            try {
                return super.skip(n);
            } catch (DamagedBlobException e) {
                throw report(e);
            }
        }

        private DamagedBlobException report(DamagedBlobException e) {
            if (!reported) {
                reported = true;
                log.error(
                        "evidence {} ({}) of incident {}: its file {} is damaged: expected sha256 {} and {} bytes,"
                                + " read sha256 {} and {} bytes; nothing more of it is sent",
                        item.id(),
                        item.name(),
                        item.incidentId(),
                        file,
                        e.expectedSha256(),
                        e.expectedSize(),
                        e.actualSha256(),
                        e.actualSize() > e.expectedSize() ? "more than " + e.expectedSize() : e.actualSize());
                try {
                    ledger.record(ap -> ap.record(
                            new EvidenceDamaged(
                                    item.incidentId(),
                                    item.id(),
                                    item.sha256(),
                                    e.actualSha256(),
                                    e.getMessage(),
                                    item.repository()),
                            reader));
                } catch (RuntimeException unrecorded) {
                    log.warn(
                            "evidence {}: the damage could not be recorded in the ledger: {}",
                            item.id(),
                            unrecorded.toString());
                }
            }
            return e;
        }
    }

    /**
     * One stored blob that failed {@link #check}: its address ({@code sha256}, the SHA-256 its
     * bytes should have), what owns it ({@code owners} as {@code "<kind> <id>"}, {@code items} with
     * each evidence item's incident), the SHA-256 its bytes have ({@code actual}: null when the file
     * is missing, {@code unknown} when its size already differed from the record) and what is wrong.
     */
    public record Problem(
            String sha256,
            String status,
            List<String> owners,
            List<Owner> items,
            @Nullable String actual,
            String detail) {}

    /** What owns a blob: an evidence item (with its incident) or a scan's stored PII findings. */
    public record Owner(String kind, String id, @Nullable String incident) {}

    /** What {@link #check} found: how many blobs and bytes it read, and each that is damaged or missing. */
    public record CheckResult(int checked, int intact, long bytes, List<Problem> problems) {}

    /**
     * How far {@link #check} is: blobs and bytes read of those to read ({@code totalBytes} is the
     * sum of the stored files' sizes when the check started), and the problems found so far.
     */
    public record CheckProgress(
            int checked, int total, long bytes, long totalBytes, int damaged, int missing, List<Problem> problems) {}

    /** Told after each blob {@link #check} reads; may throw to stop the check (a cancelled job). */
    public interface CheckListener {
        void progress(CheckProgress progress);
    }

    /** {@link #check(CheckListener)} with no one listening. */
    public CheckResult check() throws IOException {
        return check(p -> {});
    }

    /**
     * Reads every blob a record owns ({@code blob_owner}: evidence content, stored PII findings) and
     * checks it against its address, and an evidence item's also against its recorded size; each
     * damaged or missing blob gets one ERROR line. Records nothing in the ledger (a read of an item
     * does, {@link #open}). For an operator after a restore (docs/operations.md).
     */
    public CheckResult check(CheckListener listener) throws IOException {
        java.util.Map<String, List<String>> owners = new java.util.TreeMap<>();
        java.util.Map<String, List<Owner>> items = new java.util.HashMap<>();
        jdbc.query(
                "SELECT o.sha256, o.owner_kind, o.owner_id, e.incident_id FROM blob_owner o"
                        + " LEFT JOIN evidence e ON o.owner_kind = 'EVIDENCE' AND e.id = o.owner_id"
                        + " ORDER BY o.sha256, o.owner_kind, o.owner_id",
                (ResultSet rs) -> {
                    String kind = rs.getString("owner_kind").toLowerCase(java.util.Locale.ROOT);
                    String sha = rs.getString("sha256");
                    owners.computeIfAbsent(sha, k -> new java.util.ArrayList<>())
                            .add(kind + " " + rs.getString("owner_id"));
                    items.computeIfAbsent(sha, k -> new java.util.ArrayList<>())
                            .add(new Owner(kind, rs.getString("owner_id"), rs.getString("incident_id")));
                });
        java.util.Map<String, Long> sizes = new java.util.HashMap<>();
        jdbc.query("SELECT sha256, size_bytes FROM evidence", (ResultSet rs) -> {
            sizes.put(rs.getString("sha256"), rs.getLong("size_bytes"));
        });
        long totalBytes = 0;
        for (String sha : owners.keySet()) {
            totalBytes += Math.max(0, blobs.size(new ContentAddress(sha)));
        }
        List<Problem> problems = new java.util.ArrayList<>();
        int checked = 0;
        int damaged = 0;
        long bytes = 0;
        for (var e : owners.entrySet()) {
            String sha = e.getKey();
            ContentAddress address = new ContentAddress(sha);
            String file = blobs.locate(address);
            String detail = null;
            String actual = null;
            java.security.MessageDigest md = sha256();
            CountingDigest counted = null;
            try (InputStream in = blobs.open(address)) {
                counted = new CountingDigest(in, md);
                Long size = sizes.get(sha);
                if (size != null) {
                    new VerifyingInputStream(counted, sha, size).transferTo(java.io.OutputStream.nullOutputStream());
                } else {
                    counted.transferTo(java.io.OutputStream.nullOutputStream());
                    actual = java.util.HexFormat.of().formatHex(md.digest());
                    if (!actual.equals(sha)) {
                        detail = "expected sha256 " + sha + ", actual " + actual;
                    }
                }
            } catch (NoSuchFileException ex) {
                log.error("vault check: blob {} of {} is missing: {}", sha, e.getValue(), file);
                problems.add(new Problem(sha, "missing", e.getValue(), items.get(sha), null, "no file " + file));
            } catch (DamagedBlobException ex) {
                detail = ex.getMessage();
                actual = ex.actualSha256() == null ? "unknown" : ex.actualSha256();
            }
            checked++;
            bytes += counted == null ? 0 : counted.count;
            if (detail != null) {
                damaged++;
                log.error("vault check: blob {} of {} is damaged: {}: {}", sha, e.getValue(), file, detail);
                problems.add(new Problem(sha, "damaged", e.getValue(), items.get(sha), actual, file + ": " + detail));
            }
            listener.progress(new CheckProgress(
                    checked,
                    owners.size(),
                    bytes,
                    Math.max(bytes, totalBytes),
                    damaged,
                    problems.size() - damaged,
                    List.copyOf(problems)));
        }
        return new CheckResult(owners.size(), owners.size() - problems.size(), bytes, List.copyOf(problems));
    }

    /** Counts the bytes read through it (the digest is the caller's, for blobs of no recorded size). */
    private static final class CountingDigest extends java.security.DigestInputStream {
        long count;

        CountingDigest(InputStream in, java.security.MessageDigest md) {
            super(in, md);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) count += n;
            return n;
        }
    }

    private static java.security.MessageDigest sha256() {
        try {
            return java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
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
                rs.getLong("ledger_index"),
                rs.getObject("pulled_back_index") == null ? null : rs.getLong("pulled_back_index"),
                rs.getString("privilege_basis"));
    }
}
