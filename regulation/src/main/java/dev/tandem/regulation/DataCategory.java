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
