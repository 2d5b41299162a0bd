package dev.tandem.intake;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A CSV table read row by row (RFC 4180, read as FastCSV reads it: {@link CsvBytes}), its header
 * first. A row whose field count differs from the header's is reported with file and line, counted
 * and skipped; a fault the reader cannot recover from (an over-long field, a character after a
 * closing quote, an I/O error) ends the table with a problem. Fields become strings only when asked
 * for. A byte-order mark says the encoding (UTF-8 without one), as FastCSV's detection does.
 */
public final class CsvTable implements Closeable {
    /**
     * Longest field accepted: this many bytes of UTF-8 (FastCSV's {@link #reader}: characters);
     * longer ones end the file with a clear problem.
     */
    public static final int MAX_FIELD_CHARS = 4 * 1024 * 1024;

    private final String file;
    private final CsvBytes rows;
    private final Problems problems;
    private final Header header;
    private boolean onRow;
    private boolean stopped;
    private long rowsRead;

    private CsvTable(String file, CsvBytes rows, Problems problems, Header header) {
        this.file = file;
        this.rows = rows;
        this.problems = problems;
        this.header = header;
    }

    /**
     * FastCSV's reader with the settings this table reads as: the parse-only reference of {@code
     * tandem bench analyze}, and small sniffs.
     */
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
        CsvBytes rows;
        try {
            rows = bytes(in);
        } catch (IOException e) {
            problems.report(file, 1, Problem.Kind.UNREADABLE, "cannot read CSV header: " + e.getMessage());
            closeQuietly(in);
            return null;
        }
        try {
            if (!rows.next()) {
                problems.report(file, 0, Problem.Kind.UNREADABLE, "empty CSV: no header row");
                closeQuietly(rows);
                return null;
            }
            return new CsvTable(file, rows, problems, new Header(rows.fields()));
        } catch (CsvBytes.Fault | CsvBytes.Malformed | IOException e) {
            problems.report(file, 1, Problem.Kind.UNREADABLE, "cannot read CSV header: " + e.getMessage());
            closeQuietly(rows);
            return null;
        }
    }

    /**
     * The records of a stream, its byte-order mark (if any) taken off: UTF-8 is read as it is,
     * UTF-16 and UTF-32 through a decoder.
     */
    static CsvBytes bytes(InputStream in) throws IOException {
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        Bom bom = n < 2 ? null : bom(head, n);
        if (bom == null) {
            return new CsvBytes(in, head, n, MAX_FIELD_CHARS);
        }
        byte[] rest = Arrays.copyOfRange(head, bom.length(), n);
        if (bom.charset() == StandardCharsets.UTF_8) {
            return new CsvBytes(in, rest, rest.length, MAX_FIELD_CHARS);
        }
        InputStream all = new SequenceInputStream(new ByteArrayInputStream(rest), in);
        return new CsvBytes(new Utf8Stream(new InputStreamReader(all, bom.charset())), new byte[0], 0, MAX_FIELD_CHARS);
    }

    /** A byte-order mark: the encoding it names and its length in bytes. */
    private record Bom(Charset charset, int length) {}

    /** The byte-order mark the first bytes hold, as FastCSV detects it, or null. */
    private static @Nullable Bom bom(byte[] b, int n) {
        if (n >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF) {
            return new Bom(StandardCharsets.UTF_8, 3);
        }
        if (b[0] == (byte) 0xFE && b[1] == (byte) 0xFF) {
            return new Bom(StandardCharsets.UTF_16BE, 2);
        }
        if (b[0] == (byte) 0xFF && b[1] == (byte) 0xFE) {
            return n == 4 && b[2] == 0 && b[3] == 0
                    ? new Bom(Charset.forName("UTF-32LE"), 4)
                    : new Bom(StandardCharsets.UTF_16LE, 2);
        }
        if (n == 4 && b[0] == 0 && b[1] == 0 && b[2] == (byte) 0xFE && b[3] == (byte) 0xFF) {
            return new Bom(Charset.forName("UTF-32BE"), 4);
        }
        return null;
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
        onRow = false;
        while (!stopped) {
            try {
                if (!rows.next()) {
                    stopped = true;
                    return false;
                }
                if (rows.fieldCount() != header.size()) {
                    problems.malformedRow(
                            file, rows.line(), "expected " + header.size() + " fields, found " + rows.fieldCount());
                    continue;
                }
                onRow = true;
                rowsRead++;
                return true;
            } catch (CsvBytes.Malformed e) {
                problems.malformedRow(file, rows.line(), e.getMessage());
            } catch (CsvBytes.Fault | IOException e) {
                problems.report(file, rows.line(), Problem.Kind.UNREADABLE, "CSV reading stopped: " + e.getMessage());
                stopped = true;
            }
        }
        return false;
    }

    /** The field at a column index of the current row; empty when the column is absent (-1). */
    public String get(int column) {
        if (!onRow || column < 0) {
            return "";
        }
        return rows.field(column);
    }

    public List<String> fields() {
        return onRow ? rows.fields() : List.of();
    }

    /** The 1-based line on which the current row starts. */
    public long line() {
        return onRow ? rows.line() : 0;
    }

    public long rowsRead() {
        return rowsRead;
    }

    /** UTF-8 bytes of what a reader decodes (for inputs a byte-order mark says are UTF-16 or UTF-32). */
    private static final class Utf8Stream extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder = StandardCharsets.UTF_8
                .newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(4 * 8192);
        private boolean ended;

        Utf8Stream(Reader reader) {
            this.reader = reader;
            chars.flip();
            bytes.flip();
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            while (!bytes.hasRemaining()) {
                if (ended) {
                    return -1;
                }
                chars.compact();
                int r = reader.read(chars);
                chars.flip();
                bytes.clear();
                if (r < 0) {
                    ended = true;
                    encoder.encode(chars, bytes, true);
                    encoder.flush(bytes);
                } else {
                    encoder.encode(chars, bytes, false);
                }
                bytes.flip();
            }
            int k = Math.min(n, bytes.remaining());
            bytes.get(b, off, k);
            return k;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
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
        rows.close();
    }
}
