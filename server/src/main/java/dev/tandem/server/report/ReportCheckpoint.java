package dev.tandem.server.report;

import java.util.List;

/**
 * The signed checkpoint a report is drawn from (docs/contracts.md §1): the tree size, the root hash in
 * standard base64 and the whole signed note, read from the note itself so that what the document
 * prints is exactly what was signed; and the checkpoint's time, which the note does not carry: the
 * {@code at} of the last entry its tree holds (index size − 1), read from that entry, so that a
 * report drawn at the same checkpoint later measures due dates against the same time.
 *
 * @param at RFC 3339, or "" when not known
 */
public record ReportCheckpoint(String origin, long size, String root, String signedNote, String at) {

    /** Reads origin, size and root from the note's first three lines (C2SP tlog-checkpoint). */
    public static ReportCheckpoint of(String signedNote) {
        List<String> lines = signedNote.lines().toList();
        if (lines.size() < 3) {
            throw new IllegalStateException("the ledger's checkpoint has fewer than three lines");
        }
        return new ReportCheckpoint(lines.get(0), Long.parseLong(lines.get(1)), lines.get(2), signedNote, "");
    }

    /** The same checkpoint with its time: the {@code at} of its last entry. */
    public ReportCheckpoint at(String lastEntryAt) {
        return new ReportCheckpoint(origin, size, root, signedNote, lastEntryAt);
    }

    /** The checkpoint's time as the reports print it, in {@code zone} (the incident's), "" when not known. */
    public String atText(java.time.ZoneId zone) {
        return Narration.time(at, zone);
    }

    /** The value of the {@code Tandem-Checkpoint} response header: {@code <size> <base64 root>}. */
    public String header() {
        return size + " " + root;
    }
}
