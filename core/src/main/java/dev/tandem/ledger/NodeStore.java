package dev.tandem.ledger;

import java.util.Map;
import java.util.Set;

/**
 * Where the perfect-subtree hashes live. {@link MerkleLog} and {@link CompactRange} compute every id they need first
 * and ask once, so a database store answers each proof with one round trip.
 */
public interface NodeStore {

    /**
     * Returns the hash of every asked node. The answer must contain every id asked for; a store that lacks one throws
     * {@link MissingNodesException} (a log whose stored nodes are missing is broken, not merely unlucky).
     */
    Map<NodeId, byte[]> nodes(Set<NodeId> ids);
}
