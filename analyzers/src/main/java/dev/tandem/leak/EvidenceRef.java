package dev.tandem.leak;

import java.util.Comparator;

/** A line of an input that supports a finding; {@code file} is the input's name as given. */
public record EvidenceRef(String file, long line) implements Comparable<EvidenceRef> {
    private static final Comparator<EvidenceRef> ORDER =
            Comparator.comparing(EvidenceRef::file).thenComparingLong(EvidenceRef::line);

    @Override
    public int compareTo(EvidenceRef o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return file + ":" + line;
    }
}
