package dev.tandem.pii.input;

import dev.tandem.pii.ScanSink;

/** Where input readers deliver: results plus progress, with interruption checked per block. */
public interface Out extends ScanSink {
    /** {@code bytes} more of the current input were read. */
    void advanced(long bytes);

    static void checkInterrupted() throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException("scan interrupted");
    }
}
