package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * C2SP tlog-cosignature v1 (Ed25519): key ids and timestamps against published values, and the
 * signed message by round trip and by tampering.
 */
class CosignatureTest {

    @Test
    void parsesAPublishedCosignatureKeyWithItsTypeByte0x04() {
        // transparency-dev/formats note/note_cosigv1_test.go: a native cosignature/v1 verifier key
        CosignatureVerifier v =
                CosignatureVerifier.parse("remora.n621.de+da77ade7+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2");
        assertThat(v.name()).isEqualTo("remora.n621.de");
        assertThat(v.keyIdHex()).isEqualTo("da77ade7");
    }

    @Test
    void convertsAPublishedNoteKeyOfType0x01() {
        // same file: "convert from algEd25519"
        CosignatureVerifier v = CosignatureVerifier.parse("TEST+7997405c+AQcC+FTVKf0jlTdHDY3rbevmnKxxPjigCXlVtGe6RIr6");
        assertThat(v.keyIdHex()).isNotEqualTo("7997405c"); // cosignatures use the 0x04 key id
    }

    @Test
    void refusesAKeyWhoseIdDoesNotMatch() {
        assertThatThrownBy(() -> CosignatureVerifier.parse(
                        "remora.n621.de+00000000+BOvN63jn/bLvkieywe8R6UYAtVtNbZpXh34x7onlmtw2"))
                .hasMessageContaining("does not match");
    }

    @Test
    void readsTheTimestampOfPublishedCosignatures() {
        // C2SP tlog-cosignature's example cosignature, whose signed message shows "time 1679315147"
        assertThat(
                        CosignatureVerifier.timestampOf(
                                "jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="))
                .hasValue(1679315147L);
        // transparency-dev/formats TestCoSigV1Timestamp
        assertThat(
                        CosignatureVerifier.timestampOf(
                                "ZGhGuQAAAABm/qTPeyKXD+R2rzyQsxPiP8mXum7qq/iF0u4vanlqJyocWODBt97w9uL+8qT7S5gxEHWWOworDcFiEBYJXORmnFBOBA=="))
                .hasValue(1727964367L);
    }

    @Test
    void signsTheSpecsMessageAndVerifiesIt() {
        Cosigner w = Cosigner.generate("witness.example/w1");
        String text = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        assertThat(new String(Cosigner.message(text, 1679315147L), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("cosignature/v1\ntime 1679315147\n" + text);
        NoteSigner log = NoteSigner.generate("example.com/behind-the-sofa");
        String note = log.sign(text) + w.cosign(text, 1679315147L);
        CosignatureVerifier v = CosignatureVerifier.parse(w.verifierKey());
        assertThat(v.verify(note)).hasValue(1679315147L);
        // the log's own key still opens the note: the cosignature is one more line, ignored by it
        assertThat(NoteVerifier.parse(log.verifierKey()).open(note).ok()).isTrue();
        // the witness key given in note form (type 0x01) verifies the same cosignature
        String noteForm = NoteSigner.fromPrivateKey(w.privateKey()).verifierKey();
        assertThat(CosignatureVerifier.parse(noteForm).verify(note)).hasValue(1679315147L);
    }

    @Test
    void aCosignatureOverOtherTextOrTimeDoesNotVerify() {
        Cosigner w = Cosigner.generate("witness.example/w1");
        NoteSigner log = NoteSigner.generate("log");
        String text = "log\n5\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        String other = "log\n6\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
        CosignatureVerifier v = CosignatureVerifier.parse(w.verifierKey());
        assertThat(v.verify(log.sign(other) + w.cosign(text, 10))).isEmpty();
        String line = w.cosign(text, 10);
        byte[] sig = java.util.Base64.getDecoder()
                .decode(line.substring(line.lastIndexOf(' ') + 1).strip());
        sig[11] ^= 1; // the timestamp's last byte
        String forged = "— " + w.name() + " " + java.util.Base64.getEncoder().encodeToString(sig) + "\n";
        assertThat(v.verify(log.sign(text) + forged)).isEmpty();
        assertThat(v.verify(log.sign(text))).isEmpty();
    }
}
