package dev.tandem.evidence;

import java.io.IOException;

/**
 * A stored blob's bytes are not those recorded for it: another SHA-256, or another size (the file
 * was cut short or grew). Thrown by {@link VerifyingInputStream} before the last bytes are handed out.
 */
public final class DamagedBlobException extends IOException {
    private final String expectedSha256;
    private final long expectedSize;
    private final String actualSha256;
    private final long actualSize;

    /**
     * @param actualSha256 the SHA-256 of the bytes read, or null when reading stopped at a size
     *     mismatch before the end
     * @param actualSize the bytes read, or (for a file longer than recorded) at least that many
     */
    public DamagedBlobException(String expectedSha256, long expectedSize, String actualSha256, long actualSize) {
        super(describe(expectedSha256, expectedSize, actualSha256, actualSize));
        this.expectedSha256 = expectedSha256;
        this.expectedSize = expectedSize;
        this.actualSha256 = actualSha256;
        this.actualSize = actualSize;
    }

    private static String describe(String expectedSha256, long expectedSize, String actualSha256, long actualSize) {
        if (actualSize < expectedSize) {
            return "blob " + expectedSha256 + " does not match its record: truncated, " + actualSize + " of "
                    + expectedSize + " recorded bytes";
        }
        if (actualSize > expectedSize) {
            return "blob " + expectedSha256 + " does not match its record: longer than the " + expectedSize
                    + " recorded bytes";
        }
        return "blob " + expectedSha256 + " does not match its record: expected sha256 " + expectedSha256 + ", actual "
                + actualSha256 + " (" + actualSize + " bytes, as recorded)";
    }

    public String expectedSha256() {
        return expectedSha256;
    }

    public long expectedSize() {
        return expectedSize;
    }

    /** The SHA-256 of the bytes as read, or "unknown" when their size already differed. */
    public String actualSha256() {
        return actualSha256;
    }

    public long actualSize() {
        return actualSize;
    }
}
