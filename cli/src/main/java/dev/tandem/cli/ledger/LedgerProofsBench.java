package dev.tandem.cli.ledger;

import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.ProofVerifier;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench ledger-proofs}: inclusion and consistency proofs over stored subtree hashes at a million
 * entries, side by side with the reference they replace: the same proof computed from the leaf hashes by the
 * recursive definition of RFC 9162 §2.1.3.1 (O(n) hashes per proof).
 */
@Command(
        name = "ledger-proofs",
        mixinStandardHelpOptions = true,
        description = {
            "Times ledger proofs from stored subtree hashes against recomputing them from the leaves.",
            "",
            "Inclusion and consistency proofs from stored subtree hashes (in-memory node store) against a naive"
                    + " recompute-from-leaves proof over the same log; prints p50/p99 and the ratio."
        })
public final class LedgerProofsBench implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--entries",
            paramLabel = "N",
            defaultValue = "1000000",
            description = "Log size (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(
            names = "--proofs",
            paramLabel = "N",
            defaultValue = "10000",
            description = "Proofs of each kind (default: ${DEFAULT-VALUE}).")
    int proofs;

    @Option(
            names = "--naive",
            paramLabel = "N",
            defaultValue = "10",
            description = "Naive reference proofs, each O(entries) hashes (default: ${DEFAULT-VALUE}).")
    int naive;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "20261127",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (entries < 2 || proofs < 1 || naive < 1) {
            spec.commandLine()
                    .getErr()
                    .println("tandem bench ledger-proofs: need --entries >= 2, --proofs >= 1, --naive >= 1");
            return 2;
        }
        SplittableRandom random = new SplittableRandom(seed);

        long t0 = System.nanoTime();
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        byte[][] leafHashes = new byte[entries][];
        for (int i = 0; i < entries; i++) {
            byte[] leaf = ("{\"actor\":\"bench\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
            leafHashes[i] = MerkleLog.leafHash(leaf);
            store.putAll(range.append(leafHashes[i]));
        }
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        byte[] root = range.rootHash();
        out.printf(
                Locale.ROOT,
                "ledger-proofs: %,d entries appended through CompactRange into an InMemoryNodeStore of %,d nodes"
                        + " in %.1f s (%,.0f appends/s)%n",
                entries,
                store.size(),
                buildSeconds,
                entries / buildSeconds);

        // Warm-up, untimed, so the JIT has compiled the paths being measured.
        for (int i = 0; i < Math.min(proofs, 3000); i++) {
            long idx = random.nextLong(entries);
            MerkleLog.inclusionProof(idx, entries, store);
            long to = 2 + random.nextLong(entries - 1);
            MerkleLog.consistencyProof(1 + random.nextLong(to - 1), to, store);
        }

        long[] incProve = new long[proofs];
        long[] incVerify = new long[proofs];
        long[] conProve = new long[proofs];
        long[] conVerify = new long[proofs];
        int failures = 0;
        for (int i = 0; i < proofs; i++) {
            long idx = random.nextLong(entries);
            long a = System.nanoTime();
            List<byte[]> p = MerkleLog.inclusionProof(idx, entries, store);
            long b = System.nanoTime();
            boolean ok = ProofVerifier.verifyInclusion(leafHashes[(int) idx], idx, entries, p, root)
                    .ok();
            long c = System.nanoTime();
            incProve[i] = b - a;
            incVerify[i] = c - b;
            failures += ok ? 0 : 1;
        }
        for (int i = 0; i < proofs; i++) {
            long to = 2 + random.nextLong(entries - 1);
            long from = 1 + random.nextLong(to - 1);
            byte[] oldRoot = MerkleLog.rootHash(from, store);
            byte[] newRoot = MerkleLog.rootHash(to, store);
            long a = System.nanoTime();
            List<byte[]> p = MerkleLog.consistencyProof(from, to, store);
            long b = System.nanoTime();
            boolean ok = ProofVerifier.verifyConsistency(from, to, oldRoot, newRoot, p)
                    .ok();
            long c = System.nanoTime();
            conProve[i] = b - a;
            conVerify[i] = c - b;
            failures += ok ? 0 : 1;
        }

        // The reference: the same inclusion proofs from the leaves, without stored subtrees.
        long[] naiveProve = new long[naive];
        for (int i = 0; i < naive; i++) {
            int idx = (int) random.nextLong(entries);
            long a = System.nanoTime();
            List<byte[]> p = naivePath(leafHashes, idx, 0, entries);
            naiveProve[i] = System.nanoTime() - a;
            if (!ProofVerifier.verifyInclusion(leafHashes[idx], idx, entries, p, root)
                    .ok()) {
                failures++;
            }
        }

        out.printf(Locale.ROOT, "%-62s %12s %12s%n", "per proof (" + entries + " entries)", "p50", "p99");
        row(out, "inclusion proof, stored subtrees (" + proofs + " random)", incProve);
        row(out, "  verification (RFC 9162 §2.1.3.2)", incVerify);
        row(out, "consistency proof, stored subtrees (" + proofs + " random)", conProve);
        row(out, "  verification (RFC 9162 §2.1.4.2)", conVerify);
        row(out, "reference: inclusion proof recomputed from leaves (" + naive + ")", naiveProve);
        out.printf(
                Locale.ROOT,
                "ratio: the reference takes %,.0fx the stored-subtree inclusion proof at p50%n",
                (double) percentile(naiveProve, 50) / Math.max(1, percentile(incProve, 50)));
        out.printf(
                Locale.ROOT,
                "target p99 < 5 ms at 1,000,000 entries: inclusion %s, consistency %s (in-memory store; a database"
                        + " store adds its one round trip per proof)%n",
                millis(percentile(incProve, 99)),
                millis(percentile(conProve, 99)));
        if (failures > 0) {
            out.println("ERROR: " + failures + " proofs did not verify");
            return 1;
        }
        out.println("all " + (2 * proofs + naive) + " proofs verified");
        out.flush();
        return 0;
    }

    /** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]) from the leaf hashes, as the RFC defines it. */
    static List<byte[]> naivePath(byte[][] d, int m, int lo, int hi) {
        if (hi - lo == 1) {
            return new ArrayList<>();
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        List<byte[]> p;
        if (m < lo + k) {
            p = naivePath(d, m, lo, lo + k);
            p.add(naiveMth(d, lo + k, hi));
        } else {
            p = naivePath(d, m, lo + k, hi);
            p.add(naiveMth(d, lo, lo + k));
        }
        return p;
    }

    /** RFC 9162 §2.1.1 MTH(D[lo:hi]). */
    static byte[] naiveMth(byte[][] d, int lo, int hi) {
        if (hi - lo == 1) {
            return d[lo];
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        return MerkleLog.nodeHash(naiveMth(d, lo, lo + k), naiveMth(d, lo + k, hi));
    }

    private static void row(PrintWriter out, String label, long[] nanos) {
        out.printf(
                Locale.ROOT, "%-62s %12s %12s%n", label, micros(percentile(nanos, 50)), micros(percentile(nanos, 99)));
    }

    static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String micros(long nanos) {
        return nanos >= 10_000_000
                ? String.format(Locale.ROOT, "%.1f ms", nanos / 1e6)
                : String.format(Locale.ROOT, "%.1f µs", nanos / 1e3);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
    }
}
