package dev.tandem.pii;

/**
 * A sink whose work per result (formatting a line, hashing a value) runs on the scanning threads,
 * so that the caller's thread, which must take results one at a time in input order, only
 * concatenates. Each scanning task fills parts made by {@link #newPart()} on its own thread; the
 * scanner hands every filled part to {@link #merge} on the caller's thread, in the order in which a
 * plain {@link ScanSink} would have received the results inside it. Problems and finished inputs
 * still arrive through {@link #problem} and {@link #scanned}, after the parts before them.
 */
public interface PartedSink<P extends ScanSink> extends ScanSink {
    /** A fresh, empty part; called on a scanning thread and used by that thread only. */
    P newPart();

    /** A part is full or its stretch of input ended: called on the scanning thread that filled it, before {@link #merge}. */
    default void seal(P part) {}

    /** A filled part, on the caller's thread, in input order. */
    void merge(P part);

    @Override
    default void finding(Finding finding) {
        P p = newPart();
        p.finding(finding);
        merge(p);
    }

    @Override
    default void found(FindingView view) {
        P p = newPart();
        p.found(view);
        merge(p);
    }

    @Override
    default void subject(SubjectRecord subject) {
        P p = newPart();
        p.subject(subject);
        merge(p);
    }
}
