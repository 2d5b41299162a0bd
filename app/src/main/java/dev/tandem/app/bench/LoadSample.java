package dev.tandem.app.bench;

/**
 * One request of {@code tandem bench load}: which endpoint, which server process (0 or 1), when it
 * was sent and answered ({@link System#nanoTime()}), and its outcome: the HTTP status, or
 * {@link #CONNECTION_ERROR} (no answer: refused, reset or closed), or {@link #BAD_PROOF} (a 200
 * whose inclusion proof did not verify against the checkpoint's root).
 */
record LoadSample(LoadEndpoint endpoint, int server, long sentNanos, long answeredNanos, int status) {
    static final int CONNECTION_ERROR = -1;
    static final int BAD_PROOF = -2;

    boolean ok() {
        return status == endpoint.expected();
    }

    boolean connectionError() {
        return status == CONNECTION_ERROR;
    }

    long latencyNanos() {
        return answeredNanos - sentNanos;
    }
}
