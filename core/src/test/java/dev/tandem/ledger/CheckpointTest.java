package dev.tandem.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {

    static final byte[] ABC_ROOT =
            MerkleLogVectorsTest.hex("36642e73c2540ab121e3a6bf9545b0a24982cd830eb13d3cd19de3ce6c021ec1");

    @Test
    void writesTheThreeC2spLines() {
        Checkpoint c = new Checkpoint("tandem/4f1c", 3, ABC_ROOT);
        assertThat(c.text()).isEqualTo("tandem/4f1c\n3\n" + Base64.getEncoder().encodeToString(ABC_ROOT) + "\n");
        assertThat(Checkpoint.parse(c.text())).isEqualTo(c);
    }

    @Test
    void parsesTheC2spSpecExample() {
        Checkpoint c = Checkpoint.parse(
                "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");
        assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
        assertThat(c.size()).isEqualTo(20852163);
    }

    @Test
    void signedCheckpointOpensAndParses() {
        NoteSigner signer = NoteSigner.generate("tandem/4f1c");
        Checkpoint c = new Checkpoint("tandem/4f1c", 3, ABC_ROOT);
        NoteCheck opened = NoteVerifier.parse(signer.verifierKey()).open(signer.sign(c.text()));
        assertThat(Checkpoint.parse(((NoteCheck.Opened) opened).text())).isEqualTo(c);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "no final newline|o\\n3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=|end with a newline",
                "two lines|o\\n3\\n|expected 3 lines",
                "leading zero|o\\n03\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\n|without leading zeros",
                "negative size|o\\n-3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\n|without leading zeros",
                "size too large|o\\n99999999999999999999\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\n|without leading zeros",
                "short root|o\\n3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwC\\n|32-byte root hash",
                "root not base64|o\\n3\\n***\\n|not standard base64",
                "empty origin|\\n3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\n|origin) is empty",
                "extension line|o\\n3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\nextra\\n|no extension lines",
                "signed note instead of text|o\\n3\\nNmQuc8JUCrEhor+uf5ZbCkmCzYMOsT080Z3jzmwCHsE=\\n\\n— o abc\\n|not the signed note",
            })
    void rejectsMalformedCheckpointsNamingTheLine(String defect, String text, String message) {
        assertThatThrownBy(() -> Checkpoint.parse(text.replace("\\n", "\n")))
                .as(defect)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
