package dev.tandem.pii.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte-class tables and word-at-a-time searches for the hot loop. Every search here works on raw
 * bytes: UTF-8 is never decoded, so invalid encodings cannot stop a scan.
 */
public final class ByteClasses {
    private ByteClasses() {}

    static final int DIGIT = 1;
    static final int UPPER = 2;
    static final int LOWER = 4;
    static final int HEX = 8;
    static final int EMAIL_LOCAL = 16;
    static final int DOMAIN = 32;
    /** Bytes that can never be inside a candidate: a chunk may be split before one of them. */
    static final int SAFE_SPLIT = 64;

    static final byte[] CLASS = new byte[256];

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    static {
        for (int b = '0'; b <= '9'; b++) CLASS[b] |= DIGIT | HEX | EMAIL_LOCAL | DOMAIN;
        for (int b = 'A'; b <= 'Z'; b++) CLASS[b] |= UPPER | EMAIL_LOCAL | DOMAIN;
        for (int b = 'a'; b <= 'z'; b++) CLASS[b] |= LOWER | EMAIL_LOCAL | DOMAIN;
        for (int b = 'A'; b <= 'F'; b++) CLASS[b] |= HEX;
        for (int b = 'a'; b <= 'f'; b++) CLASS[b] |= HEX;
        for (char c : "._%+-".toCharArray()) CLASS[c] |= EMAIL_LOCAL;
        for (char c : ".-".toCharArray()) CLASS[c] |= DOMAIN;
        for (int b = 0; b < 0x20; b++) CLASS[b] |= SAFE_SPLIT;
        for (char c : ",;\"'<>{}[]|\\`!?*#$^~&=".toCharArray()) CLASS[c] |= SAFE_SPLIT;
        CLASS[0x7f] |= SAFE_SPLIT;
    }

    static boolean isDigit(byte b) {
        return (b - '0' & 0xff) < 10;
    }

    static boolean isUpper(byte b) {
        return (b - 'A' & 0xff) < 26;
    }

    static boolean isAlnum(byte b) {
        return (CLASS[b & 0xff] & (DIGIT | UPPER | LOWER)) != 0;
    }

    static boolean is(byte b, int cls) {
        return (CLASS[b & 0xff] & cls) != 0;
    }

    /**
     * First index in {@code [from, to)} holding a trigger byte: a digit, ':' or '@' (all in
     * 0x30..0x40), or {@code to}. Eight bytes at a time: a byte b is in (0x2F, 0x41) when
     * {@code 0xC0 - b} and {@code b + 0x50} both set the high bit ("hasbetween", Bit Twiddling
     * Hacks), which never carries between bytes for b < 0x80; bytes >= 0x80 are masked out.
     */
    static int nextTrigger(byte[] buf, int from, int to) {
        int i = from;
        int last = to - 8;
        while (i <= last) {
            long x = (long) LONGS.get(buf, i);
            long low = x & ~HIGHS;
            long t = (ONES * 0xC0 - low) & ~x & (low + ONES * 0x50) & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        while (i < to) {
            int b = buf[i] & 0xff;
            if (b >= 0x30 && b <= 0x40) return i;
            i++;
        }
        return to;
    }

    /** First index in {@code [from, to)} holding {@code a}, or {@code to}; eight bytes at a time. */
    public static int indexOf(byte[] buf, int from, int to, byte a) {
        long pa = ONES * (a & 0xff);
        int i = from;
        int last = to - 8;
        while (i <= last) {
            long z = zeroBytes((long) LONGS.get(buf, i) ^ pa);
            if (z != 0) return i + (Long.numberOfTrailingZeros(z) >>> 3);
            i += 8;
        }
        while (i < to && buf[i] != a) i++;
        return i;
    }

    /** First index in {@code [from, to)} holding {@code a} or {@code b}, or {@code to}; eight bytes at a time. */
    public static int indexOfEither(byte[] buf, int from, int to, byte a, byte b) {
        long pa = ONES * (a & 0xff);
        long pb = ONES * (b & 0xff);
        int i = from;
        int last = to - 8;
        while (i <= last) {
            long x = (long) LONGS.get(buf, i);
            long z = zeroBytes(x ^ pa) | zeroBytes(x ^ pb);
            if (z != 0) return i + (Long.numberOfTrailingZeros(z) >>> 3);
            i += 8;
        }
        while (i < to && buf[i] != a && buf[i] != b) i++;
        return i;
    }

    /**
     * The high bit of each zero byte of {@code x}, and of no other byte: the exact test (no carry
     * between bytes, unlike the shorter {@code (x - ONES) & ~x & HIGHS}, which may also flag a 0x01
     * byte above a zero byte), so the lowest set bit and the count are both right.
     */
    private static long zeroBytes(long x) {
        return ~(((x & ~HIGHS) + ~HIGHS) | x | ~HIGHS);
    }

    private static boolean spaceJoins(byte b) {
        return (CLASS[b & 0xff] & (DIGIT | UPPER)) != 0 || b == '(' || b == ')' || b == '+';
    }

    /** Number of '\n' bytes in {@code [from, to)}, eight at a time. */
    public static long countNewlines(byte[] buf, int from, int to) {
        long n = 0;
        int i = from;
        int last = to - 8;
        while (i <= last) {
            // a zero byte marks a newline
            n += Long.bitCount(zeroBytes((long) LONGS.get(buf, i) ^ (ONES * '\n')));
            i += 8;
        }
        while (i < to) {
            if (buf[i] == '\n') n++;
            i++;
        }
        return n;
    }

    /**
     * A position in {@code (from, to]} where a chunk may end so that no candidate straddles it:
     * before a newline if there is one in the last {@code window} bytes, else before any byte
     * that cannot occur in a candidate, else before a space that is not between two of digit,
     * upper-case letter or parenthesis (spaces inside candidates are: cards, IBANs, phones).
     * Returns {@code to} when there is none (a hard split, possible only inside a run of
     * {@code window} bytes of such characters).
     */
    public static int safeSplit(byte[] buf, int from, int to, int window) {
        int lowest = Math.max(from + 1, to - window);
        for (int i = to - 1; i >= lowest; i--) {
            if (buf[i] == '\n') return i;
        }
        for (int i = to - 1; i >= lowest; i--) {
            if ((CLASS[buf[i] & 0xff] & SAFE_SPLIT) != 0) return i;
        }
        for (int i = to - 2; i >= lowest; i--) {
            if (buf[i] == ' ' && !(spaceJoins(buf[i - 1]) && spaceJoins(buf[i + 1]))) return i;
        }
        return to;
    }
}
