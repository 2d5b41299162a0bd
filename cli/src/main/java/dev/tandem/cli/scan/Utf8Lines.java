package dev.tandem.cli.scan;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of UTF-8 output lines, written without a {@code StringBuilder}, a
 * {@code String} and an encoder in between (docs/adr/092-scan-output-as-bytes.md). The JSON string
 * writer gives the bytes that {@link Json#string} followed by UTF-8 encoding gives: the same
 * escapes (RFC 8259 §7), a valid surrogate pair as one four-byte sequence, a lone surrogate escaped.
 */
final class Utf8Lines {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private byte[] buf;
    private int size;

    Utf8Lines(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    byte[] array() {
        return buf;
    }

    void clear() {
        size = 0;
    }

    @Override
    public String toString() {
        return new String(buf, 0, size, StandardCharsets.UTF_8);
    }

    private void room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    void bytes(byte[] b) {
        room(b.length);
        size = put(buf, size, b);
    }

    /**
     * Room for {@code n} more bytes, for a run of {@code put…} calls that write at positions kept in
     * a local variable from {@link #size()} on (one check for a whole line); {@link #commit} ends it.
     */
    byte[] reserve(int n) {
        room(n);
        return buf;
    }

    /** The end of what a run of {@code put…} calls wrote into the array {@link #reserve} gave. */
    void commit(int end) {
        size = end;
    }

    /** Most bytes {@link #putDecimal} writes. */
    static final int MAX_DECIMAL = 20;

    /** Copies {@code src} to {@code b[n…]}; returns the position after it. */
    static int put(byte[] b, int n, byte[] src) {
        System.arraycopy(src, 0, b, n, src.length);
        return n + src.length;
    }

    /** One ASCII character. */
    void ascii(char c) {
        room(1);
        buf[size++] = (byte) c;
    }

    /** "00" to "99": two digits per step, half the divisions. */
    private static final byte[] PAIRS = new byte[200];

    static {
        for (int i = 0; i < 100; i++) {
            PAIRS[2 * i] = (byte) ('0' + i / 10);
            PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
        }
    }

    /** The decimal digits of {@code v}, as {@code Long.toString(v)}. */
    void decimal(long v) {
        room(MAX_DECIMAL);
        size = putDecimal(buf, size, v);
    }

    /** The decimal digits of {@code v}, as {@code Long.toString(v)}, at {@code b[n…]}; returns the position after them. */
    static int putDecimal(byte[] b, int n, long v) {
        if (v < 0 || v > Integer.MAX_VALUE) {
            return put(b, n, Long.toString(v).getBytes(StandardCharsets.US_ASCII)); // beyond 2 GiB offsets: rare
        }
        int x = (int) v;
        int digits = x < 10
                ? 1
                : x < 100
                        ? 2
                        : x < 1000
                                ? 3
                                : x < 10000
                                        ? 4
                                        : x < 100000
                                                ? 5
                                                : x < 1000000
                                                        ? 6
                                                        : x < 10000000
                                                                ? 7
                                                                : x < 100000000 ? 8 : x < 1000000000 ? 9 : 10;
        int end = n + digits;
        int i = end;
        while (x >= 100) {
            int q = x / 100;
            int r = (x - q * 100) * 2;
            b[--i] = PAIRS[r + 1];
            b[--i] = PAIRS[r];
            x = q;
        }
        if (x >= 10) {
            b[--i] = PAIRS[x * 2 + 1];
            b[--i] = PAIRS[x * 2];
        } else {
            b[--i] = (byte) ('0' + x);
        }
        return end;
    }

    /** {@code s} as UTF-8, as {@code s.getBytes(UTF_8)} gives it. */
    void utf8(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private char[] chars = new char[64];

    /** {@code s} as a JSON string literal in UTF-8: the bytes of {@link Json#string} encoded. */
    void jsonString(String s) {
        int len = s.length();
        if (len > chars.length) chars = new char[Math.max(len, chars.length * 2)];
        s.getChars(0, len, chars, 0);
        jsonString(chars, len);
    }

    /** {@code s[0, len)} as a JSON string literal in UTF-8, as {@link #jsonString(String)}. */
    void jsonString(char[] s, int len) {
        room(maxJsonString(len));
        size = putJsonString(buf, size, s, len);
    }

    /** Most bytes the JSON string literal of {@code len} chars takes: 6 a char (an escape), and the quotes. */
    static int maxJsonString(int len) {
        return len * 6 + 2;
    }

    /** {@code s[0, len)} as {@link #jsonString(char[], int)} writes it, at {@code b[n…]}; returns the position after it. */
    static int putJsonString(byte[] b, int n, char[] s, int len) {
        b[n++] = '"';
        for (int i = 0; i < len; i++) {
            char c = s[i];
            if (c < 0x80) {
                if (c >= 0x20 && c != '"' && c != '\\') {
                    b[n++] = (byte) c;
                    continue;
                }
                b[n++] = '\\';
                switch (c) {
                    case '"' -> b[n++] = '"';
                    case '\\' -> b[n++] = '\\';
                    case '\n' -> b[n++] = 'n';
                    case '\r' -> b[n++] = 'r';
                    case '\t' -> b[n++] = 't';
                    default -> n = unicodeEscape(b, n, c);
                }
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s[i + 1])) {
                int cp = Character.toCodePoint(c, s[++i]);
                b[n++] = (byte) (0xF0 | (cp >> 18));
                b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[n++] = '\\';
                n = unicodeEscape(b, n, c);
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        b[n++] = '"';
        return n;
    }

    /** "uXXXX" in lower-case hex, after the backslash. */
    private static int unicodeEscape(byte[] b, int n, char c) {
        b[n++] = 'u';
        b[n++] = HEX[(c >> 12) & 0xF];
        b[n++] = HEX[(c >> 8) & 0xF];
        b[n++] = HEX[(c >> 4) & 0xF];
        b[n++] = HEX[c & 0xF];
        return n;
    }
}
