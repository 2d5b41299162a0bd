package dev.tandem.pii;

/**
 * Kinds of personal data the scanner reports. Names follow Microsoft Presidio's entity names
 * (docs/contracts.md §4).
 */
public enum Entity {
    EMAIL_ADDRESS,
    PHONE_NUMBER,
    CREDIT_CARD,
    IBAN_CODE,
    US_SSN,
    IP_ADDRESS,
    PERSON,
    LOCATION,
    DATE_OF_BIRTH;

    /** Entities found by pattern and validated (checksums, numbering plans), not by context. */
    public boolean validated() {
        return switch (this) {
            case PERSON, LOCATION, DATE_OF_BIRTH -> false;
            default -> true;
        };
    }

    /** Entities that identify one person, used to estimate the number of people affected. */
    public boolean identifiesPerson() {
        return this != IP_ADDRESS && this != LOCATION && this != DATE_OF_BIRTH;
    }
}
