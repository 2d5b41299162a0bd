package dev.tandem.pii.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldValuesCollapseTest {

    @Test
    void namesAreLowerCasedWithSingleSpaces() {
        assertThat(FieldValues.collapse("Jane  Doe")).isEqualTo("jane doe");
        assertThat(FieldValues.collapse(" 12 Baker\tStreet ")).isEqualTo("12 baker street");
        assertThat(FieldValues.collapse("ÉLODIE Müller")).isEqualTo("élodie müller");
        assertThat(FieldValues.collapse("JANE DOE")).isEqualTo("jane doe");
    }

    /** The Latin-1 shortcut answers as the char-by-char definition, on spaces, tabs, controls, upper case, Latin-1 and beyond. */
    @Test
    void theShortcutAgreesWithTheDefinition() {
        char[] pool = {
            'a', 'Z', 'm', ' ', ' ', '\t', '\n', '\u000B', '\u001C', '\u0001', '\u007f', '.', '-', '5', 'É', 'ß',
            '\u00A0', '\u2003', 'İ', '\u0085', 'ÿ', 'Ÿ', 'µ', 'Σ', 'Ä', 'Þ'
        };
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            char[] c = new char[random.nextInt(12)];
            for (int k = 0; k < c.length; k++) c[k] = pool[random.nextInt(random.nextBoolean() ? 6 : pool.length)];
            String v = new String(c);
            assertThat(FieldValues.collapse(v)).as("[%s]", v).isEqualTo(FieldValues.collapseEachChar(v));
        }
    }
}
