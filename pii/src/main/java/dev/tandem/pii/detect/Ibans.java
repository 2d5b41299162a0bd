package dev.tandem.pii.detect;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.validator.routines.IBANValidator;

/**
 * International bank account numbers (ISO 13616-1): the length fixed per country, the mod-97
 * check (ISO 7064 MOD 97-10), then the country's BBAN structure from commons-validator's
 * registry.
 */
public final class Ibans {
    private Ibans() {}

    /** IBAN length per country, from the SWIFT IBAN registry as shipped in commons-validator 1.9.0. */
    static final String LENGTHS = "AD=24 AE=23 AL=28 AT=20 AZ=28 BA=20 BE=16 BG=22 BH=22 BI=27 BR=29 BY=28 CH=21 "
            + "CR=22 CY=28 CZ=24 DE=22 DJ=27 DK=18 DO=28 EE=20 EG=29 ES=24 FI=18 AX=18 FK=18 FO=18 FR=27 GF=27 "
            + "GP=27 MQ=27 RE=27 PF=27 TF=27 YT=27 NC=27 BL=27 MF=27 PM=27 WF=27 GB=22 IM=22 JE=22 GG=22 GE=22 "
            + "GI=23 GL=18 GR=27 GT=28 HR=21 HU=28 IE=22 IL=23 IQ=23 IS=26 IT=27 JO=30 KW=30 KZ=20 LB=28 LC=32 "
            + "LI=21 LT=20 LU=20 LV=21 LY=25 MC=27 MD=24 ME=22 MK=19 MN=20 MR=27 MT=31 MU=30 NI=28 NL=18 NO=15 "
            + "OM=23 PK=24 PL=28 PS=29 PT=25 QA=29 RO=24 RS=22 RU=33 SA=24 SC=31 SD=18 SE=24 SI=19 SK=24 SM=27 "
            + "SO=23 ST=25 SV=28 TL=23 TN=24 TR=26 UA=29 VA=22 VG=24 XK=20";

    private static final byte[] LENGTH_BY_COUNTRY = new byte[26 * 26];

    static {
        for (String pair : LENGTHS.split(" ")) {
            LENGTH_BY_COUNTRY[(pair.charAt(0) - 'A') * 26 + pair.charAt(1) - 'A'] =
                    (byte) Integer.parseInt(pair.substring(3));
        }
    }

    /** The IBAN length for a country, or 0 when the country has no IBAN. */
    public static int length(byte c1, byte c2) {
        int a = c1 - 'A';
        int b = c2 - 'A';
        if (a < 0 || a >= 26 || b < 0 || b >= 26) return 0;
        return LENGTH_BY_COUNTRY[a * 26 + b];
    }

    public static Map<String, Integer> lengths() {
        Map<String, Integer> m = new TreeMap<>();
        for (String pair : LENGTHS.split(" ")) m.put(pair.substring(0, 2), Integer.parseInt(pair.substring(3)));
        return m;
    }

    private static final ThreadLocal<Checker> CHECKERS = ThreadLocal.withInitial(Checker::new);

    /**
     * Compact form: upper-case letters and digits only. IBANValidator.isValid without its second
     * MOD 97-10 pass: the country's BBAN structure, and check digits other than 00, 01 and 99, which
     * IBANCheckDigit refuses ({@link Checker}, one per thread).
     */
    public static boolean isValid(String compact) {
        return CHECKERS.get().isValid(compact);
    }

    /** The country's length and MOD 97-10. */
    private static boolean checksum(CharSequence compact) {
        if (compact.length() < 5) return false;
        byte c1 = (byte) compact.charAt(0);
        byte c2 = (byte) compact.charAt(1);
        return length(c1, c2) == compact.length() && mod97(compact) == 1;
    }

    private static boolean checkDigitsAllowed(CharSequence compact) {
        char d1 = compact.charAt(2);
        char d2 = compact.charAt(3);
        return !(d1 == '0' && (d2 == '0' || d2 == '1')) && !(d1 == '9' && d2 == '9');
    }

    /**
     * {@link #isValid} for one thread: the BBAN structure is matched with matchers kept per country
     * (the same patterns as the country's {@code RegexValidator}, which makes a matcher, and the
     * registry a country string, per IBAN).
     */
    public static final class Checker {
        private final Matcher[][] byCountry = new Matcher[26 * 26][];

        /** {@code compact} any text of the IBAN's characters: the scanner's bytes, without a string per IBAN. */
        public boolean isValid(CharSequence compact) {
            if (!checksum(compact)) return false;
            int i = (compact.charAt(0) - 'A') * 26 + compact.charAt(1) - 'A';
            Matcher[] structures = byCountry[i];
            if (structures == null) structures = byCountry[i] = structures(compact.toString());
            for (Matcher m : structures) {
                if (m.reset(compact).matches()) return checkDigitsAllowed(compact);
            }
            return false;
        }

        private static Matcher[] structures(String compact) {
            IBANValidator.Validator v = IBANValidator.getInstance().getValidator(compact);
            if (v == null) return new Matcher[0];
            Pattern[] patterns = v.getRegexValidator().getPatterns();
            Matcher[] m = new Matcher[patterns.length];
            for (int k = 0; k < patterns.length; k++) m[k] = patterns[k].matcher("");
            return m;
        }
    }

    /** Below this a remainder times 100 plus 35 still fits a long: reduce only then, not at every character. */
    private static final long REDUCE_AT = 1_000_000_000_000_000L;

    /** ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved to the end, A=10 .. Z=35). */
    public static int mod97(CharSequence iban) {
        int n = iban.length();
        long r = 0;
        for (int k = 0; k < n; k++) {
            // (k + 4) % n, without a division per character
            int at = k + 4;
            while (at >= n) at -= n;
            char c = iban.charAt(at);
            if (c >= '0' && c <= '9') {
                r = r * 10 + (c - '0');
            } else if (c >= 'A' && c <= 'Z') {
                r = r * 100 + (c - 'A' + 10);
            } else {
                return -1;
            }
            if (r >= REDUCE_AT) r %= 97;
        }
        return (int) (r % 97);
    }

    /** Check digits that make {@code country + "00" + bban} valid, as two characters. */
    public static String checkDigits(String country, String bban) {
        int r = mod97(country + "00" + bban);
        int check = 98 - r;
        return check < 10 ? "0" + check : Integer.toString(check);
    }
}
