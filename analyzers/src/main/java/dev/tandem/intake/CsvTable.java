package dev.tandem.intake;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CSV table read row by row with FastCSV (RFC 4180), its header first. A row whose field count
 * differs from the header's is reported with file and line, counted and skipped; a fault the
 * parser cannot recover from (an over-long field, an I/O error) ends the table with a problem.
 */
public final class CsvTable implements Closeable {
    /** Longest field accepted, in characters; longer ones end the file with a clear problem. */
    public static final int MAX_FIELD_CHARS = 4 * 1024 * 1024;

    private final String file;
    private final CsvReader<CsvRecord> reader;
    private final CloseableIterator<CsvRecord> rows;
    private final Problems problems;
    private final Header header;
    private @Nullable CsvRecord current;
    private long rowsRead;

    private CsvTable(
            String file,
            CsvReader<CsvRecord> reader,
            CloseableIterator<CsvRecord> rows,
            Problems problems,
            Header header) {
        this.file = file;
        this.reader = reader;
        this.rows = rows;
        this.problems = problems;
        this.header = header;
    }

    /** The FastCSV reader settings shared by analysis and the parse-only benchmark. */
    public static CsvReader<CsvRecord> reader(InputStream in) {
        return CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .detectBomHeader(true)
                .maxBufferSize(MAX_FIELD_CHARS)
                .ofCsvRecord(in, StandardCharsets.UTF_8);
    }

    /**
     * Opens a table; returns null (with a problem reported) when the input has no header row.
     * The caller closes the table, which closes the stream.
     */
    public static @Nullable CsvTable open(String file, InputStream in, Problems problems) {
        CsvReader<CsvRecord> reader = reader(in);
        CloseableIterator<CsvRecord> rows = reader.iterator();
        try {
            if (!rows.hasNext()) {
                problems.report(file, 0, Problem.Kind.UNREADABLE, "empty CSV: no header row");
                reader.close();
                return null;
            }
            CsvRecord first = rows.next();
            return new CsvTable(file, reader, rows, problems, new Header(first.getFields()));
        } catch (CsvParseException | UncheckedIOException e) {
            problems.report(file, 1, Problem.Kind.UNREADABLE, "cannot read CSV header: " + reason(e));
            closeQuietly(reader);
            return null;
        } catch (IOException e) {
            problems.report(file, 1, Problem.Kind.UNREADABLE, "cannot read CSV header: " + e.getMessage());
            return null;
        }
    }

    /** Reads the header of a CSV document from its first bytes only (for sniffing). */
    public static @Nullable Header peekHeader(byte[] head) {
        try (CsvReader<CsvRecord> r = reader(new java.io.ByteArrayInputStream(head))) {
            var it = r.iterator();
            return it.hasNext() ? new Header(it.next().getFields()) : null;
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    public Header header() {
        return header;
    }

    /** Advances to the next well-formed row; false at the end of the table (or a fatal fault). */
    public boolean next() {
        while (true) {
            try {
                if (!rows.hasNext()) {
                    current = null;
                    return false;
                }
                CsvRecord r = rows.next();
                if (r.getFieldCount() != header.size()) {
                    problems.malformedRow(
                            file,
                            r.getStartingLineNumber(),
                            "expected " + header.size() + " fields, found " + r.getFieldCount());
                    continue;
                }
                current = r;
                rowsRead++;
                return true;
            } catch (CsvParseException | UncheckedIOException e) {
                problems.report(
                        file,
                        current == null ? 0 : current.getStartingLineNumber() + 1,
                        Problem.Kind.UNREADABLE,
                        "CSV reading stopped: " + reason(e));
                current = null;
                return false;
            }
        }
    }

    /** The field at a column index of the current row; empty when the column is absent (-1). */
    public String get(int column) {
        CsvRecord r = current;
        if (r == null || column < 0) {
            return "";
        }
        return r.getField(column);
    }

    public List<String> fields() {
        CsvRecord r = current;
        return r == null ? List.of() : r.getFields();
    }

    /** The 1-based line on which the current row starts. */
    public long line() {
        CsvRecord r = current;
        return r == null ? 0 : r.getStartingLineNumber();
    }

    public long rowsRead() {
        return rowsRead;
    }

    private static String reason(RuntimeException e) {
        Throwable t = e;
        String msg = e.getMessage();
        while (t.getCause() != null) {
            t = t.getCause();
            if (t.getMessage() != null) {
                msg = t.getMessage();
            }
        }
        return msg == null ? e.getClass().getSimpleName() : msg;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // the read already failed and was reported; a failing close adds nothing
        }
    }

    @Override
    public void close() throws IOException {
        problems.endOfFile(file);
        reader.close();
    }
}
