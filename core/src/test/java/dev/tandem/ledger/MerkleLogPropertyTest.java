package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proofs from stored subtrees against a naive, recursive transcription of RFC 9162 §2.1 over all leaf hashes, for
 * every size up to 80 exhaustively and random sizes up to 2,048.
 */
class MerkleLogPropertyTest {

    static final int MAX = 2048;
    static final List<byte[]> LEAF_HASHES = new ArrayList<>();
    static final InMemoryNodeStore STORE = new InMemoryNodeStore();

    @BeforeAll
    static void buildLog() {
        CompactRange range = CompactRange.empty();
        for (int i = 0; i < MAX; i++) {
            byte[] leafHash =
                    MerkleLog.leafHash(ByteBuffer.allocate(8).putLong(i * 7919L).array());
            LEAF_HASHES.add(leafHash);
            List<Node> completed = range.append(leafHash);
            assertThat(completed.getFirst().id()).isEqualTo(new NodeId(0, i));
            assertThat(completed).hasSize(1 + Long.numberOfTrailingZeros(i + 1L));
            STORE.putAll(completed);
            // After every append: the frontier's root, the stored tree's root and the RFC's definition agree.
            assertThat(range.rootHash()).isEqualTo(MerkleLog.rootHash(i + 1, STORE));
            if (i < 300 || i % 97 == 0) {
                assertThat(range.rootHash()).isEqualTo(Naive.mth(LEAF_HASHES, 0, i + 1));
            }
        }
        assertThat(STORE.size()).isEqualTo(2L * MAX - 1);
    }

    @Test
    void everyProofOfSmallTreesEqualsTheRfcDefinitionAndVerifies() {
        for (int n = 1; n <= 80; n++) {
            byte[] root = Naive.mth(LEAF_HASHES, 0, n);
            for (int m = 0; m < n; m++) {
                checkInclusion(m, n, root);
            }
            for (int m = 0; m <= n; m++) {
                checkConsistency(m, n, root);
            }
        }
    }

    @Test
    void eachInclusionProofHashIsTheSubtreeHashOfItsNamedRange() {
        for (int n = 1; n <= 80; n++) {
            for (int m = 0; m < n; m++) {
                List<LeafRange> path = MerkleLog.inclusionPath(m, n);
                List<byte[]> proof = MerkleLog.inclusionProof(m, n, STORE);
                assertThat(path).hasSameSizeAs(proof);
                for (int i = 0; i < path.size(); i++) {
                    LeafRange r = path.get(i);
                    assertThat(r.contains(m)).isFalse();
                    assertThat(MerkleLog.subtreeHash(r, STORE))
                            .isEqualTo(proof.get(i))
                            .isEqualTo(Naive.mth(LEAF_HASHES, (int) r.begin(), (int) r.end()));
                }
            }
        }
    }

    @Test
    void randomProofsOfLargerTreesEqualTheRfcDefinitionAndVerify() {
        Random random = new Random(20261127);
        for (int round = 0; round < 40; round++) {
            int n = 1 + random.nextInt(MAX);
            byte[] root = Naive.mth(LEAF_HASHES, 0, n);
            for (int k = 0; k < 12; k++) {
                checkInclusion(random.nextInt(n), n, root);
                checkConsistency(random.nextInt(n + 1), n, root);
            }
            checkInclusion(n - 1, n, root);
            checkConsistency(n - 1, n, root);
        }
    }

    @Test
    void rejectsTamperedProofsWithAReason() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            int n = 2 + random.nextInt(MAX - 1);
            int m = random.nextInt(n);
            byte[] root = MerkleLog.rootHash(n, STORE);
            List<byte[]> proof = MerkleLog.inclusionProof(m, n, STORE);
            byte[] leaf = LEAF_HASHES.get(m);

