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
}
