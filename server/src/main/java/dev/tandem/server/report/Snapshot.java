package dev.tandem.server.report;

import java.util.List;

/**
 * An incident's entries as of one checkpoint: only entries with an index below the checkpoint's
 * tree size, oldest first, so that every one of them can be proved included in that tree.
 */
public record Snapshot(String incident, ReportCheckpoint checkpoint, List<ReportEntry> entries) {
    public Snapshot {
        entries = List.copyOf(entries);
        for (ReportEntry e : entries) {
            if (e.index() >= checkpoint.size()) {
                throw new IllegalArgumentException(
                        "entry " + e.index() + " is not in the tree of size " + checkpoint.size());
            }
        }
    }

    /** The same snapshot with every opening dropped: what anyone may read. */
    public Snapshot sealed() {
        return new Snapshot(
                incident, checkpoint, entries.stream().map(ReportEntry::sealed).toList());
    }
}
