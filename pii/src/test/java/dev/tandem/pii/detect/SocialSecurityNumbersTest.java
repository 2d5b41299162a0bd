package dev.tandem.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SocialSecurityNumbersTest {

    @Test
    void theRulesOfTheSsa() {
        assertThat(SocialSecurityNumbers.isValid("536228726")).isTrue();
        assertThat(SocialSecurityNumbers.isValid("000228726")).as("area 000").isFalse();
        assertThat(SocialSecurityNumbers.isValid("666228726")).as("area 666").isFalse();
        assertThat(SocialSecurityNumbers.isValid("900228726")).as("area 9xx").isFalse();
        assertThat(SocialSecurityNumbers.isValid("536008726")).as("group 00").isFalse();
        assertThat(SocialSecurityNumbers.isValid("536220000")).as("serial 0000").isFalse();
        assertThat(SocialSecurityNumbers.isValid("555555555"))
                .as("one digit nine times")
                .isFalse();
        assertThat(SocialSecurityNumbers.isValid("078051120"))
                .as("the Woolworth card")
                .isFalse();
        assertThat(SocialSecurityNumbers.isValid("53622872")).as("eight digits").isFalse();
        assertThat(SocialSecurityNumbers.isValid("53622872x")).isFalse();
    }

    /** The ASCII fast path answers as the general, character-by-character definition on every kind of input. */
    @Test
    void theFastPathAgreesWithTheDefinition() {
        Random random = new Random(9);
        List<String> inputs = new ArrayList<>(List.of(
                "078051120",
                "219099999",
                "123456789",
                "457555462",
                "111111111",
                "999999999",
                "000000000",
                "\u0665\u0663\u0666\u0662\u0662\u0668\u0667\u0662\u0666", // Arabic-Indic digits
                "53622872\u0666",
                "5362287 6",
                "536-22-8726"));
        for (int i = 0; i < 300_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(20) == 0 ? 8 + random.nextInt(3) : 9;
            for (int k = 0; k < n; k++) {
                int r = random.nextInt(100);
                // few distinct digits, so that zero groups, equal digits and the rules' edges all occur
                sb.append(
                        r < 2
                                ? (char) ('\u0660' + random.nextInt(10))
                                : r < 3 ? 'x' : (char) ('0' + random.nextInt(r < 50 ? 3 : 10)));
            }
            inputs.add(sb.toString());
        }
        for (String s : inputs) {
            assertThat(SocialSecurityNumbers.isValid(s)).as(s).isEqualTo(SocialSecurityNumbers.isValidUnicode(s));
        }
    }
}
