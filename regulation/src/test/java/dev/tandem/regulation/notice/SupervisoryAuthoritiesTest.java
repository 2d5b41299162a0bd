package dev.tandem.regulation.notice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.regulation.RuleBook;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whom the GDPR Art. 33 notice of a controller established in the EU/EEA is addressed to (ADR 141). */
class SupervisoryAuthoritiesTest {
    @Test
    void oneMemberStateOfEstablishmentNamesItsAuthorityWithItsCountryAndTheArticles() {
        assertThat(SupervisoryAuthorities.lead(List.of("IE")))
                .isEqualTo("Data Protection Commission, the supervisory authority of IE, where the controller is"
                        + " established (GDPR Art. 55(1), 56(1))");
        assertThat(SupervisoryAuthorities.lead(List.of("FR")))
                .isEqualTo("Commission nationale de l'informatique et des libertés (CNIL), the supervisory authority"
                        + " of FR, where the controller is established (GDPR Art. 55(1), 56(1))");
        assertThat(SupervisoryAuthorities.lead(List.of("NL"))).startsWith("Autoriteit Persoonsgegevens, ");
        // a named authority is no gap: the notice is sent with it as it stands
        assertThat(NoticeGaps.of("To: " + SupervisoryAuthorities.lead(List.of("IE")), false))
                .isEmpty();
    }

    @Test
    void germanyStaysAGapNamingTheLandAuthority() {
        assertThat(SupervisoryAuthorities.forCompaniesIn("DE")).isNull();
        assertThat(SupervisoryAuthorities.lead(List.of("DE")))
                .isEqualTo("Lead supervisory authority (GDPR Art. 56(1)): [to be completed: in Germany the data"
                        + " protection authority of the Land of the main establishment (§ 40 BDSG); name it here]");
        assertThat(NoticeGaps.of("To: " + SupervisoryAuthorities.lead(List.of("DE")), false))
                .hasSize(1);
    }

    @Test
    void aLandOrARegionIsReadAsItsCountry() {
        assertThat(SupervisoryAuthorities.lead(List.of("DE-BE"))).contains("§ 40 BDSG");
        assertThat(SupervisoryAuthorities.lead(List.of("FR-75", "FR"))).startsWith("Commission nationale");
    }

    @Test
    void spainsCompaniesAnswerToTheAepdNotARegionalAuthority() {
        // Catalonia's, the Basque Country's and Andalusia's authorities supervise their public sector
        assertThat(SupervisoryAuthorities.lead(List.of("ES-CT")))
                .isEqualTo("Agencia Española de Protección de Datos (AEPD), the supervisory authority of ES, where"
                        + " the controller is established (GDPR Art. 55(1), 56(1))");
    }

    @Test
    void denmarkAndNorwayShareANameAndAreToldApartByTheirCountry() {
        assertThat(SupervisoryAuthorities.lead(List.of("DK")))
                .startsWith("Datatilsynet, the supervisory authority of DK,");
        assertThat(SupervisoryAuthorities.lead(List.of("NO")))
                .startsWith("Datatilsynet, the supervisory authority of NO,");
    }

    @Test
    void severalMemberStatesOrNoneLeaveTheMainEstablishmentToBeChosen() {
        assertThat(SupervisoryAuthorities.lead(List.of("IE", "FR")))
                .isEqualTo("Lead supervisory authority (GDPR Art. 56(1)): [to be completed: the supervisory authority"
                        + " of the main establishment among FR, IE]");
        assertThat(SupervisoryAuthorities.lead(List.of()))
                .isEqualTo("Lead supervisory authority (GDPR Art. 56(1)): [to be completed: the supervisory authority"
                        + " of the main establishment]");
    }

    @Test
    void aCountryOutsideTheTableIsAGapNotAGuess() {
        assertThat(SupervisoryAuthorities.forCompaniesIn("CH")).isNull();
        assertThat(NoticeGaps.of(SupervisoryAuthorities.lead(List.of("CH")), false))
                .containsExactly("the supervisory authority of CH, where the controller is established");
    }

    @Test
    void everyEeaCountryOfTheRuleBookButGermanyHasAName() {
        List<String> eea = RuleBook.standard().regions().get("EEA");
        assertThat(eea).hasSize(30).contains("IS", "LI", "NO", "GR");
        for (String country : eea) {
            if (country.equals("DE")) {
                continue;
            }
            assertThat(SupervisoryAuthorities.forCompaniesIn(country))
                    .as(country)
                    .isNotBlank();
            assertThat(SupervisoryAuthorities.lead(List.of(country)))
                    .as(country)
                    .contains("the supervisory authority of " + country + ", where the controller is established")
                    .endsWith("(GDPR Art. 55(1), 56(1))")
                    .doesNotContain("[to be completed");
        }
    }
}
