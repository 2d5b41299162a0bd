package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Standard base64 uses '+': keys whose encoding contains it must still parse (Go splits at the first '+'s only). */
class KeysWithPlusInBase64Test {

    @Test
    void parsesVerifierAndPrivateKeysWhoseBase64ContainsPlus() {
        NoteSigner signer = null;
        for (int i = 0; i < 10_000 && signer == null; i++) {
            NoteSigner candidate = NoteSigner.generate("tandem/test");
            String[] v = candidate.verifierKey().split("\\+");
            String[] p = candidate.privateKey().split("\\+");
            if (v.length > 3 && p.length > 5) {
                signer = candidate;
            }
        }
        assertThat(signer)
                .as("a key with '+' in both encodings within 10,000 tries")
                .isNotNull();

        NoteSigner reread = NoteSigner.fromPrivateKey(signer.privateKey());
        assertThat(reread.verifierKey()).isEqualTo(signer.verifierKey());
        String note = reread.sign("tandem/test\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        assertThat(NoteVerifier.parse(signer.verifierKey()).open(note)).isInstanceOf(NoteCheck.Opened.class);
    }
}
