package dev.tandem.evidence;

import java.io.IOException;

/** The stream went past the configured maximum; nothing was stored. */
public final class BlobTooLargeException extends IOException {
    private final long limit;

    public BlobTooLargeException(long limit) {
        super("evidence is larger than the configured maximum of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
