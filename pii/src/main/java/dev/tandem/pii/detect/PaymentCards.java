package dev.tandem.pii.detect;

/**
 * Payment card numbers: issuer identification number ranges and lengths (ISO/IEC 7812, as
 * published by the networks) and the Luhn check digit (ISO/IEC 7812-1 Annex B).
 */
public final class PaymentCards {
    private PaymentCards() {}

    /** Digits only, 13 to 19 of them. */
    public static boolean isValid(CharSequence digits) {
        int n = digits.length();
        return n >= 13 && n <= 19 && issuerAccepts(digits, n) && luhn(digits);
    }

    public static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (d < 0 || d > 9) return false;
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    /** Check digit that makes {@code partial + digit} pass Luhn. */
    public static int luhnCheckDigit(CharSequence partial) {
        int sum = 0;
        boolean dbl = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        return (10 - sum % 10) % 10;
    }

    private static int prefix(CharSequence d, int len) {
        int v = 0;
        for (int i = 0; i < len; i++) v = v * 10 + (d.charAt(i) - '0');
        return v;
    }

    static boolean issuerAccepts(CharSequence d, int n) {
        int p1 = d.charAt(0) - '0';
        int p2 = prefix(d, 2);
        int p3 = prefix(d, 3);
        int p4 = prefix(d, 4);
        int p6 = prefix(d, 6);
        return switch (p1) {
            // Visa
            case 4 -> n == 13 || n == 16 || n == 19;
            // Mastercard 51-55 and 2221-2720
            case 5 -> (p2 >= 51 && p2 <= 55 && n == 16) || (maestro(p2, p4, p6) && n >= 12);
            case 2 -> p4 >= 2221 && p4 <= 2720 && n == 16;
            // American Express 34, 37; Diners Club 300-305, 36, 38, 39; JCB 3528-3589
            case 3 ->
                ((p2 == 34 || p2 == 37) && n == 15)
                        || (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && n >= 14)
                        || (p4 >= 3528 && p4 <= 3589 && n >= 16);
            // Discover 6011, 644-649, 65, 622126-622925; UnionPay 62; Maestro 6304, 6759, 676770, 676774
            case 6 ->
                ((p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || p2 == 62) && n >= 16)
                        || (maestro(p2, p4, p6) && n >= 12);
            default -> false;
        };
    }

    private static boolean maestro(int p2, int p4, int p6) {
        return p2 == 50 || (p2 >= 56 && p2 <= 58) || p4 == 6304 || p4 == 6759 || p6 == 676770 || p6 == 676774;
    }
}
