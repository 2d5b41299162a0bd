package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ledger.CanonicalJson;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofVerifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * What an auditor who trusts nothing but the verifier key does: downloads every entry, recomputes
 * the RFC 9162 tree, and checks the signed checkpoint and the server's proofs against it.
 */
final class LedgerAudit {
    private LedgerAudit() {}

    /**
     * The log as recomputed by the auditor, up to the checkpoint it verified; {@code entries} holds a missing node
     * for an entry served as its leaf hash only.
     */
    record VerifiedLog(
            Checkpoint checkpoint,
            String verifierKey,
            List<byte[]> leafHashes,
            List<JsonNode> entries,
            InMemoryNodeStore nodes) {
        long size() {
            return checkpoint.size();
        }

        /** The root the auditor computes for the first {@code size} entries. */
        byte[] rootAt(long size) {
            return MerkleLog.rootHash(size, nodes);
        }
    }

    static Checkpoint openCheckpoint(String verifierKey, String signedNote) {
        NoteCheck opened = NoteVerifier.parse(verifierKey).open(signedNote);
        assertThat(opened.ok()).as("checkpoint signature: %s", opened).isTrue();
        return Checkpoint.parse(((NoteCheck.Opened) opened).text());
    }

    static VerifiedLog verify(TandemClient api) {
        String key = api.getText("/api/v1/ledger/key").strip();
        Checkpoint cp = openCheckpoint(key, api.getText("/api/v1/ledger/checkpoint"));
        CompactRange range = CompactRange.empty();
        InMemoryNodeStore nodes = new InMemoryNodeStore();
        List<byte[]> leafHashes = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        for (long from = 0; from < cp.size(); from += 1000) {
            long to = Math.min(cp.size(), from + 1000);
            JsonNode page = api.getJson("/api/v1/ledger/entries?from=" + from + "&to=" + to);
            assertThat(page.size()).as("entries [%d, %d)", from, to).isEqualTo((int) (to - from));
            for (JsonNode e : page) {
                assertThat(e.path("index").asLong())
                        .as("indices are contiguous")
                        .isEqualTo(range.size());
                byte[] h;
                if (e.has("leaf")) {
                    byte[] leaf = Base64.getDecoder().decode(e.path("leaf").asString());
                    LedgerEntry parsed = LedgerEntry.fromLeaf(leaf);
                    assertThat(CanonicalJson.canonicalize(e.path("entry")))
                            .as("entry %d shown as its leaf", range.size())
                            .isEqualTo(leaf);
                    assertThat(parsed.type())
                            .isEqualTo(e.path("entry").path("type").asString());
                    h = MerkleLog.leafHash(leaf);
                    entries.add(e.path("entry"));
                } else {
                    // docs/contracts.md §1: an entry of an incident the caller is not a member of comes as its leaf
                    // hash only; its place in the tree is checked, its content cannot be.
                    assertThat(e.has("leafHash"))
                            .as("entry %d has a leaf or a leaf hash", range.size())
                            .isTrue();
                    h = Base64.getDecoder().decode(e.path("leafHash").asString());
                    assertThat(h).as("leaf hash of entry %d", range.size()).hasSize(32);
                    entries.add(MissingNode.getInstance());
                }
                leafHashes.add(h);
                nodes.putAll(range.append(h));
            }
        }
        assertThat(range.size()).isEqualTo(cp.size());
        assertThat(range.rootHash())
                .as("root recomputed from the entries equals the signed checkpoint's")
                .isEqualTo(cp.rootHash());
        long step = Math.max(1, cp.size() / 20);
        for (long i = 0; i < cp.size(); i += step) {
            checkInclusion(api, cp, leafHashes.get((int) i), i);
        }
        if (cp.size() > 0) {
            checkInclusion(api, cp, leafHashes.getLast(), cp.size() - 1);
        }
        VerifiedLog log = new VerifiedLog(cp, key, leafHashes, entries, nodes);
        if (cp.size() > 1) {
            checkConsistency(api, log, Math.max(1, cp.size() / 3), cp.size());
        }
        return log;
    }

    static void checkInclusion(TandemClient api, Checkpoint cp, byte[] leafHash, long index) {
        JsonNode proof = api.getJson("/api/v1/ledger/proof/inclusion?index=" + index + "&size=" + cp.size());
        assertThat(ProofVerifier.verifyInclusion(
                        leafHash, index, cp.size(), decode(proof.path("hashes")), cp.rootHash()))
                .as("inclusion of %d in %d", index, cp.size())
                .matches(c -> c.ok());
    }

    /** The server's consistency proof from {@code m} to {@code n} against the roots the auditor computed. */
    static void checkConsistency(TandemClient api, VerifiedLog log, long m, long n) {
        JsonNode proof = api.getJson("/api/v1/ledger/proof/consistency?from=" + m + "&to=" + n);
        assertThat(ProofVerifier.verifyConsistency(m, n, log.rootAt(m), log.rootAt(n), decode(proof.path("hashes"))))
                .as("consistency %d -> %d", m, n)
                .matches(c -> c.ok());
    }

    static List<byte[]> decode(JsonNode hashes) {
        List<byte[]> out = new ArrayList<>();
        hashes.forEach(h -> out.add(Base64.getDecoder().decode(h.asString())));
        return out;
    }
}
