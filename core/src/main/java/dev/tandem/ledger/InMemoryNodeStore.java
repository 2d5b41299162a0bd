package dev.tandem.ledger;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link NodeStore} in a concurrent map: for tests, benchmarks and offline verification. */
public final class InMemoryNodeStore implements NodeStore {

    private final ConcurrentHashMap<NodeId, byte[]> nodes = new ConcurrentHashMap<>();

    public void put(Node n) {
        nodes.put(n.id(), n.hash());
    }

    public void putAll(Collection<Node> ns) {
        for (Node n : ns) {
            put(n);
        }
    }

    public long size() {
        return nodes.size();
    }

    @Override
    public Map<NodeId, byte[]> nodes(Set<NodeId> ids) {
        Map<NodeId, byte[]> found = new HashMap<>(ids.size() * 2);
        Set<NodeId> missing = new HashSet<>();
        for (NodeId id : ids) {
            byte[] hash = nodes.get(id);
            if (hash == null) {
                missing.add(id);
            } else {
                found.put(id, hash.clone());
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingNodesException(missing);
        }
        return found;
    }
}
