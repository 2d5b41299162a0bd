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

    /** Room {@link #mask(Entity, String, char[])} needs for {@code value}. */
    public static int maxLength(String value) {
        return value.length() + 3;
    }

    /**
     * Writes the masked text into {@code out} (at least {@link #maxLength} long) and returns its
     * length: what {@link #mask(Entity, String)} returns, without a string per value when the
     * caller writes the text out itself.
     */
    public static int mask(Entity entity, String value, char[] out) {
        return switch (entity) {
            case EMAIL_ADDRESS -> email(value, out);
            case CREDIT_CARD, US_SSN -> keepLastDigits(value, 4, 0, out);
            case IBAN_CODE -> keepLastDigits(value, 4, 2, out);
            case PHONE_NUMBER -> keepLastDigits(value, 2, 0, out);
            case IP_ADDRESS -> ip(value, out);
            case PERSON, LOCATION -> initials(value, out);
            case DATE_OF_BIRTH -> keepLastDigits(value, 0, 0, out);
        };
    }

    private static int stars(int n, char[] out) {
        java.util.Arrays.fill(out, 0, n, '*');
        return n;
    }

    /** "j***@example.com": the first character, three stars, the domain; all stars without a local part. */
    private static int email(String v, char[] out) {
        int at = v.lastIndexOf('@');
        if (at <= 0) return stars(v.length(), out);
        out[0] = v.charAt(0);
        out[1] = '*';
        out[2] = '*';
        out[3] = '*';
        v.getChars(at, v.length(), out, 4);
        return 4 + v.length() - at;
    }

    /** Keeps the first {@code keepFirst} characters and the last {@code keepLast} letters/digits. */
    private static int keepLastDigits(String v, int keepLast, int keepFirst, char[] out) {
        int n = v.length();
        v.getChars(0, n, out, 0);
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
    private static int ip(String v, char[] out) {
        char sep = v.indexOf(':') >= 0 ? ':' : '.';
        int first = v.indexOf(sep);
        int n = v.length();
        if (first <= 0) return stars(n, out);
        v.getChars(0, first, out, 0);
        for (int i = first; i < n; i++) {
            char c = v.charAt(i);
            out[i] = c == ':' || c == '.' ? c : '*';
        }
        return n;
    }

    /** "Jane Doe" becomes "J*** D**": first letter of each word. */
    private static int initials(String v, char[] out) {
        int n = 0;
        boolean wordStart = true;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp < 0x80 ? isLetterOrDigit((char) cp) : Character.isLetterOrDigit(cp)) {
                if (wordStart) n += Character.toChars(cp, out, n);
                else out[n++] = '*';
                wordStart = false;
            } else {
                n += Character.toChars(cp, out, n);
                wordStart = true;
            }
            i += Character.charCount(cp);
        }
        return n;
    }
}
