package dev.tandem.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The right frontier of the log: the perfect subtrees of the binary decomposition of its size (at most 64 nodes).
 * It is all an appender needs: appending leaf #size completes the level-0 node and every node above it whose left
 * sibling is on the frontier, and the root is the fold of the frontier. A sequencer keeps one in memory, appends, and
 * persists the nodes each append returns.
 */
public final class CompactRange {

    private long size;
    /** Frontier hashes from the highest level (left-most subtree) to the lowest, one per set bit of {@code size}. */
    private final ArrayList<byte[]> frontier;

    private CompactRange(long size, ArrayList<byte[]> frontier) {
        this.size = size;
        this.frontier = frontier;
    }

    public static CompactRange empty() {
        return new CompactRange(0, new ArrayList<>());
    }

    /** The frontier of a log of {@code size} entries, read from the store in one batch. */
    public static CompactRange load(long size, NodeStore store) {
        List<NodeId> ids = frontierIds(size);
        if (ids.isEmpty()) {
            return empty();
        }
        Map<NodeId, byte[]> hashes = MerkleLog.fetch(new LinkedHashSet<>(ids), store);
        ArrayList<byte[]> frontier = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            frontier.add(hashes.get(id).clone());
        }
        return new CompactRange(size, frontier);
    }

    /** The node ids making up the frontier of a log of {@code size} entries, left to right. */
    public static List<NodeId> frontierIds(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative, was " + size);
        }
        return MerkleLog.perfectSubtrees(0, size);
    }

    public long size() {
        return size;
    }

    /** The frontier nodes, left to right. */
    public List<Node> nodes() {
        List<NodeId> ids = frontierIds(size);
        List<Node> nodes = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            nodes.add(new Node(ids.get(i), frontier.get(i)));
        }
        return nodes;
    }

    /**
     * Appends leaf #{@link #size()} and returns every node it completes, from its level-0 node upward: exactly the
     * nodes to persist so that the store holds every perfect subtree of the grown log.
     */
    public List<Node> append(byte[] leafHash) {
        if (leafHash.length != MerkleLog.HASH_SIZE) {
            throw new IllegalArgumentException("a leaf hash has 32 bytes, got " + leafHash.length);
        }
        if (size == Long.MAX_VALUE) {
            throw new IllegalStateException("the log is full");
        }
        List<Node> completed = new ArrayList<>(4);
        byte[] hash = leafHash.clone();
        long index = size;
        int level = 0;
        completed.add(new Node(new NodeId(0, index), hash));
        // Each trailing one bit of size is a frontier subtree of the same width as the one just completed.
        while (((size >>> level) & 1) == 1) {
            hash = MerkleLog.nodeHash(frontier.removeLast(), hash);
            level++;
            index >>>= 1;
            completed.add(new Node(new NodeId(level, index), hash));
        }
        frontier.add(hash);
        size++;
        return completed;
    }

    /** RFC 9162 §2.1.1 MTH of the first {@link #size()} leaves. */
    public byte[] rootHash() {
        if (frontier.isEmpty()) {
            return MerkleLog.emptyRootHash();
        }
        byte[] acc = frontier.getLast();
        for (int i = frontier.size() - 2; i >= 0; i--) {
            acc = MerkleLog.nodeHash(frontier.get(i), acc);
        }
        return acc.clone();
    }

    /** An independent copy, e.g. to compute a candidate root before committing an append. */
    public CompactRange copy() {
        return new CompactRange(size, new ArrayList<>(frontier));
    }
}
