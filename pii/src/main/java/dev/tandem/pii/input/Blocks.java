package dev.tandem.pii.input;

import dev.tandem.pii.detect.ByteClasses;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a stream in blocks that end at a safe split (ByteClasses#safeSplit), so no candidate
 * straddles two blocks; the bytes after the split are carried into the next block. Memory is one
 * buffer whatever the line length.
 */
final class Blocks {
    private final InputStream in;
    private final int window;
    private byte[] buf;
    private int carry;
    private int len;
    private long offset;
    private boolean eof;

    Blocks(InputStream in, int chunkSize, int window) {
        this(in, chunkSize, window, 0);
    }

    /** A stream whose first byte is at {@code offset} of its file (the rest of a file cut at a record boundary). */
    Blocks(InputStream in, int chunkSize, int window, long offset) {
        this.in = in;
        this.buf = new byte[chunkSize];
        this.window = window;
        this.offset = offset;
    }

    /** The whole of an in-memory value as one block, without copying (HAR values, payloads). */
    static Blocks of(byte[] data) {
        return of(data, data.length, 0);
    }

    /** {@code data[0, len)} as one block at file offset {@code offset} (a part cut at record boundaries). */
    static Blocks of(byte[] data, int len, long offset) {
        Blocks b = new Blocks(InputStream.nullInputStream(), 0, 0, offset);
        b.buf = data;
        b.carry = len;
        b.eof = true;
        return b;
    }

    /** Reads the next block into {@link #buf()}: bytes {@code [0, length())}; false at the end. */
    boolean next() throws IOException {
        if (len > 0) {
            if (carry > 0) System.arraycopy(buf, len, buf, 0, carry);
            offset += len;
        }
        if (eof && carry == 0) {
            len = 0;
            return false;
        }
        int n = carry;
        while (!eof && n < buf.length) {
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) eof = true;
            else n += r;
        }
        int split = eof ? n : ByteClasses.safeSplit(buf, 0, n, window);
        len = split;
        carry = n - split;
        return len > 0 || carry > 0;
    }

    byte[] buf() {
        return buf;
    }

    int length() {
        return len;
    }

    /** File offset of {@code buf()[0]}. */
    long offset() {
        return offset;
    }
}
