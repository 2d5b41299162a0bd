package dev.tandem.cli.ledger;

import dev.tandem.ledger.CanonicalJson;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a server's ledger from the outside: the signed checkpoint, every leaf re-hashed into the root, every entry
 * against its leaf, a sample of inclusion proofs and one consistency proof. Everything is recomputed locally; the
 * server is trusted for nothing but the bytes it serves.
 */
final class LedgerAudit {

    /** Problems listed in full before the report abbreviates. */
    private static final int SHOWN = 20;

    private final LedgerClient client;
    private final @Nullable String pinnedKey;
    private final int samples;
    private final Random random;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<String> problems = new ArrayList<>();

    LedgerAudit(
            LedgerClient client,
            @Nullable String pinnedKey,
            int samples,
            Random random,
            PrintWriter out,
            PrintWriter err) {
        this.client = client;
        this.pinnedKey = pinnedKey;
        this.samples = samples;
        this.random = random;
        this.out = out;
        this.err = err;
    }

    /** Runs the audit and returns the exit code (CONTRACTS.md §4). */
    int run() throws ServerUnavailableException {
        try {
            return audit();
        } catch (MalformedAnswerException e) {
            problems.add("the server's answer is malformed: " + e.getMessage());
            return verdict(null);
        }
    }

    private int audit() throws ServerUnavailableException, MalformedAnswerException {
        // 1. The key: pinned out of band, or (weaker) taken from the server itself.
        String served = new String(client.verifierKey(), StandardCharsets.UTF_8).strip();
        NoteVerifier verifier;
        try {
            verifier = NoteVerifier.parse(pinnedKey != null ? pinnedKey : served);
        } catch (IllegalArgumentException e) {
            // A pinned key was already checked by the command; only the served one can be malformed here.
            problems.add("the server's verifier key is unusable: " + e.getMessage());
            return verdict(null);
        }
        if (pinnedKey == null) {
            err.println("warning: the verifier key was not pinned: it comes from the server being checked, so this"
                    + " proves the log is consistent, not that it is the log you expect. Pin it with --key.");
        } else if (!served.equals(verifier.verifierKey())) {
            problems.add("the server presents verifier key " + served + ", not the pinned " + verifier.verifierKey());
        }
        out.println("  key          " + verifier.verifierKey() + (pinnedKey != null ? "  (pinned)" : "  (NOT pinned)"));

        // 2. The checkpoint, only meaningful once its signature holds.
        NoteCheck opened = verifier.open(client.checkpoint());
        if (!(opened instanceof NoteCheck.Opened(String text))) {
            problems.add("checkpoint signature: " + ((NoteCheck.Rejected) opened).reason());
            return verdict(null);
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add("signed checkpoint: " + e.getMessage());
            return verdict(null);
        }
        long size = checkpoint.size();
        out.println("  checkpoint   " + checkpoint.origin() + ", size " + size + ", root " + b64(checkpoint.rootHash())
                + ", signature verified");

        // 3. Every entry: its leaf re-hashed into a fresh frontier, its JSON compared with its leaf.
        TreeSet<Long> sample = chooseSample(size);
        long consistencyFrom = size >= 2 ? 1 + (long) (random.nextDouble() * (size - 1)) : 0;
        TreeMap<Long, byte[]> sampledLeafHashes = new TreeMap<>();
        byte @Nullable [] rootAtFrom = null;
        CompactRange range = CompactRange.empty();
        int mismatches = 0;
        while (range.size() < size) {
            long from = range.size();
            long to = Math.min(size, from + LedgerClient.PAGE);
            List<LedgerClient.ServedEntry> page = client.entries(from, to);
            if (page.isEmpty()) {
                problems.add(
                        "the server serves no entries from index " + from + " although its checkpoint covers " + size);
                break;
            }
            if (page.size() > to - from) {
                throw new MalformedAnswerException(
                        "entries from " + from + " to " + to + ": " + page.size() + " items for " + (to - from));
            }
            for (LedgerClient.ServedEntry e : page) {
                long index = range.size();
                if (e.index() != index) {
                    problems.add("entries out of order: expected index " + index + ", the server sent " + e.index());
                    return verdict(checkpoint);
                }
                String trouble = checkEntry(e);
                if (trouble != null) {
                    mismatches++;
                    problems.add("entry " + index + ": " + trouble);
                }
                byte[] leafHash = MerkleLog.leafHash(e.leaf());
                range.append(leafHash);
                if (sample.contains(index)) {
                    sampledLeafHashes.put(index, leafHash);
                }
                if (range.size() == consistencyFrom) {
                    rootAtFrom = range.rootHash();
                }
            }
        }
        if (range.size() < size) {
            return verdict(checkpoint);
        }
        out.println("  entries      " + size + " leaves re-hashed; "
                + (mismatches == 0
                        ? "every entry matches its leaf"
                        : mismatches + " entries differ from their leaves"));

        // 4. The recomputed root must be the signed one.
        byte[] root = range.rootHash();
        if (Arrays.equals(root, checkpoint.rootHash())) {
            out.println("  root         recomputed root equals the signed checkpoint's");
        } else {
            problems.add("root: the " + size + " entries served hash to " + b64(root) + ", but the signed checkpoint"
                    + " says " + b64(checkpoint.rootHash()) + " (entries were altered, or the log was forked)");
        }

        // 5. The server's proofs must agree with what we recomputed.
        int proved = 0;
        for (var s : sampledLeafHashes.entrySet()) {
            List<byte[]> proof = client.inclusionProof(s.getKey(), size);
            ProofCheck check =
                    ProofVerifier.verifyInclusion(s.getValue(), s.getKey(), size, proof, checkpoint.rootHash());
            if (check instanceof ProofCheck.Tampered(String reason)) {
                problems.add("inclusion proof of entry " + s.getKey() + ": " + reason);
            } else {
                proved++;
            }
        }
        if (!sampledLeafHashes.isEmpty()) {
            out.println("  inclusion    " + proved + " of " + sampledLeafHashes.size() + " proofs verified (indices "
                    + abbreviate(sampledLeafHashes.keySet()) + ")");
        }
        if (rootAtFrom != null) {
            List<byte[]> proof = client.consistencyProof(consistencyFrom, size);
            ProofCheck check =
                    ProofVerifier.verifyConsistency(consistencyFrom, size, rootAtFrom, checkpoint.rootHash(), proof);
            if (check instanceof ProofCheck.Tampered(String reason)) {
                problems.add("consistency proof " + consistencyFrom + " -> " + size + ": " + reason);
            } else {
                out.println("  consistency  " + consistencyFrom + " -> " + size + " verified");
            }
        }
        return verdict(checkpoint);
    }

