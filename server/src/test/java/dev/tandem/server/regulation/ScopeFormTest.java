package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.regulation.DataCategory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeFormTest {

    @Test
    void readsTheCliSyntaxTheCategoriesTickedAndEncryption() {
        Scope s = ScopeForm.posted(" de=1200, US-CA=300,FR=40 ", List.of("PAYMENT_CARD", "CONTACT"), true)
                .scope();
        assertThat(s.subjectsSpec()).isEqualTo("DE=1200,US-CA=300,FR=40");
        assertThat(s.data()).containsExactlyInAnyOrder(DataCategory.CONTACT, DataCategory.PAYMENT_CARD);
        assertThat(s.encrypted()).isTrue();
        assertThat(ScopeForm.posted("ZZ=3", null, false).scope().data()).isEmpty();
    }

    @Test
    void isPrefilledWithTheScopeInForce() {
        var shown = new ScopeViews.Shown(Map.of("DE", 1200L), List.of("CONTACT"), false, Instant.EPOCH, "ic", 7, false);
        ScopeForm form = ScopeForm.of(shown);
        assertThat(form.subjects()).isEqualTo("DE=1200");
        assertThat(form.ticked("CONTACT")).isTrue();
        assertThat(form.ticked("HEALTH")).isFalse();
        assertThat(ScopeForm.categories()).contains("CONTACT", "BIOMETRIC").hasSize(DataCategory.values().length);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "XX=5|CONTACT|subjects|'XX'",
                "DE=-1|CONTACT|subjects|-1",
                "DE=many|CONTACT|subjects|'many'",
                "DE|CONTACT|subjects|'DE'",
                "DE=1,DE=2|CONTACT|subjects|twice",
                "''|CONTACT|subjects|no affected people",
                "DE=1|SHOE_SIZE|data|'SHOE_SIZE'"
            })
    void refusesNamingTheFieldAndTheValue(String subjects, String data, String field, String named) {
        ScopeForm form = ScopeForm.posted(subjects, List.of(data), false);
        assertThatThrownBy(form::scope)
                .isInstanceOfSatisfying(
                        ScopeForm.Invalid.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageStartingWith(field + ": ")
                .hasMessageContaining(named);
        assertThat(form.data()).isEqualTo(Set.of(data));
    }
}
