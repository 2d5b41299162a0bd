package dev.tandem.server.portal;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import dev.tandem.server.DomainException;
import java.util.List;

/**
 * Checks a checkpoint an auditor says they verified offline (docs/contracts.md §5.1, ADR 088): the
 * signed note as the bag carries it ({@code data/ledger/checkpoint}, C2SP signed-note with any
 * witness cosignatures), against this server's origin, its verifier key, and its log now. Plain
 * Java: given the key, the origin, the current tree and a consistency proof from the note's size,
 * it answers the checkpoint or refuses naming what failed, in this order: a malformed note, an
 * unknown origin, a bad signature, a size larger than the log, a log not consistent with it.
 */
public final class CheckpointCheck {
    /** A pasted note, at most: three lines and a handful of signatures. */
    static final int MAX_NOTE = 16 * 1024;

    private CheckpointCheck() {}

    /** The log as it is now, and how to prove it extends an older size. */
    public interface Log {
        String origin();

        NoteVerifier verifier();

        long size();

        byte[] root();

        List<byte[]> consistencyProof(long from, long to);
    }

    /** The checkpoint that verified, and the note as recorded (newlines normalized). */
    public record Verified(Checkpoint checkpoint, String note) {}

    /** Checks {@code pasted} (a form's CR LF line ends are accepted) against {@code log}. */
    public static Verified check(String pasted, Log log) {
        String note = pasted.replace("\r\n", "\n").strip() + "\n";
        if (pasted.isBlank()) {
            throw refused("bad-note", "paste the signed checkpoint (data/ledger/checkpoint in the bag)");
        }
        if (note.length() > MAX_NOTE) {
            throw refused("bad-note", "at most " + MAX_NOTE + " characters, got " + note.length());
        }
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw refused(
                    "bad-note",
                    "no signature: a signed note is the checkpoint's three lines, an empty line, then signature"
                            + " lines");
        }
        String origin = note.substring(0, note.indexOf('\n'));
        if (!origin.equals(log.origin())) {
            throw refused(
                    "unknown-origin",
                    "the checkpoint is of log \"" + origin + "\", not of this server's log \"" + log.origin() + "\"");
        }
        NoteCheck opened = log.verifier().open(note);
        if (!(opened instanceof NoteCheck.Opened(String text))) {
            throw refused("bad-signature", ((NoteCheck.Rejected) opened).reason());
        }
        Checkpoint cp;
        try {
            cp = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            throw refused("bad-note", e.getMessage());
        }
        if (cp.size() < 1) {
            throw refused("bad-note", "the checkpoint is of the empty log: there is nothing to verify");
        }
        ProofCheck consistent = consistent(cp.size(), cp.rootHash(), log);
        if (consistent instanceof ProofCheck.Tampered(String reason)) {
            // a checkpoint this server signed that its log does not extend: the log was forked or
            // rolled back, or the checkpoint is of another copy of it. Not a typing error.
            throw cp.size() > log.size()
                    ? inconsistent(
                            "size-beyond-log",
                            "the checkpoint's size " + cp.size() + " is larger than the log's " + log.size()
                                    + ": this server signed a longer log than it now holds (restored from a backup,"
                                    + " or another copy of the log)")
                    : inconsistent(
                            "not-consistent",
                            "the log now is not consistent with this checkpoint: " + reason
                                    + " (a fork or a rewritten history: tell the audit liaison and keep the bag)");
        }
        return new Verified(cp, note);
    }

    /**
     * Is the log now an append-only extension of the tree of {@code size} with {@code root}? RFC
     * 9162 §2.1.4.2, with the proof the server would hand any client.
     */
    public static ProofCheck consistent(long size, byte[] root, Log log) {
        if (size > log.size()) {
            return new ProofCheck.Tampered("the checkpoint's size " + size + " is larger than the log's " + log.size());
        }
        List<byte[]> proof = size == log.size() ? List.of() : log.consistencyProof(size, log.size());
        return ProofVerifier.verifyConsistency(size, log.size(), root, log.root(), proof);
    }

    /** The title of a refusal whose checkpoint verifies but which the log does not extend. */
    public static final String INCONSISTENT = "Signed checkpoint the log does not extend";

    private static DomainException inconsistent(String code, String detail) {
        return new DomainException(DomainException.Kind.UNPROCESSABLE_CONTENT, code, INCONSISTENT, "note: " + detail);
    }

    private static DomainException refused(String code, String detail) {
        return DomainException.unprocessable(code, "note: " + detail);
    }
}