            assertTampered(ProofVerifier.verifyInclusion(leaf, m, n, flipOneBit(proof, random), root));
            assertTampered(ProofVerifier.verifyInclusion(LEAF_HASHES.get((m + 1) % n), m, n, proof, root));
            assertTampered(ProofVerifier.verifyInclusion(leaf, (m + 1) % n, n, proof, root));
            assertTampered(ProofVerifier.verifyInclusion(leaf, m, n, proof, MerkleLog.rootHash(n - 1, STORE)));
            // The size is bound by the signed root, not by the path: a path for size n checked against the root
            // of another size fails unless both trees happen to share that very path.
            int other = n + 1 + random.nextInt(MAX - n);
            List<byte[]> otherProof = MerkleLog.inclusionProof(m, other, STORE);
            byte[] otherRoot = MerkleLog.rootHash(other, STORE);
            if (!sameHashes(proof, otherProof)) {
                assertTampered(ProofVerifier.verifyInclusion(leaf, m, other, proof, otherRoot));
            }

            int from = 1 + random.nextInt(n - 1);
            byte[] oldRoot = MerkleLog.rootHash(from, STORE);
            List<byte[]> consistency = MerkleLog.consistencyProof(from, n, STORE);
            assertTampered(ProofVerifier.verifyConsistency(from, n, oldRoot, root, flipOneBit(consistency, random)));
            assertTampered(ProofVerifier.verifyConsistency(from, n, root, oldRoot, consistency));
            assertTampered(ProofVerifier.verifyConsistency(
                    from, n, oldRoot, root, consistency.subList(0, consistency.size() - 1)));
            // A forked log: same old tree, a different leaf appended afterwards.
            List<byte[]> forked = new ArrayList<>(LEAF_HASHES.subList(0, n));
            forked.set(n - 1, MerkleLog.leafHash(new byte[] {1, 2, 3}));
            assertTampered(ProofVerifier.verifyConsistency(from, n, oldRoot, Naive.mth(forked, 0, n), consistency));
        }
    }

    @Test
    void eachProofAsksTheStoreOnceForLogarithmicallyManyNodes() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(MAX);
            int bound = 2 * (64 - Long.numberOfLeadingZeros(n)) + 2;
            CountingStore counting = new CountingStore(STORE);
            MerkleLog.inclusionProof(random.nextInt(n), n, counting);
            counting.assertOneBatchOfAtMost(bound);

            counting = new CountingStore(STORE);
            int from = 1 + random.nextInt(n);
            MerkleLog.consistencyProof(from, n, counting);
            if (from == n) {
                assertThat(counting.calls).isZero();
            } else {
                counting.assertOneBatchOfAtMost(bound);
            }

            counting = new CountingStore(STORE);
            MerkleLog.rootHash(n, counting);
            counting.assertOneBatchOfAtMost(64 - Long.numberOfLeadingZeros(n));

            counting = new CountingStore(STORE);
            CompactRange loaded = CompactRange.load(n, counting);
            counting.assertOneBatchOfAtMost(Long.bitCount(n));
            assertThat(loaded.size()).isEqualTo(n);
            assertThat(loaded.rootHash()).isEqualTo(Naive.mth(LEAF_HASHES, 0, n));
        }
    }

    @Test
    void loadedFrontierContinuesExactlyLikeTheOriginal() {
        for (int n : new int[] {0, 1, 2, 3, 7, 8, 1000, 1023, 1024, 1025}) {
            CompactRange loaded = CompactRange.load(n, STORE);
            List<Node> completed = new ArrayList<>();
            for (int i = n; i < Math.min(MAX, n + 40); i++) {
                completed.addAll(loaded.append(LEAF_HASHES.get(i)));
                assertThat(loaded.rootHash()).isEqualTo(MerkleLog.rootHash(i + 1, STORE));
            }
            // Everything the appends return is what the original build stored.
            Map<NodeId, byte[]> stored =
                    STORE.nodes(Set.copyOf(completed.stream().map(Node::id).toList()));
            for (Node node : completed) {
                assertThat(node.hash()).as("%s", node.id()).isEqualTo(stored.get(node.id()));
            }
        }
    }

    private static void checkInclusion(int m, int n, byte[] root) {
        List<byte[]> proof = MerkleLog.inclusionProof(m, n, STORE);
        assertThat(proof)
                .as("PATH(%d, D[%d])", m, n)
                .usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(Naive.path(LEAF_HASHES, m, 0, n));
        assertThat(ProofVerifier.verifyInclusion(LEAF_HASHES.get(m), m, n, proof, root))
                .as("inclusion of %d in %d", m, n)
                .isEqualTo(new ProofCheck.Verified());
    }

    private static void checkConsistency(int m, int n, byte[] root) {
        List<byte[]> proof = MerkleLog.consistencyProof(m, n, STORE);
        List<byte[]> expected = m == 0 || m == n ? List.of() : Naive.subproof(LEAF_HASHES, m, 0, n, true);
        assertThat(proof)
                .as("PROOF(%d, D[%d])", m, n)
                .usingElementComparator(Arrays::compare)
                .containsExactlyElementsOf(expected);
        byte[] oldRoot = Naive.mth(LEAF_HASHES, 0, m);
        assertThat(ProofVerifier.verifyConsistency(m, n, oldRoot, root, proof))
                .as("consistency %d -> %d", m, n)
                .isEqualTo(new ProofCheck.Verified());
    }

    private static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<byte[]> flipOneBit(List<byte[]> proof, Random random) {
        List<byte[]> out = new ArrayList<>(proof);
        int i = random.nextInt(out.size());
        byte[] h = out.get(i).clone();
        h[random.nextInt(h.length)] ^= (byte) (1 << random.nextInt(8));
        out.set(i, h);
        return out;
    }

    private static void assertTampered(ProofCheck check) {
        assertThat(check)
                .isInstanceOfSatisfying(
                        ProofCheck.Tampered.class, t -> assertThat(t.reason()).isNotBlank());
    }

    /** RFC 9162 §2.1.1, §2.1.3.1 and §2.1.4.1, transcribed literally over leaf hashes D[lo:hi]. */
    static final class Naive {

        static byte[] mth(List<byte[]> d, int lo, int hi) {
            int n = hi - lo;
            if (n == 0) {
                return MerkleLog.emptyRootHash();
            }
            if (n == 1) {
                return d.get(lo);
            }
            int k = Integer.highestOneBit(n - 1);
            return MerkleLog.nodeHash(mth(d, lo, lo + k), mth(d, lo + k, hi));
        }

        static List<byte[]> path(List<byte[]> d, int m, int lo, int hi) {
            int n = hi - lo;
            if (n == 1) {
                return new ArrayList<>();
            }
            int k = Integer.highestOneBit(n - 1);
            List<byte[]> p;
            if (m < k) {
                p = path(d, m, lo, lo + k);
                p.add(mth(d, lo + k, hi));
            } else {
                p = path(d, m - k, lo + k, hi);
                p.add(mth(d, lo, lo + k));
            }
            return p;
        }

        static List<byte[]> subproof(List<byte[]> d, int m, int lo, int hi, boolean b) {
            int n = hi - lo;
            if (m == n) {
                List<byte[]> p = new ArrayList<>();
                if (!b) {
                    p.add(mth(d, lo, hi));
                }
                return p;
            }
            int k = Integer.highestOneBit(n - 1);
            List<byte[]> p;
            if (m <= k) {
                p = subproof(d, m, lo, lo + k, b);
                p.add(mth(d, lo + k, hi));
            } else {
                p = subproof(d, m - k, lo + k, hi, false);
                p.add(mth(d, lo, lo + k));
            }
            return p;
        }
    }

    /** Counts batch calls and asked ids, to hold the one-round-trip promise. */
    static final class CountingStore implements NodeStore {
        final NodeStore inner;
        int calls;
        int ids;

        CountingStore(NodeStore inner) {
            this.inner = inner;
        }

        @Override
        public Map<NodeId, byte[]> nodes(Set<NodeId> asked) {
            calls++;
            ids += asked.size();
            return inner.nodes(asked);
        }

        void assertOneBatchOfAtMost(int bound) {
            assertThat(calls).as("store calls").isEqualTo(1);
            assertThat(ids).as("ids asked").isPositive().isLessThanOrEqualTo(bound);
        }
    }
}
