package dev.tandem.pii;

/**
 * Why a finding's confidence was lowered: the value validates as the entity, but what surrounds it
 * or its own structure says it is more likely a number of commerce (docs/pii-scanner.md,
 * "Confidence"). A finding with a doubt is still reported, with its confidence; the scope leaves it
 * out when the confidence is below the threshold ({@link ScopeCounter#DEFAULT_MIN_CONFIDENCE}).
 */
public enum Doubt {
    /** A tracking, order, invoice, SKU or product-code word just before the value, on its line. */
    COMMERCE_CONTEXT("commerce-context"),
    /**
     * The digits are also a valid GS1 code (GTIN-13/EAN-13, GTIN-14 or SSCC-18: GS1 General
     * Specifications §7.9 check digit) and nothing says card.
     */
    GS1_CODE("gs1-code"),
    /**
     * A card or phone number under a key or label that names a record's identifier ({@code
     * transaction_id=}, {@code "requesterId":}, {@code Customer ID:}): a platform's key of the record.
     */
    IDENTIFIER("identifier-context"),
    /**
     * A card number that payment providers publish for testing (Stripe's 4242 4242 4242 4242,
     * Adyen's and Braintree's 4111 1111 1111 1111): a test, whatever column or word names it.
     */
    TEST_CARD("test-card"),
    /**
     * A 13-digit Visa or a 14-digit Diners Club number outside 36, and nothing says card: lengths
     * few live cards still have, and platforms' integer ids often have ({@code
     * PaymentCards.isRareLength}).
     */
    RARE_LENGTH("rare-card-length");

    private final String code;

    Doubt(String code) {
        this.code = code;
    }

    /** The name used in JSON output ({@code "doubt"} of a finding, keys of {@code "leftOut"}). */
    public String code() {
        return code;
    }
}
