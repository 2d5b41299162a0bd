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

    /** Codes people write for a country that are not its ISO 3166-1 alpha-2 code. */
    private static final java.util.Map<String, String> NOT_ISO = java.util.Map.of("UK", "GB", "EL", "GR");

    /**
     * Why {@code region} cannot be a default region for phone numbers, or null when it can: it must
     * be an ISO 3166-1 alpha-2 code (upper case) that libphonenumber has a numbering plan for.
     */
    public static @Nullable String regionProblem(String region) {
        if (UTIL.getSupportedRegions().contains(region)) return null;
        String iso = NOT_ISO.get(region);
        String why = "is not an ISO 3166-1 alpha-2 country code with a known numbering plan";
        return iso == null ? why : why + "; did you mean " + iso + "?";
    }

    /**
     * Whether {@code text} looks like a number in national format with a trunk prefix, as the UK,
     * France, Australia and most of the world outside the NANP write them ("020 7946 0958", "07700
     * 900123", "01 23 45 67 89"): a leading 0 (not 00, the international prefix), 10 or 11 digits in
     * all, nothing but spaces, dashes, dots and brackets between them. Shape only: no numbering plan
     * is asked.
     */
    public static boolean looksNational(String text) {
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                if ((digits == 0 && c != '0') || (digits == 1 && c == '0')) return false;
                digits++;
            } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
                return false;
            }
        }
        return digits >= 10 && digits <= 11;
    }

    private static final Valid INVALID = new Valid("", null);

    /**
     * Verdicts by number, for the digits a scan tries again and again (each candidate is tried at
     * several lengths, and the same people's numbers recur throughout a leak): an open-addressing
     * table keyed by the digits read as a number times 32 plus their count (so "049" and "49"
     * differ; 17 digits at most), emptied when three quarters full. 0 marks a free slot; no key is 0.
     */
    private static final int SLOTS = 1 << 15;

    private final long[] keys = new long[SLOTS];
    private final Valid[] verdicts = new Valid[SLOTS];
    private int used;

    /**
     * An international number given as its digits after '+' (country code first). Skips
     * libphonenumber's text parsing (extraction, normalisation, exceptions for the many
     * candidates that are not numbers) and asks the metadata directly; results are cached per
     * instance.
     */
    public @Nullable Valid validateInternational(CharSequence digits) {
        int len = digits.length();
        if (len == 0 || len > 17) return international(digits.toString());
        long number = 0;
        for (int k = 0; k < len; k++) {
            char c = digits.charAt(k);
            if (c < '0' || c > '9') return international(digits.toString());
            number = number * 10 + (c - '0');
        }
        long key = number * 32 + len;
        int mask = SLOTS - 1;
        int i = slot(key) & mask;
        for (long k; (k = keys[i]) != 0; i = (i + 1) & mask) {
            if (k == key) {
                Valid hit = verdicts[i];
                return hit == INVALID ? null : hit;
            }
        }
        Valid v = international(digits.toString());
        if (used >= SLOTS / 4 * 3) {
            java.util.Arrays.fill(keys, 0L);
            java.util.Arrays.fill(verdicts, null);
            used = 0;
            i = slot(key) & mask;
        }
        keys[i] = key;
        verdicts[i] = v == null ? INVALID : v;
        used++;
        return v;
    }

    private static int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40);
    }

    private static @Nullable Valid international(String digits) {
        // E.164 country codes start with 1 to 9: "+049..." is no number (parsing "049" would give 49)
        if (digits.isEmpty() || digits.charAt(0) == '0') return null;
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

    /** Parses {@code text} as a number of {@code region} ("030 901820" in DE), or an international one. */
    public static @Nullable Valid validateIn(String text, String region) {
        try {
            PhoneNumber n = UTIL.parse(text, region);
            if (!UTIL.isValidNumber(n)) return null;
            String r = UTIL.getRegionCodeForNumber(n);
            return new Valid(UTIL.format(n, PhoneNumberUtil.PhoneNumberFormat.E164), "001".equals(r) ? null : r);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** Parses {@code text} ("+49 30 1234567", or national with the default region). */
    public @Nullable Valid validate(String text) {
        return validateIn(text, defaultRegion);
    }
}
