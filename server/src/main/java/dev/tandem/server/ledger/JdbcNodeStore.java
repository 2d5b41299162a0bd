package dev.tandem.server.ledger;

import dev.tandem.ledger.MissingNodesException;
import dev.tandem.ledger.Node;
import dev.tandem.ledger.NodeId;
import dev.tandem.ledger.NodeStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** Perfect-subtree hashes in {@code ledger_node}; a proof reads its O(log n) nodes in one query. */
final class JdbcNodeStore implements NodeStore {
    private static final int CHUNK = 128;
    private final JdbcTemplate jdbc;

    JdbcNodeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<NodeId, byte[]> nodes(Set<NodeId> ids) {
        Map<NodeId, byte[]> found = new HashMap<>(ids.size() * 2);
        List<NodeId> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += CHUNK) {
            List<NodeId> part = all.subList(from, Math.min(all.size(), from + CHUNK));
            // A row-value IN list: H2 answers it from the primary key, while it scans the whole table
            // for the equivalent OR of (lvl = ? AND idx = ?) terms; PostgreSQL plans both alike.
            StringBuilder sql = new StringBuilder("SELECT lvl, idx, hash FROM ledger_node WHERE (lvl, idx) IN (");
            Object[] args = new Object[part.size() * 2];
            for (int i = 0; i < part.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?)");
                args[2 * i] = part.get(i).level();
                args[2 * i + 1] = part.get(i).index();
            }
            sql.append(')');
            jdbc.query(
                    sql.toString(),
                    rs -> {
                        found.put(new NodeId(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
                    },
                    args);
        }
        if (found.size() != ids.size()) {
            throw new MissingNodesException(
                    ids.stream().filter(id -> !found.containsKey(id)).collect(Collectors.toSet()));
        }
        return found;
    }

    void insert(Collection<Node> nodes) {
        if (nodes.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(
                "INSERT INTO ledger_node (lvl, idx, hash) VALUES (?, ?, ?)",
                nodes.stream()
                        .map(n -> new Object[] {n.id().level(), n.id().index(), n.hash()})
                        .toList());
    }
}
