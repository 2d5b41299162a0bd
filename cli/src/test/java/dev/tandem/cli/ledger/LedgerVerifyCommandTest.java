package dev.tandem.cli.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.Node;
import dev.tandem.ledger.NodeId;
import dev.tandem.ledger.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class LedgerVerifyCommandTest {

    static CliRun verify(FakeLedgerServer server, String... extra) {
        List<String> args = new ArrayList<>(
                List.of("ledger", "verify", "--server", server.uri().toString(), "--token", FakeLedgerServer.TOKEN));
        args.addAll(List.of(extra));
        return CliRun.run(args.toArray(String[]::new));
    }

    @Test
    void honestLogVerifiesAcrossSeveralPages() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(2345)) {
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains("(pinned)")
                    .contains("size 2345")
                    .contains("signature verified")
                    .contains("2345 leaves re-hashed: 2345 entries readable, 0 as leaf hashes only;"
                            + " every readable entry matches its leaf")
                    .contains("recomputed root equals the signed checkpoint's")
                    .containsPattern("inclusion    (\\d+) of \\1 proofs verified \\(indices 0, ")
                    .contains("2344)")
                    .containsPattern("consistency  \\d+ -> 2345 verified")
                    .contains("VERIFIED: 2345 entries of tandem/test-install");
            assertThat(server.entryRequests).isEqualTo(3);
            assertThat(r.err()).doesNotContain("warning");
        }
    }

    @Test
    void countsWitnessCosignaturesOnTheServedCheckpointAgainstTheQuorum() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(300)) {
            dev.tandem.ledger.Cosigner w1 = dev.tandem.ledger.Cosigner.generate("witness.example/w1");
            dev.tandem.ledger.Cosigner w2 = dev.tandem.ledger.Cosigner.generate("witness.example/w2");
            server.checkpointOverride =
                    server.honestCheckpoint() + w1.cosign(server.checkpoint().text(), 1_800_000_000L);
            String key = server.signer.verifierKey();
            CliRun one = verify(server, "--key", key, "--witness-key", w1.verifierKey());
            assertThat(one.exit()).as(one.out() + one.err()).isZero();
            assertThat(one.out()).contains("witnesses    1 valid cosignature(s) of 1, quorum 1: witness.example/w1");
            CliRun two =
                    verify(server, "--key", key, "--witness-key", w1.verifierKey(), "--witness-key", w2.verifierKey());
            assertThat(two.exit()).isEqualTo(1);
            assertThat(two.out() + two.err()).contains("witness quorum not met", "witness.example/w2");
            CliRun quorumOne = verify(
                    server,
                    "--key",
                    key,
                    "--witness-key",
                    w1.verifierKey(),
                    "--witness-key",
                    w2.verifierKey(),
                    "--quorum",
                    "1");
            assertThat(quorumOne.exit()).as(quorumOne.out() + quorumOne.err()).isZero();
        }
    }

    @Test
    void provesTheFirstAndLastEntryOfEveryPage() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(2345)) {
            List<Long> proved = new ArrayList<>();
            server.inclusionProofRequests = proved;
            CliRun r = verify(server, "--samples", "2");
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(proved).containsExactlyInAnyOrder(0L, 999L, 1000L, 1999L, 2000L, 2344L);
            assertThat(r.out()).contains("6 of 6 proofs verified (indices 0, 999, 1000, 1999, 2000, 2344)");
        }
    }

    @Test
    void verifiesAPageMixingReadableEntriesAndLeafHashes() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(1200)) {
            // Entries of INC-3 (every fifth) come as leaf hashes only, as to a caller who is not a member.
            for (long i = 3; i < 1200; i += 5) {
                server.hashOnly.add(i);
            }
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).as(r.out() + r.err()).isZero();
            assertThat(r.out())
                    .contains("1200 leaves re-hashed: 960 entries readable, 240 as leaf hashes only (their place in"
                            + " the tree is checked, not their content); every readable entry matches its leaf")
                    .contains("recomputed root equals the signed checkpoint's")
                    .contains("VERIFIED: 1200 entries");
        }
    }

    @Test
    void namesAnEntryWhoseServedLeafHashWasTampered() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(1200)) {
            for (long i = 3; i < 1200; i += 5) {
                server.hashOnly.add(i);
            }
            byte[] forged = MerkleLog.leafHash(server.leaves.get(1013));
            forged[5] ^= 1;
            server.servedLeafHashOverride.put(1013L, forged);
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .contains("root: the 1200 entries served hash to")
                    .contains("- entry 1013: the served leaf hash is "
                            + Base64.getEncoder().encodeToString(forged)
                            + ", but the signed tree holds "
                            + Base64.getEncoder().encodeToString(MerkleLog.leafHash(server.leaves.get(1013))))
                    .doesNotContain("entry 1012:")
                    .doesNotContain("entry 1014:");
        }
    }

    @Test
    void refusesALeafHashThatIsNotASha256Hash() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(10)) {
            server.hashOnly.add(4L);
            server.servedLeafHashOverride.put(4L, new byte[31]);
            CliRun r = verify(server);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("leafHash of entry 4 has 31 bytes, a SHA-256 hash has 32");
        }
    }

    @Test
    void namesTheStoredHashBehindAProofThatNoLongerVerifies() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(40)) {
            // A level-1 node (entries 4–5) edited in the store: the root and the entries are intact, only the
            // proofs of entries 6 and 7 pass through it.
            byte[] forged = new byte[32];
            server.store.put(new Node(new NodeId(1, 2), forged));
            CliRun r = verify(server, "--samples", "40");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .contains("recomputed root equals the signed checkpoint's")
                    .contains("- inclusion proof of entry 6: hash #1 stands for entries 4–5: the server sent "
                            + Base64.getEncoder().encodeToString(forged))
                    .contains("- inclusion proof of entry 7: hash #1 stands for entries 4–5");
        }
    }

    @Test
    void warnsWhenTheKeyIsNotPinned() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(5)) {
            CliRun r = verify(server);
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("(NOT pinned)");
            assertThat(r.err()).contains("warning: the verifier key was not pinned");
        }
    }

    @Test
    void emptyLogVerifies() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(0)) {
            CliRun r = verify(server);
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.out()).contains("VERIFIED: 0 entries");
        }
    }

    @Test
    void detectsAnEntryWhoseShownJsonDiffersFromItsLeaf() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(40)) {
            ObjectNode altered = server.entries.get(17).json().put("actor", "mallory");
            server.servedEntryOverride.put(17L, altered);
            CliRun r = verify(server);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .contains("TAMPERING: 1 problem(s) found")
                    .contains("entry 17: the entry shown differs from its leaf")
                    .contains("mallory");
        }
    }

    @Test
    void detectsALeafRewrittenAfterTheCheckpointWasSigned() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(40)) {
            var rewritten = new dev.tandem.ledger.LedgerEntry(
                    "evidence.added",
                    "INC-3",
                    "alice",
                    server.entries.get(23).at(),
                    FakeLedgerServer.JSON.createObjectNode().put("evidence", "E-999"));
            server.servedLeafOverride.put(23L, rewritten.leaf());
            server.servedEntryOverride.put(23L, rewritten.json());
            CliRun r = verify(server);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .contains("root: the 40 entries served hash to")
                    .contains("entries were altered")
                    .contains("- entry 23: the served leaf hash is "
                            + Base64.getEncoder().encodeToString(MerkleLog.leafHash(rewritten.leaf())))
                    .contains("at this index (the entry was altered after it was signed)");
        }
    }

    @Test
    void detectsAnEmptyLogSignedWithAnotherRoot() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(0)) {
            server.checkpointOverride =
                    server.signer.sign(new Checkpoint("tandem/test-install", 0, new byte[32]).text());
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("root: the 0 entries served hash to");
        }
    }

    @Test
    void detectsACheckpointSignedByAnotherKey() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(10)) {
            NoteSigner impostor = NoteSigner.generate("tandem/test-install");
            server.checkpointOverride = impostor.sign(server.checkpoint().text());
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("checkpoint signature: no signature by tandem/test-install+");
        }
    }

    @Test
    void detectsACheckpointWhoseTextWasEdited() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(10)) {
            server.checkpointOverride = server.honestCheckpoint().replaceFirst("\n10\n", "\n9\n");
            CliRun r = verify(server);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("checkpoint signature: invalid signature");
        }
    }

    @Test
    void detectsAForkedRootSignedWithTheRealKey() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(30)) {
            // The server signs a tree in which entry 4 was different: a fork its entries do not back.
            CompactRange fork = CompactRange.empty();
            for (int i = 0; i < 30; i++) {
                byte[] leaf = i == 4 ? "{\"forged\":1}".getBytes(StandardCharsets.UTF_8) : server.leaves.get(i);
                fork.append(MerkleLog.leafHash(leaf));
            }
            server.checkpointOverride =
                    server.signer.sign(new Checkpoint("tandem/test-install", 30, fork.rootHash()).text());
            CliRun r = verify(server, "--key", server.signer.verifierKey());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out())
                    .contains("root: the 30 entries served hash to")
                    .contains("forked")
                    .contains("- entries 0–29: the server's inclusion proofs do not lead to the signed tree there");
        }
    }

    @Test
    void detectsAServerKeyOtherThanThePinnedOne() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(3)) {
            NoteSigner expected = NoteSigner.generate("tandem/test-install");
            CliRun r = verify(server, "--key", expected.verifierKey());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("the server presents verifier key").contains("not the pinned");
        }
    }

    @Test
    void detectsLyingInclusionProofs() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(100)) {
            server.inclusionTamper = proof -> {
                List<byte[]> p = new ArrayList<>(proof);
                if (!p.isEmpty()) {
                    byte[] h = p.getFirst().clone();
                    h[0] ^= 1;
                    p.set(0, h);
                }
                return p;
            };
            CliRun r = verify(server);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("inclusion proof of entry 0:");
        }
    }

    @Test
    void unreachableServerExitsWith3() throws Exception {
        String url = StubServer.unreachable();
        CliRun r = CliRun.run("ledger", "verify", "--server", url, "--token", "x");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err())
                .contains("cannot reach " + url + "/: connection refused")
                .doesNotContain("ConnectException");
    }

    @Test
    void refusedTokenExitsWith3() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(3)) {
            CliRun r = CliRun.run("ledger", "verify", "--server", server.uri().toString(), "--token", "wrong");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.err()).contains("the server refused the token (401): Unauthorized");
        }
    }

    @Test
    void aRequestTheTokensUserMayNotMakeExitsWith2AndSaysWhy() throws Exception {
        try (FakeLedgerServer server = new FakeLedgerServer(3)) {
            CliRun r = CliRun.run(
                    "ledger", "verify", "--server", server.uri().toString(), "--token", FakeLedgerServer.FORBIDDEN);
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err())
                    .contains("not allowed for this token's user (403): this user may not read the ledger (forbidden)");
        }
    }

    @Test
    void usageErrorsExitWith2() {
        assertThat(CliRun.run("ledger", "verify", "--token", "x").exit()).isEqualTo(2);
        CliRun notUrl = CliRun.run("ledger", "verify", "--server", "ftp://example.org", "--token", "x");
        assertThat(notUrl.exit()).isEqualTo(2);
        assertThat(notUrl.err()).contains("must be an http:// or https:// URL");
        CliRun badKey =
                CliRun.run("ledger", "verify", "--server", "http://127.0.0.1:1", "--token", "x", "--key", "nope");
        assertThat(badKey.exit()).isEqualTo(2);
        assertThat(badKey.err()).contains("--key: malformed verifier key");
    }
}
