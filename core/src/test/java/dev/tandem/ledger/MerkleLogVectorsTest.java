package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Published vectors: RFC 6962 trees over the 8 standard leaves of transparency-dev/merkle
 * ({@code testonly/constants.go}), its proof vectors and corruptions ({@code proof/verify_test.go}), and its
 * {@code testdata/} files, copied under {@code transparency-dev/} in the test resources.
 */
class MerkleLogVectorsTest {

    static final List<byte[]> LEAVES = Stream.of(
                    "", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f")
            .map(MerkleLogVectorsTest::hex)
            .toList();

    /** RootHashes() of constants.go, for sizes 0 to 8. */
    static final List<String> ROOTS = List.of(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

    /** NodeHashes() of constants.go: every perfect subtree, by level then index. */
    static final List<List<String>> NODE_HASHES = List.of(
            List.of(
                    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
            List.of(
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
            List.of(
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
            List.of("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

    record InclusionVector(long index, long size, List<String> proof) {}

    record ConsistencyVector(long from, long to, List<String> proof) {}

    /** inclusionProofs of verify_test.go (whose leaf numbers are 1-based; these indices are 0-based). */
    static final List<InclusionVector> INCLUSION = List.of(
            new InclusionVector(0, 1, List.of()),
            new InclusionVector(
                    0,
                    8,
                    List.of(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new InclusionVector(
                    5,
                    8,
                    List.of(
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new InclusionVector(2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")),
            new InclusionVector(
                    1,
                    5,
                    List.of(
                            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")));

    /** consistencyProofs of verify_test.go. */
    static final List<ConsistencyVector> CONSISTENCY = List.of(
            new ConsistencyVector(1, 1, List.of()),
            new ConsistencyVector(
                    1,
                    8,
                    List.of(
                            "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")),
            new ConsistencyVector(
                    6,
                    8,
                    List.of(
                            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")),
            new ConsistencyVector(
                    2,
                    5,
                    List.of(
                            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")),
            new ConsistencyVector(
                    6,
                    7,
                    List.of(
                            "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                            "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")));

    static final byte[] SOME_HASH = hex("abacaba000000000000000000000000000000000000000000060061e00123456");

    static InMemoryNodeStore standardTree() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        for (byte[] leaf : LEAVES) {
            store.putAll(range.append(MerkleLog.leafHash(leaf)));
        }
        return store;
    }

    @Test
    void rootsOfTheStandardLeavesMatchRfc6962ForEverySize() {
        InMemoryNodeStore store = standardTree();
        CompactRange range = CompactRange.empty();
        assertThat(range.rootHash()).asHexString().isEqualToIgnoringCase(ROOTS.get(0));
        for (int size = 0; size <= 8; size++) {
            assertThat(MerkleLog.rootHash(size, store))
                    .as("root of size %d", size)
                    .isEqualTo(hex(ROOTS.get(size)));
            if (size < 8) {
                range.append(MerkleLog.leafHash(LEAVES.get(size)));
                assertThat(range.rootHash()).isEqualTo(hex(ROOTS.get(size + 1)));
            }
        }
    }

    @Test
    void storesExactlyThePerfectSubtreesOfTheReference() {
        InMemoryNodeStore store = standardTree();
        assertThat(store.size()).isEqualTo(8 + 4 + 2 + 1);
        for (int level = 0; level < NODE_HASHES.size(); level++) {
            for (int index = 0; index < NODE_HASHES.get(level).size(); index++) {
                NodeId id = new NodeId(level, index);
                assertThat(store.nodes(java.util.Set.of(id)).get(id))
                        .as("%s", id)
                        .isEqualTo(hex(NODE_HASHES.get(level).get(index)));
            }
        }
    }

    @Test
    void treeOverABCMatchesTheKnownRoot() {
        InMemoryNodeStore store = new InMemoryNodeStore();
        CompactRange range = CompactRange.empty();
        for (String s : List.of("a", "b", "c")) {
            store.putAll(range.append(MerkleLog.leafHash(s.getBytes(StandardCharsets.UTF_8))));
        }
        byte[] expected = hex("36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1");
        assertThat(range.rootHash()).isEqualTo(expected);
        assertThat(MerkleLog.rootHash(3, store)).isEqualTo(expected);
    }

    @Test
    void emptyTreeHashesToTheHashOfTheEmptyString() {
        assertThat(MerkleLog.rootHash(0, new InMemoryNodeStore())).isEqualTo(hex(ROOTS.get(0)));
    }

    @ParameterizedTest
    @MethodSource("inclusionVectors")
    void producesAndVerifiesThePublishedInclusionProofs(InclusionVector v) {
        InMemoryNodeStore store = standardTree();
        List<byte[]> expected =
                v.proof().stream().map(MerkleLogVectorsTest::hex).toList();
        assertThat(MerkleLog.inclusionProof(v.index(), v.size(), store))
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(expected);
        byte[] leafHash = MerkleLog.leafHash(LEAVES.get((int) v.index()));
        byte[] root = hex(ROOTS.get((int) v.size()));
        assertThat(ProofVerifier.verifyInclusion(leafHash, v.index(), v.size(), expected, root))
                .isEqualTo(new ProofCheck.Verified());
        for (InclusionProbe p : corruptInclusion(v.index(), v.size(), expected, root, leafHash)) {
            assertThat(ProofVerifier.verifyInclusion(p.leafHash, p.index, p.size, p.proof, p.root))
                    .as(p.desc)
                    .isInstanceOfSatisfying(
                            ProofCheck.Tampered.class,
                            t -> assertThat(t.reason()).isNotBlank());
        }
    }

    @ParameterizedTest
    @MethodSource("consistencyVectors")
    void producesAndVerifiesThePublishedConsistencyProofs(ConsistencyVector v) {
        InMemoryNodeStore store = standardTree();
        List<byte[]> expected =
                v.proof().stream().map(MerkleLogVectorsTest::hex).toList();
        assertThat(MerkleLog.consistencyProof(v.from(), v.to(), store))
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(expected);
        byte[] root1 = hex(ROOTS.get((int) v.from()));
        byte[] root2 = hex(ROOTS.get((int) v.to()));
        assertThat(ProofVerifier.verifyConsistency(v.from(), v.to(), root1, root2, expected)
                        .ok())
                .isTrue();
        if (expected.isEmpty()) {
            return; // as upstream: corruptions are defined for non-trivial proofs
        }
        for (ConsistencyProbe p : corruptConsistency(v.from(), v.to(), root1, root2, expected)) {
            assertThat(ProofVerifier.verifyConsistency(p.from, p.to, p.root1, p.root2, p.proof))
                    .as(p.desc)
                    .isInstanceOf(ProofCheck.Tampered.class);
        }
    }

    /** TestVerifyInclusion's probes of impossible index/size pairs with an empty proof. */
    @Test
    void rejectsInclusionForImpossibleIndexAndSize() {
        byte[] empty = hex(ROOTS.get(0));
        long[][] probes = {{0, 0}, {0, 1}, {1, 0}, {2, 1}};
        for (long[] p : probes) {
            assertThat(ProofVerifier.verifyInclusion(SOME_HASH, p[0], p[1], List.of(), new byte[0])
                            .ok())
                    .isFalse();
            assertThat(ProofVerifier.verifyInclusion(new byte[0], p[0], p[1], List.of(), empty)
                            .ok())
                    .isFalse();
            assertThat(ProofVerifier.verifyInclusion(SOME_HASH, p[0], p[1], List.of(), empty)
                            .ok())
                    .isFalse();
        }
    }

    /** TestVerifyConsistency's table of trivial cases. */
    @Test
    void handlesTheTrivialConsistencyCasesAsUpstream() {
        byte[] r1 = hex(ROOTS.get(1));
        byte[] r2 = hex(ROOTS.get(2));
        byte[] empty = hex(ROOTS.get(0));
        List<byte[]> none = List.of();
        List<byte[]> one = List.of(empty);
        assertThat(ProofVerifier.verifyConsistency(0, 0, r1, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, r1, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 0, r1, r1, none).ok()).isTrue();
        assertThat(ProofVerifier.verifyConsistency(0, 1, r1, r2, none).ok()).isTrue();
        assertThat(ProofVerifier.verifyConsistency(1, 1, r2, r2, none).ok()).isTrue();
        assertThat(ProofVerifier.verifyConsistency(1, 0, r1, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(2, 1, r1, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 2, r1, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 0, empty, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, empty, r2, none).ok()).isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 0, empty, empty, one).ok())
                .isFalse();
        assertThat(ProofVerifier.verifyConsistency(0, 1, empty, empty, one).ok())
                .isFalse();
        assertThat(ProofVerifier.verifyConsistency(1, 1, empty, empty, one).ok())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "inclusion-0-of-8-happy-path.json",
                "inclusion-0-of-8-wrong-leaf.json",
                "inclusion-0-of-8-removed-component.json",
                "inclusion-0-of-8-modified-proof-1-bit-3.json",
                "inclusion-0-of-8-tree-size-div-2.json",
                "inclusion-1-of-5-happy-path.json"
            })
    void agreesWithTransparencyDevInclusionFixtures(String file) {
        JsonNode t = fixture(file);
        ProofCheck check = ProofVerifier.verifyInclusion(
                b64(t.get("leafHash")),
                t.get("leafIdx").asLong(),
                t.get("treeSize").asLong(),
                b64List(t.get("proof")),
                b64(t.get("root")));
        assertThat(check.ok())
                .as(t.get("desc").asString())
                .isEqualTo(!t.get("wantErr").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "consistency-1-to-8-happy-path.json",
                "consistency-1-to-8-swapped-roots.json",
                "consistency-1-to-8-truncated-proof.json",
                "consistency-6-to-7-happy-path.json",
                "consistency-6-to-8-modified-proof-1-bit-4.json"
            })
    void agreesWithTransparencyDevConsistencyFixtures(String file) {
        JsonNode t = fixture(file);
        ProofCheck check = ProofVerifier.verifyConsistency(
                t.get("size1").asLong(),
                t.get("size2").asLong(),
                b64(t.get("root1")),
                b64(t.get("root2")),
                b64List(t.get("proof")));
        assertThat(check.ok())
                .as(t.get("desc").asString())
                .isEqualTo(!t.get("wantErr").asBoolean());
    }

    @Test
    void refusesToProveWhatIsOutsideTheTree() {
        InMemoryNodeStore store = standardTree();
        assertThatThrownBy(() -> MerkleLog.inclusionProof(8, 8, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleLog.inclusionProof(-1, 8, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleLog.consistencyProof(5, 4, store)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleLog.rootHash(9, store))
                .isInstanceOf(MissingNodesException.class)
                .hasMessageContaining("level 0, index 8");
    }

    record InclusionProbe(long index, long size, byte[] root, byte[] leafHash, List<byte[]> proof, String desc) {}

    record ConsistencyProbe(long from, long to, byte[] root1, byte[] root2, List<byte[]> proof, String desc) {}

    /** corruptInclusionProof of verify_test.go. */
    static List<InclusionProbe> corruptInclusion(
            long index, long size, List<byte[]> proof, byte[] root, byte[] leafHash) {
        List<InclusionProbe> ret = new ArrayList<>(List.of(
                new InclusionProbe(index - 1, size, root, leafHash, proof, "leafIndex - 1"),
                new InclusionProbe(index + 1, size, root, leafHash, proof, "leafIndex + 1"),
                new InclusionProbe(index ^ 2, size, root, leafHash, proof, "leafIndex ^ 2"),
                new InclusionProbe(index, size * 2, root, leafHash, proof, "treeSize * 2"),
                new InclusionProbe(index, size / 2, root, leafHash, proof, "treeSize / 2"),
                new InclusionProbe(
                        index, size, root, "WrongLeaf".getBytes(StandardCharsets.UTF_8), proof, "wrong leaf"),
                new InclusionProbe(index, size, hex(ROOTS.get(0)), leafHash, proof, "empty root"),
                new InclusionProbe(index, size, SOME_HASH, leafHash, proof, "random root"),
                new InclusionProbe(index, size, root, leafHash, with(proof, new byte[0], false), "trailing garbage"),
                new InclusionProbe(index, size, root, leafHash, with(proof, root, false), "trailing root"),
                new InclusionProbe(index, size, root, leafHash, with(proof, new byte[0], true), "preceding garbage"),
                new InclusionProbe(index, size, root, leafHash, with(proof, root, true), "preceding root")));
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> wrong = new ArrayList<>(proof);
            byte[] h = wrong.get(i).clone();
            h[0] ^= 8;
            wrong.set(i, h);
            ret.add(new InclusionProbe(index, size, root, leafHash, wrong, "modified proof[" + i + "] bit 3"));
        }
        if (!proof.isEmpty()) {
            ret.add(new InclusionProbe(
                    index, size, root, leafHash, proof.subList(0, proof.size() - 1), "removed component"));
        }
        if (proof.size() > 1) {
            List<byte[]> wrong = new ArrayList<>();
            wrong.add(proof.getFirst());
            wrong.add(SOME_HASH);
            wrong.addAll(proof.subList(1, proof.size()));
            ret.add(new InclusionProbe(index, size, root, leafHash, wrong, "inserted component"));
        }
        return ret;
    }

    /** corruptConsistencyProof of verify_test.go. */
    static List<ConsistencyProbe> corruptConsistency(
            long from, long to, byte[] root1, byte[] root2, List<byte[]> proof) {
        byte[] wrongRoot = "WrongRoot".getBytes(StandardCharsets.UTF_8);
        List<ConsistencyProbe> ret = new ArrayList<>(List.of(
                new ConsistencyProbe(from - 1, to, root1, root2, proof, "size1 - 1"),
                new ConsistencyProbe(from + 1, to, root1, root2, proof, "size1 + 1"),
                new ConsistencyProbe(from ^ 2, to, root1, root2, proof, "size1 ^ 2"),
                new ConsistencyProbe(from, to * 2, root1, root2, proof, "size2 * 2"),
                new ConsistencyProbe(from, to / 2, root1, root2, proof, "size2 / 2"),
                new ConsistencyProbe(from, to, wrongRoot, root2, proof, "wrong root1"),
                new ConsistencyProbe(from, to, root1, wrongRoot, proof, "wrong root2"),
                new ConsistencyProbe(from, to, root2, root1, proof, "swapped roots"),
                new ConsistencyProbe(from, to, root1, root2, List.of(), "empty proof"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, new byte[0], false), "trailing garbage"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, root1, false), "trailing root1"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, root2, false), "trailing root2"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, new byte[0], true), "preceding garbage"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, root1, true), "preceding root1"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, root2, true), "preceding root2"),
                new ConsistencyProbe(from, to, root1, root2, with(proof, proof.getFirst(), true), "preceding proof[0]"),
                new ConsistencyProbe(from, to, root1, root2, proof.subList(0, proof.size() - 1), "truncated proof")));
        for (int i = 0; i < proof.size(); i++) {
            List<byte[]> wrong = new ArrayList<>(proof);
            byte[] h = wrong.get(i).clone();
            h[0] ^= 16;
            wrong.set(i, h);
            ret.add(new ConsistencyProbe(from, to, root1, root2, wrong, "modified proof[" + i + "] bit 4"));
        }
        return ret;
    }

    static Stream<InclusionVector> inclusionVectors() {
        return INCLUSION.stream();
    }

    static Stream<ConsistencyVector> consistencyVectors() {
        return CONSISTENCY.stream();
    }

    private static List<byte[]> with(List<byte[]> proof, byte[] extra, boolean atFront) {
        List<byte[]> out = new ArrayList<>(proof);
        if (atFront) {
            out.addFirst(extra);
        } else {
            out.add(extra);
        }
        return out;
    }

    private static JsonNode fixture(String file) {
        try (InputStream in = MerkleLogVectorsTest.class.getResourceAsStream("transparency-dev/" + file)) {
            assertThat(in).as(file).isNotNull();
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] b64(JsonNode n) {
        return Base64.getDecoder().decode(n.asString());
    }

    private static List<byte[]> b64List(JsonNode n) {
        List<byte[]> out = new ArrayList<>();
        n.forEach(e -> out.add(b64(e)));
        return out;
    }

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }
}
