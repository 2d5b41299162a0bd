package dev.tandem.intake;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * CSV records (RFC 4180: comma, double quote, CR, LF or CRLF) read straight from UTF-8 bytes, each
 * field kept as a range of the buffer until it is asked for: a row of an Event Log File has dozens
 * of columns and the analysis reads a third of them, so only those become strings.
 *
 * <p>Up to the first malformed record it reads exactly as FastCSV's reader does with the settings of
 * {@link CsvTable#reader}, which {@code CsvBytesTest} checks on random documents, field for field and
 * line for line: a field that starts with a quote is quoted, {@code ""} inside it is one quote, and a
 * quote elsewhere is a plain character; a character other than a separator, a line end or a quote
 * after a closing quote makes the record malformed: where FastCSV stops, this reader throws
 * {@link Malformed}, skips the rest of the record's line and reads on; an empty line is no record; an unterminated quoted field runs to the
 * end of the input; CR, LF and CRLF end a record, and the 1-based line on which a record starts
 * counts the line ends inside quoted fields. Bytes that are not UTF-8 become U+FFFD, as a decoding
 * reader makes them; the delimiters are ASCII bytes, which no multi-byte UTF-8 sequence contains, so
 * finding them in the bytes finds what a reader finds in the characters.
 *
 * <p>Where FastCSV limits a field to what its buffer holds (4 Mi characters), this reader limits it to
 * {@link #maxFieldBytes} bytes, a record to sixteen times that, and a record to {@link #MAX_FIELDS}
 * fields.
 */
final class CsvBytes implements Closeable {
    /** Fields in one record at most, as FastCSV's default. */
    static final int MAX_FIELDS = 16 * 1024;

    /** A record's bytes at most, in fields of the longest size (FastCSV: 64 Mi characters). */
    private static final int MAX_RECORD_FIELDS_BYTES = 16;

    private static final byte QUOTE = '"';
    private static final byte COMMA = ',';
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    // the parser's states, as bits (a closing quote leaves QUOTED_FIELD without QUOTED_MODE)
    private static final int RESET = 0;
    private static final int DATA_FIELD = 1;
    private static final int QUOTED_FIELD = 2;
    private static final int QUOTED_MODE = 4;
    private static final int NEW_FIELD = 8;
    private static final int LAST_WAS_CR = 32;

    // a field's kind
    private static final byte PLAIN = 0;
    private static final byte QUOTED = 1;
    private static final byte QUOTED_ESCAPES = 2;

    private static final int READ = 64 * 1024;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long QUOTES = 0x2222222222222222L;
    private static final long COMMAS = 0x2C2C2C2C2C2C2C2CL;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    private final InputStream in;
    private final int maxFieldBytes;
    private byte[] buf;
    private int len;
    private int pos;
    private boolean finished;
    private int status = RESET;

    /** Where the current record starts in the buffer: what a refill keeps. */
    private int recordStart;
    /** Where the field being read starts; kept here only while the buffer is refilled. */
    private int fieldBegin;

    /** Changes of a column's value after which it is known whether its values repeat. */
    private static final int REUSE_TRIAL = 256;
    /** By then, a column keeps its last value when it repeated at least TRIAL / this many times. */
    private static final int REUSE_AT_LEAST = 8;

    private @Nullable Reuse[] reuse = new Reuse[32];

    private int[] starts = new int[32];
    private int[] ends = new int[32];
    private byte[] kinds = new byte[32];
    private int fields;
    private boolean empty;

    private long startingLine;
    private int lines = 1;

    /**
     * Reads {@code in} after the {@code n} bytes of {@code first} already read from it (the caller
     * took them to look for a byte-order mark).
     */
    CsvBytes(InputStream in, byte[] first, int n, int maxFieldBytes) {
        this.in = in;
        this.maxFieldBytes = maxFieldBytes;
        this.buf = new byte[Math.max(2 * READ, n + READ)];
        System.arraycopy(first, 0, buf, 0, n);
        this.len = n;
    }

    /** A fault that ends the reading: the input is not CSV that can be read on. */
    static final class Fault extends RuntimeException {
        Fault(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A record that cannot be read, after which reading goes on at the next line: a quote where RFC
     * 4180 allows none (an export that did not double a quote inside a quoted field). One such
     * record no longer costs the rest of the file; the caller counts it as a malformed row.
     */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** Advances to the next record that is not an empty line; false at the end of the input. */
    boolean next() throws IOException {
        while (record()) {
            if (!empty) {
                return true;
            }
        }
        fields = 0;
        return false;
    }

    /** The fields of the current record. */
    int fieldCount() {
        return fields;
    }

    /** Every field of the current record as text. */
    List<String> fields() {
        List<String> all = new ArrayList<>(fields);
        for (int i = 0; i < fields; i++) {
            all.add(field(i));
        }
        return all;
    }

    /** The 1-based line on which the current record starts. */
    long line() {
        return startingLine;
    }

    /**
     * A field of the current record as text. A column's value is often the one of the row before
     * (the organization and event type of a whole file, a user's or a session's run of rows): that
     * value's string is handed out again, without a copy. A column whose value has changed
     * {@value #REUSE_TRIAL} times while repeating fewer than a {@value #REUSE_AT_LEAST}th as often
     * stops being compared and makes a new string each time.
     */
    String field(int i) {
        if (i < 0 || i >= fields) {
            throw new IndexOutOfBoundsException(i);
        }
        int s = starts[i];
        if (kinds[i] == QUOTED_ESCAPES) {
            ends[i] = s + unescape(buf, s, ends[i]);
            kinds[i] = QUOTED;
        }
        int n = ends[i] - s;
        if (i >= reuse.length) {
            reuse = Arrays.copyOf(reuse, Math.max(i + 1, reuse.length * 2));
        }
        Reuse r = reuse[i];
        if (r == null) {
            r = reuse[i] = new Reuse();
        } else if (r.text != null && Arrays.equals(buf, s, s + n, r.bytes, 0, r.length)) {
            r.hits++;
            return r.text;
        }
        String text = new String(buf, s, n, StandardCharsets.UTF_8);
        if (r.looks < REUSE_TRIAL) {
            r.looks++;
        } else if (r.hits < REUSE_TRIAL / REUSE_AT_LEAST) {
            r.text = null; // values that seldom repeat: no copies kept
            return text;
        }
        if (r.bytes.length < n) {
            r.bytes = new byte[Math.max(n, 2 * r.bytes.length)];
        }
        System.arraycopy(buf, s, r.bytes, 0, n);
        r.length = n;
        r.text = text;
        return text;
    }

    /** The last value of a column, as bytes and as the string handed out. */
    private static final class Reuse {
        byte[] bytes = new byte[32];
        int length;

        @Nullable
        String text;

        int looks;
        int hits;
    }

    /**
     * Reads one record, or an empty line ({@link #empty}); false when the input holds no more. The
     * state machine is FastCSV's (StrictCsvParser, comments off), on bytes.
     */
    private boolean record() throws IOException {
        if (finished) {
            return false;
        }
        startingLine += lines;
        lines = 1;
        fields = 0;
        empty = false;
        recordStart = pos;
        byte[] b = buf;
        int p = pos;
        int n = len;
        int begin = p;
        int st = status;
        boolean first = true;
        boolean escapes = false;
        while (true) {
            if (p == n) {
                pos = p;
                fieldBegin = begin;
                if (!fill()) {
                    finished = true;
                    status = st;
                    if (fieldBegin < pos) {
                        add(fieldBegin, pos, st, escapes);
                        return true;
                    }
                    if ((st & NEW_FIELD) != 0) {
                        add(pos, pos, st, false);
                        return true;
                    }
                    return false;
                }
                b = buf;
                p = pos;
                n = len;
                begin = fieldBegin;
                continue;
            }
            byte c = b[p++];
            if ((st & QUOTED_MODE) != 0) {
                if (c == QUOTE) {
                    st &= ~QUOTED_MODE;
                } else if (c == CR) {
                    st |= LAST_WAS_CR;
                    lines++;
                } else if (c == LF) {
                    if ((st & LAST_WAS_CR) == 0) {
                        lines++;
                    } else {
                        st &= ~LAST_WAS_CR;
                    }
                } else {
                    p = run(b, p, n, QUOTES, QUOTE);
                }
            } else if (c == COMMA) {
                add(begin, p - 1, st, escapes);
                st = NEW_FIELD;
                begin = p;
                first = false;
                escapes = false;
            } else if (c == CR) {
                end(first && p - 1 == begin, begin, p - 1, st, escapes);
                pos = p;
                status = LAST_WAS_CR;
                return true;
            } else if (c == LF) {
                if ((st & LAST_WAS_CR) == 0) {
                    end(first && p - 1 == begin, begin, p - 1, st, escapes);
                    pos = p;
                    status = RESET;
                    return true;
                }
                // the LF of a CRLF whose CR ended the record before (or, as FastCSV reads it, one
                // after a quoted field that ended in CR): no line end of its own
                st = RESET;
                begin = p;
            } else if (c == QUOTE && (st & DATA_FIELD) == 0) {
                if ((st & QUOTED_FIELD) != 0) {
                    escapes = true; // "" inside a quoted field
                }
                st = QUOTED_FIELD | QUOTED_MODE;
            } else if ((st & QUOTED_FIELD) == 0) {
                st = DATA_FIELD;
                p = run(b, p, n, COMMAS, COMMA);
            } else {
                String what = "unexpected character after a closing quote in the record starting at line "
                        + startingLine + " (field " + (fields + 1) + ")";
                pos = p;
                skipToLineEnd();
                throw new Malformed(what + "; the record is skipped up to the end of its line");
            }
        }
    }

    /**
     * Leaves a record that cannot be read: reading goes on after the end of its line (LF, CR or
     * CRLF, as records end; the LF of a CRLF is then taken as no line end of its own).
     */
    private void skipToLineEnd() throws IOException {
        status = RESET;
        fields = 0;
        while (true) {
            for (int i = pos; i < len; i++) {
                if (buf[i] == LF || buf[i] == CR) {
                    pos = i + 1;
                    status = buf[i] == CR ? LAST_WAS_CR : RESET;
                    return;
                }
            }
            pos = len;
            recordStart = len;
            fieldBegin = len;
            if (!fill()) {
                finished = true;
                return;
            }
        }
    }

    /**
     * The first {@code stop} byte (a quote inside a quoted field, a comma outside), CR or LF at or
     * after {@code p}, or {@code n}: eight bytes at a time ({@code stops} is {@code stop} in each byte).
     */
    private static int run(byte[] b, int p, int n, long stops, byte stop) {
        for (; p + 8 <= n; p += 8) {
            long w = (long) LONGS.get(b, p);
            long m = zeros(w ^ stops) | zeros(w ^ CRS) | zeros(w ^ LFS);
            if (m != 0) {
                return p + (Long.numberOfTrailingZeros(m) >>> 3);
            }
        }
        while (p < n) {
            byte d = b[p];
            if (d == stop || d == LF || d == CR) {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * The high bit of each zero byte of {@code x} set (bytes above the lowest zero byte may be
     * marked too, so only the lowest mark counts).
     */
    private static long zeros(long x) {
        return (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
    }

    private void end(boolean emptyLine, int begin, int end, int st, boolean escapes) {
        if (emptyLine) {
            empty = true;
        } else {
            add(begin, end, st, escapes);
        }
    }

    /** Keeps a field's range: for a quoted one, without its quotes. */
    private void add(int begin, int end, int st, boolean escapes) {
        if (fields == starts.length) {
            if (fields == MAX_FIELDS) {
                throw new Fault(
                        "the record starting at line " + startingLine + " has more than " + MAX_FIELDS + " fields");
            }
            int grown = Math.min(MAX_FIELDS, fields * 2);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            kinds = Arrays.copyOf(kinds, grown);
        }
        int s = begin;
        int e = end;
        byte kind = PLAIN;
        if ((st & QUOTED_FIELD) != 0) {
            s = begin + 1;
            e = Math.max(s, end - (buf[end - 1] == QUOTE ? 1 : 0));
            kind = escapes ? QUOTED_ESCAPES : QUOTED;
        }
        starts[fields] = s;
        ends[fields] = e;
        kinds[fields] = kind;
        fields++;
    }

    /**
     * Drops the escaping quotes of a quoted field's bytes in place ({@code ""} is one quote); returns
     * the new length.
     */
    private static int unescape(byte[] b, int begin, int end) {
        int i = begin;
        while (i < end && b[i] != QUOTE) {
            i++;
        }
        int out = i;
        boolean escape = false;
        for (; i < end; i++) {
            byte c = b[i];
            if (c == QUOTE) {
                escape = !escape;
                if (escape) {
                    continue;
                }
            }
            b[out++] = c;
        }
        return out - begin;
    }

    /**
     * Reads more of the input behind what the buffer holds, moving the current record to the
     * buffer's start (or into a larger buffer) when the room behind it runs short; false at the end
     * of the input.
     */
    private boolean fill() throws IOException {
        if (len - fieldBegin > maxFieldBytes) {
            throw new Fault("a field of the record starting at line " + startingLine + " is longer than "
                    + maxFieldBytes + " bytes (an opening quote without its closing one?)");
        }
        if (len - recordStart > MAX_RECORD_FIELDS_BYTES * (long) maxFieldBytes) {
            throw new Fault("the record starting at line " + startingLine + " is longer than "
                    + MAX_RECORD_FIELDS_BYTES * (long) maxFieldBytes + " bytes");
        }
        if (buf.length - len < READ) {
            int keep = len - recordStart;
            byte[] target = buf;
            if (keep + READ > buf.length) {
                long grown = Math.max(2L * buf.length, (long) keep + READ);
                if (grown > Integer.MAX_VALUE - 16) {
                    throw new Fault("the record starting at line " + startingLine + " is too long to read");
                }
                target = new byte[(int) grown];
            }
            System.arraycopy(buf, recordStart, target, 0, keep);
            buf = target;
            int shift = recordStart;
            for (int i = 0; i < fields; i++) {
                starts[i] -= shift;
                ends[i] -= shift;
            }
            pos -= shift;
            len -= shift;
            fieldBegin -= shift;
            recordStart = 0;
        }
        int r;
        do {
            r = in.read(buf, len, buf.length - len);
        } while (r == 0);
        if (r < 0) {
            return false;
        }
        len += r;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
