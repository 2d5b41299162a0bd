package dev.tandem.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link PhoneNumbers#looksNational} takes for a national number: a shape, no numbering plan. */
class NationalShapeTest {
    @Test
    void aTrunkZeroThenTenOrElevenDigitsWithSeparatorsOnly() {
        for (String s :
                new String[] {"020 7946 0958", "07911 123456", "(020) 7946-0958", "01 23 45 67 89", "0207946095"}) {
            assertThat(PhoneNumbers.looksNational(s)).as(s).isTrue();
        }
        for (String s : new String[] {
            "00 44 20 7946 0958", // the international prefix
            "+44 20 7946 0958",
            "415-555-2671", // no trunk zero
            "030 901820", // 9 digits
            "020 7946 0958 12", // 13 digits
            "020/7946/0958",
            "ext 020 7946 0958",
            ""
        }) {
            assertThat(PhoneNumbers.looksNational(s)).as(s).isFalse();
        }
    }
}
