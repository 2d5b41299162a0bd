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
        return switch (entity) {
            case EMAIL_ADDRESS -> email(value);
            case CREDIT_CARD, US_SSN -> keepLastDigits(value, 4, 0);
            case IBAN_CODE -> keepLastDigits(value, 4, 2);
            case PHONE_NUMBER -> keepLastDigits(value, 2, 0);
            case IP_ADDRESS -> ip(value);
            case PERSON, LOCATION -> initials(value);
            case DATE_OF_BIRTH -> keepLastDigits(value, 0, 0);
        };
    }

    private static String email(String v) {
        int at = v.lastIndexOf('@');
        if (at <= 0) return "*".repeat(v.length());
        return v.charAt(0) + "***" + v.substring(at);
    }

    /** Keeps the first {@code keepFirst} characters and the last {@code keepLast} letters/digits. */
    private static String keepLastDigits(String v, int keepLast, int keepFirst) {
        char[] masked = v.toCharArray();
        int alnum = 0;
        for (char c : masked) if (isLetterOrDigit(c)) alnum++;
        int seen = 0;
        for (int i = 0; i < masked.length; i++) {
            if (isLetterOrDigit(masked[i])) {
                seen++;
                if (seen > keepFirst && seen <= alnum - keepLast) masked[i] = '*';
            }
        }
        return new String(masked);
    }

    /** {@link Character#isLetterOrDigit(char)}, without its table look-up for ASCII (every card, phone and IBAN). */
    private static boolean isLetterOrDigit(char c) {
        if (c >= 0x80) return Character.isLetterOrDigit(c);
        char lower = (char) (c | 0x20);
        return (c >= '0' && c <= '9') || (lower >= 'a' && lower <= 'z');
    }

    private static String ip(String v) {
        char sep = v.indexOf(':') >= 0 ? ':' : '.';
        int first = v.indexOf(sep);
        if (first <= 0) return "*".repeat(v.length());
        StringBuilder sb = new StringBuilder(v.substring(0, first));
        for (int i = first; i < v.length(); i++) {
            char c = v.charAt(i);
            sb.append(c == ':' || c == '.' ? c : '*');
        }
        return sb.toString();
    }

    /** "Jane Doe" becomes "J*** D**": first letter of each word. */
    private static String initials(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        boolean wordStart = true;
        for (int i = 0; i < v.length(); ) {
            int cp = v.codePointAt(i);
            if (cp < 0x80 ? isLetterOrDigit((char) cp) : Character.isLetterOrDigit(cp)) {
                if (wordStart) sb.appendCodePoint(cp);
                else sb.append('*');
                wordStart = false;
            } else {
                sb.appendCodePoint(cp);
                wordStart = true;
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }
}
