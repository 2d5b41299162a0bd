package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Korea's Personal Information Protection Act as amended in 2026 (passed 12 February, promulgated 10
 * March, in force 11 September 2026; the PIPC's announcement as reported by Segye Ilbo and Dong-A
 * Ilbo on 9 March 2026, and DLA Piper's summary): a new version of each PIPA rule, the 2023 version
 * kept for incidents before it. What could not be confirmed (an amended Enforcement Decree) is a
 * research note in docs/regulation-rules.md, not a rule.
 */
class PipaAmendment2026Test {
    private static final RuleBook BOOK = RuleBook.standard();

    private static Rule rule(String id) {
        return BOOK.rules().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void theAmendedVersionsApplyFromTheEleventhOfSeptember2026AndTheOldOnesUntilTheDayBefore() {
        for (String family : new String[] {"kr-pipa-individuals", "kr-pipa-pipc"}) {
            Rule old = rule(family);
            Rule amended = rule(family + "@2026");
            assertThat(old.inForce().to()).isEqualTo(LocalDate.of(2026, 9, 10));
            assertThat(amended.inForce().from()).isEqualTo(LocalDate.of(2026, 9, 11));
            assertThat(amended.inForce().to()).isNull();
            assertThat(amended.source()).contains("PIPC announcement", "Segye Ilbo", "Dong-A Ilbo", "DLA Piper");
            assertThat(amended.confidence()).isEqualTo(Confidence.SECONDARY);
            assertThat(amended.citation()).contains("as amended 2026");
            // the change the amendment makes to the notice: how to claim damages or seek mediation
            assertThat(amended.content()).contains("how to claim damages or apply for dispute mediation");
            assertThat(old.content()).doesNotContain("how to claim damages or apply for dispute mediation");
            // forgery, alteration or damage, and the possibility of a breach, start the clock
            assertThat(amended.deadline().text()).contains("forgery, alteration or damage", "possibility");
            // the 2023 Decree's 72 hours and thresholds are kept: no amended Decree was found
            assertThat(amended.deadline().amount()).isEqualTo(72);
            assertThat(amended.trigger()).isEqualTo(old.trigger());
            assertThat(amended.notes()).contains("research notes");
        }
    }

    @Test
    void whatCouldNotBeConfirmedIsARecordedResearchNote() {
        assertThat(BOOK.researchNotes()).anySatisfy(n -> {
            assertThat(n.topic()).isEqualTo("Korea PIPA amendment of 2026");
            assertThat(n.text())
                    .contains("promulgated on 10 March 2026")
                    .contains("applies from 11 September 2026")
                    .contains("Not found: an amended Enforcement Decree")
                    .contains("law.go.kr was not read");
        });
    }
}
