package dev.tandem.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/** A stored perfect-subtree hash. Equality is by value, the hash bytes included. */
public record Node(NodeId id, byte[] hash) {

    public Node {
        if (hash.length != MerkleLog.HASH_SIZE) {
            throw new IllegalArgumentException("a node hash has 32 bytes, " + id + " has " + hash.length);
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node other && id.equals(other.id) && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * id.hashCode() + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return id + " " + HexFormat.of().formatHex(hash);
    }
}
