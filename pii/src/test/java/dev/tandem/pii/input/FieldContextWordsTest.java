package dev.tandem.pii.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldContextWordsTest {

    @Test
    void wordsOfAStrippedValueAreThoseOfTheRegularExpressionSplit() {
        String alphabet = "ab Z\t\n\u000B\f\r\u00A0\u2003é.'-\u001C";
        SplittableRandom r = new SplittableRandom(11);
        for (int n = 0; n < 20000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(0, 14);
            for (int i = 0; i < len; i++) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
            String v = sb.toString().strip();
            assertThat(FieldContext.words(v)).as("'%s'", v).containsExactly(v.split("\\s+"));
        }
    }

    @Test
    void namesAreStillToldFromCompaniesAndOtherText() {
        assertThat(FieldContext.looksLikePersonName("  Jane   Doe ")).isTrue();
        assertThat(FieldContext.looksLikePersonName("Jane\tMarie Doe")).isTrue();
        assertThat(FieldContext.looksLikePersonName("Acme Holdings")).isFalse();
        assertThat(FieldContext.looksLikePersonName("Jane")).isFalse();
        assertThat(FieldContext.looksLikePersonName("jane doe")).isFalse();
        assertThat(FieldContext.looksLikePersonName("A B C D E")).isFalse();
    }
}
