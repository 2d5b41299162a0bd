package dev.tandem.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.validator.routines.IBANValidator;
import org.junit.jupiter.api.Test;

/** {@link Ibans#isValid} answers as the length table, MOD 97-10 and commons-validator's full check together. */
class IbansEquivalenceTest {

    private static boolean reference(String compact) {
        if (compact.length() < 5) return false;
        return Ibans.length((byte) compact.charAt(0), (byte) compact.charAt(1)) == compact.length()
                && mod97(compact) == 1
                && IBANValidator.getInstance().isValid(compact);
    }

    /** MOD 97-10 by its definition: the rearranged IBAN's letters as numbers, the whole a big integer. */
    private static int mod97(String compact) {
        StringBuilder digits = new StringBuilder();
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        for (char c : rearranged.toCharArray()) {
            if (c >= '0' && c <= '9') digits.append(c);
            else if (c >= 'A' && c <= 'Z') digits.append(c - 'A' + 10);
            else return -1;
        }
        return new java.math.BigInteger(digits.toString())
                .mod(java.math.BigInteger.valueOf(97))
                .intValue();
    }

    @Test
    void validInvalidAndEdgeCheckDigitsAnswerAsCommonsValidator() {
        Ibans.Checker checker = new Ibans.Checker();
        List<String> countries = List.copyOf(Ibans.lengths().keySet());
        SplittableRandom r = new SplittableRandom(5);
        int valid = 0;
        for (int n = 0; n < 30000; n++) {
            String cc = countries.get(r.nextInt(countries.size()));
            int len = Ibans.lengths().get(cc);
            StringBuilder bban = new StringBuilder();
            for (int i = 0; i < len - 4; i++) {
                // mostly digits, as most BBANs are; letters where a country's structure allows them
                bban.append(r.nextInt(5) == 0 ? (char) ('A' + r.nextInt(26)) : (char) ('0' + r.nextInt(10)));
            }
            String check = switch (r.nextInt(4)) {
                case 0 -> "01";
                case 1 -> "99";
                case 2 -> String.format("%02d", r.nextInt(100));
                default -> Ibans.checkDigits(cc, bban.toString());
            };
            String iban = cc + check + bban;
            if (r.nextInt(10) == 0) iban = iban.substring(0, iban.length() - 1); // wrong length
            boolean expected = reference(iban);
            if (expected) valid++;
            assertThat(Ibans.isValid(iban)).as(iban).isEqualTo(expected);
            assertThat(checker.isValid(iban)).as(iban).isEqualTo(expected);
            // the scanner's text of bytes, not a string
            assertThat(checker.isValid(new StringBuilder(iban))).as(iban).isEqualTo(expected);
            assertThat(Ibans.mod97(iban)).as(iban).isEqualTo(mod97(iban));
        }
        assertThat(valid).as("valid IBANs among the samples").isGreaterThan(300);
        // MOD 97-10 holds for these, but 01 and 99 are not check digits (IBANCheckDigit)
        assertThat(Ibans.isValid("GB01NWBK60161331926819")).isEqualTo(reference("GB01NWBK60161331926819"));
        assertThat(Ibans.isValid("DE89370400440532013000")).isTrue();
    }
}
