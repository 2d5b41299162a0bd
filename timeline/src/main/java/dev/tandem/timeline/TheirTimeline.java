package dev.tandem.timeline;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the other team's timeline from a spreadsheet's CSV export (RFC 4180): UTF-8, with or
 * without a byte-order mark, CRLF or LF, quoted fields holding commas, quotes and line breaks. The
 * header is required and names the columns {@code time}, {@code source} and {@code description} (in
 * any order, any case); other columns are ignored. Times are RFC 3339 date-times with an offset
 * ({@code 2026-11-26T08:05:00+01:00}, {@code …Z}); the seconds may be left out and a space may
 * stand for the {@code T}, as spreadsheets write them, but a time without an offset is refused:
 * which zone it meant cannot be guessed. Blank rows are skipped.
 *
 * <p>Nothing is accepted half: the first fault ends the reading with a {@link Rejected} naming the
 * line the row starts on and the column.
 */
public final class TheirTimeline {
    /** The largest CSV accepted, in bytes: a spreadsheet of 10,000 rows fits with room to spare. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;

    public static final int MAX_ROWS = 10_000;
    public static final int MAX_DESCRIPTION = 10_000;
    public static final int MAX_SOURCE = 500;
    public static final List<String> COLUMNS = List.of("time", "source", "description");

    private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendPattern("['T'][' ']HH:mm[:ss]")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd()
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private static final DateTimeFormatter WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(DATE_TIME)
            .appendOffset("+HH:MM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(java.time.chrono.IsoChronology.INSTANCE);

    private TheirTimeline() {}

    /** The outcome of reading: the rows, or the first fault. */
    public sealed interface Read permits Rows, Rejected {}

    /** Every row, in the order of the file. */
    public record Rows(List<Theirs> events) implements Read {
        public Rows {
            events = List.copyOf(events);
        }
    }

    /**
     * The CSV is refused.
     *
     * @param code stable, for clients: {@code csv-too-large}, {@code csv-not-utf8}, {@code
     *     csv-malformed}, {@code csv-missing-column}, {@code csv-too-many-rows}, {@code
     *     csv-no-offset}, {@code csv-bad-time}, {@code csv-empty-description}, {@code csv-too-long}
     * @param line the line the offending row starts on (1 is the header)
     * @param column the column at fault, when one is
     * @param detail a sentence naming the line, the column and what is wrong
     */
    public record Rejected(String code, long line, @Nullable String column, String detail) implements Read {
        /** True when the refusal is the body's size, not its content (HTTP 413 rather than 422). */
        public boolean tooLarge() {
            return code.equals("csv-too-large");
        }
    }

