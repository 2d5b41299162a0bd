package dev.tandem.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ScopePeopleTest {

    /** The scope of one file, scanned as the CLI scans it (all its results, findings and records). */
    private static Scope scopeOf(String name, String content) throws Exception {
        ScopeCounter counter = new ScopeCounter();
        new PiiScanner(ScanOptions.defaults().withThreads(1))
                .scan(
                        new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)),
                        name,
                        Format.AUTO,
                        counter,
                        ScanProgress.NONE);
        return counter.scope();
    }

    private static void assertPeople(Scope scope, long people, String subjects, long unplaced) {
        assertThat(scope.people()).as("people").isEqualTo(people);
        assertThat(scope.subjects()).as("subjects").isEqualTo(subjects);
        assertThat(scope.unplaced()).as("unplaced").isEqualTo(unplaced);
    }

    @Test
    void aShopifyOrdersExportCountsEachCustomerOnceWhateverTheRowsAndPhones() throws Exception {
        // Shopify's orders export: one row per line item (the second row of #1001 repeats only the
        // e-mail), two orders of one customer with a billing and a shipping phone, and a B2B order
        String csv = """
                Name,Email,Financial Status,Lineitem name,Billing Street,Billing City,Billing Province,Billing Country,Billing Phone,Shipping Street,Shipping Province,Shipping Country,Shipping Phone
                #1001,emily.johnson@gmail.com,paid,Linen Shirt - M,12 Market St,San Francisco,CA,US,+1 415-555-2671,12 Market St,CA,US,+1 415-555-2671
                #1001,emily.johnson@gmail.com,,Canvas Tote,,,,,,,,,
                #1002,emily.johnson@gmail.com,paid,Wool Socks,12 Market St,San Francisco,CA,US,+1 415-555-2671,500 Howard St,CA,US,+1 415-555-0134
                #1003,einkauf@acme-logistik.de,paid,Linen Shirt - L,Friedrichstr. 10,Berlin,,DE,+49 30 901820,Hafenweg 2,,DE,+49 40 1234567
                """;
        Scope scope = scopeOf("orders_export.csv", csv);
        assertThat(scope.unique().get(Entity.PHONE_NUMBER)).isEqualTo(4);
        assertPeople(scope, 2, "DE=1,US-CA=1", 0);
    }

    @Test
    void aContactWithTwoPhonesIsOnePersonPlacedByItsPhoneWhenNoColumnSaysWhere() throws Exception {
        String csv = """
                FirstName,LastName,Email,Phone,MobilePhone
                Klaus,Weber,k.weber@example.de,+49 30 901820,+49 170 1234567
                Paul,Martin,p.martin@example.fr,+33 1 42 68 53 00,+33 6 12 34 56 78
                Ann,Lee,,+1 415-555-2671,+1 415-555-0134
                """;
        Scope scope = scopeOf("contacts.csv", csv);
        assertThat(scope.unique().get(Entity.PHONE_NUMBER)).isEqualTo(6);
        assertPeople(scope, 3, "DE=1,FR=1,US=1", 0);
    }

    @Test
    void aRecordsCountryColumnPlacesItsPersonBeforeItsPhone() throws Exception {
        // a German customer with a Swiss mobile lives where the export says
        Scope scope = scopeOf("customers.csv", "email,telephone,country_id\nk.weber@example.de,+41 79 123 45 67,DE\n");
        assertThat(scope.subjects()).isEqualTo("DE=1");
    }

    @Test
    void aRecordNamedOnlyByItsNamesIsOnePersonWhateverNameColumnsRepeatThem() throws Exception {
        // a list without e-mail or phone: the full name repeats the first and last name, or is empty
        String csv = """
                First Name,Last Name,Full Name,City
                Jane,Doe,Jane Doe,Leeds
                Jane,Doe,,Leeds
                John,Doe,John Doe,York
                """;
        Scope scope = scopeOf("attendees.csv", csv);
        assertPeople(scope, 2, "", 2);
    }

    @Test
    void identifiersOutsideRecordsAreEachAPerson() throws Exception {
        // a support log is no export: each distinct number is somebody
        String log = """
                2026-03-01 10:00:01 callback requested tel +49 30 901820
                2026-03-01 10:02:17 callback requested tel +49 170 1234567
                2026-03-01 10:05:40 callback requested tel +49 30 901820
                2026-03-01 10:07:12 callback requested tel +33 6 12 34 56 78
                """;
        Scope scope = scopeOf("support.log", log);
        assertPeople(scope, 3, "DE=2,FR=1", 0);
    }

    @Test
    void aJsonOrderIsOnePersonWithItsCustomerAddressesAndLineItems() throws Exception {
        // Shopify's REST orders: the customer, the billing and shipping addresses (a phone and a
        // name each) and the line items (a product's "name") are the order's; two orders of one
        // customer and one of another are two people
        String order1 = """
                {"id":5512,"email":"emily.johnson@gmail.com","line_items":[{"name":"Linen Shirt","sku":"LS-M"},\
                {"name":"Canvas Tote","sku":"CT-1"}],"billing_address":{"name":"Emily Johnson","phone":"+1 415-555-2671",\
                "province_code":"CA","country_code":"US"},"shipping_address":{"name":"Emily Johnson",\
                "phone":"+1 415-555-0134","province_code":"CA","country_code":"US"},\
                "customer":{"email":"emily.johnson@gmail.com","first_name":"Emily","last_name":"Johnson"}}\
                """;
        String order2 = order1.replace("5512", "5513").replace("Linen Shirt", "Wool Socks");
        String order3 = """
                {"id":5514,"line_items":[{"name":"Linen Shirt","sku":"LS-L"}],"customer":{"email":"k.weber@example.de"},\
                "billing_address":{"name":"Klaus Weber","phone":"+49 30 901820","country_code":"DE"}}\
                """;
        String json = "{\"orders\":[" + order1 + "," + order2 + "," + order3 + "]}";
        Scope scope = scopeOf("orders.json", json);
        assertPeople(scope, 2, "DE=1,US-CA=1", 0);
        // the same orders as JSON Lines
        Scope lines = scopeOf("orders.jsonl", order1 + "\n" + order2 + "\n" + order3 + "\n");
        assertPeople(lines, 2, "DE=1,US-CA=1", 0);
    }

    @Test
    void objectsOfARecordsArrayWithOtherEmailAddressesAreOtherPeople() throws Exception {
        // a Zendesk ticket export with its requester, and the users side-loaded beside it
        String json = """
                {"ticket":{"id":35436,"subject":"Refund","requester":{"email":"emily.johnson@gmail.com"}},\
                "users":[{"email":"emily.johnson@gmail.com","phone":"+1 415-555-2671"},\
                {"email":"agent.smith@support.example.com","phone":"+49 30 901820"}]}
                """;
        Scope scope = scopeOf("ticket.json", json);
        assertPeople(scope, 2, "DE=1,US=1", 0);
    }

    @Test
    void countsOnePersonPerRecordNotPerNamePart() throws Exception {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,MailingCountry\n");
        for (int i = 0; i < 30; i++) {
            csv.append("Name%d,Surname%d,person%d@shop-example.de,DE\n".formatted(i, i, i));
        }
        Scope scope = scopeOf("customers.csv", csv.toString());
        assertThat(scope.unique().get(Entity.PERSON)).isEqualTo(60);
        assertPeople(scope, 30, "DE=30", 0);
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
