package dev.tandem.pii.input;

import dev.tandem.pii.Format;
import dev.tandem.pii.detect.ByteClasses;
import org.jspecify.annotations.Nullable;

/**
 * Where a CSV, TSV or JSON (Lines) stream may be cut so that each part can be read by a fresh
 * reader: after a line break that ends a record, never inside one, nor inside a quoted CSV field
 * (RFC 4180 §2, which may hold line breaks) or a JSON string, object or array (RFC 8259). The
 * state machines are those of {@link CsvInput} and {@link JsonInput} (the same leniency: a quote
 * inside an unquoted CSV field is a plain character, and so is a stray one after a closing quote,
 * after which the field goes on unquoted), without their output, so a reader that
 * starts at a boundary is in the very state the whole-stream reader is in there. Bytes are fed in
 * order, each once; CSV boundaries begin after the header record, which every later part gets
 * again ({@link #headerEnd()}).
 */
public abstract sealed class RecordBoundaries {
    /** Stream position of the byte being stepped. */
    private long at;

    private RecordBoundaries() {}

    /** Whether inputs of {@code format} are cut at records (CSV, TSV, JSON; not text, HAR or archives). */
    public static boolean cuts(Format format) {
        return format == Format.CSV || format == Format.TSV || format == Format.JSON;
    }

    /** The tracker for {@code format}, given the stream's first bytes {@code head[0, len)}; null when it is not cut. */
    public static @Nullable RecordBoundaries of(Format format, byte[] head, int len) {
        return switch (format) {
            case CSV -> new Csv(CsvInput.guessDelimiter(head, len));
            case TSV -> new Csv((byte) '\t');
            case JSON -> new Json();
            default -> null;
        };
    }

    /**
     * Reads {@code buf[from, to)} (the bytes after those already fed) and answers the position
     * just after the last record boundary in it, or -1 when there is none. Each kind has the same
     * loop of its own, calling its own {@code next} and {@code step}: a loop shared by both would
     * call them through a type check that the JIT compiles for the first kind of file it sees and
     * throws away at the first file of the other kind, leaving the reader thread interpreting the
     * loop, a byte at a time, until it is compiled again (docs/adr/120-scan-threads-yield-to-the-compilers.md).
     */
    public abstract int feed(byte[] buf, int from, int to);

    /** Sets the stream position of the byte being stepped. */
    final void at(long position) {
        at = position;
    }

    /**
     * {@link #feed} one byte at a time through {@link #step}: the definition that {@code feed}'s
     * skipping must agree with (a test compares the two).
     */
    final int feedEachByte(byte[] buf, int from, int to) {
        int last = -1;
        for (int i = from; i < to; i++, at++) {
            if (step(buf[i])) last = i + 1;
        }
        return last;
    }

    /**
     * The first index in {@code [from, to)} whose byte {@link #step} must see in the current
     * state, or {@code to}: the bytes before it leave the state as it is and end no record (the
     * inside of a quoted CSV field up to its quote, of an unquoted one up to a delimiter or line
     * break, of a JSON string up to a quote or backslash), so they are skipped eight at a time.
     */
    abstract int next(byte[] buf, int from, int to);

    /** Stream position of the byte being stepped. */
    final long at() {
        return at;
    }

    /** How many bytes at the start of the stream a part that does not begin it must read first (the CSV header); 0 for none. */
    public long headerEnd() {
        return 0;
    }

    /** Takes one byte; true when a record boundary follows it. */
    abstract boolean step(byte c);

    private static final class Csv extends RecordBoundaries {
        private static final int FIELD_START = 0;
        private static final int UNQUOTED = 1;
        private static final int QUOTED = 2;
        private static final int AFTER_QUOTE = 3;

        private final byte delimiter;
        private int state = FIELD_START;
        private boolean midRecord;
        private long headerEnd = -1;

        Csv(byte delimiter) {
            this.delimiter = delimiter;
        }

        @Override
        public long headerEnd() {
            return Math.max(headerEnd, 0);
        }

        @Override
        public int feed(byte[] buf, int from, int to) {
            int last = -1;
            long base = at() - from;
            int i = from;
            while ((i = next(buf, i, to)) < to) {
                at(base + i);
                if (step(buf[i])) last = i + 1;
                i++;
            }
            at(base + to);
            return last;
        }

        @Override
        int next(byte[] buf, int from, int to) {
            return switch (state) {
                case QUOTED -> ByteClasses.indexOf(buf, from, to, (byte) '"');
                case UNQUOTED -> ByteClasses.indexOfEither(buf, from, to, delimiter, (byte) '\n');
                default -> from;
            };
        }

        @Override
        boolean step(byte c) {
            boolean ended = false;
            switch (state) {
                case FIELD_START -> {
                    if (c == '"') state = QUOTED;
                    else if (c == delimiter) midRecord = true;
                    else if (c == '\n') ended = midRecord;
                    else state = UNQUOTED;
                }
                case UNQUOTED -> {
                    if (c == delimiter) {
                        state = FIELD_START;
                        midRecord = true;
                    } else if (c == '\n') {
                        state = FIELD_START;
                        ended = true;
                    }
                }
                case QUOTED -> {
                    if (c == '"') state = AFTER_QUOTE;
                }
                default -> { // AFTER_QUOTE
                    if (c == '"') {
                        state = QUOTED;
                    } else if (c == delimiter) {
                        state = FIELD_START;
                        midRecord = true;
                    } else if (c == '\n') {
                        state = FIELD_START;
                        ended = true;
                    } else if (c != '\r') {
                        state = UNQUOTED; // a stray quote: the field goes on unquoted, as CsvInput reads it
                    }
                }
            }
            if (!ended) return false;
            midRecord = false;
            if (headerEnd < 0) {
                headerEnd = at() + 1;
                return false;
            }
            return true;
        }
    }

    private static final class Json extends RecordBoundaries {
        private static final int OUTSIDE = 0;
        private static final int STRING = 1;
        private static final int ESCAPE = 2;
        private static final int SCALAR = 3;

        private int state = OUTSIDE;
        /** Objects and arrays open (the reader's stack and its too-deep count together). */
        private long depth;

        @Override
        public int feed(byte[] buf, int from, int to) {
            int last = -1;
            long base = at() - from;
            int i = from;
            while ((i = next(buf, i, to)) < to) {
                at(base + i);
                if (step(buf[i])) last = i + 1;
                i++;
            }
            at(base + to);
            return last;
        }

        @Override
        int next(byte[] buf, int from, int to) {
            if (state == STRING) return ByteClasses.indexOfEither(buf, from, to, (byte) '"', (byte) '\\');
            return state == SCALAR ? JsonInput.scalarEnd(buf, from, to) : from;
        }

        @Override
        boolean step(byte c) {
            switch (state) {
                case STRING -> {
                    if (c == '"') state = OUTSIDE;
                    else if (c == '\\') state = ESCAPE;
                    return false;
                }
                case ESCAPE -> {
                    state = STRING;
                    return false;
                }
                case SCALAR -> {
                    if (!JsonInput.scalarEnd(c)) return false;
                    state = OUTSIDE; // the byte that ends a scalar is read again outside it
                }
                default -> {}
            }
            switch (c) {
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    if (depth > 0) depth--;
                }
                case '"' -> state = STRING;
                case ',', ':', ' ', '\t', '\r' -> {}
                case '\n' -> {
                    return depth == 0;
                }
                default -> state = SCALAR;
            }
            return false;
        }
    }
}
