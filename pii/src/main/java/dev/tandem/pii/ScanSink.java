package dev.tandem.pii;

/**
 * Receives the results of a scan, on the caller's thread, in a deterministic order: inputs in
 * the order given (folders sorted by path), findings of one input in order of offset.
 */
public interface ScanSink {
    void finding(Finding finding);

    /**
     * A finding as a view that is valid only during this call: the scanner's readers deliver
     * findings this way. By default it is made a {@link Finding}; a sink that formats or counts
     * findings where they are found (a part of a {@link PartedSink}) reads the view instead and keeps
     * no {@code Finding} and no string of a value it only masks and hashes. Either way the sink sees
     * the same findings in the same order.
     */
    default void found(FindingView view) {
        finding(view.toFinding());
    }

    default void subject(SubjectRecord subject) {}

    default void problem(InputProblem problem) {}

    /** One input is done; {@code bytes} counts what was read from it (decompressed for archives). */
    default void scanned(String file, long bytes) {}
}
