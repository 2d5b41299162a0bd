package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DataCategoryTest {
    @Test
    void theScannersEntitiesMapToTheCategoriesTheLawsName() {
        assertThat(DataCategory.ofScannerEntities(List.of("EMAIL_ADDRESS", "PERSON", "LOCATION", "PHONE_NUMBER")))
                .containsExactly(DataCategory.CONTACT);
        assertThat(DataCategory.ofScannerEntities(
                        List.of("CREDIT_CARD", "IBAN_CODE", "US_SSN", "DATE_OF_BIRTH", "IP_ADDRESS")))
                .containsExactly(
                        DataCategory.PAYMENT_CARD,
                        DataCategory.GOVERNMENT_ID,
                        DataCategory.FINANCIAL_ACCOUNT,
                        DataCategory.DATE_OF_BIRTH);
        // an IP address alone, or a name the scanner does not use, names no category
        assertThat(DataCategory.ofScannerEntities(List.of("IP_ADDRESS", "NO_SUCH_ENTITY")))
                .isEmpty();
    }

    @Test
    void parsingNamesTheValueAndTheKnownCategories() {
        assertThat(DataCategory.parse(" payment_card ")).isEqualTo(DataCategory.PAYMENT_CARD);
        assertThatThrownBy(() -> DataCategory.parse("CARDS"))
                .isInstanceOf(InvalidScopeException.class)
                .hasMessageContaining("'CARDS'")
                .hasMessageContaining("PAYMENT_CARD");
    }
}
