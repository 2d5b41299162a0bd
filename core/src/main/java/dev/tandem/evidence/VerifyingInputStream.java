package dev.tandem.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A blob's bytes checked against their recorded SHA-256 and size as they stream. The read that
 * would hand out the last recorded bytes first makes sure nothing follows them and that the digest
 * matches; on a mismatch it throws {@link DamagedBlobException} instead of returning them, so a
 * damaged blob never reaches a reader whole. A file shorter or longer than recorded fails the same
 * way when that is seen. After a failure every read fails again. Skipping reads (and hashes) the
 * skipped bytes; there is no mark. A reader that needs the SHA-256 too takes it from {@link
 * #checkedSha256} once the stream is read to its end.
 */
public final class VerifyingInputStream extends InputStream implements Sha256Checked {
    private final InputStream in;
    private final String expectedSha256;
    private final long expectedSize;
    private final MessageDigest sha256 = FileBlobStore.sha256();
    private long handedOut;
    private boolean verified;
    private @Nullable DamagedBlobException failure;

    public VerifyingInputStream(InputStream in, String expectedSha256, long expectedSize) {
        this.in = in;
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (failure != null) {
            throw failure;
        }
        if (len == 0) {
            return 0;
        }
        long remaining = expectedSize - handedOut;
        if (remaining == 0) {
            verifyEnd();
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, remaining));
        if (n < 0) {
            throw fail(null, handedOut);
        }
        sha256.update(b, off, n);
        if (n == remaining) {
            verifyEnd(); // before the last bytes are handed out
        }
        handedOut += n;
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    @Override
    public String checkedSha256() {
        if (!verified) {
            throw new IllegalStateException("the blob is not read to its end yet, so its SHA-256 is not checked");
        }
        return expectedSha256;
    }

    /** Whether the whole blob has been read and matched its record. */
    public boolean verified() {
        return verified;
    }

    /** All recorded bytes are read: nothing may follow them, and their digest must be the recorded one. */
    private void verifyEnd() throws IOException {
        if (verified) {
            return;
        }
        if (in.read() >= 0) {
            throw fail(null, expectedSize + 1);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(expectedSha256)) {
            throw fail(actual, expectedSize);
        }
        verified = true;
    }

    private DamagedBlobException fail(@Nullable String actualSha256, long actualSize) {
        failure = new DamagedBlobException(
                expectedSha256, expectedSize, actualSha256 == null ? "unknown" : actualSha256, actualSize);
        return failure;
    }
}