    public static Read read(byte[] csv) {
        if (csv.length > MAX_BYTES) {
            return new Rejected(
                    "csv-too-large", 1, null, "the CSV is larger than " + MAX_BYTES + " bytes (5 MiB); split it");
        }
        String text;
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(csv);
        CharBuffer out = CharBuffer.allocate(csv.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            long line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (csv[i] == '\n') {
                    line++;
                }
            }
            return new Rejected(
                    "csv-not-utf8", line, null, "line " + line + ": not UTF-8 (save the spreadsheet as CSV UTF-8)");
        }
        decoder.flush(out);
        text = out.flip().toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return read(text);
    }

    private static Read read(String text) {
        long open = openQuote(text);
        if (open > 0) {
            // fastcsv would read an open quote to the end of the file as one field, swallowing rows
            return new Rejected(
                    "csv-malformed",
                    open,
                    null,
                    "line " + open + ": a quoted field opens here and is never closed; every row after it would"
                            + " be lost");
        }
        List<Theirs> rows = new ArrayList<>();
        int time = -1;
        int source = -1;
        int description = -1;
        boolean header = true;
        long lastLine = 1;
        try (CsvReader<CsvRecord> reader = CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(text)) {
            for (CsvRecord r : reader) {
                long line = r.getStartingLineNumber();
                lastLine = line;
                if (header) {
                    header = false;
                    if (line != 1) {
                        return new Rejected(
                                "csv-missing-column",
                                1,
                                null,
                                "line 1: the header is required (time,source,description); the first line is empty");
                    }
                    List<String> names = r.getFields().stream()
                            .map(f -> f.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    for (String column : COLUMNS) {
                        int at = names.indexOf(column);
                        if (at < 0) {
                            return new Rejected(
                                    "csv-missing-column",
                                    1,
                                    column,
                                    "line 1: the header has no column \"" + column
                                            + "\"; it needs time, source and description, got " + r.getFields());
                        }
                        if (names.lastIndexOf(column) != at) {
                            return new Rejected(
                                    "csv-missing-column",
                                    1,
                                    column,
                                    "line 1: the header names column \"" + column + "\" twice");
                        }
                    }
                    time = names.indexOf("time");
                    source = names.indexOf("source");
                    description = names.indexOf("description");
                    continue;
                }
                if (r.getFields().stream().allMatch(String::isBlank)) {
                    continue; // a spreadsheet's empty row: ",,"
                }
                if (rows.size() == MAX_ROWS) {
                    return new Rejected(
                            "csv-too-many-rows",
                            line,
                            null,
                            "line " + line + ": more than " + MAX_ROWS + " rows; compare a shorter period");
                }
                Read fault = null;
                String t = field(r, time);
                String s = field(r, source);
                String d = field(r, description);
                if (t == null) {
                    fault = missing(line, "time", time);
                } else if (d == null) {
                    fault = missing(line, "description", description);
                }
                if (fault != null) {
                    return fault;
                }
                Instant at;
                try {
                    at = OffsetDateTime.parse(t.strip().toUpperCase(Locale.ROOT), WITH_OFFSET)
                            .toInstant();
                } catch (DateTimeParseException e) {
                    return badTime(line, time, t.strip());
                }
                String what = d.strip();
                if (what.isEmpty()) {
                    return new Rejected(
                            "csv-empty-description",
                            line,
                            "description",
                            "line " + line + ", column description (" + letter(description)
                                    + "): empty; every event needs one");
                }
                if (what.length() > MAX_DESCRIPTION) {
                    return new Rejected(
                            "csv-too-long",
                            line,
                            "description",
                            "line " + line + ", column description: longer than " + MAX_DESCRIPTION + " characters");
                }
                String who = s == null ? "" : s.strip();
                if (who.length() > MAX_SOURCE) {
                    return new Rejected(
                            "csv-too-long",
                            line,
                            "source",
                            "line " + line + ", column source: longer than " + MAX_SOURCE + " characters");
                }
                rows.add(new Theirs(line, at, who, what));
            }
        } catch (CsvParseException e) {
            long line = lastLine + (header ? 0 : 1);
            return new Rejected(
                    "csv-malformed",
                    line,
                    null,
                    "line " + line + " or after: not readable as CSV (" + e.getMessage() + "); is a quote left open?");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e); // reading a String does not fail
        }
        if (header) {
            return new Rejected(
                    "csv-missing-column",
                    1,
                    null,
                    "line 1: the CSV is empty; it needs a header time,source,description");
        }
        return new Rows(rows);
    }

    /**
     * The line where a quoted field opens and never closes (RFC 4180 §2: a field starting with a
     * quote runs to the next quote not doubled), or 0 when every quote closes.
     */
    static long openQuote(String text) {
        long line = 1;
        long opened = 0;
        boolean quoted = false;
        boolean fieldStart = true;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (c == '\n') {
                    line++;
                }
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                opened = line;
            }
            if (c == '\n') {
                line++;
            }
            fieldStart = c == ',' || c == '\n' || c == '\r';
        }
        return quoted ? opened : 0;
    }

    private static @Nullable String field(CsvRecord r, int index) {
        return index < r.getFieldCount() ? r.getField(index) : null;
    }

    private static Rejected missing(long line, String column, int index) {
        return new Rejected(
                "csv-missing-column",
                line,
                column,
                "line " + line + ", column " + column + " (" + letter(index) + "): the row ends before it");
    }

    private static Rejected badTime(long line, int index, String value) {
        String where = "line " + line + ", column time (" + letter(index) + "): ";
        try {
            LocalDateTime.parse(value.toUpperCase(Locale.ROOT), DATE_TIME);
            return new Rejected(
                    "csv-no-offset",
                    line,
                    "time",
                    where + "\"" + value + "\" has no offset; write it as RFC 3339 with Z or an offset such as"
                            + " +01:00");
        } catch (DateTimeParseException e) {
            return new Rejected(
                    "csv-bad-time",
                    line,
                    "time",
                    where + "\"" + value + "\" is not an RFC 3339 time such as 2026-11-26T08:05:00+01:00");
        }
    }

    /** The spreadsheet's name of a column: A, B, …, Z, AA. */
    static String letter(int index) {
        StringBuilder b = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            b.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return b.toString();
    }
}