    /** Null when the served entry is well-formed and its JSON is exactly its leaf. */
    private static @Nullable String checkEntry(LedgerClient.ServedEntry e) {
        try {
            LedgerEntry.fromLeaf(e.leaf());
        } catch (IllegalArgumentException x) {
            return x.getMessage();
        }
        byte[] shown;
        try {
            shown = CanonicalJson.canonicalize(e.entry());
        } catch (IllegalArgumentException x) {
            return "the entry shown is not canonicalizable JSON: " + x.getMessage();
        }
        if (!Arrays.equals(shown, e.leaf())) {
            return "the entry shown differs from its leaf: shown " + clip(new String(shown, StandardCharsets.UTF_8))
                    + ", leaf " + clip(new String(e.leaf(), StandardCharsets.UTF_8));
        }
        return null;
    }

    private TreeSet<Long> chooseSample(long size) {
        TreeSet<Long> sample = new TreeSet<>();
        if (size == 0 || samples == 0) {
            return sample;
        }
        sample.add(0L);
        sample.add(size - 1);
        while (sample.size() < Math.min(size, samples)) {
            sample.add((long) (random.nextDouble() * size));
        }
        return sample;
    }

    private int verdict(@Nullable Checkpoint checkpoint) {
        if (problems.isEmpty() && checkpoint != null) {
            out.println("VERIFIED: " + checkpoint.size() + " entries of " + checkpoint.origin() + ", root "
                    + b64(checkpoint.rootHash()));
            out.flush();
            return 0;
        }
        out.println("TAMPERING: " + problems.size() + " problem(s) found");
        for (int i = 0; i < problems.size() && i < SHOWN; i++) {
            out.println("  - " + problems.get(i));
        }
        if (problems.size() > SHOWN) {
            out.println("  … and " + (problems.size() - SHOWN) + " more");
        }
        out.flush();
        return 1;
    }

    private static String abbreviate(java.util.Collection<Long> indices) {
        List<Long> list = List.copyOf(indices);
        if (list.size() <= 8) {
            return list.toString().replaceAll("[\\[\\]]", "");
        }
        return list.subList(0, 4).toString().replaceAll("[\\[\\]]", "") + ", …, "
                + list.subList(list.size() - 2, list.size()).toString().replaceAll("[\\[\\]]", "");
    }

    private static String clip(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }

    private static String b64(byte[] h) {
        return Base64.getEncoder().encodeToString(h);
    }
}
