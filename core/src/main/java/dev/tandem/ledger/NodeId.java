package dev.tandem.ledger;

/**
 * A perfect subtree of the log: at {@code level} L it covers the {@code 2^L} leaves {@code [index << L, (index + 1) << L)}.
 * Level 0 holds the leaf hashes. Only perfect subtrees are ever stored: the hash of a complete subtree never changes
 * as the log grows, so a stored node is written once and is valid for every later tree size.
 */
public record NodeId(int level, long index) {

    /** Levels go up to 63: a tree of 2^63 - 1 leaves has no perfect subtree of 2^63. */
    public static final int MAX_LEVEL = 63;

    public NodeId {
        if (level < 0 || level > MAX_LEVEL) {
            throw new IllegalArgumentException("node level must be in [0, 63], was " + level);
        }
        if (index < 0 || (level > 0 && index > (Long.MAX_VALUE >>> level))) {
            throw new IllegalArgumentException("node index out of range at level " + level + ": " + index);
        }
    }

    /** First leaf covered, inclusive. */
    public long begin() {
        return index << level;
    }

    /** Last leaf covered, exclusive. */
    public long end() {
        return (index + 1) << level;
    }

    @Override
    public String toString() {
        return "node(level " + level + ", index " + index + ")";
    }
}
