package dev.tandem.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.evidence.DamagedBlobException;
import dev.tandem.evidence.Sha256Checked;
import dev.tandem.evidence.VerifyingInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence is hashed once on its way into a bag, and damaged evidence never makes a finished bag. */
class BagWriterTest {
    private static final byte[] CONTENT =
            "Email,Phone\nada@example.org,+49 30 1234567\n".repeat(300).getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void checkedEvidenceIsListedWithTheSha256ItsStreamCheckedAndItsOwnSha512() throws IOException {
        String sha256 = ExportBag.sha256(CONTENT);
        Map<String, byte[]> bag =
                bag(new VerifyingInputStream(new ByteArrayInputStream(CONTENT), sha256, CONTENT.length));
        assertThat(bag.get("data/evidence/x")).isEqualTo(CONTENT);
        assertThat(new String(bag.get("manifest-sha256.txt"), StandardCharsets.UTF_8))
                .contains(sha256 + " data/evidence/x\n");
        assertThat(new String(bag.get("manifest-sha512.txt"), StandardCharsets.UTF_8))
                .contains(sha512(CONTENT) + " data/evidence/x\n");
    }

    @Test
    void theSha256OfACheckedStreamIsTakenFromItNotComputedAgain() throws IOException {
        // A stream that says it checked another SHA-256: the manifest shows the writer did not hash the bytes for it.
        String said = "ab".repeat(32);
        class Checked extends ByteArrayInputStream implements Sha256Checked {
            Checked() {
                super(CONTENT);
            }

            @Override
            public String checkedSha256() {
                return said;
            }
        }
        Map<String, byte[]> bag = bag(new Checked());
        assertThat(new String(bag.get("manifest-sha256.txt"), StandardCharsets.UTF_8))
                .contains(said + " data/evidence/x\n")
                .doesNotContain(ExportBag.sha256(CONTENT));
        assertThat(new String(bag.get("manifest-sha512.txt"), StandardCharsets.UTF_8))
                .contains(sha512(CONTENT) + " data/evidence/x\n");
    }

    @Test
    void damagedEvidenceStopsTheBagBeforeItsEntryOrTheBagIsFinished() throws IOException {
        byte[] damaged = CONTENT.clone();
        damaged[damaged.length - 3] ^= 1;
        Path zip = dir.resolve("damaged.zip");
        try (var out = Files.newOutputStream(zip)) {
            BagWriter writer = new BagWriter(out, "bag");
            var in = new VerifyingInputStream(
                    new ByteArrayInputStream(damaged), ExportBag.sha256(CONTENT), CONTENT.length);
            assertThatThrownBy(() -> writer.add("evidence/x", in))
                    .isInstanceOf(DamagedBlobException.class)
                    .hasMessageContaining(ExportBag.sha256(damaged));
        }
        // no central directory, no manifest: nothing that opens as a bag
        assertThatThrownBy(() -> new ZipFile(zip.toFile()).close()).isInstanceOf(IOException.class);
        assertThat(new String(Files.readAllBytes(zip), StandardCharsets.ISO_8859_1))
                .doesNotContain("manifest-sha256.txt");
    }

    private Map<String, byte[]> bag(java.io.InputStream evidence) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BagWriter writer = new BagWriter(out, "bag");
        writer.add("evidence/x", evidence);
        writer.finish(Map.of(ExportBag.INCIDENT, "INC-1"));
        return SampleBag.read(Files.write(dir.resolve("bag.zip"), out.toByteArray()));
    }

    private static String sha512(byte[] b) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-512").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
