package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What counsel must see beside the obligations: the laws checked where nothing is owed, and
 * Massachusetts' notice, whose content is the opposite of a nationwide letter's.
 */
class CheckedLawsTest {
    private static final Instant AWARE = Instant.parse("2026-12-05T23:03:56Z");
    private final ObligationEngine engine = new ObligationEngine(
            RuleBook.standard(), Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC));

    private Assessment assess(String subjects, DataCategory data) {
        return engine.evaluate(
                new IncidentScope(
                        AWARE,
                        Subjects.parse(subjects),
                        Set.of(data),
                        new CompanyFacts(List.of("US"), false, false, false, false, false),
                        ZoneId.of("America/New_York")),
                List.of());
    }

    /** Contact data is not personal information under ch. 93H, 1 or New York's 899-aa: checked, not owed. */
    @Test
    void eachJurisdictionWithPeopleWhereNothingIsOwedSaysWhichLawsWereCheckedAndWhy() {
        Assessment a = assess("AR=100,US-MA=10,US-NY=10", DataCategory.CONTACT);
        assertThat(a.obligations()).isEmpty();
        assertThat(a.notTriggered())
                .anySatisfy(n -> {
                    assertThat(n.jurisdiction()).isEqualTo("US-MA");
                    assertThat(n.citation()).startsWith("Mass. Gen. Laws ch. 93H");
                    assertThat(n.reason()).startsWith("CONTACT is not among the data it is owed for (");
                })
                .anySatisfy(n -> assertThat(n.jurisdiction()).isEqualTo("US-NY"))
                // no rule names Argentina: its warning says so, nothing is "checked"
                .noneSatisfy(n -> assertThat(n.jurisdiction()).isEqualTo("AR"));
        assertThat(a.notTriggered().getFirst().text()).contains(": ").contains(" not triggered: ");
    }

    /** Where a law is owed, its jurisdiction is not listed as checked and not triggered. */
    @Test
    void aJurisdictionWithAnObligationIsNotListedAsNotTriggered() {
        Assessment a = assess("US-MA=10", DataCategory.GOVERNMENT_ID);
        assertThat(a.obligations()).anySatisfy(o -> assertThat(o.jurisdiction()).isEqualTo("US-MA"));
        assertThat(a.notTriggered()).isEmpty();
    }

    /**
     * Mass. Gen. Laws ch. 93H, 3(b): the residents' notice must not give the nature of the breach or
     * the number of residents affected, and must give the right to a police report and how to request
     * a security freeze; a warning says a nationwide letter does not fit.
     */
    @Test
    void theMassachusettsResidentsNoticeForbidsWhatANationwideLetterSaysAndAWarningSaysSo() {
        Assessment a = assess("US-MA=10", DataCategory.GOVERNMENT_ID);
        Obligation ma = a.obligations().stream()
                .filter(o -> o.ruleId().equals("us-ma-individuals"))
                .findFirst()
                .orElseThrow();
        assertThat(ma.content())
                .noneSatisfy(c -> assertThat(c).startsWith("description of the breach"))
                .anySatisfy(c -> assertThat(c).contains("police report"))
                .anySatisfy(c -> assertThat(c).contains("security freeze"))
                .anySatisfy(c -> assertThat(c).startsWith("NOT the nature of the breach"));
        assertThat(a.warnings())
                .anySatisfy(w -> assertThat(w).startsWith("US-MA: a nationwide letter does not fit Massachusetts"));
        assertThat(assess("US-CA=10", DataCategory.GOVERNMENT_ID).warnings())
                .noneSatisfy(w -> assertThat(w).contains("Massachusetts"));
    }
}
