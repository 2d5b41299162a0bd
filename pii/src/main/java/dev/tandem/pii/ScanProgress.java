package dev.tandem.pii;

/** Called on the caller's thread as the scan advances; {@code bytesDone} grows monotonically. */
@FunctionalInterface
public interface ScanProgress {
    ScanProgress NONE = bytesDone -> {};

    void bytesDone(long bytesDone);
}
