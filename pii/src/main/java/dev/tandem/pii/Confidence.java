package dev.tandem.pii;

/**
 * The confidence scale of findings (docs/pii-scanner.md, "Confidence"). A value that validates
 * starts at its entity's base, which reflects how strong the validation is (mod-97 over a fixed
 * length beats a Luhn digit, which beats the SSA's range rules); the context of its column, key
 * or the word before it raises or lowers it. The values are fixed steps, not probabilities fitted
 * to data.
 */
public final class Confidence {
    private Confidence() {}

    /** The column, key or the word before it names the entity (a card under "CardNumber"). */
    public static final double NAMED = 0.99;
    /** Lowered by a {@link Doubt#GS1_CODE}: as likely a product or logistics code. */
    public static final double GS1_CODE = 0.3;
    /** Lowered by a {@link Doubt#RARE_LENGTH}: as likely a platform's integer id. */
    public static final double RARE_LENGTH = 0.3;
    /** Lowered by a {@link Doubt#COMMERCE_CONTEXT}: a tracking, order or product number. */
    public static final double COMMERCE_CONTEXT = 0.2;
    /** Lowered by a {@link Doubt#IDENTIFIER}: a record's identifier, not a card or phone. */
    public static final double IDENTIFIER = 0.2;
    /** Lowered by a {@link Doubt#TEST_CARD}: a payment provider's published test number. */
    public static final double TEST_CARD = 0.1;
    /** A phone number without '+' in the default region's national shape ("(415) 555-2671"). */
    public static final double NATIONAL_PHONE = 0.75;
    /** A person's name under a plain "Name" column, judged by its shape. */
    public static final double NAME_BY_SHAPE = 0.6;

    /** The confidence of a value that validated as {@code e}, before any context. */
    public static double base(Entity e) {
        return switch (e) {
            case EMAIL_ADDRESS, IBAN_CODE -> 0.95;
            case IP_ADDRESS -> 0.9;
            case CREDIT_CARD, PHONE_NUMBER -> 0.85;
            case US_SSN, PERSON, DATE_OF_BIRTH -> 0.8;
            case LOCATION -> 0.7;
        };
    }
}
