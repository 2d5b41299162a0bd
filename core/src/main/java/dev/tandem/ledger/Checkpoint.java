package dev.tandem.ledger;

import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A C2SP tlog-checkpoint: the note text {@code <origin>\n<size>\n<base64 root>\n} that a {@link NoteSigner} signs.
 * Tandem writes no extension lines, and its parser accepts none: a checkpoint here is exactly these three lines.
 */
public record Checkpoint(String origin, long size, byte[] rootHash) {

    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]{0,18}");

    public Checkpoint {
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line without control characters");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is not negative, was " + size);
        }
        if (rootHash.length != MerkleLog.HASH_SIZE) {
            throw new IllegalArgumentException("a root hash has 32 bytes, got " + rootHash.length);
        }
        rootHash = rootHash.clone();
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    /** The note text, C2SP tlog-checkpoint "Note text": three lines, each ending in a newline. */
    public String text() {
        return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /**
     * Parses the text of an opened note (see {@link NoteVerifier#open}), not the signed note itself: a checkpoint is
     * only meaningful once its signature has been checked.
     */
    public static Checkpoint parse(String noteText) {
        if (!noteText.endsWith("\n")) {
            throw new IllegalArgumentException("malformed checkpoint: the note text must end with a newline");
        }
        String[] lines = noteText.substring(0, noteText.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new IllegalArgumentException(
                    "malformed checkpoint: expected 3 lines (origin, size, root hash), found " + lines.length);
        }
        if (lines.length > 3) {
            throw new IllegalArgumentException(
                    lines[3].isEmpty()
                            ? "malformed checkpoint: line 4 is empty; pass the opened note text, not the signed note"
                            : "malformed checkpoint: Tandem checkpoints have no extension lines, found "
                                    + (lines.length - 3));
        }
        if (lines[0].isEmpty()) {
            throw new IllegalArgumentException("malformed checkpoint: line 1 (origin) is empty");
        }
        if (!DECIMAL.matcher(lines[1]).matches()) {
            throw new IllegalArgumentException(
                    "malformed checkpoint: line 2 must be the tree size in decimal without leading zeros, was \""
                            + lines[1] + "\"");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed checkpoint: tree size out of range: " + lines[1], e);
        }
        byte[] root;
        try {
            root = Base64.getDecoder().decode(lines[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed checkpoint: line 3 is not standard base64", e);
        }
        if (root.length != MerkleLog.HASH_SIZE
                || !Base64.getEncoder().encodeToString(root).equals(lines[2])) {
            throw new IllegalArgumentException(
                    "malformed checkpoint: line 3 must be the base64 of a 32-byte root hash, was \"" + lines[2] + "\"");
        }
        return new Checkpoint(lines[0], size, root);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c
                && origin.equals(c.origin)
                && size == c.size
                && Arrays.equals(rootHash, c.rootHash);
    }

    @Override
    public int hashCode() {
        return (origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash);
    }

    @Override
    public String toString() {
        return "Checkpoint[" + text().replace("\n", " | ") + "]";
    }
}
