package dev.tandem.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlCatalogTest {
    private final ControlCatalog catalog = ControlCatalog.standard();

    @Test
    void holdsEverySoc2CriterionAndEveryAnnexAControl() {
        // TSC 2017: 33 common criteria, A1 3, C1 2, PI1 5, P 18; ISO/IEC 27001:2022 Annex A: 93
        assertThat(catalog.of(Framework.SOC2)).hasSize(61);
        assertThat(catalog.of(Framework.SOC2).stream().filter(c -> c.id().startsWith("CC")))
                .hasSize(33);
        assertThat(catalog.of(Framework.ISO27001_2022)).hasSize(93);
        assertThat(catalog.of(Framework.ISO27001_2022).stream().filter(c -> c.id().startsWith("A.8.")))
                .hasSize(34);
        assertThat(catalog.of(Framework.ISO27001_2013)).hasSize(7);
        assertThat(catalog.find("CC8.1").orElseThrow().title()).containsIgnoringCase("change");
    }

    @Test
    void mapsTheIncidentControlsOf2022ToThe2013A16Controls() {
        assertThat(catalog.find("A.5.24").orElseThrow().replaces()).containsExactly("A.16.1.1");
        assertThat(catalog.find("A.5.25").orElseThrow().replaces()).containsExactly("A.16.1.4");
        assertThat(catalog.find("A.5.26").orElseThrow().replaces()).containsExactly("A.16.1.5");
        assertThat(catalog.find("A.5.27").orElseThrow().replaces()).containsExactly("A.16.1.6");
        assertThat(catalog.find("A.5.28").orElseThrow().replaces()).containsExactly("A.16.1.7");
        assertThat(catalog.find("A.6.8").orElseThrow().replaces()).containsExactly("A.16.1.2", "A.16.1.3");
        assertThat(catalog.replacementOf("A.16.1.7").orElseThrow().id()).isEqualTo("A.5.28");
        // every 2013 control named by a mapping is in the catalog, and every one is mapped
        for (Control c : catalog.of(Framework.ISO27001_2013)) {
            assertThat(catalog.replacementOf(c.id())).as(c.id()).isPresent();
        }
    }

    @Test
    void readsIdsAsAuditorsWriteThem() {
        assertThat(catalog.find(" cc6.1 ").orElseThrow().id()).isEqualTo("CC6.1");
        assertThat(catalog.find("5.24").orElseThrow().id()).isEqualTo("A.5.24");
        assertThat(catalog.knows("CC6.9")).isFalse();
        assertThat(catalog.knows("A.5.38")).isFalse();
        assertThatThrownBy(() -> catalog.canonical(List.of("CC6.1", "CC10.1")))
                .isInstanceOf(ControlCatalog.UnknownControlException.class)
                .hasMessageContaining("CC10.1");
    }
}
