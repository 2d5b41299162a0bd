package dev.tandem.cli.ledger;

import dev.tandem.ledger.CanonicalJson;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.LeafRange;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a server's ledger from the outside: the signed checkpoint, every leaf (or, for entries the caller may not
 * read, every leaf hash) re-hashed into the root, every readable entry against its leaf, inclusion proofs for the first
 * and last entry of every page plus a random sample, and one consistency proof. Everything is recomputed locally; the
 * server is trusted for nothing but the bytes it serves. When the root does not match, the server's proofs are used to
 * name the entries that differ from the signed tree; when a proof does not verify, the tree recomputed from the entries
 * names the hash in it that is wrong.
 */
final class LedgerAudit {

    /** Problems listed in full before the report abbreviates. */
    private static final int SHOWN = 20;

    /** Inclusion proofs the search for altered entries may fetch (about one per tree level per entry found). */
    private static final int LOCATE_PROOFS = 512;

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

    private List<String> witnessKeys = List.of();
    private int quorum;

    /** Witness keys whose cosignatures the checkpoint must carry, at least {@code quorum} of them. */
    void witnesses(List<String> keys, int quorum) {
        this.witnessKeys = List.copyOf(keys);
        this.quorum = quorum;
    }

    /** Runs the audit and returns the exit code (docs/contracts.md §4). */
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
        byte[] signedNote = client.checkpoint();
        NoteCheck opened = verifier.open(signedNote);
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
        if (!witnessKeys.isEmpty()) {
            String note = new String(signedNote, StandardCharsets.UTF_8);
            List<String> cosigned = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String k : witnessKeys) {
                dev.tandem.ledger.CosignatureVerifier w = dev.tandem.ledger.CosignatureVerifier.parse(k);
                (w.verify(note).isPresent() ? cosigned : missing).add(w.name());
            }
            out.println("  witnesses    " + cosigned.size() + " valid cosignature(s) of " + witnessKeys.size()
                    + ", quorum " + quorum + (cosigned.isEmpty() ? "" : ": " + String.join(", ", cosigned)));
            if (cosigned.size() < quorum) {
                problems.add("witness quorum not met: " + cosigned.size() + " valid cosignature(s) of the " + quorum
                        + " required; none from " + String.join(", ", missing));
            }
        }

        // 3. Every entry: its leaf re-hashed into a fresh frontier, its JSON compared with its leaf.
        TreeSet<Long> sample = chooseSample(size);
        long consistencyFrom = size >= 2 ? 1 + (long) (random.nextDouble() * (size - 1)) : 0;
        TreeMap<Long, byte[]> sampledLeafHashes = new TreeMap<>();
        byte @Nullable [] rootAtFrom = null;
        CompactRange range = CompactRange.empty();
        LocalTree tree = new LocalTree();
        int mismatches = 0;
        long readable = 0;
        long hashesOnly = 0;
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
            // Every page's first and last entry get an inclusion proof, whatever the random sample.
            if (samples > 0) {
                sample.add(from);
                sample.add(from + page.size() - 1);
            }
            for (LedgerClient.ServedEntry e : page) {
                long index = range.size();
                if (e.index() != index) {
                    problems.add("entries out of order: expected index " + index + ", the server sent " + e.index());
                    return verdict(checkpoint);
                }
                @Nullable String trouble = null;
                switch (e) {
                    case LedgerClient.Readable r -> {
                        readable++;
                        trouble = checkEntry(r);
                    }
                    // Only the hash: its place in the tree is checked below, its content cannot be.
                    case LedgerClient.HashOnly _ -> hashesOnly++;
                }
                if (trouble != null) {
                    mismatches++;
                    problems.add("entry " + index + ": " + trouble);
                }
                byte[] leafHash = e.leafHash();
                tree.addAll(range.append(leafHash));
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
        out.println("  entries      " + size + " leaves re-hashed: " + readable + " entries readable, " + hashesOnly
                + " as leaf hashes only"
                + (hashesOnly == 0 ? "" : " (their place in the tree is checked, not their content)")
                + "; "
                + (mismatches == 0
                        ? "every readable entry matches its leaf"
                        : mismatches + " entries differ from their leaves"));

        // 4. The recomputed root must be the signed one.
        byte[] root = range.rootHash();
        boolean rootMatches = Arrays.equals(root, checkpoint.rootHash());
        if (rootMatches) {
            out.println("  root         recomputed root equals the signed checkpoint's");
        } else {
            problems.add("root: the " + size + " entries served hash to " + b64(root) + ", but the signed checkpoint"
                    + " says " + b64(checkpoint.rootHash()) + " (entries were altered, or the log was forked)");
            if (size > 0) {
                locateAlteredEntries(size, checkpoint.rootHash(), tree);
            }
        }

        // 5. The server's proofs must agree with what we recomputed.
        int proved = 0;
        for (var s : sampledLeafHashes.entrySet()) {
            List<byte[]> proof = client.inclusionProof(s.getKey(), size);
            ProofCheck check =
                    ProofVerifier.verifyInclusion(s.getValue(), s.getKey(), size, proof, checkpoint.rootHash());
            if (check instanceof ProofCheck.Tampered(String reason)) {
                String wrongHash = rootMatches ? wrongInclusionHash(s.getKey(), size, proof, tree) : null;
                problems.add(
                        "inclusion proof of entry " + s.getKey() + ": " + (wrongHash != null ? wrongHash : reason));
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
                String wrongHash = rootMatches ? wrongConsistencyHash(consistencyFrom, size, proof, tree) : null;
                problems.add("consistency proof " + consistencyFrom + " -> " + size + ": "
                        + (wrongHash != null ? wrongHash : reason));
            } else {
                out.println("  consistency  " + consistencyFrom + " -> " + size + " verified");
            }
        }
        return verdict(checkpoint);
    }

    /** Null when the served entry is well-formed and its JSON is exactly its leaf. */
    private static @Nullable String checkEntry(LedgerClient.Readable e) {
        byte[] stated = e.statedLeafHash();
        if (stated != null && !Arrays.equals(stated, e.leafHash())) {
            return "the leaf hash stated with the entry, " + b64(stated) + ", is not the hash of its leaf, "
                    + b64(e.leafHash());
        }
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

    /**
     * The recomputed root differs from the signed one: find which entries. Walk down from the signed root: the
     * server's inclusion proofs give the hashes of both halves of a subtree, which are authentic when they hash to the
     * subtree's authentic hash (the signed root at the top); a half whose authentic hash differs from the one the
     * served entries give holds an altered entry, down to single entries (RFC 9162 §2.1.1, §2.1.3).
     */
    private void locateAlteredEntries(long size, byte[] signedRoot, LocalTree tree)
            throws ServerUnavailableException, MalformedAnswerException {
        Map<LeafRange, byte[]> served = new HashMap<>();
        Set<Long> proved = new HashSet<>();
        Deque<LeafRange> todo = new ArrayDeque<>();
        Map<LeafRange, byte[]> authentic = new HashMap<>();
        LeafRange all = new LeafRange(0, size);
        authentic.put(all, signedRoot);
        todo.push(all);
        int named = 0;
        while (!todo.isEmpty() && named < SHOWN) {
            LeafRange r = todo.pop();
            byte[] signed = authentic.get(r);
            if (r.size() == 1) {
                named++;
                problems.add("entry " + r.begin() + ": the served leaf hash is " + b64(MerkleLog.subtreeHash(r, tree))
                        + ", but the signed tree holds " + b64(signed) + " at this index (the entry was altered after"
                        + " it was signed)");
                continue;
            }
            LeafRange left = r.left();
            LeafRange right = r.right();
            byte[] l = servedHash(left, right.begin(), size, served, proved);
            byte[] rr = servedHash(right, left.begin(), size, served, proved);
            if (l == null || rr == null) {
                problems.add("search for the altered entries stopped in " + r + ": the server's inclusion proofs"
                        + (proved.size() >= LOCATE_PROOFS ? " (" + LOCATE_PROOFS + " fetched)" : "")
                        + " do not give the hashes of its halves");
                return;
            }
            if (!Arrays.equals(MerkleLog.nodeHash(l, rr), signed)) {
                problems.add(r + ": the server's inclusion proofs do not lead to the signed tree there (its stored"
                        + " hashes disagree with its signed checkpoint too)");
                continue;
            }
            // Right first, so that the entries are named in ascending order.
            for (var half : List.of(Map.entry(right, rr), Map.entry(left, l))) {
                if (!Arrays.equals(MerkleLog.subtreeHash(half.getKey(), tree), half.getValue())) {
                    authentic.put(half.getKey(), half.getValue());
                    todo.push(half.getKey());
                }
            }
        }
    }

    /**
     * The server's hash of {@code range}, from the inclusion proof of entry {@code witness} (an entry of its sibling,
     * whose audit path holds it); null when the proof does not have the shape RFC 9162 gives it or the budget is spent.
     */
    private byte @Nullable [] servedHash(
            LeafRange range, long witness, long size, Map<LeafRange, byte[]> served, Set<Long> proved)
            throws ServerUnavailableException, MalformedAnswerException {
        byte[] known = served.get(range);
        if (known != null || proved.contains(witness) || proved.size() >= LOCATE_PROOFS) {
            return known;
        }
        proved.add(witness);
        List<byte[]> proof = client.inclusionProof(witness, size);
        List<LeafRange> path = MerkleLog.inclusionPath(witness, size);
        if (proof.size() != path.size()) {
            problems.add("inclusion proof of entry " + witness + ": " + proof.size() + " hashes, a tree of size " + size
                    + " needs " + path.size());
            return null;
        }
        for (int i = 0; i < path.size(); i++) {
            if (proof.get(i).length == MerkleLog.HASH_SIZE) {
                served.put(path.get(i), proof.get(i));
            }
        }
        return served.get(range);
    }

    /** With the root verified, the first hash of a failed inclusion proof that the served entries contradict. */
    private static @Nullable String wrongInclusionHash(long index, long size, List<byte[]> proof, LocalTree tree) {
        List<LeafRange> path = MerkleLog.inclusionPath(index, size);
        if (proof.size() != path.size()) {
            return null;
        }
        for (int i = 0; i < path.size(); i++) {
            byte[] expected = MerkleLog.subtreeHash(path.get(i), tree);
            if (!Arrays.equals(expected, proof.get(i))) {
                return "hash #" + i + " stands for " + path.get(i) + ": the server sent " + b64(proof.get(i))
                        + ", but those entries hash to " + b64(expected) + " (the server's stored hash for "
                        + path.get(i) + " differs from the entries it serves and the root it signed)";
            }
        }
        return null;
    }

    /** With the root verified, the first hash of a failed consistency proof that the served entries contradict. */
    private static @Nullable String wrongConsistencyHash(long from, long to, List<byte[]> proof, LocalTree tree) {
        List<byte[]> expected = MerkleLog.consistencyProof(from, to, tree);
        if (proof.size() != expected.size()) {
            return null;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!Arrays.equals(expected.get(i), proof.get(i))) {
                return "hash #" + i + " is " + b64(proof.get(i)) + ", but the served entries give "
                        + b64(expected.get(i))
                        + " (the server's stored hashes differ from the entries it serves and the root it signed)";
            }
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
