package dev.tandem.pii.detect;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.Arrays;

/**
 * The ASCII digits of a candidate, gathered from its groups without the separators between them,
 * read by the validators as a {@link CharSequence} (also an IBAN's letters and digits, for its
 * checker). A plain byte array: the candidate scanner fills
 * one for every numeric candidate, and {@code StringBuilder.append} a char at a time cost several
 * per cent of a scan. Not thread-safe; reused from candidate to candidate.
 */
final class DigitRun implements CharSequence {
    private byte[] d = new byte[32];
    private int n;

    void clear() {
        n = 0;
    }

    /** Appends {@code b[from, to)}, bytes the caller has found to be ASCII digits. */
    void append(byte[] b, int from, int to) {
        int len = to - from;
        if (n + len > d.length) d = Arrays.copyOf(d, Math.max(d.length * 2, n + len));
        System.arraycopy(b, from, d, n, len);
        n += len;
    }

    /** The digits: {@code array()[0, length())}, valid until the next {@link #clear()} or append. */
    byte[] array() {
        return d;
    }

    @Override
    public int length() {
        return n;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= n) throw new IndexOutOfBoundsException(index);
        return (char) d[index];
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return toString().substring(start, end);
    }

    @Override
    public String toString() {
        return new String(d, 0, n, ISO_8859_1);
    }
}
