package dev.tandem.controls;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the audit firm's control test register: a CSV (RFC 4180, UTF-8, optional byte-order mark)
 * with the header {@code control,configItem,testedOn,tester,sample} (any order and case; other
 * columns ignored). {@code control} must be in the {@link ControlCatalog}; {@code configItem} is
 * read as a change names it ({@link ConfigItems#normalize}: {@code Type:Name[#detail]}, stored in
 * that form), a row no change could ever match refused; {@code testedOn} is an
 * ISO 8601 calendar date ({@code 2026-09-14}), not after {@code latest} (a test is reported
 * after it ran); {@code control}, {@code configItem} and
 * {@code testedOn} are required. Nothing is accepted half: the first fault refuses the whole file
 * with a {@link Rejected} naming its line.
 */
public final class ControlTestRegister {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    /** Rows accepted: each is carried in the import's ledger entry, so a register stays a few hundred kB. */
    public static final int MAX_ROWS = 2_000;

    public static final int MAX_FIELD = 1000;
    public static final List<String> COLUMNS = List.of("control", "configitem", "testedon", "tester", "sample");

    private ControlTestRegister() {}

    /** The outcome: every row, or the first fault. */
    public sealed interface Read permits Rows, Rejected {}

    public record Rows(List<ControlTest> tests) implements Read {
        public Rows {
            tests = List.copyOf(tests);
        }
    }

    /**
     * @param code {@code csv-too-large}, {@code csv-not-utf8}, {@code csv-malformed}, {@code
     *     csv-missing-column}, {@code csv-too-many-rows}, {@code csv-empty-field}, {@code csv-too-long},
     *     {@code unknown-control}, {@code bad-config-item}, {@code bad-date}, {@code future-date}, {@code outside-period},
     *     {@code csv-empty}
     * @param detail starts {@code line N}
     */
    public record Rejected(String code, long line, @Nullable String column, String detail) implements Read {}

    /**
     * @param latest the last day a test may have run on: today where the calendar is furthest ahead
     *     (UTC+14), so that no time zone's today is refused
     */
    public static Read read(byte[] csv, ControlCatalog catalog, LocalDate latest) {
        return read(csv, catalog, latest, null);
    }

    /**
     * As {@link #read(byte[], ControlCatalog, LocalDate)}; with the audit's observation period, a row
     * dated outside it is refused ({@code outside-period}): a register lists the tests of the period,
     * and one from another period (the wrong year) would put up retests that are not due.
     */
    public static Read read(byte[] csv, ControlCatalog catalog, LocalDate latest, @Nullable ObservationPeriod period) {
        if (csv.length > MAX_BYTES) {
            return new Rejected("csv-too-large", 1, null, "line 1: the register is larger than 5 MiB");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(csv))
                    .toString();
        } catch (CharacterCodingException e) {
            return new Rejected("csv-not-utf8", 1, null, "line 1: the register is not UTF-8 text");
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (quoteLeftOpen(text)) {
            long opens = lastRecordLine(text);
            return new Rejected(
                    "csv-malformed",
                    opens,
                    null,
                    "line " + opens + ": a quoted field opens in this row and is never closed; every row after it"
                            + " would be lost");
        }
        int[] at = null;
        long lastLine = 0;
        List<ControlTest> rows = new ArrayList<>();
        try (CsvReader<CsvRecord> reader = reader(text)) {
            for (CsvRecord r : reader) {
                long line = r.getStartingLineNumber();
                lastLine = line;
                if (at == null) {
                    List<String> names = r.getFields().stream()
                            .map(f -> f.strip().toLowerCase(Locale.ROOT))
                            .toList();
                    at = new int[COLUMNS.size()];
                    for (int c = 0; c < COLUMNS.size(); c++) {
                        at[c] = names.indexOf(COLUMNS.get(c));
                        if (at[c] < 0) {
                            return new Rejected(
                                    "csv-missing-column",
                                    line,
                                    COLUMNS.get(c),
                                    "line " + line + ": the header has no column \"" + header(c)
                                            + "\"; it needs control,configItem,testedOn,tester,sample");
                        }
                    }
                    continue;
                }
                if (r.getFields().stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (rows.size() == MAX_ROWS) {
                    return new Rejected(
                            "csv-too-many-rows", line, null, "line " + line + ": more than " + MAX_ROWS + " rows");
                }
                String[] v = new String[COLUMNS.size()];
                for (int c = 0; c < v.length; c++) {
                    v[c] = at[c] < r.getFieldCount() ? r.getField(at[c]).strip() : "";
                    if (v[c].length() > MAX_FIELD) {
                        return new Rejected(
                                "csv-too-long",
                                line,
                                header(c),
                                "line " + line + ", column " + header(c) + ": longer than " + MAX_FIELD
                                        + " characters");
                    }
                    if (c < 3 && v[c].isEmpty()) {
                        return new Rejected(
                                "csv-empty-field",
                                line,
                                header(c),
                                "line " + line + ", column " + header(c) + ": empty; control, configItem and testedOn"
                                        + " are required");
                    }
                }
                Control control = catalog.find(v[0]).orElse(null);
                if (control == null) {
                    return new Rejected(
                            "unknown-control",
                            line,
                            "control",
                            "line " + line + ", column control: "
                                    + new ControlCatalog.UnknownControlException(v[0]).getMessage());
                }
                String item = ConfigItems.normalize(v[1]).orElse(null);
                if (item == null) {
                    return new Rejected(
                            "bad-config-item",
                            line,
                            "configItem",
                            "line " + line + ", column configItem: \"" + v[1]
                                    + "\" cannot be read as a configuration item, so no change could ever match it;"
                                    + " expected " + ConfigItems.FORM);
                }
                LocalDate testedOn;
                try {
                    testedOn = LocalDate.parse(v[2]);
                } catch (DateTimeParseException e) {
                    return new Rejected(
                            "bad-date",
                            line,
                            "testedOn",
                            "line " + line + ", column testedOn: \"" + v[2]
                                    + "\" is not a calendar date (ISO 8601, e.g. 2026-09-14)");
                }
                if (testedOn.isAfter(latest)) {
                    return new Rejected(
                            "future-date",
                            line,
                            "testedOn",
                            "line " + line + ", column testedOn: " + testedOn + " is in the future; a register"
                                    + " lists tests that ran");
                }
                if (period != null && !period.contains(testedOn)) {
                    return new Rejected(
                            "outside-period",
                            line,
                            "testedOn",
                            "line " + line + ", column testedOn: " + testedOn + " is " + period.place(testedOn)
                                    + " the observation period (" + period.words() + "); a register lists the"
                                    + " tests of the period");
                }
                rows.add(new ControlTest(control.id(), item, testedOn, v[3], v[4], line));
            }
        } catch (CsvParseException e) {
            return malformed(e, lastLine + 1);
        } catch (java.io.IOException e) {
            // reading a String does not fail; closing it neither
            throw new java.io.UncheckedIOException(e);
        }
        if (at == null) {
            return new Rejected(
                    "csv-empty", 1, null, "line 1: the register is empty; it needs the header and a row a test");
        }
        if (rows.isEmpty()) {
            return new Rejected("csv-empty", 2, null, "line 2: the register has a header and no rows");
        }
        return new Rows(rows);
    }

    private static String header(int column) {
        return List.of("control", "configItem", "testedOn", "tester", "sample").get(column);
    }

    private static final java.util.regex.Pattern STARTED_IN_LINE =
            java.util.regex.Pattern.compile("started in line (\\d+)");

    /**
     * A record FastCSV could not read, named by the line it starts on (FastCSV's message says it; else
     * the line after the last record read) and why, in its words without the wrapper.
     */
    static Rejected malformed(CsvParseException e, long fallbackLine) {
        java.util.regex.Matcher m = STARTED_IN_LINE.matcher(String.valueOf(e.getMessage()));
        long line = m.find() ? Long.parseLong(m.group(1)) : fallbackLine;
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new Rejected(
                "csv-malformed", line, null, "line " + line + ": not readable as CSV: " + cause.getMessage());
    }

    /** The register's records as FastCSV reads them: empty lines skipped, rows of any length. */
    private static CsvReader<CsvRecord> reader(String text) {
        return CsvReader.builder()
                .skipEmptyLines(true)
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(text);
    }

    /** The line the last record FastCSV reads starts on: with a quote left open, the row it opens in. */
    private static long lastRecordLine(String text) {
        long last = 1;
        try (CsvReader<CsvRecord> reader = reader(text)) {
            for (CsvRecord r : reader) last = r.getStartingLineNumber();
        } catch (CsvParseException | java.io.IOException e) {
            // the rows before the fault tell where it is
        }
        return last;
    }

    private static boolean quoteLeftOpen(String text) {
        boolean open = false;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                open = !open;
            }
        }
        return open;
    }
}
