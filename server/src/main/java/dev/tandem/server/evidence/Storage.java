package dev.tandem.server.evidence;

import dev.tandem.server.ByteSize;
import dev.tandem.server.DomainException;
import dev.tandem.server.TandemProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Decides, before a byte of an upload is read, how many bytes it may have: the configured maximum,
 * the room left in the incident's and the installation's quota, and the free space of the blob
 * store above a reserve kept for the database, logs and the server's other writes. An upload that
 * cannot fit is refused with 507 and nothing is written; reads go on being served. The refusal
 * says which limit is reached, with its configured size and the upload's, never how much is stored
 * or free: that counts other incidents' uploads and privileged items the caller may not see.
 */
@Service
public class Storage {
    private static final Logger log = LoggerFactory.getLogger(Storage.class);
    private final JdbcTemplate jdbc;
    private final Path blobs;
    private final long maxBytes;
    private final long minFreeBytes;
    private final long incidentQuota;
    private final long totalQuota;

    Storage(
            JdbcTemplate jdbc,
            TandemProperties props,
            @Value("${tandem.evidence.min-free-bytes:67108864}") ByteSize minFreeBytes,
            @Value("${tandem.evidence.incident-quota-bytes:0}") ByteSize incidentQuota,
            @Value("${tandem.evidence.total-quota-bytes:0}") ByteSize totalQuota) {
        this.jdbc = jdbc;
        this.blobs = props.dataDir().resolve("blobs");
        this.maxBytes = props.evidence().maxBytes().bytes();
        this.minFreeBytes = minFreeBytes.bytes();
        this.incidentQuota = incidentQuota.bytes();
        this.totalQuota = totalQuota.bytes();
    }

    /**
     * What an upload may hold, and whether a larger one is refused for its size (413) or for room
     * (507).
     *
     * @param limit what bounds the room, as the caller is told it (never how much is used or free)
     */
    public record Allowance(long bytes, boolean limitedByRoom, String limit) {}

    /**
     * One bound on the room an upload has.
     *
     * @param left the bytes left under it now (what others stored counts against it: never shown)
     * @param named the bound as the caller is told it: which limit, with its configured size only
     */
    record Limit(long left, String named) {}

    /**
     * The most bytes an upload to {@code incident} may have now.
     *
     * @param declared the declared length, or -1 when the client streams without one
     * @throws DomainException 507 when not even the declared length (or one byte) fits
     */
    public Allowance allowance(String incident, long declared) throws IOException {
        List<Limit> limits = new ArrayList<>();
        limits.add(new Limit(Files.getFileStore(blobs).getUsableSpace() - minFreeBytes, freeSpace()));
        if (incidentQuota > 0) {
            limits.add(new Limit(
                    incidentQuota - used("SELECT SUM(size_bytes) FROM evidence WHERE incident_id = ?", incident),
                    "the incident's quota of " + bytes(incidentQuota) + " (tandem.evidence.incident-quota-bytes)"));
        }
        if (totalQuota > 0) {
            limits.add(new Limit(
                    totalQuota - used("SELECT SUM(size_bytes) FROM evidence", null),
                    "the installation's quota of " + bytes(totalQuota) + " (tandem.evidence.total-quota-bytes)"));
        }
        try {
            return allowance(limits, maxBytes, declared);
        } catch (DomainException e) {
            // the operator's view: the room that was left, which the caller is not told
            log.warn("upload to incident {} refused: {} ({} left)", incident, e.getMessage(), limits);
            throw e;
        }
    }

    /**
     * The decision on its own: the tightest of {@code limits} (the first of equals) against the
     * declared length. The refusal names that limit, its configured size and the upload's, never
     * the bytes left under it: they count what other uploads stored, privileged items and other
     * incidents' included.
     */
    static Allowance allowance(List<Limit> limits, long maxBytes, long declared) {
        Limit tightest = limits.getFirst();
        for (Limit l : limits) {
            if (l.left() < tightest.left()) {
                tightest = l;
            }
        }
        if (tightest.left() < Math.max(1, declared)) {
            throw new DomainException(
                    DomainException.Kind.INSUFFICIENT_STORAGE,
                    "insufficient-storage",
                    "Insufficient storage",
                    (declared >= 0 ? "an upload of " + bytes(declared) : "an upload") + " does not fit in "
                            + tightest.named() + "; nothing was written");
        }
        return tightest.left() < maxBytes
                ? new Allowance(tightest.left(), true, tightest.named())
                : new Allowance(maxBytes, false, tightest.named());
    }

    /**
     * The refusal of an upload that outgrew the room left in {@code limit} while streaming ({@link
     * Allowance#limit()}, or {@link #freeSpace()} when the disk filled).
     */
    public DomainException full(String limit) {
        return new DomainException(
                DomainException.Kind.INSUFFICIENT_STORAGE,
                "insufficient-storage",
                "Insufficient storage",
                "the upload outgrew the room left in " + limit + "; nothing was written");
    }

    /** The free-space limit as the caller is told it. */
    public String freeSpace() {
        return "the blob store's free space above its reserve of " + bytes(minFreeBytes)
                + " (tandem.evidence.min-free-bytes)";
    }

    /** Whether the blob store is down to its reserve: a failed write then is a full disk, not a client. */
    public boolean nearlyFull() {
        try {
            return Files.getFileStore(blobs).getUsableSpace() <= minFreeBytes;
        } catch (IOException e) {
            return false;
        }
    }

    private long used(String sql, String incident) {
        Long n = incident == null
                ? jdbc.queryForObject(sql, Long.class)
                : jdbc.queryForObject(sql, Long.class, incident);
        return n == null ? 0 : n;
    }

    private static String bytes(long n) {
        return String.format(java.util.Locale.ROOT, "%,d bytes", n);
    }
}
