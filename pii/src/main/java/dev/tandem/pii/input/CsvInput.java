package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.SubjectRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) and TSV, streamed. The
 * first record is the header; its names give each column a {@link FieldContext}. Lenient, as
 * Python's csv module: a quote that closes a quoted field but is followed by neither a delimiter,
 * a line break nor another quote was a stray one, and the field goes on unquoted to the next
 * delimiter or line break (quotes inside taken literally), so the rows after it keep their columns;
 * a row may have more or fewer fields than the header.
 */
final class CsvInput {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int AFTER_QUOTE = 3;
    private static final int MAX_HEADER = 256;

    private final Context ctx;
    private final String file;
    private byte delimiter;
    private final Forwarder forwarder;
    private final FieldValues values;
    private final RecordScope record = new RecordScope();
    private final List<FieldContext> columns = new ArrayList<>();
    private final List<String> headerNames = new ArrayList<>();
    private final StringBuilder header = new StringBuilder();
    private int state = FIELD_START;
    private int column;
    private long row;

    private CsvInput(Context ctx, String file, byte delimiter) {
        this.ctx = ctx;
        this.file = file;
        this.delimiter = delimiter;
        this.forwarder = new Forwarder(file, ctx.out());
        this.values = new FieldValues(ctx, forwarder);
        values.record(record);
    }

    static long scan(Blocks blocks, String file, boolean tab, Context ctx) throws IOException, InterruptedException {
        return scan(blocks, file, tab, ctx, null, 1);
    }

    /**
     * Reads {@code blocks}, which start at a record boundary on line {@code firstLine}, after the
     * file's {@code header} record (null when the blocks start the file); answers the bytes read
     * from the blocks.
     */
    static long scan(Blocks blocks, String file, boolean tab, Context ctx, byte @Nullable [] header, long firstLine)
            throws IOException, InterruptedException {
        CsvInput csv = new CsvInput(ctx, file, tab ? (byte) '\t' : 0);
        if (header != null) {
            // the header yields no result: it only names the columns (and shows the delimiter)
            csv.delimiter = tab ? (byte) '\t' : guessDelimiter(header, header.length);
            csv.forwarder.block(header, 0, 0, 1);
            csv.block(header, header.length);
        }
        long line = firstLine;
        long total = 0;
        while (blocks.next()) {
            Out.checkInterrupted();
            byte[] buf = blocks.buf();
            int len = blocks.length();
            if (csv.delimiter == 0) csv.delimiter = guessDelimiter(buf, len);
            csv.forwarder.block(buf, 0, blocks.offset(), line);
            csv.block(buf, len);
            line = csv.forwarder.lineAt(len);
            total += len;
            ctx.out().advanced(len);
        }
        csv.finish();
        return total;
    }

    static byte guessDelimiter(byte[] buf, int len) {
        int commas = 0;
        int semis = 0;
        int tabs = 0;
        boolean q = false;
        for (int i = 0; i < len && buf[i] != '\n' || q && i < len; i++) {
            byte c = buf[i];
            if (c == '"') q = !q;
            else if (!q && c == ',') commas++;
            else if (!q && c == ';') semis++;
            else if (!q && c == '\t') tabs++;
        }
        if (tabs > commas && tabs > semis) return '\t';
        if (semis > commas) return ';';
        return ',';
    }

    private FieldContext contextOf(int col) {
        return row == 0 || col >= columns.size() ? FieldContext.NONE : columns.get(col);
    }

    private void block(byte[] buf, int len) {
        byte d = delimiter;
        int vs = 0;
        int i = 0;
        int st = state;
        while (i < len) {
            byte c = buf[i];
            switch (st) {
                case FIELD_START -> {
                    if (c == '"') {
                        st = QUOTED;
                        vs = i + 1;
                        beginValue(vs);
                    } else if (c == d) {
                        beginValue(i);
                        endField(buf, i, i);
                    } else if (c == '\n') {
                        if (column > 0) {
                            beginValue(i);
                            endField(buf, i, i);
                            endRecord();
                        }
                    } else {
                        st = UNQUOTED;
                        vs = i;
                        beginValue(vs);
                    }
                    i++;
                }
                case UNQUOTED -> {
                    int j = i;
                    while (j < len && buf[j] != d && buf[j] != '\n') j++;
                    if (j == len) {
                        i = j;
                        break;
                    }
                    int e = j;
                    if (buf[j] == '\n' && e > vs && buf[e - 1] == '\r') e--;
                    endField(buf, vs, e);
                    if (buf[j] == '\n') endRecord();
                    st = FIELD_START;
                    i = j + 1;
                }
                case QUOTED -> {
                    int j = i;
                    while (j < len && buf[j] != '"') j++;
                    if (j == len) {
                        i = j;
                        break;
                    }
                    valueEnd = j;
                    st = AFTER_QUOTE;
                    i = j + 1;
                }
                default -> { // AFTER_QUOTE
                    if (c == '"') {
                        st = QUOTED;
                    } else if (c == d) {
                        endField(buf, vs, valueEnd);
                        st = FIELD_START;
                    } else if (c == '\n') {
                        endField(buf, vs, valueEnd);
                        endRecord();
                        st = FIELD_START;
                    } else if (c != '\r') {
                        // a stray quote ("Samsung 55" TV"): as Python's csv reads it, the field goes on
                        // unquoted up to the next delimiter or line break, quotes taken literally; the
                        // value keeps the quote (when it ended the previous block, that piece is already
                        // scanned without it)
                        st = UNQUOTED;
                        continue;
                    }
                    i++;
                }
            }
        }
        // a value still open at the end of the block: scan what is here, carry on in the next block
        if (st == UNQUOTED || st == QUOTED) {
            piece(buf, vs, len);
            vs = 0;
        } else if (st == AFTER_QUOTE) {
            piece(buf, vs, valueEnd);
            vs = 0;
            valueEnd = 0;
        }
        state = st;
    }

    private int valueEnd;

    private void beginValue(int pos) {
        if (row == 0) header.setLength(0);
        else values.start(pos, contextOf(column));
    }

    private void piece(byte[] buf, int from, int to) {
        if (to <= from) return;
        if (row == 0) {
            if (header.length() < MAX_HEADER)
                header.append(new String(buf, from, Math.min(to - from, MAX_HEADER), UTF_8));
        } else {
            values.piece(buf, from, to);
        }
    }

    private void endField(byte[] buf, int from, int to) {
        piece(buf, from, to);
        if (row == 0) headerName();
        else values.end();
        column++;
    }

    private void headerName() {
        String name = header.toString().strip();
        headerNames.add(name);
        columns.add(FieldContext.of(name));
    }

    private void endRecord() {
        if (row == 0) FieldContext.inHeader(headerNames, columns);
        if (row > 0) {
            values.endRecord(record, null);
            SubjectRecord s = record.finish(file);
            if (s != null) ctx.out().subject(s);
        }
        record.reset();
        row++;
        column = 0;
    }

    private void finish() {
        if (state != FIELD_START || column > 0) {
            if (state == AFTER_QUOTE || state == UNQUOTED || state == QUOTED) {
                if (row == 0) headerName();
                else values.end();
            }
            endRecord();
        }
    }
}
