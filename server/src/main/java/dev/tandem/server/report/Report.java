package dev.tandem.server.report;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A report as the templates render it: the incident, the checkpoint it was drawn from, its
 * sections, and every ledger index its statements cite (the list anyone can check with inclusion
 * proofs against the checkpoint).
 */
public record Report(
        String kind,
        String title,
        String audience,
        String incident,
        String incidentTitle,
        ReportCheckpoint checkpoint,
        List<Section> sections,
        ZoneId zone) {

    public Report {
        sections = List.copyOf(sections);
    }

    /** The checkpoint's time in the incident's zone, "" when not known. */
    public String checkpointTime() {
        return checkpoint.atText(zone);
    }

    /**
     * What the document says of its times: in the incident's zone, each with its name and offset,
     * while the ledger keeps UTC (docs/reports.md).
     */
    public String timesNote() {
        return zone.normalized().equals(ZoneOffset.UTC)
                ? "Times are in UTC, the incident's time zone, as the ledger records them."
                : "Times are in the incident's time zone, " + zone.getId() + ", each with its abbreviation and"
                        + " offset from UTC (e.g. " + Narration.time("2026-01-15T12:00:00Z", zone) + ", "
                        + Narration.time("2026-07-15T12:00:00Z", zone) + " for 12:00 UTC in January and July); the"
                        + " ledger and the signed checkpoint record them in UTC (RFC 3339).";
    }

    /** Every index cited anywhere in the report, ascending. */
    public List<Long> cited() {
        TreeSet<Long> all = new TreeSet<>();
        for (Section s : sections) {
            s.lines().forEach(l -> all.addAll(l.cites()));
            if (s.table() != null) {
                s.table().rows().forEach(r -> all.addAll(r.cites()));
            }
        }
        return new ArrayList<>(all);
    }

    /** The cited indexes as one line of text, for the appendix. */
    public String citedText() {
        return cited().stream().map(i -> "#" + i).collect(Collectors.joining(", "));
    }

    public record Section(
            String id,
            String title,
            List<String> notes,
            List<Line> lines,
            @Nullable Table table) {
        public Section {
            notes = List.copyOf(notes);
            lines = List.copyOf(lines);
        }
    }

    /** A statement: when (may be empty), what, and the entries it rests on. */
    public record Line(String when, String text, List<Long> cites) {
        public Line {
            cites = List.copyOf(cites);
        }

        public String cite() {
            return Report.cite(cites);
        }
    }

    public record Table(List<String> header, List<Row> rows) {
        public Table {
            header = List.copyOf(header);
            rows = List.copyOf(rows);
        }

        /**
         * Each column's width in percent, the citation column last ({@link Columns}): wide enough
         * for its longest word, the rest to the columns with most text.
         */
        public List<Double> widths() {
            return layout().widths();
        }

        /**
         * The class of a table set in smaller type than the body so that its short words fit side by
         * side ({@code small}, {@code smaller}; {@link Columns#SIZES}); null at the body's size.
         */
        public @Nullable String sizeClass() {
            return layout().sizeClass();
        }

        private Columns.Layout layout() {
            return Columns.layout(
                    header,
                    rows.stream().map(Row::cells).toList(),
                    rows.stream().map(Row::cite).toList());
        }
    }

    /** A table row; its last column, the citation, is rendered from {@code cites}. */
    public record Row(List<String> cells, List<Long> cites) {
        public Row {
            cells = List.copyOf(cells);
            cites = List.copyOf(cites);
        }

        public String cite() {
            return Report.cite(cites);
        }
    }

    static String cite(List<Long> cites) {
        return cites.isEmpty() ? "" : cites.stream().map(i -> "#" + i).collect(Collectors.joining(", ", "[", "]"));
    }
}
