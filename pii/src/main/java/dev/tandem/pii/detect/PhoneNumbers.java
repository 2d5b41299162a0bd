package dev.tandem.pii.detect;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * Phone numbers validated against Google's libphonenumber metadata (ITU-T E.164 numbering plans).
 * In free text a number must be international ({@code +} and country code) or in the default
 * region's national format with separators; under a phone column or key, any valid number for
 * the default region counts.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** A valid number: its E.164 form and the region (ISO 3166-1 alpha-2) it belongs to. */
    public record Valid(String e164, @Nullable String region) {}

    private final String defaultRegion;

    public PhoneNumbers(String defaultRegion) {
        this.defaultRegion = defaultRegion;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** Parses {@code text} ("+49 30 1234567", or national with the default region). */
    public @Nullable Valid validate(String text) {
        try {
            PhoneNumber n = UTIL.parse(text, defaultRegion);
            if (!UTIL.isValidNumber(n)) return null;
            String region = UTIL.getRegionCodeForNumber(n);
            return new Valid(
                    UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), "001".equals(region) ? null : region);
        } catch (NumberParseException e) {
            return null;
        }
    }
}
