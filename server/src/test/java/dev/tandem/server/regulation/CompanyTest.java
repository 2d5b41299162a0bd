package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.InvalidScopeException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompanyTest {
    private static CompanyProperties properties(List<String> established, Boolean cardMerchant) {
        return properties(established, cardMerchant, new CompanyProperties.Contact("", "", "", ""));
    }

    private static CompanyProperties properties(
            List<String> established, Boolean cardMerchant, CompanyProperties.Contact contact) {
        return new CompanyProperties(
                "Example SE",
                established,
                false,
                false,
                cardMerchant,
                false,
                contact,
                false,
                false,
                false,
                false,
                false,
                null);
    }

    private static final Scope CARDS = Scope.of(Map.of("DE", 10L), EnumSet.of(DataCategory.PAYMENT_CARD), false);
    private static final Scope CONTACTS = Scope.of(Map.of("DE", 10L), EnumSet.of(DataCategory.CONTACT), true);

    @Test
    void refusesAnUnknownEstablishmentAtStartByName() {
        assertThatThrownBy(() -> Company.from(properties(List.of("DE", "UK"), null)))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("'UK'");
    }

    @Test
    void normalisesEstablishmentsAndDropsEmptyEntries() {
        assertThat(Company.from(properties(List.of(" de", "", "fr "), null)).established())
                .containsExactly("DE", "FR");
    }

    @Test
    void infersCardMerchantFromTheDataAsTheCliDoesUnlessConfigured() {
        Company inferred = Company.from(properties(List.of("DE"), null));
        assertThat(inferred.factsFor(CARDS).cardMerchant()).isTrue();
        assertThat(inferred.factsFor(CONTACTS).cardMerchant()).isFalse();

        Company notAMerchant = Company.from(properties(List.of("DE"), false));
        assertThat(notAMerchant.factsFor(CARDS).cardMerchant()).isFalse();
    }

    @Test
    void marksMissingContactDetailsAsGapsToComplete() {
        var p = properties(List.of(), null, new CompanyProperties.Contact("Ada Lovelace", "DPO", "", null));
        var contact = Company.from(p).contact();
        assertThat(contact).isNotNull();
        assertThat(contact.role()).isEqualTo("DPO");
        assertThat(contact.email()).isEqualTo("[to be completed: contact e-mail]");
        assertThat(contact.phone()).isEqualTo("[to be completed: contact telephone]");
    }

    @Test
    void takesEncryptionFromTheScopeAndLeavesAnEmptyContactOut() {
        Company c = Company.from(properties(List.of(), null));
        assertThat(c.factsFor(CONTACTS).encryptedKeySafe()).isTrue();
        assertThat(c.contact()).isNull();
    }

    @Test
    void regulatedFactsFromConfigurationReachTheEngine() {
        // tandem.company.hipaa-covered-entity and the others: the facts of the tandem deadlines flags.
        var p = new CompanyProperties(
                "Example Health Inc.",
                List.of("US"),
                false,
                false,
                null,
                true,
                null,
                true,
                true,
                true,
                true,
                true,
                " ie ");
        var facts = Company.from(p).factsFor(CONTACTS);
        assertThat(facts.hipaaCoveredEntity()).isTrue();
        assertThat(facts.hipaaBusinessAssociate()).isTrue();
        assertThat(facts.financialInstitution()).isTrue();
        assertThat(facts.nydfsCovered()).isTrue();
        assertThat(facts.smallerReportingCompany()).isTrue();
        assertThat(facts.euRepresentative()).isEqualTo("IE");
    }

    @Test
    void refusesAnUnknownRepresentativeCountryByName() {
        var p = new CompanyProperties(
                "X", List.of(), false, false, null, false, null, false, false, false, false, false, "XX");
        assertThatThrownBy(() -> Company.from(p))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("XX");
    }
}
