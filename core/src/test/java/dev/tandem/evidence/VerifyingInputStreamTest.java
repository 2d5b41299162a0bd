package dev.tandem.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
    private static final byte[] CONTENT =
            "Email,Phone\nada@example.org,+49 30 1234567\n".repeat(500).getBytes(StandardCharsets.UTF_8);

    @Test
    void intactBytesAreHandedOutWhole() throws IOException {
        var in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), sha256(CONTENT), CONTENT.length);
        assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        assertThat(in.verified()).isTrue();
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void intactBytesReadOneAtATime() throws IOException {
        var in = new VerifyingInputStream(new ByteArrayInputStream(CONTENT), sha256(CONTENT), CONTENT.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int b = in.read(); b >= 0; b = in.read()) {
            out.write(b);
        }
        assertThat(out.toByteArray()).isEqualTo(CONTENT);
        assertThat(in.verified()).isTrue();
    }

    @Test
    void oneChangedByteNeverReachesTheReaderWhole() {
        byte[] damaged = CONTENT.clone();
        damaged[damaged.length / 2] ^= 1;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        var in = new VerifyingInputStream(new ByteArrayInputStream(damaged), sha256(CONTENT), CONTENT.length);
        assertThatThrownBy(() -> copy(in, got, 1000))
                .isInstanceOf(DamagedBlobException.class)
                .hasMessageContaining("expected sha256 " + sha256(CONTENT))
                .hasMessageContaining("actual " + sha256(damaged));
        assertThat(got.size()).isLessThan(CONTENT.length);
        assertThatThrownBy(in::read).isInstanceOf(DamagedBlobException.class);
        assertThat(in.verified()).isFalse();
    }

    @Test
    void aTruncatedFileFails() {
        byte[] cut = Arrays.copyOf(CONTENT, CONTENT.length - 7);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        var in = new VerifyingInputStream(new ByteArrayInputStream(cut), sha256(CONTENT), CONTENT.length);
        assertThatThrownBy(() -> copy(in, got, 4096))
                .isInstanceOfSatisfying(DamagedBlobException.class, e -> {
                    assertThat(e.actualSize()).isEqualTo(cut.length);
                    assertThat(e.expectedSize()).isEqualTo(CONTENT.length);
                })
                .hasMessageContaining("does not match its record: truncated, " + cut.length + " of " + CONTENT.length);
        assertThat(got.size()).isLessThan(CONTENT.length);
    }

    @Test
    void aLongerFileFailsBeforeItsRecordedBytesAreAllHandedOut() {
        byte[] longer = Arrays.copyOf(CONTENT, CONTENT.length + 1);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        var in = new VerifyingInputStream(new ByteArrayInputStream(longer), sha256(CONTENT), CONTENT.length);
        assertThatThrownBy(() -> copy(in, got, 4096))
                .isInstanceOf(DamagedBlobException.class)
                .hasMessageContaining(
                        "does not match its record: longer than the " + CONTENT.length + " recorded bytes");
        assertThat(got.size()).isLessThan(CONTENT.length);
    }

    @Test
    void anEmptyBlobIsVerifiedAndAnEmptyFileForBytesFails() throws IOException {
        byte[] none = new byte[0];
        var empty = new VerifyingInputStream(new ByteArrayInputStream(none), sha256(none), 0);
        assertThat(empty.readAllBytes()).isEmpty();
        assertThat(empty.verified()).isTrue();

        var emptied = new VerifyingInputStream(new ByteArrayInputStream(none), sha256(CONTENT), CONTENT.length);
        assertThatThrownBy(emptied::readAllBytes)
                .isInstanceOf(DamagedBlobException.class)
                .hasMessageContaining("truncated, 0 of " + CONTENT.length);

        var notEmpty = new VerifyingInputStream(new ByteArrayInputStream(new byte[] {1}), sha256(none), 0);
        assertThatThrownBy(notEmpty::readAllBytes).isInstanceOf(DamagedBlobException.class);
    }

    @Test
    void skippingStillHashesTheSkippedBytes() throws IOException {
        byte[] damaged = CONTENT.clone();
        damaged[3] ^= 1;
        var in = new VerifyingInputStream(new ByteArrayInputStream(damaged), sha256(CONTENT), CONTENT.length);
        in.skipNBytes(10);
        assertThatThrownBy(in::readAllBytes).isInstanceOf(DamagedBlobException.class);
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, int chunk) throws IOException {
        byte[] buf = new byte[chunk];
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
            out.write(buf, 0, n);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
