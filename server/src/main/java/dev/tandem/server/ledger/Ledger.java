package dev.tandem.server.ledger;

import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger as the rest of the server sees it: {@link #record} to change state together with its
 * entries, and read access to entries, proofs and the latest signed checkpoint.
 */
public final class Ledger implements AutoCloseable {
    private static final JsonMapper READER = JsonMapper.builder().build();
    private final LedgerSequencer sequencer;
    private final JdbcTemplate jdbc;
    private final NoteSigner signer;
    private final String origin;

    Ledger(LedgerSequencer sequencer, JdbcTemplate jdbc, NoteSigner signer, String origin) {
        this.sequencer = sequencer;
        this.jdbc = jdbc;
        this.signer = signer;
        this.origin = origin;
    }

    /** Runs {@code work} and its ledger entries in one transaction; answers once durable. */
    public <T> T record(LedgerWork<T> work) {
        return sequencer.submit(work);
    }

    public String origin() {
        return origin;
    }

    public String verifierKey() {
        return signer.verifierKey();
    }

    public Head head() {
        return jdbc.queryForObject(
                "SELECT tree_size, root_hash, checkpoint FROM ledger_head WHERE id = 1",
                (rs, n) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getString(3)));
    }

    /** Entries {@code [from, to)}, oldest first, with their incident and leaf hash. */
    public List<ServedEntry> entries(long from, long to) {
        return jdbc.query(
                "SELECT idx, leaf, incident_id, leaf_hash FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx",
                (rs, n) -> new ServedEntry(rs.getLong(1), rs.getBytes(2), rs.getString(3), rs.getBytes(4)),
                from,
                to);
    }

    /** An entry as stored, with the incident it belongs to (null: installation-wide). */
    public record ServedEntry(
            long index, byte[] leaf, @Nullable String incident, byte[] leafHash) {}

    /**
     * How many entries are recorded and committed now: the index the next entry will have, unless
     * another is recorded first.
     */
    public long size() {
        Long max = jdbc.queryForObject("SELECT MAX(idx) FROM ledger_entry", Long.class);
        return max == null ? 0 : max + 1;
    }

    /** Entries of one incident, oldest first. */
    public List<StoredEntry> entriesOf(String incident) {
        return jdbc.query(
                "SELECT idx, leaf FROM ledger_entry WHERE incident_id = ? ORDER BY idx",
                (rs, n) -> new StoredEntry(rs.getLong(1), rs.getBytes(2)),
                incident);
    }

    public List<byte[]> inclusionProof(long index, long size) {
        return MerkleLog.inclusionProof(index, size, sequencer.nodeStore());
    }

    public List<byte[]> consistencyProof(long from, long to) {
        return MerkleLog.consistencyProof(from, to, sequencer.nodeStore());
    }

    public byte[] rootHash(long size) {
        return MerkleLog.rootHash(size, sequencer.nodeStore());
    }

    @Override
    public void close() {
        sequencer.close();
    }

    public record Head(long size, byte[] rootHash, String checkpoint) {}

    public record StoredEntry(long index, byte[] leaf) {}

    /** A privileged entry's opening (salt and body), for those entitled to it. */
    public @Nullable Opening opening(long index) {
        List<Opening> o = jdbc.query(
                "SELECT salt, body FROM ledger_privileged WHERE idx = ?",
                (rs, n) -> new Opening(rs.getBytes(1), rs.getString(2)),
                index);
        return o.isEmpty() ? null : o.getFirst();
    }

    public record Opening(byte[] salt, String body) {}

    /** The commitment a privileged entry's leaf carries (docs/contracts.md §1). */
    public String commitmentAt(long index) {
        byte[] leaf = jdbc.queryForObject("SELECT leaf FROM ledger_entry WHERE idx = ?", byte[].class, index);
        JsonNode body = READER.readTree(leaf).path("body");
        if (!body.has("commitment")) {
            throw new IllegalStateException("ledger entry " + index + " is not privileged: it has no commitment");
        }
        return body.path("commitment").asString();
    }
}
