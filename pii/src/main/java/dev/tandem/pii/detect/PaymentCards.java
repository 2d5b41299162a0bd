package dev.tandem.pii.detect;

import java.util.Set;

/**
 * Payment card numbers: issuer identification number ranges and lengths (ISO/IEC 7812, as
 * published by the networks) and the Luhn check digit (ISO/IEC 7812-1 Annex B).
 */
public final class PaymentCards {
    private PaymentCards() {}

    /**
     * Card numbers that payment providers publish for testing their sandboxes; the live networks
     * decline them, so one in a file is a test, not a cardholder's card:
     * Stripe, docs.stripe.com/testing ("Test card numbers": 4242 4242 4242 4242, 4000 0025 0000 3155
     * for 3-D Secure, the brands' numbers and the decline numbers 4000 0000 0000 0002 …);
     * Adyen, docs.adyen.com/development-resources/test-cards-and-credentials/test-card-numbers;
     * Braintree (PayPal), developer.paypal.com/braintree/docs/reference/general/testing ("Valid card
     * numbers", as in its SDKs' {@code Braintree::Test::CreditCardNumbers}); PayPal Payflow's
     * classic list (4222 2222 2222 2, a 13-digit Visa).
     */
    static final Set<String> PUBLISHED_TEST_NUMBERS = Set.of(
            // Stripe
            "4242424242424242",
            "4000056655665556",
            "5555555555554444",
            "2223003122003222",
            "5200828282828210",
            "5105105105105100",
            "378282246310005",
            "371449635398431",
            "6011111111111117",
            "6011000990139424",
            "6011981111111113",
            "3056930009020004",
            "36227206271667",
            "6555900000604105",
            "3566002020360505",
            "6200000000000005",
            "6200000000000047",
            "6205500000000000004",
            "4000002500003155",
            "4000000000003220",
            "4000000000000002",
            "4000000000009995",
            "4000000000000077",
            "4000000000000093",
            "4000000000000010",
            "4000000000000028",
            "4000000000000036",
            "4000000000000044",
            "4000000000000101",
            "4000000000000341",
            "4000000000000127",
            "4000000000000069",
            "4000000000000119",
            // Adyen
            "4111111111111111",
            "370000000000002",
            "5100081112223332",
            "5100290029002909",
            "5577000055770004",
            "5136333333333335",
            "5585558555855583",
            "5555444433331111",
            "5500000000000004",
            "5424000000000015",
            "4988438843884305",
            "4166676667666746",
            "4646464646464644",
            "4444333322221111",
            "4400000000000008",
            "4977949494949497",
            // Braintree
            "378734493671000",
            "30569309025904",
            "38520000023237",
            "3530111333300000",
            "4012888888881881",
            "4009348888881881",
            "4500600000000061",
            "4000111111111115",
            "4005519200000004",
            "4012000077777777",
            "4217651111111119",
            "2223000048400011",
            // PayPal Payflow
            "4222222222222");

    /**
     * {@link #PUBLISHED_TEST_NUMBERS} as numbers, sorted: looked up for every card candidate without
     * a string per candidate (none starts with 0 or has more than 16 digits, so the value is the number).
     */
    private static final long[] TEST_NUMBER_VALUES =
            PUBLISHED_TEST_NUMBERS.stream().mapToLong(Long::parseLong).sorted().toArray();

    /** Whether {@code digits} (digits only) is one of the {@link #PUBLISHED_TEST_NUMBERS}. */
    public static boolean isPublishedTestNumber(CharSequence digits) {
        int n = digits.length();
        if (n == 0 || n > 18 || digits.charAt(0) == '0') return false;
        long v = 0;
        for (int i = 0; i < n; i++) v = v * 10 + (digits.charAt(i) - '0');
        return java.util.Arrays.binarySearch(TEST_NUMBER_VALUES, v) >= 0;
    }

    /**
     * A card length that few live cards have any more, so that a number of it is more likely some
     * platform's integer id (Shopify's 13-digit order ids, 14-digit variant ids) than a card: a
     * 13-digit Visa number, and a 14-digit Diners Club number outside 36. ISO/IEC 7812-1 lets a PAN
     * have 8 to 19 digits and the networks choose; Visa issues 16 digits (19 since 2017), and its
     * account range table kept 40 ranges for 13-digit PANs against thousands for 16 (December 2013);
     * 14-digit Diners Club cards remain only in 36 since Discover took over the other Diners ranges
     * at 16 digits (as Business::CreditCard 0.34 records, 2016). Digits only, a valid card.
     */
    public static boolean isRareLength(CharSequence digits) {
        int n = digits.length();
        char c = digits.charAt(0);
        return (n == 13 && c == '4') || (n == 14 && c == '3' && digits.charAt(1) != '6');
    }

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
