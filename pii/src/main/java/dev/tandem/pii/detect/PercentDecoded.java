package dev.tandem.pii.detect;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Bytes with their {@code %XX} escapes (RFC 3986 §2.1) decoded, and where each escape was: the
 * decoded offsets of the escapes, in order, so that a decoded offset maps back to the bytes as
 * written. {@code +} is left alone ({@link #of}): it is a space only in form bodies, and a plus
 * sign in phone numbers; {@link #ofForm} reads a form body (WHATWG URL Standard §5.1,
 * application/x-www-form-urlencoded parsing), where {@code +} is a space and a plus sign is
 * {@code %2B}. A {@code +} is one byte as its space is, so offsets map back the same way.
 */
public record PercentDecoded(byte[] bytes, int[] escapesAt) {

    /** {@code raw} decoded, or null when it holds no escape. */
    public static @Nullable PercentDecoded of(byte[] raw) {
        return of(raw, 0, raw.length);
    }

    /** {@code raw[from, to)} decoded, or null when it holds no escape; offsets count from {@code from}. */
    public static @Nullable PercentDecoded of(byte[] raw, int from, int to) {
        return of(raw, from, to, false);
    }

    /** A form body or value {@code raw} decoded, '+' a space, or null when it holds no escape and no '+'. */
    public static @Nullable PercentDecoded ofForm(byte[] raw) {
        return of(raw, 0, raw.length, true);
    }

    private static @Nullable PercentDecoded of(byte[] raw, int from, int to, boolean form) {
        int escapes = 0;
        boolean plus = false;
        for (int i = from; i < to; i++) {
            if (i + 2 < to && isEscape(raw, i, to)) {
                escapes++;
                i += 2;
            } else if (raw[i] == '+') {
                plus = form;
            }
        }
        if (escapes == 0 && !plus) {
            return null;
        }
        byte[] out = new byte[to - from - 2 * escapes];
        int[] at = new int[escapes];
        int o = 0;
        int e = 0;
        for (int i = from; i < to; o++) {
            if (isEscape(raw, i, to)) {
                at[e++] = o;
                out[o] = (byte) (hex(raw[i + 1]) << 4 | hex(raw[i + 2]));
                i += 3;
            } else {
                byte c = raw[i++];
                out[o] = form && c == '+' ? (byte) ' ' : c;
            }
        }
        return new PercentDecoded(out, at);
    }

    /** The offset in the bytes as written of decoded offset {@code decoded} (0 to the decoded length). */
    public long sourceOffset(long decoded) {
        // every escape before this offset took three bytes for one
        int i = Arrays.binarySearch(escapesAt, (int) decoded);
        int before = i >= 0 ? i : -i - 1;
        return decoded + 2L * before;
    }

    private static boolean isEscape(byte[] raw, int i, int to) {
        return raw[i] == '%' && i + 2 < to && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0;
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }
}
