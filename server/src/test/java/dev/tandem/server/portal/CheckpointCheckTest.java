package dev.tandem.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.server.DomainException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A pasted checkpoint against a log of 20 entries, without Spring: what is accepted, what is refused and why. */
class CheckpointCheckTest {
    static final String ORIGIN = "tandem.example/ledger";
    final NoteSigner signer = NoteSigner.generate("tandem.example");
    final InMemoryNodeStore store = new InMemoryNodeStore();
    final CompactRange range = CompactRange.empty();

    CheckpointCheckTest() {
        for (int i = 0; i < 20; i++) {
            append("entry " + i);
        }
    }

    private void append(String leaf) {
        store.putAll(range.append(MerkleLog.leafHash(leaf.getBytes(StandardCharsets.UTF_8))));
    }

    /** The log as {@link VerifiedCheckpoints} gives it, over this test's tree. */
    CheckpointCheck.Log log() {
        long size = range.size();
        byte[] root = range.rootHash();
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        return new CheckpointCheck.Log() {
            @Override
            public String origin() {
                return ORIGIN;
            }

            @Override
            public NoteVerifier verifier() {
                return verifier;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public byte[] root() {
                return root;
            }

            @Override
            public List<byte[]> consistencyProof(long from, long to) {
                return MerkleLog.consistencyProof(from, to, store);
            }
        };
    }

    String note(long size) {
        return signer.sign(new Checkpoint(ORIGIN, size, MerkleLog.rootHash(size, store)).text());
    }

    @Test
    void anOlderCheckpointOfThisLogIsAcceptedPastedWithCrLfAndWithoutTheLastNewline() {
        String note = note(13);
        append("entry 20");
        CheckpointCheck.Verified v =
                CheckpointCheck.check(note.replace("\n", "\r\n").stripTrailing(), log());
        assertThat(v.checkpoint().size()).isEqualTo(13);
        assertThat(v.note()).isEqualTo(note);
        assertThat(CheckpointCheck.consistent(13, v.checkpoint().rootHash(), log())
                        .ok())
                .isTrue();
    }

    @Test
    void theCurrentCheckpointIsAcceptedWithAWitnessCosignatureOfAnotherKey() {
        String note = note(20);
        String cosigned =
                note + "— witness.example " + java.util.Base64.getEncoder().encodeToString(new byte[72]) + "\n";
        assertThat(CheckpointCheck.check(cosigned, log()).checkpoint().size()).isEqualTo(20);
    }

    @Test
    void aNoteWhoseRootWasAlteredHasABadSignature() {
        String note = note(13);
        String root = note.lines().toList().get(2);
        String tampered = note.replace(root, java.util.Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> CheckpointCheck.check(tampered, log()))
                .isInstanceOf(DomainException.class)
                .hasMessageStartingWith("note: invalid signature")
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo("bad-signature");
    }

    @Test
    void aNoteSignedByAnotherKeyIsRefused() {
        NoteSigner other = NoteSigner.generate("tandem.example");
        String foreign = other.sign(new Checkpoint(ORIGIN, 13, MerkleLog.rootHash(13, store)).text());
        assertThatThrownBy(() -> CheckpointCheck.check(foreign, log()))
                .hasMessageStartingWith("note: no signature by tandem.example+")
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo("bad-signature");
    }

    @Test
    void aNoteOfAnotherLogNamesItsOrigin() {
        String foreign = signer.sign(new Checkpoint("other.example/log", 13, MerkleLog.rootHash(13, store)).text());
        assertThatThrownBy(() -> CheckpointCheck.check(foreign, log()))
                .hasMessageContaining("\"other.example/log\", not of this server's log \"" + ORIGIN + "\"")
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("unknown-origin");
                    assertThat(e.title()).isEqualTo("Unreadable input");
                });
    }

    @Test
    void aSizeLargerThanTheLogIsRefused() {
        String future = signer.sign(new Checkpoint(ORIGIN, 25, MerkleLog.rootHash(13, store)).text());
        assertThatThrownBy(() -> CheckpointCheck.check(future, log()))
                .hasMessageStartingWith("note: the checkpoint's size 25 is larger than the log's 20: ")
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("size-beyond-log");
                    // not a typing error: this server signed a history its log no longer holds
                    assertThat(e.title()).isEqualTo(CheckpointCheck.INCONSISTENT);
                });
    }

    @Test
    void aSignedCheckpointOfAForkIsNotConsistent() {
        // signed by this key, but of a tree the log does not extend: a rewritten history
        String fork = signer.sign(new Checkpoint(ORIGIN, 13, MerkleLog.rootHash(12, store)).text());
        assertThatThrownBy(() -> CheckpointCheck.check(fork, log()))
                .hasMessageStartingWith("note: the log now is not consistent with this checkpoint: ")
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.code()).isEqualTo("not-consistent");
                    assertThat(e.title()).isEqualTo("Signed checkpoint the log does not extend");
                });
    }

    @Test
    void blankOrUnsignedTextIsRefusedNamingTheNote() {
        assertThatThrownBy(() -> CheckpointCheck.check("  \n", log()))
                .hasMessageStartingWith("note: paste the signed checkpoint");
        assertThatThrownBy(() -> CheckpointCheck.check(ORIGIN + "\n13\nAAAA\n", log()))
                .hasMessageStartingWith("note: no signature")
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo("bad-note");
    }
}
