package dev.tandem.leak;

import java.time.Instant;

/**
 * One dated fact of an analysis, for the reader to see grants, logins and extractions in the order
 * they happened (docs/leak-patterns.md, "The timeline").
 *
 * @param kind {@code setup-change} (a Setup Audit Trail change that opens data), {@code login} (a
 *     Login History login whose facts a finding cites), {@code extraction} (the first read of an
 *     extraction session a finding reports)
 * @param subject who or what it concerns, as a finding's subject id names it
 * @param ip the source IP a login came from or an extraction session read from; empty when the
 *     evidence names none (the Setup Audit Trail has no IP column)
 * @param text what happened, for a person
 * @param source the line it was read from: the row logged at {@code at} (for an extraction, its first
 *     read's row, not its largest read's; docs/analysis-api.md, "The timeline")
 */
public record TimelineEntry(Instant at, String kind, String subject, String ip, String text, EvidenceRef source)
        implements Comparable<TimelineEntry> {

    private static final java.util.Comparator<TimelineEntry> ORDER = java.util.Comparator.comparing(TimelineEntry::at)
            .thenComparing(TimelineEntry::source)
            .thenComparing(TimelineEntry::kind);

    @Override
    public int compareTo(TimelineEntry o) {
        return ORDER.compare(this, o);
    }
}
