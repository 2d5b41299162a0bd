package dev.tandem.pii.detect;

/**
 * Check digits of the numbers that fill a retailer's data and look like personal data: GS1 codes
 * (GTIN-8/12/13/14, SSCC-18, and the USPS Intelligent Mail package barcode, 20 or 22 digits, which
 * uses the same rule), ISBN-10, FedEx Express 12-digit and DHL Express 10-digit tracking numbers.
 * The scanner lowers a card candidate that is also a GS1 code; the corpus generator builds
 * realistic look-alikes with these.
 */
public final class CommerceNumbers {
    private CommerceNumbers() {}

    /**
     * Japanese words for order, invoice, delivery slip, tracking, shipment, product or article and
     * customer or member number: the words before a number and the column names that make it a
     * number of commerce. Japanese writes no spaces between words, so they are looked for anywhere
     * in a word or name ({@code ご注文番号は}, {@code 請求書番号}).
     */
    public static final java.util.List<String> JAPANESE_WORDS = java.util.List.of(
            "注文", "受注", "発注", "請求", "納品", "追跡", "問い合わせ番号", "問合せ番号", "伝票", "配送", "発送", "商品", "製品", "品番", "顧客番号", "会員番号");

    /**
     * The GS1 check digit of the digits before it (GS1 General Specifications §7.9.1: from the
     * right, weights 3, 1, 3, …; the digit that makes the sum a multiple of ten).
     */
    public static int gs1CheckDigit(CharSequence partial) {
        int sum = 0;
        boolean three = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            sum += three ? 3 * d : d;
            three = !three;
        }
        return (10 - sum % 10) % 10;
    }

    /** Digits only: whether the last digit is the GS1 check digit of the others. */
    public static boolean gs1Valid(CharSequence digits) {
        int n = digits.length();
        if (n < 2) return false;
        return digits.charAt(n - 1) - '0' == gs1CheckDigit(digits.subSequence(0, n - 1));
    }

    /**
     * A card candidate's digits that are also a GS1 code of a card's length: GTIN-13 (EAN-13),
     * GTIN-14 and SSCC-18. A 16- or 15-digit card has no GS1 twin.
     */
    public static boolean isGs1CodeOfCardLength(CharSequence digits) {
        int n = digits.length();
        return (n == 13 || n == 14 || n == 18) && gs1Valid(digits);
    }

    /** ISBN-10 check character of nine digits (ISO 2108: weights 10..2, mod 11; 10 is 'X'). */
    public static char isbn10CheckCharacter(CharSequence nine) {
        int sum = 0;
        for (int i = 0; i < 9; i++) sum += (10 - i) * (nine.charAt(i) - '0');
        int c = (11 - sum % 11) % 11;
        return c == 10 ? 'X' : (char) ('0' + c);
    }

    /** FedEx Express 12-digit check digit: weights 1, 3, 7 from the right over eleven digits, mod 11, mod 10. */
    public static int fedexCheckDigit(CharSequence eleven) {
        int[] w = {1, 3, 7};
        int sum = 0;
        for (int i = eleven.length() - 1, k = 0; i >= 0; i--, k++) sum += (eleven.charAt(i) - '0') * w[k % 3];
        return sum % 11 % 10;
    }

    /** DHL Express 10-digit waybill check digit: the first nine digits mod 7. */
    public static int dhlCheckDigit(CharSequence nine) {
        long v = Long.parseLong(nine.toString());
        return (int) (v % 7);
    }
}
