package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubjectsTest {
    @Test
    void countsSubdivisionsUnderTheirCountryAndRegionsByMember() {
        Subjects s = Subjects.parse("DE=1200, us-ca=800,US-TX=300,PR=4");
        Map<String, List<String>> regions = Map.of("EEA", List.of("DE", "FR"));
        assertThat(s.countIn("US", regions)).isEqualTo(1104);
        assertThat(s.countIn("US-TX", regions)).isEqualTo(300);
        assertThat(s.countIn("US-PR", regions)).isEqualTo(4);
        assertThat(s.countIn("EEA", regions)).isEqualTo(1200);
        assertThat(s.countIn("FR", regions)).isZero();
    }

    @Test
    void rejectsBadItemsNamingThem() {
        assertThatThrownBy(() -> Subjects.parse("DE=1,DE=2")).hasMessageContaining("'DE' is given twice");
        assertThatThrownBy(() -> Subjects.parse("DE")).hasMessageContaining("'DE' is not CODE=COUNT");
        assertThatThrownBy(() -> Subjects.parse("DE=99999999999999999999"))
                .hasMessageContaining("count '99999999999999999999' for DE is too large");
        assertThatThrownBy(() -> Subjects.parse("DE=12.5")).hasMessageContaining("'12.5' for DE is not a whole number");
        assertThatThrownBy(() -> Subjects.parse("FR-75=3")).hasMessageContaining("give the country code FR");
        assertThatThrownBy(() -> Subjects.parse("EU=3")).hasMessageContaining("'EU' is not a country code");
        // a count that would overflow the total (and made every law disappear) is refused
        assertThatThrownBy(() -> Subjects.parse("US-CA=9223372036854775807,US-TX=1"))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("count for US-CA is 9223372036854775807, more people than live on Earth");
        assertThat(Subjects.parse("US-CA=10000000000").total()).isEqualTo(10_000_000_000L);
        assertThatThrownBy(() -> Subjects.parse("ZZ-01=3")).hasMessageContaining("unknown subdivision code 'ZZ'");
    }

    /**
     * The EU writes the United Kingdom as UK and Greece as EL; ISO 3166-1 writes GB and GR. Both the
     * CLI's {@code --subjects} and the scope API's map refuse the EU form and name the ISO code.
     */
    @Test
    void refusesTheEusOwnCountryCodesNamingTheIsoCode() {
        assertThatThrownBy(() -> Subjects.parse("EL=10"))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessage("unknown country code 'EL': ISO 3166-1 writes Greece as GR (EL is the EU's own code)");
        assertThatThrownBy(() -> Subjects.of(Map.of("el", 10L)))
                .hasMessageContaining("code 'EL': ISO 3166-1 writes Greece as GR");
        assertThatThrownBy(() -> Subjects.parse("EL-I=3"))
                .hasMessageContaining("unknown subdivision code 'EL': ISO 3166-1 writes Greece as GR");
        assertThatThrownBy(() -> Subjects.parse("uk=4"))
                .hasMessage("unknown country code 'UK': ISO 3166-1 writes the United Kingdom as GB");
        assertThat(Subjects.parse("GR=10").counts()).containsEntry("GR", 10L);
    }

    @Test
    void zzCountsPeopleOfNoKnownCountryInTheTotalOnly() {
        Subjects s = Subjects.parse("zz=300,DE=5");
        assertThat(s.counts()).containsEntry(Subjects.UNKNOWN, 300L);
        assertThat(s.total()).isEqualTo(305);
        assertThat(s.countIn("EEA", Map.of("EEA", List.of("DE", "FR")))).isEqualTo(5);
        assertThat(s.countIn("US", Map.of())).isZero();
    }
}
