package dev.tandem.server.incident;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.tandem.server.CsvAnswer;
import dev.tandem.server.SpreadsheetCell;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The timeline as CSV, for counsel and auditors who work in spreadsheets (docs/contracts.md
 * "Additions", docs/timeline.md, ADR 124): the entries exactly as {@link Timeline#read} gives them
 * to the caller, one row each, in the JSON answer's order. RFC 4180: a header row, fields quoted
 * when they hold a comma, a quote (doubled) or a line break, records ended by CRLF; UTF-8. Every
 * cell goes through {@link SpreadsheetCell}, since an entry's text, like an actor's name, is typed
 * by people. A privileged entry the caller cannot open is its commitment here as in the JSON: no
 * kind, no claimed times, the commitment's sentence as its text.
 */
public final class TimelineCsv {
    private TimelineCsv() {}

    /** The columns, named as the JSON entry's fields they are taken from (docs/contracts.md "Additions"). */
    public static final List<String> COLUMNS = List.of(
            "index",
            "at",
            "actor",
            "type",
            "kind",
            "privileged",
            "opened",
            "commitment",
            "eventAt",
            "eventPrecision",
            "discoveredAt",
            "corrects",
            "correctedBy",
            "text");

    /** The media type of the answer. */
    public static final String MEDIA_TYPE = CsvAnswer.MEDIA_TYPE;

    /** The entries as one CSV document, header first. */
    public static String write(List<Timeline.Entry> entries) {
        StringWriter out = new StringWriter();
        try (CsvWriter w = CsvWriter.builder().build(out)) {
            w.writeRecord(COLUMNS);
            for (Timeline.Entry e : entries) {
                w.writeRecord(row(e).stream().map(SpreadsheetCell::of).toList());
            }
        } catch (IOException e) {
            // a StringWriter does not fail
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** One entry's cells, in {@link #COLUMNS}' order, before {@link SpreadsheetCell}. */
    static List<String> row(Timeline.Entry e) {
        String commitment = e.privileged() ? e.body().path("commitment").asString("") : "";
        return List.of(
                Long.toString(e.index()),
                e.at(),
                e.actor(),
                e.type(),
                orEmpty(e.kind()),
                Boolean.toString(e.privileged()),
                // as the CLI marks it: opened for this caller, or not; nothing to open otherwise
                e.privileged() ? Boolean.toString(e.opened() != null) : "",
                commitment,
                orEmpty(e.eventAt()),
                orEmpty(e.eventPrecision()),
                orEmpty(e.discoveredAt()),
                e.corrects() == null ? "" : e.corrects().toString(),
                e.correctedBy() == null
                        ? ""
                        : e.correctedBy().stream().map(String::valueOf).collect(Collectors.joining(" ")),
                e.text());
    }

    private static String orEmpty(@Nullable String s) {
        return s == null ? "" : s;
    }

    /** The download's {@code Content-Disposition}: {@code attachment; filename="incident-<id>-timeline.csv"}. */
    public static String attachment(String incident) {
        return CsvAnswer.attachment(incident, "timeline");
    }

    /** Whether the caller asked for CSV ({@link CsvAnswer#asked}, the rule every CSV list follows). */
    public static boolean asked(@Nullable String format, @Nullable String accept) {
        return CsvAnswer.asked(format, accept);
    }
}
