package dev.tandem.server.evidence;

import dev.tandem.server.DomainException;
import dev.tandem.server.TandemProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Decides, before a byte of an upload is read, how many bytes it may have: the configured maximum,
 * the room left in the incident's and the installation's quota, and the free space of the blob
 * store above a reserve kept for the database, logs and the server's other writes. An upload that
 * cannot fit is refused with 507 and nothing is written; reads go on being served.
 */
@Service
public class Storage {
    private final JdbcTemplate jdbc;
    private final Path blobs;
    private final long maxBytes;
    private final long minFreeBytes;
    private final long incidentQuota;
    private final long totalQuota;

    Storage(
            JdbcTemplate jdbc,
            TandemProperties props,
            @Value("${tandem.evidence.min-free-bytes:67108864}") long minFreeBytes,
            @Value("${tandem.evidence.incident-quota-bytes:0}") long incidentQuota,
            @Value("${tandem.evidence.total-quota-bytes:0}") long totalQuota) {
        this.jdbc = jdbc;
        this.blobs = props.dataDir().resolve("blobs");
        this.maxBytes = props.evidence().maxBytes();
        this.minFreeBytes = Math.max(0, minFreeBytes);
        this.incidentQuota = incidentQuota;
        this.totalQuota = totalQuota;
    }

    /** What an upload may hold, and whether a larger one is refused for its size (413) or for room (507). */
    public record Allowance(long bytes, boolean limitedByRoom) {}

    /**
     * The most bytes an upload to {@code incident} may have now.
     *
     * @param declared the declared length, or -1 when the client streams without one
     * @throws DomainException 507 when not even the declared length (or one byte) fits
     */
    public Allowance allowance(String incident, long declared) throws IOException {
        long room = Files.getFileStore(blobs).getUsableSpace() - minFreeBytes;
        String why = "the blob store has " + bytes(room + minFreeBytes) + " free and keeps " + bytes(minFreeBytes)
                + " in reserve (tandem.evidence.min-free-bytes)";
        if (incidentQuota > 0) {
            long left = incidentQuota - used("SELECT SUM(size_bytes) FROM evidence WHERE incident_id = ?", incident);
            if (left < room) {
                room = left;
                why = "incident " + incident + " holds " + bytes(incidentQuota - left) + " of its quota of "
                        + bytes(incidentQuota) + " (tandem.evidence.incident-quota-bytes)";
            }
        }
        if (totalQuota > 0) {
            long left = totalQuota - used("SELECT SUM(size_bytes) FROM evidence", null);
            if (left < room) {
                room = left;
                why = "the installation holds " + bytes(totalQuota - left) + " of its quota of " + bytes(totalQuota)
                        + " (tandem.evidence.total-quota-bytes)";
            }
        }
        if (room < Math.max(1, declared)) {
            throw new DomainException(
                    DomainException.Kind.INSUFFICIENT_STORAGE,
                    "insufficient-storage",
                    "Insufficient storage",
                    (declared >= 0 ? "an upload of " + bytes(declared) : "an upload") + " does not fit: " + why
                            + "; nothing was written");
        }
        return room < maxBytes ? new Allowance(room, true) : new Allowance(maxBytes, false);
    }

    /** The refusal of an upload that outgrew its allowance while streaming. */
    public DomainException full(long allowed) {
        return new DomainException(
                DomainException.Kind.INSUFFICIENT_STORAGE,
                "insufficient-storage",
                "Insufficient storage",
                "the upload outgrew the " + bytes(allowed) + " of room there was for it (free space above the"
                        + " reserve, or the quota); nothing was written");
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
