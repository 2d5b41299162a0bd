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

    private static final Valid INVALID = new Valid("", null);
    private final java.util.LinkedHashMap<String, Valid> cache = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Valid> e) {
            return size() > 8192;
        }
    };

    /**
     * An international number given as its digits after '+' (country code first). Skips
     * libphonenumber's text parsing (extraction, normalisation, exceptions for the many
     * candidates that are not numbers) and asks the metadata directly; results are cached per
     * instance, since the same people's numbers recur throughout a leak.
     */
    public @Nullable Valid validateInternational(String digits) {
        Valid hit = cache.get(digits);
        if (hit != null) return hit == INVALID ? null : hit;
        Valid v = international(digits);
        cache.put(digits, v == null ? INVALID : v);
        return v;
    }

    private static @Nullable Valid international(String digits) {
        for (int ccLen = 1; ccLen <= 3 && ccLen < digits.length(); ccLen++) {
            int cc = Integer.parseInt(digits, 0, ccLen, 10);
            if ("ZZ".equals(UTIL.getRegionCodeForCountryCode(cc))) continue;
            String national = digits.substring(ccLen);
            if (national.length() > 17) return null;
            PhoneNumber n = new PhoneNumber().setCountryCode(cc).setNationalNumber(Long.parseLong(national));
            if (national.charAt(0) == '0') {
                int zeros = 0;
                while (zeros < national.length() - 1 && national.charAt(zeros) == '0') zeros++;
                n.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
            }
            if (!UTIL.isValidNumber(n)) return null;
            String region = UTIL.getRegionCodeForNumber(n);
            return new Valid("+" + digits, region == null || "001".equals(region) ? null : region);
        }
        return null;
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
