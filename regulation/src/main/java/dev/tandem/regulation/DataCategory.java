package dev.tandem.regulation;

import java.util.Locale;

/** Categories of personal data that breach laws name (docs/contracts.md §4, {@code --data}). */
public enum DataCategory {
    /** Name, e-mail, postal address, phone: personal data under the GDPR, rarely under US state laws. */
    CONTACT,
    PAYMENT_CARD,
    GOVERNMENT_ID,
    /** User name or e-mail address with a password or security answer. */
    CREDENTIALS,
    HEALTH,
    FINANCIAL_ACCOUNT,
    DATE_OF_BIRTH,
    /** Fingerprint, retina or iris image, or other biometric data used to authenticate a person. */
    BIOMETRIC;

    /**
     * The categories the PII scanner's entities (by their names, docs/contracts.md §4) belong to,
     * for a scan's result to feed the clock: names, postal locations, e-mail addresses and phone
     * numbers are contact data, card numbers payment card data, IBANs financial accounts, SSNs
     * government identifiers. An IP address alone names no category the breach laws use; an
     * unknown name is ignored.
     */
    public static java.util.Set<DataCategory> ofScannerEntities(java.util.Collection<String> entities) {
        java.util.Set<DataCategory> out = java.util.EnumSet.noneOf(DataCategory.class);
        for (String e : entities) {
            switch (e) {
                case "EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON", "LOCATION" -> out.add(CONTACT);
                case "CREDIT_CARD" -> out.add(PAYMENT_CARD);
                case "IBAN_CODE" -> out.add(FINANCIAL_ACCOUNT);
                case "US_SSN" -> out.add(GOVERNMENT_ID);
                case "DATE_OF_BIRTH" -> out.add(DATE_OF_BIRTH);
                default -> {}
            }
        }
        return out;
    }

    /** Parses a category name; the error names the value and lists the known ones. */
    public static DataCategory parse(String value) {
        String v = value.strip().toUpperCase(Locale.ROOT);
        for (DataCategory c : values()) {
            if (c.name().equals(v)) {
                return c;
            }
        }
        throw new InvalidScopeException("unknown data category '" + value + "' (known: "
                + String.join(
                        ", ", java.util.Arrays.stream(values()).map(Enum::name).toList()) + ")");
    }
}
