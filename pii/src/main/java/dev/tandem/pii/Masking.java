package dev.tandem.pii;

/**
 * Masks personal data for output and redacted copies: enough stays to recognise a value one
 * already knows (the last four digits of a card, as PCI DSS 4.0 §3.4.1 allows for display; an
 * e-mail's first letter and domain), never enough to recover it. Separators and length are kept so
 * masked text lines up with the original in a redacted copy.
 */
public final class Masking {
    private Masking() {}

    public static String mask(Entity entity, String value) {
        char[] out = new char[maxLength(value)];
        return new String(out, 0, mask(entity, value, out));
    }

    /** What masking may add to a value's length (an e-mail's three stars when its local part is one character). */
    public static final int EXTRA = 3;

    /** Room {@link #mask(Entity, String, char[])} needs for {@code value}. */
    public static int maxLength(String value) {
        return value.length() + EXTRA;
    }

    /**
     * Writes the masked text into {@code out} (at least {@link #maxLength} long) and returns its
     * length: what {@link #mask(Entity, String)} returns, without a string per value when the
     * caller writes the text out itself.
     */
    public static int mask(Entity entity, String value, char[] out) {
        int n = value.length();
        value.getChars(0, n, out, 0);
        return maskInPlace(entity, out, n);
    }

    /**
     * {@link #mask(Entity, String, char[])} of the string {@code b[from, to)} read as ISO-8859-1
     * (one char a byte, as the candidate scanner reads its values), without making the string:
     * {@code out} at least {@code to - from + EXTRA} long.
     */
    public static int maskLatin1(Entity entity, byte[] b, int from, int to, char[] out) {
        int n = to - from;
        for (int i = 0; i < n; i++) out[i] = (char) (b[from + i] & 0xFF);
        return maskInPlace(entity, out, n);
    }

    /** Masks the value {@code out[0, n)} where it lies ({@code out} at least {@code n + EXTRA} long); returns the masked length. */
    private static int maskInPlace(Entity entity, char[] out, int n) {
        return switch (entity) {
            case EMAIL_ADDRESS -> email(out, n);
            case CREDIT_CARD, US_SSN -> keepLastDigits(out, n, 4, 0);
            case IBAN_CODE -> keepLastDigits(out, n, 4, 2);
            case PHONE_NUMBER -> keepLastDigits(out, n, 2, 0);
            case IP_ADDRESS -> ip(out, n);
            case PERSON, LOCATION -> initials(out, n);
            case DATE_OF_BIRTH -> keepLastDigits(out, n, 0, 0);
        };
    }

    private static int stars(int n, char[] out) {
        java.util.Arrays.fill(out, 0, n, '*');
        return n;
    }

    private static int indexOf(char[] v, int n, char c) {
        for (int i = 0; i < n; i++) if (v[i] == c) return i;
        return -1;
    }

    /** "j***@example.com": the first character, three stars, the domain; all stars without a local part. */
    private static int email(char[] v, int n) {
        int at = n - 1;
        while (at >= 0 && v[at] != '@') at--;
        if (at <= 0) return stars(n, v);
        System.arraycopy(v, at, v, 4, n - at);
        v[1] = '*';
        v[2] = '*';
        v[3] = '*';
        return 4 + n - at;
    }

    /** Keeps the first {@code keepFirst} characters and the last {@code keepLast} letters/digits. */
    private static int keepLastDigits(char[] out, int n, int keepLast, int keepFirst) {
        // [from, to): after the first keepFirst letters/digits, before the last keepLast
        int from = 0;
        for (int kept = 0; kept < keepFirst && from < n; from++) if (isLetterOrDigit(out[from])) kept++;
        int to = n;
        for (int kept = 0; kept < keepLast && to > from; ) if (isLetterOrDigit(out[--to])) kept++;
        for (int i = from; i < to; i++) if (isLetterOrDigit(out[i])) out[i] = '*';
        return n;
    }

    /** {@link Character#isLetterOrDigit(char)}, without its table look-up for ASCII (every card, phone and IBAN). */
    private static boolean isLetterOrDigit(char c) {
        if (c >= 0x80) return Character.isLetterOrDigit(c);
        char lower = (char) (c | 0x20);
        return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z');
    }

    /** The first group kept, then separators kept and everything else a star. */
    private static int ip(char[] v, int n) {
        char sep = indexOf(v, n, ':') >= 0 ? ':' : '.';
        int first = indexOf(v, n, sep);
        if (first <= 0) return stars(n, v);
        for (int i = first; i < n; i++) {
            char c = v[i];
            v[i] = c == ':' || c == '.' ? c : '*';
        }
        return n;
    }

    /**
     * "Jane Doe" becomes "J*** D**": first letter of each word. Written where the value lies: each
     * code point read is replaced by at most as many chars, so the writing never passes the reading.
     */
    private static int initials(char[] v, int len) {
        int n = 0;
        boolean wordStart = true;
        for (int i = 0; i < len; ) {
            int cp = Character.codePointAt(v, i, len);
            i += Character.charCount(cp);
            if (cp < 0x80 ? isLetterOrDigit((char) cp) : Character.isLetterOrDigit(cp)) {
                if (wordStart) n += Character.toChars(cp, v, n);
                else v[n++] = '*';
                wordStart = false;
            } else {
                n += Character.toChars(cp, v, n);
                wordStart = true;
            }
        }
        return n;
    }
}
