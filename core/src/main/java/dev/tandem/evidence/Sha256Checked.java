package dev.tandem.evidence;

/**
 * A stream that checks its bytes against a recorded SHA-256 as they are read ({@link
 * VerifyingInputStream}), so that a reader that also needs their SHA-256, such as the export bag's
 * manifest, takes it from here instead of hashing the bytes a second time.
 */
public interface Sha256Checked {
    /**
     * The SHA-256 (lowercase hex) the bytes were found to have, once every one of them was read and
     * matched the record.
     *
     * @throws IllegalStateException before that (the stream is not read to its end)
     */
    String checkedSha256();
}
