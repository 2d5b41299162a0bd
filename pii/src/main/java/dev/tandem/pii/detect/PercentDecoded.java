package dev.tandem.pii.detect;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Bytes with their {@code %XX} escapes (RFC 3986 §2.1) decoded, and where each escape was: the
 * decoded offsets of the escapes, in order, so that a decoded offset maps back to the bytes as
 * written. {@code +} is left alone: it is a space only in form bodies, and a plus sign in phone
 * numbers.
 */
public record PercentDecoded(byte[] bytes, int[] escapesAt) {

    /** {@code raw} decoded, or null when it holds no escape. */
    public static @Nullable PercentDecoded of(byte[] raw) {
        return of(raw, 0, raw.length);
    }

    /** {@code raw[from, to)} decoded, or null when it holds no escape; offsets count from {@code from}. */
    public static @Nullable PercentDecoded of(byte[] raw, int from, int to) {
        int escapes = 0;
        for (int i = from; i + 2 < to; i++) {
            if (isEscape(raw, i, to)) {
                escapes++;
                i += 2;
            }
        }
        if (escapes == 0) {
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
                out[o] = raw[i++];
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
