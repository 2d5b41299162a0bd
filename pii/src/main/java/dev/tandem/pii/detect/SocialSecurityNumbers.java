package dev.tandem.pii.detect;

import java.util.Set;

/**
 * US Social Security numbers. The SSA never issues area 000, 666 or 900-999, group 00 or serial
 * 0000 (SSA POMS RM 10201.035, "randomization" keeps these rules); numbers made public as
 * examples or by mistake are rejected too, as Presidio's {@code UsSsnRecognizer} does.
 */
public final class SocialSecurityNumbers {
    private SocialSecurityNumbers() {}

    /** 078-05-1120 (the Woolworth wallet card), 219-09-9999 (an SSA advertisement), and common samples. */
    static final Set<String> KNOWN_EXAMPLES = Set.of("078051120", "219099999", "123456789", "457555462");

    /** Nine digits, no separators. */
    public static boolean isValid(CharSequence d) {
        if (d.length() != 9) return false;
        int v = 0;
        for (int i = 0; i < 9; i++) {
            int c = d.charAt(i) - '0';
            if (c < 0 || c > 9) return isValidUnicode(d); // digits of other scripts: rare, the general way
            v = v * 10 + c;
        }
        int area = v / 1_000_000;
        int group = v / 10_000 % 100;
        int serial = v % 10_000;
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
        // nine equal digits: a multiple of 111,111,111
        return v % 111_111_111 != 0 && !KNOWN_EXAMPLE_VALUES.contains(v);
    }

    /** {@link #isValid} for any Unicode decimal digits, compared as characters: also its definition, which a test compares it with. */
    static boolean isValidUnicode(CharSequence d) {
        if (d.length() != 9) return false;
        for (int i = 0; i < 9; i++) if (!Character.isDigit(d.charAt(i))) return false;
        int area = Integer.parseInt(d, 0, 3, 10);
        int group = Integer.parseInt(d, 3, 5, 10);
        int serial = Integer.parseInt(d, 5, 9, 10);
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) return false;
        boolean same = true;
        for (int i = 1; i < 9; i++) same &= d.charAt(i) == d.charAt(0);
        return !same && !KNOWN_EXAMPLES.contains(d.toString());
    }

    private static final Set<Integer> KNOWN_EXAMPLE_VALUES =
            KNOWN_EXAMPLES.stream().map(Integer::valueOf).collect(java.util.stream.Collectors.toUnmodifiableSet());
}
