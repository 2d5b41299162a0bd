package dev.tandem.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log's Merkle tree, RFC 9162 §2.1 (identical to RFC 6962 §2.1), computed over stored perfect-subtree hashes.
 *
 * <p>Every subtree of the RFC tree of size n is either perfect (one stored {@link NodeId}) or the right-most, ragged
 * subtree, which is the fold of the perfect subtrees of its binary decomposition (also stored). So the root and every
 * proof element are at most 64 stored nodes each, and a proof needs O(log n) of them. Each method works out the set
 * of node ids it needs first and then asks the {@link NodeStore} once.
 */
public final class MerkleLog {

    /** SHA-256 output size; every leaf and node hash has this length. */
    public static final int HASH_SIZE = 32;

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(MerkleLog::newSha256);

    private MerkleLog() {}

    /** RFC 9162 §2.1.1: {@code MTH({d(0)}) = SHA-256(0x00 || d(0))}. */
    public static byte[] leafHash(byte[] leaf) {
        MessageDigest sha = SHA256.get();
        sha.update((byte) 0x00);
        return sha.digest(leaf);
    }

    /** RFC 9162 §2.1.1: {@code SHA-256(0x01 || MTH(left) || MTH(right))}. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = SHA256.get();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** RFC 9162 §2.1.1: the hash of the empty list is the hash of the empty string. */
    public static byte[] emptyRootHash() {
        return SHA256.get().digest(new byte[0]);
    }

    /** The tree head of the first {@code size} entries. */
    public static byte[] rootHash(long size, NodeStore store) {
        if (size < 0) {
            throw new IllegalArgumentException("tree size must not be negative, was " + size);
        }
        if (size == 0) {
            return emptyRootHash();
        }
        List<NodeId> parts = perfectSubtrees(0, size);
        return fold(parts, fetch(new LinkedHashSet<>(parts), store));
    }

    /**
     * RFC 9162 §2.1.3.1 {@code PATH(m, D[n])}: the audit path of entry {@code index} in the tree of {@code size}
     * entries, ordered from the leaf upward.
     */
    public static List<byte[]> inclusionProof(long index, long size, NodeStore store) {
        List<long[]> siblings = new ArrayList<>();
        for (LeafRange r : inclusionPath(index, size)) {
            siblings.add(new long[] {r.begin(), r.end()});
        }
        return hashesOf(siblings, store);
    }

    /**
     * The subtrees whose hashes make up the audit path of entry {@code index} in the tree of {@code size} entries
     * (RFC 9162 §2.1.3.1), ordered from the leaf upward: hash #i of an inclusion proof is the MTH of range #i.
     */
    public static List<LeafRange> inclusionPath(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException(
                    "inclusion proof needs 0 <= index < size, got index " + index + " and size " + size);
        }
        // Walk from the root down, as the recursive definition does, recording the sibling range at each step.
        List<LeafRange> siblings = new ArrayList<>();
        LeafRange at = new LeafRange(0, size);
        while (at.size() > 1) {
            if (at.left().contains(index)) {
                siblings.add(at.right());
                at = at.left();
            } else {
                siblings.add(at.left());
                at = at.right();
            }
        }
        Collections.reverse(siblings);
        return siblings;
    }

    /** RFC 9162 §2.1.1 MTH of the leaves of {@code range}, a subtree of the tree (as {@link #inclusionPath} names). */
    public static byte[] subtreeHash(LeafRange range, NodeStore store) {
        List<NodeId> parts = perfectSubtrees(range.begin(), range.end());
        return fold(parts, fetch(new LinkedHashSet<>(parts), store));
    }

    /**
     * RFC 9162 §2.1.4.1 {@code PROOF(m, D[n]) = SUBPROOF(m, D[n], true)}, ordered from the older tree upward. The
     * proof between equal sizes, or from the empty tree, is empty.
     */
    public static List<byte[]> consistencyProof(long from, long to, NodeStore store) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException(
                    "consistency proof needs 0 <= from <= to, got from " + from + " and to " + to);
        }
        if (from == 0 || from == to) {
            return List.of();
        }
        List<long[]> ranges = new ArrayList<>();
        long lo = 0;
        long hi = to;
        boolean wholeOldTree = true; // the "b" flag of SUBPROOF: the old tree is still a whole subtree so far
        while (true) {
            long m = from - lo;
            long n = hi - lo;
            if (m == n) {
                if (!wholeOldTree) {
                    ranges.add(new long[] {lo, hi});
                }
                break;
            }
            long k = largestPowerOfTwoBelow(n);
            if (m <= k) {
                ranges.add(new long[] {lo + k, hi});
                hi = lo + k;
            } else {
                ranges.add(new long[] {lo, lo + k});
                lo += k;
                wholeOldTree = false;
            }
        }
        Collections.reverse(ranges);
        return hashesOf(ranges, store);
    }

    /**
     * The perfect subtrees covering leaves {@code [begin, end)}, left to right: for a subtree of the RFC tree (whose
     * begin is a multiple of a power of two at least its width) this is the binary decomposition of its width.
     */
    static List<NodeId> perfectSubtrees(long begin, long end) {
        List<NodeId> parts = new ArrayList<>(8);
        long at = begin;
        while (at < end) {
            int level = 63 - Long.numberOfLeadingZeros(end - at);
            if (at != 0) {
                level = Math.min(level, Long.numberOfTrailingZeros(at));
            }
            parts.add(new NodeId(level, at >>> level));
            at += 1L << level;
        }
        return parts;
    }

    /** The MTH of consecutive perfect subtrees: RFC 9162 splits at the largest power of two, so fold from the right. */
    static byte[] fold(List<NodeId> parts, Map<NodeId, byte[]> hashes) {
        byte[] acc = hash(hashes, parts.getLast());
        for (int i = parts.size() - 2; i >= 0; i--) {
            acc = nodeHash(hash(hashes, parts.get(i)), acc);
        }
        return acc;
    }

    static Map<NodeId, byte[]> fetch(Set<NodeId> ids, NodeStore store) {
        Map<NodeId, byte[]> got = store.nodes(Collections.unmodifiableSet(ids));
        for (NodeId id : ids) {
            byte[] h = got.get(id);
            if (h == null) {
                throw new MissingNodesException(Set.of(id));
            }
            if (h.length != HASH_SIZE) {
                throw new IllegalStateException("the node store returned " + h.length + " bytes for " + id);
            }
        }
        return got;
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static List<byte[]> hashesOf(List<long[]> ranges, NodeStore store) {
        if (ranges.isEmpty()) {
            return List.of();
        }
        List<List<NodeId>> parts = new ArrayList<>(ranges.size());
        Set<NodeId> ids = new LinkedHashSet<>();
        for (long[] r : ranges) {
            List<NodeId> p = perfectSubtrees(r[0], r[1]);
            parts.add(p);
            ids.addAll(p);
        }
        Map<NodeId, byte[]> hashes = fetch(ids, store);
        List<byte[]> proof = new ArrayList<>(parts.size());
        for (List<NodeId> p : parts) {
            proof.add(fold(p, hashes));
        }
        return proof;
    }

    private static byte[] hash(Map<NodeId, byte[]> hashes, NodeId id) {
        byte[] h = hashes.get(id);
        if (h == null) {
            throw new MissingNodesException(Set.of(id));
        }
        return h;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
