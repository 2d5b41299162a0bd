package dev.tandem.pii;

/**
 * Receives the results of a scan, on the caller's thread, in a deterministic order: inputs in
 * the order given (folders sorted by path), findings of one input in order of offset.
 */
public interface ScanSink {
    void finding(Finding finding);

    default void subject(SubjectRecord subject) {}

    default void problem(InputProblem problem) {}

    /** One input is done; {@code bytes} counts what was read from it (decompressed for archives). */
    default void scanned(String file, long bytes) {}
}
