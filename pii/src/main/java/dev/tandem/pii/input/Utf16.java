package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_16;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;

/**
 * UTF-16 text with a byte-order mark (Excel's "Unicode Text", Windows exports), transcoded to
 * UTF-8 as a stream before the readers, which read bytes as UTF-8. Offsets and byte counts of such
 * an input are then into the transcoded UTF-8 bytes (without the mark), not into the file; line
 * numbers are the file's. Unpaired surrogates become U+FFFD.
 */
public final class Utf16 {
    private Utf16() {}

    /** The input begins with a UTF-16 byte-order mark: FF FE (little-endian) or FE FF (big-endian). */
    public static boolean hasBom(byte[] head) {
        if (head.length < 2) return false;
        int a = head[0] & 0xff;
        int b = head[1] & 0xff;
        // FF FE 00 00 is UTF-32 LE, which is not transcoded
        boolean utf32 = head.length >= 4 && a == 0xff && head[2] == 0 && head[3] == 0;
        return ((a == 0xff && b == 0xfe) || (a == 0xfe && b == 0xff)) && !utf32;
    }

    /** {@code in} (beginning with the mark) as UTF-8 bytes; closing it closes {@code in}. */
    public static InputStream toUtf8(InputStream in) {
        return new Transcoded(new InputStreamReader(in, UTF_16));
    }

    private static final class Transcoded extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private int held; // a high surrogate kept for the next read, or -1
        private byte[] bytes = new byte[0];
        private int pos;
        private boolean eof;

        Transcoded(Reader reader) {
            this.reader = reader;
            this.held = -1;
        }

        /** Fills {@link #bytes}; false at the end. */
        private boolean fill() throws IOException {
            while (pos >= bytes.length) {
                if (eof) return false;
                int n = 0;
                if (held >= 0) {
                    chars[n++] = (char) held;
                    held = -1;
                }
                int r = reader.read(chars, n, chars.length - n);
                if (r < 0) eof = true;
                else n += r;
                if (!eof && n > 0 && Character.isHighSurrogate(chars[n - 1])) held = chars[--n];
                bytes = new String(chars, 0, n).getBytes(UTF_8);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
