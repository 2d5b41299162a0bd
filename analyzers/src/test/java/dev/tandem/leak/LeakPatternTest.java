package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.controls.Framework;
import org.junit.jupiter.api.Test;

class LeakPatternTest {
    @Test
    void everyPatternsControlsAreInTheCatalogUnderTheirFramework() {
        ControlCatalog catalog = ControlCatalog.standard();
        for (LeakPattern p : LeakPattern.values()) {
            assertThat(p.soc2()).as(p.name()).isNotEmpty();
            for (String id : p.soc2()) {
                assertThat(catalog.find(id).orElseThrow().framework()).as(id).isEqualTo(Framework.SOC2);
            }
            for (String id : p.iso27001()) {
                assertThat(catalog.find(id).orElseThrow().framework()).as(id).isEqualTo(Framework.ISO27001_2022);
            }
        }
    }
}
