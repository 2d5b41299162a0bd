package dev.tandem.cli.ledger;

import dev.tandem.ledger.MissingNodesException;
import dev.tandem.ledger.Node;
import dev.tandem.ledger.NodeId;
import dev.tandem.ledger.NodeStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The perfect-subtree hashes the verifier computes itself from the served leaves, packed 32 bytes apiece level by level
 * (about 64 bytes per entry, against several times that in a map): what it compares the server's proofs with.
 */
final class LocalTree implements NodeStore {

    private static final int HASH = 32;
    private static final int CHUNK = 1 << 14;

    /** levels.get(l): the hashes of the level-l nodes in index order, in chunks of {@link #CHUNK}. */
    private final List<List<byte[]>> levels = new ArrayList<>();

    private final List<Long> counts = new ArrayList<>();

    /** Adds the nodes {@code CompactRange.append} completed; each level grows strictly in index order. */
    void addAll(Collection<Node> completed) {
        for (Node n : completed) {
            int level = n.id().level();
            while (levels.size() <= level) {
                levels.add(new ArrayList<>());
                counts.add(0L);
            }
            long index = counts.get(level);
            if (n.id().index() != index) {
                throw new IllegalStateException("node " + n.id() + " added out of order, expected index " + index);
            }
            List<byte[]> chunks = levels.get(level);
            int offset = (int) (index % CHUNK);
            if (offset == 0) {
                chunks.add(new byte[CHUNK * HASH]);
            }
            System.arraycopy(n.hash(), 0, chunks.getLast(), offset * HASH, HASH);
            counts.set(level, index + 1);
        }
    }

    @Override
    public Map<NodeId, byte[]> nodes(Set<NodeId> ids) {
        Map<NodeId, byte[]> found = new HashMap<>(ids.size() * 2);
        Set<NodeId> missing = new HashSet<>();
        for (NodeId id : ids) {
            if (id.level() >= levels.size() || id.index() >= counts.get(id.level())) {
                missing.add(id);
                continue;
            }
            byte[] chunk = levels.get(id.level()).get((int) (id.index() / CHUNK));
            int from = (int) (id.index() % CHUNK) * HASH;
            byte[] h = new byte[HASH];
            System.arraycopy(chunk, from, h, 0, HASH);
            found.put(id, h);
        }
        if (!missing.isEmpty()) {
            throw new MissingNodesException(missing);
        }
        return found;
    }
}
