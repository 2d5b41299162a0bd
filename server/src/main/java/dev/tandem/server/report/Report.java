package dev.tandem.server.report;

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
        List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
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
            return Columns.widths(
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
