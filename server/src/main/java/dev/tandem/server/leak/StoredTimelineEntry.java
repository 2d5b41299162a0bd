package dev.tandem.server.leak;

import java.time.Instant;
import java.util.List;

/**
 * One entry of an analysis's timeline as recorded ({@code dev.tandem.leak.TimelineEntry}): a setup
 * change, a login or an extraction its findings cite.
 *
 * @param ip the source IP, empty when the evidence names none
 * @param file the analyzer's name for the input the entry was read from, with {@code line}
 * @param items the evidence items that input was (every item read when that is not known), with
 *     their repository now: whoever may not read one of them does not see the entry
 */
public record StoredTimelineEntry(
        Instant at,
        String kind,
        String subject,
        String ip,
        String text,
        String file,
        long line,
        List<StoredFinding.Item> items) {
    public StoredTimelineEntry {
        items = List.copyOf(items);
    }
}
