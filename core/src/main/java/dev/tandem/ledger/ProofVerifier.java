package dev.tandem.ledger;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks inclusion and consistency proofs exactly as RFC 9162 §2.1.3.2 and §2.1.4.2 prescribe. Needs nothing but the
 * hashes it is given: this is what an auditor runs against a server it does not trust.
 */
public final class ProofVerifier {

    private static final ProofCheck VERIFIED = new ProofCheck.Verified();

    private ProofVerifier() {}

    /** RFC 9162 §2.1.3.2: does {@code proof} place {@code leafHash} at {@code index} in the tree of {@code size}? */
    public static ProofCheck verifyInclusion(
            byte[] leafHash, long index, long size, List<byte[]> proof, byte[] rootHash) {
        if (index < 0 || size < 0 || index >= size) {
            return tampered("leaf index " + index + " is not inside a tree of size " + size);
        }
        String bad = firstBadLength(leafHash, "leaf hash", rootHash, "root hash", proof);
        if (bad != null) {
            return tampered(bad);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (int i = 0; i < proof.size(); i++) {
            byte[] p = proof.get(i);
            if (sn == 0) {
                return tampered("inclusion proof for index " + index + " in size " + size + " has " + proof.size()
                        + " hashes, more than the " + i + " the tree shape allows");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = MerkleLog.nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = MerkleLog.nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            return tampered("inclusion proof for index " + index + " in size " + size + " has only " + proof.size()
                    + " hashes, fewer than the tree shape needs");
        }
        if (!MessageDigest.isEqual(r, rootHash)) {
            return tampered("inclusion proof for index " + index + " in size " + size + " leads to root " + b64(r)
                    + ", not to the expected root " + b64(rootHash));
        }
        return VERIFIED;
    }

    /** RFC 9162 §2.1.4.2: is the tree of size {@code to} an append-only extension of the tree of size {@code from}? */
    public static ProofCheck verifyConsistency(long from, long to, byte[] oldRoot, byte[] newRoot, List<byte[]> proof) {
        if (from < 0 || to < 0) {
            return tampered("tree sizes must not be negative: " + from + " and " + to);
        }
        if (from > to) {
            return tampered("the old tree (size " + from + ") is larger than the new one (size " + to + ")");
        }
        String bad = firstBadLength(oldRoot, "old root hash", newRoot, "new root hash", proof);
        if (bad != null) {
            return tampered(bad);
        }
        if (from == to) {
            if (!proof.isEmpty()) {
                return tampered("a consistency proof between equal sizes must be empty, this one has " + proof.size()
                        + " hashes");
            }
            return MessageDigest.isEqual(oldRoot, newRoot)
                    ? VERIFIED
                    : tampered("two different roots for the same size " + from + ": " + b64(oldRoot) + " and "
                            + b64(newRoot) + " (a forked log)");
        }
        if (from == 0) {
            // Every tree extends the empty tree; RFC 9162 defines no proof for it.
            return proof.isEmpty()
                    ? VERIFIED
                    : tampered("a consistency proof from the empty tree must be empty, this one has " + proof.size()
                            + " hashes");
        }
        // Step 1.
        if (proof.isEmpty()) {
            return tampered("empty consistency proof from size " + from + " to " + to);
        }
        // Step 2: when the old tree is a perfect subtree its root is the proof's implicit first element.
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(from) == 1) {
            path.add(oldRoot);
        }
        path.addAll(proof);
        // Steps 3 and 4.
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 5.
        byte[] fr = path.getFirst();
        byte[] sr = path.getFirst();
        // Step 6.
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return tampered("consistency proof from size " + from + " to " + to + " has " + proof.size()
                        + " hashes, more than the tree shapes allow");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = MerkleLog.nodeHash(c, fr);
                sr = MerkleLog.nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = MerkleLog.nodeHash(sr, c);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        // Step 7.
        if (sn != 0) {
            return tampered("consistency proof from size " + from + " to " + to + " has only " + proof.size()
                    + " hashes, fewer than the tree shapes need");
        }
        if (!MessageDigest.isEqual(fr, oldRoot)) {
            return tampered("consistency proof from size " + from + " to " + to + " does not lead to the old root "
                    + b64(oldRoot) + " (it gives " + b64(fr) + ")");
        }
        if (!MessageDigest.isEqual(sr, newRoot)) {
            return tampered("consistency proof from size " + from + " to " + to + " does not lead to the new root "
                    + b64(newRoot) + " (it gives " + b64(sr) + "): the log was rewritten or forked");
        }
        return VERIFIED;
    }

    private static @Nullable String firstBadLength(byte[] a, String aName, byte[] b, String bName, List<byte[]> proof) {
        if (a.length != MerkleLog.HASH_SIZE) {
            return aName + " has " + a.length + " bytes, a SHA-256 hash has 32";
        }
        if (b.length != MerkleLog.HASH_SIZE) {
            return bName + " has " + b.length + " bytes, a SHA-256 hash has 32";
        }
        for (int i = 0; i < proof.size(); i++) {
            if (proof.get(i).length != MerkleLog.HASH_SIZE) {
                return "proof hash #" + i + " has " + proof.get(i).length + " bytes, a SHA-256 hash has 32";
            }
        }
        return null;
    }

    private static ProofCheck tampered(String reason) {
        return new ProofCheck.Tampered(reason);
    }

    private static String b64(byte[] h) {
        return Base64.getEncoder().encodeToString(h);
    }
}
