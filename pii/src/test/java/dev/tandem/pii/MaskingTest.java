package dev.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void masksEachEntityKeepingOnlyWhatIdentifiesItToTheOwner() {
        assertThat(Masking.mask(Entity.EMAIL_ADDRESS, "john@example.com")).isEqualTo("j***@example.com");
        assertThat(Masking.mask(Entity.CREDIT_CARD, "4111-1111-1111-1111")).isEqualTo("****-****-****-1111");
        assertThat(Masking.mask(Entity.IBAN_CODE, "DE89 3704 0044 0532 0130 00"))
                .isEqualTo("DE** **** **** **** **30 00");
        assertThat(Masking.mask(Entity.US_SSN, "536-22-8726")).isEqualTo("***-**-8726");
        assertThat(Masking.mask(Entity.PHONE_NUMBER, "+49 30 901820")).isEqualTo("+** ** ****20");
        assertThat(Masking.mask(Entity.IP_ADDRESS, "192.168.1.20")).isEqualTo("192.***.*.**");
        assertThat(Masking.mask(Entity.IP_ADDRESS, "2001:db8::1")).isEqualTo("2001:***::*");
        assertThat(Masking.mask(Entity.PERSON, "Jürgen Müller")).isEqualTo("J***** M*****");
        assertThat(Masking.mask(Entity.DATE_OF_BIRTH, "1980-02-03")).isEqualTo("****-**-**");
    }

    @Test
    void maskedTextKeepsTheLengthForRedactedCopiesExceptEmailsWhichUseTheContractForm() {
        for (Entity e : Entity.values()) {
            if (e == Entity.EMAIL_ADDRESS) continue;
            String v = "Jane Doe 4111-1111 x@y.de";
            assertThat(Masking.mask(e, v)).as(e.name()).hasSameSizeAs(v).isNotEqualTo(v);
        }
    }

    @Test
    void edgeCasesOfEveryEntityMaskAsBefore() {
        assertThat(Masking.mask(Entity.EMAIL_ADDRESS, "no-at-sign")).isEqualTo("**********");
        assertThat(Masking.mask(Entity.EMAIL_ADDRESS, "@x.de")).isEqualTo("*****");
        assertThat(Masking.mask(Entity.EMAIL_ADDRESS, "a@b")).isEqualTo("a***@b");
        assertThat(Masking.mask(Entity.EMAIL_ADDRESS, "😀x@b.de")).isEqualTo("\uD83D***@b.de");
        assertThat(Masking.mask(Entity.IP_ADDRESS, ".1.2")).isEqualTo("****");
        assertThat(Masking.mask(Entity.IP_ADDRESS, "1234")).isEqualTo("****");
        assertThat(Masking.mask(Entity.IP_ADDRESS, "::1")).isEqualTo("***");
        assertThat(Masking.mask(Entity.PERSON, "Zoë 𝒜𝒷c d-e")).isEqualTo("Z** 𝒜** d-e");
        assertThat(Masking.mask(Entity.LOCATION, "  12 Rue Éé ")).isEqualTo("  1* R** É* ");
        assertThat(Masking.mask(Entity.CREDIT_CARD, "４１１１ 1111 1111 1111")).isEqualTo("**** **** **** 1111");
        assertThat(Masking.mask(Entity.IBAN_CODE, "D")).isEqualTo("D");
        assertThat(Masking.mask(Entity.PHONE_NUMBER, "")).isEqualTo("");
        assertThat(Masking.mask(Entity.DATE_OF_BIRTH, "3 März 1980")).isEqualTo("* **** ****");
    }

    @Test
    void digitsAreMaskedBetweenTheFirstAndTheLastKeptAsTheRuleSays() {
        java.util.Random random = new java.util.Random(3);
        String alphabet = "0123456789AZaz -./+é４";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder v = new StringBuilder();
            int n = random.nextInt(24);
            for (int i = 0; i < n; i++) v.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = v.toString();
            assertThat(Masking.mask(Entity.CREDIT_CARD, s)).as(s).isEqualTo(keeping(s, 0, 4));
            assertThat(Masking.mask(Entity.IBAN_CODE, s)).as(s).isEqualTo(keeping(s, 2, 4));
            assertThat(Masking.mask(Entity.PHONE_NUMBER, s)).as(s).isEqualTo(keeping(s, 0, 2));
            assertThat(Masking.mask(Entity.DATE_OF_BIRTH, s)).as(s).isEqualTo(keeping(s, 0, 0));
        }
    }

    /** The rule: of the letters and digits, the first {@code first} and the last {@code last} stay, the others are stars. */
    static String keeping(String s, int first, int last) {
        int alnum = 0;
        for (char c : s.toCharArray()) if (Character.isLetterOrDigit(c)) alnum++;
        StringBuilder out = new StringBuilder();
        int seen = 0;
        for (char c : s.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                seen++;
                out.append(seen > first && seen <= alnum - last ? '*' : c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
