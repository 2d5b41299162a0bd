package dev.tandem.regulation.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.RuleBook;
import dev.tandem.regulation.Subjects;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where each Art. 33 notice's law applies, and how the UK one cites and asks (ADR 149). */
class Art33NoticeTest {
    private static final Map<String, List<String>> REGIONS = RuleBook.standard().regions();

    @Test
    void aNoticesLawAppliesWhereItsPeopleLiveOrTheCompanyIsEstablished() {
        Subjects ukOnly = Subjects.parse("GB=1200");
        assertThat(Art33Notice.UK_GDPR.notApplicable(ukOnly, List.of(), REGIONS))
                .isEmpty();
        assertThat(Art33Notice.EU_GDPR.notApplicable(ukOnly, List.of("GB"), REGIONS))
                .hasValue("the GDPR does not apply: none of the 1,200 people in the scope is in the EU/EEA (they are in"
                        + " GB=1200) and the company is not established there (GDPR Art. 3(1), (2))");
        // an establishment in the territory brings the law whoever is affected (Art. 3(1)), Norway's in the EEA's
        assertThat(Art33Notice.EU_GDPR.notApplicable(ukOnly, List.of("NO"), REGIONS))
                .isEmpty();
        assertThat(Art33Notice.UK_GDPR.notApplicable(Subjects.parse("US-CA=800"), List.of("GB"), REGIONS))
                .isEmpty();
        // people in the territory bring it without an establishment (Art. 3(2)); a subdivision counts for its country
        Subjects elsewhere = Subjects.parse("DE=1200,US-CA=800,US-TX=300");
        assertThat(Art33Notice.EU_GDPR.notApplicable(elsewhere, List.of(), REGIONS))
                .isEmpty();
        assertThat(Art33Notice.UK_GDPR.notApplicable(elsewhere, List.of("DE"), REGIONS))
                .hasValue("the UK GDPR does not apply: none of the 2,300 people in the scope is in the UK (they are in"
                        + " DE=1200, US-CA=800, US-TX=300) and the company is not established there (UK GDPR Art."
                        + " 3(1), (2))");
        // nobody counted anywhere: the places are left out
        assertThat(Art33Notice.UK_GDPR.notApplicable(Subjects.parse("FR=0"), List.of(), REGIONS))
                .hasValue("the UK GDPR does not apply: none of the 0 people in the scope is in the UK and the company"
                        + " is not established there (UK GDPR Art. 3(1), (2))");
    }

    @Test
    void theEstablishmentIsReadByCountryAndRegion() {
        assertThat(Art33Notice.EU_GDPR.establishedIn(List.of("US", "FR"), REGIONS))
                .isTrue();
        assertThat(Art33Notice.EU_GDPR.establishedIn(List.of("GB"), REGIONS)).isFalse();
        assertThat(Art33Notice.UK_GDPR.establishedIn(List.of("GB"), REGIONS)).isTrue();
        assertThat(Art33Notice.UK_GDPR.establishedIn(List.of("IE"), REGIONS)).isFalse();
    }

    /** The ICO reads the UK GDPR's paragraphs, never the EU's; the GDPR notice's text is left as it is. */
    @Test
    void theUkNoticeCitesTheUkGdprWhereAMessageCitesTheGdpr() {
        String check = "more than the 5 people in the scope (GDPR Art. 33(3)(a) asks for both); its own 72-hour clock"
                + " (GDPR Art. 33(1)); already UK GDPR Art. 3(2)";
        assertThat(Art33Notice.UK_GDPR.cite(check))
                .isEqualTo("more than the 5 people in the scope (UK GDPR Art. 33(3)(a) asks for both); its own 72-hour"
                        + " clock (UK GDPR Art. 33(1)); already UK GDPR Art. 3(2)");
        assertThat(Art33Notice.EU_GDPR.cite(check)).isEqualTo(check);
    }

    /** A controller outside the UK owes the ICO its representative's details (UK GDPR Art. 27): a gap to fill. */
    @Test
    void theUkNoticeAsksForTheRepresentativeInTheUk() {
        String line = Art33Notice.UK_GDPR.representative().orElseThrow();
        assertThat(line).startsWith("- Representative in the UK (UK GDPR Art. 27): [to be completed: ");
        assertThat(NoticeGaps.of(line, false, Art33Notice.UK_GDPR))
                .containsExactly("name and contact details of the controller's representative in the UK, or why none is"
                        + " designated (UK GDPR Art. 27(2))");
        assertThat(Art33Notice.EU_GDPR.representative()).isEmpty();
    }
}
