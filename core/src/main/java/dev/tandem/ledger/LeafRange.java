package dev.tandem.ledger;

/**
 * The leaves {@code D[begin:end]} of RFC 9162 §2.1.1 ({@code end} exclusive): a subtree of the tree, such as the one an
 * inclusion proof's hash stands for.
 */
public record LeafRange(long begin, long end) {

    public LeafRange {
        if (begin < 0 || end <= begin) {
            throw new IllegalArgumentException("a leaf range needs 0 <= begin < end, got " + begin + " and " + end);
        }
    }

    public long size() {
        return end - begin;
    }

    public boolean contains(long index) {
        return begin <= index && index < end;
    }

    /** RFC 9162 §2.1.1: the left part holds the largest power of two smaller than the size. */
    public LeafRange left() {
        return new LeafRange(begin, begin + MerkleLog.largestPowerOfTwoBelow(size()));
    }

    public LeafRange right() {
        return new LeafRange(begin + MerkleLog.largestPowerOfTwoBelow(size()), end);
    }

    /** "entry 7" or "entries 4–5", as a report names it. */
    @Override
    public String toString() {
        return size() == 1 ? "entry " + begin : "entries " + begin + "–" + (end - 1);
    }
}
