package dev.tandem.app.bench;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.Node;
import dev.tandem.ledger.NodeId;
import dev.tandem.ledger.NodeStore;
import dev.tandem.ledger.NoteSigner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends many entries to a stopped server's ledger straight into {@code ledger_entry} and
 * {@code ledger_node}, in JDBC batches of 10,000, computing the subtree nodes with the same
 * {@link CompactRange} the sequencer uses, then signs a checkpoint over the new tree with the
 * server's key: a server started on the database afterwards serves, proves and verifies the log as
 * if it had appended every entry itself. Seeding a million entries this way takes under a minute
 * where a million requests would take several.
 */
final class LedgerSeed {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int BATCH = 10_000;

    private LedgerSeed() {}

    /** The log after seeding: its size, root, and every leaf hash from index 0. */
    record Seeded(long size, byte[] root, List<byte[]> leafHashes) {}

    /**
     * Appends {@code entries} entries of type {@code bench.entry} after the existing ones.
     *
     * @param incidentOf the incident id an entry (by its index) belongs to, or null for none
     * @param nodes receives every node computed, the existing entries' too (for an in-memory copy)
     */
    static Seeded append(
            Connection c,
            NoteSigner signer,
            int entries,
            LongFunction<@Nullable String> incidentOf,
            Consumer<List<Node>> nodes)
            throws SQLException {
        c.setAutoCommit(false);
        String origin;
        long size;
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT origin FROM installation")) {
            rs.next();
            origin = rs.getString(1);
        }
        try (var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tree_size FROM ledger_head WHERE id = 1 FOR UPDATE")) {
            rs.next();
            size = rs.getLong(1);
        }
        List<byte[]> leafHashes = new ArrayList<>();
        // the few entries the first start wrote (administrator, token) belong to the log too
        try (PreparedStatement ps = c.prepareStatement("SELECT leaf_hash FROM ledger_entry ORDER BY idx");
                ResultSet rs = ps.executeQuery()) {
            CompactRange replay = CompactRange.empty();
            while (rs.next()) {
                leafHashes.add(rs.getBytes(1));
                nodes.accept(replay.append(rs.getBytes(1)));
            }
        }
        CompactRange range = CompactRange.load(size, stored(c));
        Instant at = Instant.now();
        try (PreparedStatement entry = c.prepareStatement(
                        "INSERT INTO ledger_entry (idx, entry_type, incident_id, actor, recorded_at, leaf, leaf_hash)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement node =
                        c.prepareStatement("INSERT INTO ledger_node (lvl, idx, hash) VALUES (?, ?, ?)")) {
            for (int i = 0; i < entries; i++) {
                long index = range.size();
                String incident = incidentOf.apply(index);
                LedgerEntry e = new LedgerEntry(
                        "bench.entry",
                        incident,
                        "bench",
                        at,
                        JSON.createObjectNode().put("n", index));
                byte[] leaf = e.leaf();
                byte[] leafHash = MerkleLog.leafHash(leaf);
                leafHashes.add(leafHash);
                entry.setLong(1, index);
                entry.setString(2, e.type());
                entry.setString(3, incident);
                entry.setString(4, e.actor());
                entry.setTimestamp(5, Timestamp.from(at));
                entry.setBytes(6, leaf);
                entry.setBytes(7, leafHash);
                entry.addBatch();
                List<Node> completed = range.append(leafHash);
                nodes.accept(completed);
                for (Node n : completed) {
                    node.setInt(1, n.id().level());
                    node.setLong(2, n.id().index());
                    node.setBytes(3, n.hash());
                    node.addBatch();
                }
                if ((i + 1) % BATCH == 0 || i == entries - 1) {
                    entry.executeBatch();
                    node.executeBatch();
                    c.commit();
                }
            }
        }
        byte[] root = range.rootHash();
        try (PreparedStatement head = c.prepareStatement(
                "UPDATE ledger_head SET tree_size = ?, root_hash = ?, checkpoint = ? WHERE id = 1")) {
            head.setLong(1, range.size());
            head.setBytes(2, root);
            head.setString(3, signer.sign(new Checkpoint(origin, range.size(), root).text()));
            head.executeUpdate();
        }
        c.commit();
        return new Seeded(range.size(), root, leafHashes);
    }

    private static NodeStore stored(Connection c) {
        return (Set<NodeId> ids) -> {
            Map<NodeId, byte[]> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM ledger_node WHERE lvl = ? AND idx = ?")) {
                for (NodeId id : ids) {
                    ps.setInt(1, id.level());
                    ps.setLong(2, id.index());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            found.put(id, rs.getBytes(1));
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return found;
        };
    }
}
