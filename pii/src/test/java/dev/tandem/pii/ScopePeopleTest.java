package dev.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScopePeopleTest {

    @Test
    void countsOnePersonPerRecordNotPerNamePart() throws Exception {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,MailingCountry\n");
        for (int i = 0; i < 30; i++) {
            csv.append("Name%d,Surname%d,person%d@shop-example.de,DE\n".formatted(i, i, i));
        }
        ScopeCounter counter = new ScopeCounter();
        new PiiScanner(ScanOptions.defaults().withThreads(1))
                .scan(
                        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        "customers.csv",
                        Format.CSV,
                        counter,
                        ScanProgress.NONE);
        Scope scope = counter.scope();
        assertThat(scope.unique().get(Entity.PERSON)).isEqualTo(60);
        assertThat(scope.people()).isEqualTo(30);
        assertThat(scope.subjects()).isEqualTo("DE=30");
        assertThat(scope.unplaced()).isZero();
    }

    @Test
    void aPhoneColumnsNationalNumberIsReadInItsRecordsCountry() throws Exception {
        // a CRM export mixes countries: the national numbers of German and French customers are no US
        // numbers, and the country column after them says how to read them
        String csv = """
                FirstName,LastName,Email,Phone,MobilePhone,MailingCountry
                Klaus,Weber,k.weber@example.de,030 901820,0170 1234567,DE
                Paul,Martin,p.martin@example.fr,01 42 68 53 00,06 12 34 56 78,France
                Ann,Lee,ann.lee@example.com,12345,,US
                """;
        Collected c = Collected.scan(
                ScanOptions.defaults().withThreads(1), csv.getBytes(StandardCharsets.UTF_8), "contacts.csv");
        assertThat(c.findings.stream()
                        .filter(f -> f.entity() == Entity.PHONE_NUMBER)
                        .map(f -> f.value() + "=" + f.normalized() + "@" + f.jurisdiction() + " line " + f.line())
                        .toList())
                .containsExactly(
                        "030 901820=+4930901820@DE line 2",
                        "0170 1234567=+491701234567@DE line 2",
                        "01 42 68 53 00=+33142685300@FR line 3",
                        "06 12 34 56 78=+33612345678@FR line 3");
        // the offsets are those of the values in the file
        var first = c.findings.stream()
                .filter(f -> f.entity() == Entity.PHONE_NUMBER)
                .findFirst()
                .orElseThrow();
        assertThat(csv.substring((int) first.start(), (int) first.end())).isEqualTo("030 901820");
    }

    @Test
    void magentoAndShopifyJurisdictionColumnsPlaceTheirRecords() throws Exception {
        // Magento's country_id holds an ISO code; Shopify writes the state as a province code
        String magento = "email,country_id,telephone\nsanne.devries@ziggo.nl,NL,020 123 4567\n";
        Collected m = Collected.scan(
                ScanOptions.defaults().withThreads(1), magento.getBytes(StandardCharsets.UTF_8), "magento.csv");
        assertThat(m.findings)
                .filteredOn(f -> f.entity() == Entity.PHONE_NUMBER)
                .extracting(f -> f.normalized() + "@" + f.jurisdiction())
                .containsExactly("+31201234567@NL");
        assertThat(m.subjects).extracting(SubjectRecord::jurisdiction).containsExactly("NL");
        String shopify = "Email,Default Address Province Code,Default Address Country Code\n"
                + "emily.johnson@gmail.com,CA,US\n";
        Collected s = Collected.scan(
                ScanOptions.defaults().withThreads(1),
                shopify.getBytes(StandardCharsets.UTF_8),
                "customers_export.csv");
        assertThat(s.subjects).extracting(SubjectRecord::jurisdiction).containsExactly("US-CA");
        String api =
                "{\"email\":\"emily.johnson@gmail.com\",\"default_address\":{\"province_code\":\"CA\",\"country_code\":\"US\"}}";
        Collected j = Collected.scan(
                ScanOptions.defaults().withThreads(1), api.getBytes(StandardCharsets.UTF_8), "customers.json");
        assertThat(j.subjects).extracting(SubjectRecord::jurisdiction).containsExactly("US-CA");
    }

    @Test
    void aNestedPhoneIsReadInTheCountryOfTheRecordAroundIt() throws Exception {
        String json = "{\"customers\":[{\"Email\":\"k.weber@example.de\",\"Country\":\"DE\","
                + "\"contact\":{\"Phone\":\"030 901820\"}},"
                + "{\"Email\":\"p.martin@example.fr\",\"contact\":{\"Phone\":\"01 42 68 53 00\"},"
                + "\"address\":{\"Country\":\"France\"}}]}";
        Collected c = Collected.scan(
                ScanOptions.defaults().withThreads(1), json.getBytes(StandardCharsets.UTF_8), "customers.json");
        assertThat(c.findings.stream()
                        .filter(f -> f.entity() == Entity.PHONE_NUMBER)
                        .map(f -> f.normalized() + "@" + f.jurisdiction())
                        .toList())
                .containsExactly("+4930901820@DE", "+33142685300@FR");
    }
}
