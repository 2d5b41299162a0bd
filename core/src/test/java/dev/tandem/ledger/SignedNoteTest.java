package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** C2SP signed-note with the spec's (and Go's) PeterNeumann example key and note, and notes named by defect. */
class SignedNoteTest {

    static final String VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String SIGNATURE =
            "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    @Test
    void specExampleKeyVerifiesSpecExampleNote() {
        NoteCheck check = NoteVerifier.parse(VKEY).open(TEXT + "\n" + SIGNATURE);
        assertThat(check).isEqualTo(new NoteCheck.Opened(TEXT));
    }

    @Test
    void signsTheSpecExampleExactlyAsGoDoes() {
        NoteSigner signer = NoteSigner.fromPrivateKey(SKEY);
        assertThat(signer.verifierKey()).isEqualTo(VKEY);
        assertThat(signer.keyName()).isEqualTo("PeterNeumann");
        assertThat(signer.privateKey()).isEqualTo(SKEY);
        // Ed25519 is deterministic (RFC 8032), so the whole note is byte-identical to Go's.
        assertThat(signer.sign(TEXT)).isEqualTo(TEXT + "\n" + SIGNATURE);
    }

    @ParameterizedTest
    @CsvSource({
        "peter-neumann.note, true, ''",
        "peter-neumann-cosigned-by-unknown-key.note, true, ''",
        "peter-neumann-with-modified-text.note, false, invalid signature by PeterNeumann+c74f20a3",
        "peter-neumann-with-corrupted-signature.note, false, invalid signature by PeterNeumann+c74f20a3",
        "note-signed-only-by-unknown-key.note, false, 'no signature by PeterNeumann+c74f20a3; signed only by EnochRoot+'",
        "note-without-empty-line-before-signatures.note, false, no empty line before the signatures",
        "note-with-ascii-dashes-instead-of-em-dash.note, false, does not start with",
        "note-with-signature-not-base64.note, false, not standard base64",
        "note-without-final-newline.note, false, end with a newline",
        "note-with-carriage-return.note, false, control characters",
    })
    void opensOrRejectsFixturesNamedByDefect(String file, boolean opens, String reason) {
        NoteCheck check = NoteVerifier.parse(VKEY).open(fixture(file));
        assertThat(check.ok()).as(file).isEqualTo(opens);
        if (opens) {
            assertThat(check).isEqualTo(new NoteCheck.Opened(TEXT));
        } else {
            assertThat(((NoteCheck.Rejected) check).reason()).contains(reason);
        }
    }

    @Test
    void rejectsTheExampleNoteUnderAnotherKey() {
        NoteVerifier other =
                NoteVerifier.parse(NoteSigner.generate("PeterNeumann").verifierKey());
        assertThat(other.open(TEXT + "\n" + SIGNATURE))
                .isInstanceOfSatisfying(
                        NoteCheck.Rejected.class,
                        r -> assertThat(r.reason())
                                .startsWith("no signature by PeterNeumann+")
                                .contains("signed only by PeterNeumann+c74f20a3"));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] note = (TEXT + "\n" + SIGNATURE).getBytes(StandardCharsets.UTF_8);
        note[3] = (byte) 0xff;
        assertThat(NoteVerifier.parse(VKEY).open(note))
                .isEqualTo(new NoteCheck.Rejected("malformed note: not valid UTF-8"));
    }

    @Test
    void generatedKeysRoundTripThroughTheirStrings() {
        NoteSigner signer = NoteSigner.generate("tandem/example.org");
        NoteSigner again = NoteSigner.fromPrivateKey(signer.privateKey());
        assertThat(again.verifierKey()).isEqualTo(signer.verifierKey());
        String note = again.sign("tandem/example.org\n3\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\n");
        NoteVerifier verifier = NoteVerifier.parse(signer.verifierKey());
        assertThat(verifier.open(note)).isInstanceOf(NoteCheck.Opened.class);
        assertThat(verifier.keyName()).isEqualTo("tandem/example.org");
        assertThat(signer.toString()).doesNotContain("PRIVATE");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PeterNeumann+c74f20a3|expected <name>+<hex key id>+<base64 key>",
                "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|does not match the key",
                "PeterNeumann+c74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|8 hex digits",
                "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10|an Ed25519 key has 32 bytes",
                "PeterNeumann+c74f20a3+Apc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|only Ed25519",
                "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|invalid key name",
                "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW|invalid key name",
            })
    void rejectsMalformedVerifierKeysClearly(String key, String message) {
        assertThatThrownBy(() -> NoteVerifier.parse(key))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsMalformedPrivateKeys() {
        assertThatThrownBy(() -> NoteSigner.fromPrivateKey(SKEY.replace("c74f20a3", "00000000")))
                .hasMessageContaining("does not match the key");
        assertThatThrownBy(() -> NoteSigner.fromPrivateKey("PRIVATE+KEY+x+00000000"))
                .hasMessageContaining("expected PRIVATE+KEY+");
        assertThatThrownBy(() -> NoteSigner.generate("has+plus")).hasMessageContaining("invalid key name");
    }

    @Test
    void refusesToSignTextGoCouldNotOpen() {
        NoteSigner signer = NoteSigner.fromPrivateKey(SKEY);
        assertThatThrownBy(() -> signer.sign("no newline")).hasMessageContaining("end with a newline");
        assertThatThrownBy(() -> signer.sign("tab\there\n")).hasMessageContaining("control characters");
    }

    @Test
    void keyIdIsTheSpecHashOfNameAndKey() {
        byte[] raw = Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        byte[] pub = java.util.Arrays.copyOfRange(raw, 1, 33);
        assertThat(NoteKeys.hexId(NoteKeys.keyId("PeterNeumann", pub))).isEqualTo("c74f20a3");
    }

    static String fixture(String file) {
        try (InputStream in = SignedNoteTest.class.getResourceAsStream("notes/" + file)) {
            assertThat(in).as(file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
