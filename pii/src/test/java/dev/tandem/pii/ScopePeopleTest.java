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

    @Test
    void aLoginHistoryDownloadPlacesNoOneInTheCountryOfTheLogin() throws Exception {
        // Setup › Login History: a UK employee's two logins from the UK and the attacker's from a
        // Dutch server; Country Code is where the source IP is, not where the employee lives
        String csv = """
                "Login Time","Username","Login Type","Source IP","Status","Browser","Platform","Application","Client Version","API Type","API Version","Login URL","Country Code"
                "3/14/2025 9:02:11 AM GMT","tom.evans@shopuk.co.uk","Application","81.2.69.160","Success","Chrome 122","Windows 10","Browser Login","N/A","N/A","N/A","login.salesforce.com","GB"
                "3/14/2025 1:45:03 PM GMT","tom.evans@shopuk.co.uk","Application","81.2.69.160","Success","Chrome 122","Windows 10","Browser Login","N/A","N/A","N/A","login.salesforce.com","GB"
                "3/15/2025 2:17:40 AM GMT","tom.evans@shopuk.co.uk","Remote Access 2.0","185.107.56.12","Success","Unknown","Unknown","Data Loader","N/A","SOAP Partner","61.0","login.salesforce.com","NL"
                """;
        Scope scope = scopeOf("LoginHistory.csv", csv);
        // the findings are as before: three e-mails of one address
        assertThat(scope.counts().get(Entity.EMAIL_ADDRESS)).isEqualTo(3);
        assertThat(scope.unique().get(Entity.EMAIL_ADDRESS)).isEqualTo(1);
        assertPeople(scope, 1, "", 1);
    }

    @Test
    void aLoginHistoryQueryExportPlacesNoOneInTheCountryOfTheLogin() throws Exception {
        // the LoginHistory object queried (API names, any case), the user's e-mail beside it; the
        // login's country as CountryIso and LoginGeo's fields
        String csv = """
                LoginTime,Username,LoginType,SourceIp,Status,Browser,Platform,Application,LoginUrl,CountryIso,LoginGeo.Country,LoginGeo.CountryIso
                2025-03-14T09:02:11.000Z,tom.evans@shopuk.co.uk,Application,81.2.69.160,Success,Chrome 122,Windows 10,Browser Login,login.salesforce.com,GB,United Kingdom,GB
                2025-03-15T02:17:40.000Z,tom.evans@shopuk.co.uk,Remote Access 2.0,185.107.56.12,Success,Unknown,Unknown,Data Loader,login.salesforce.com,NL,Netherlands,NL
                """;
        assertPeople(scopeOf("loginhistory_query.csv", csv), 1, "", 1);
        assertPeople(scopeOf("loginhistory_query.csv", csv.toUpperCase(java.util.Locale.ROOT)), 1, "", 1);
        // a JSON query result nests LoginGeo: its Country is the login's too
        String json = """
                {"records":[
                {"attributes":{"type":"LoginHistory"},"LoginTime":"2025-03-15T02:17:40.000+0000","Username":"tom.evans@shopuk.co.uk","SourceIp":"185.107.56.12","Status":"Success","CountryIso":"NL","LoginGeo":{"attributes":{"type":"LoginGeo"},"Country":"Netherlands","CountryIso":"NL","City":"Amsterdam"}}
                ]}
                """;
        assertPeople(scopeOf("loginhistory.json", json), 1, "", 1);
    }

    @Test
    void aLoginsPersonIsStillPlacedByOtherEvidence() throws Exception {
        // an access log with the user's phone: placed by the phone's country, not the login's
        String csv = """
                timestamp,user,phone,client_ip,status,country
                2025-03-15T02:17:40Z,tom.evans@shopuk.co.uk,+44 20 7946 0958,185.107.56.12,200,NL
                """;
        assertPeople(scopeOf("access.csv", csv), 1, "GB=1", 0);
    }

    @Test
    void columnsNamedForTheCountryOfAnIpOrLoginPlaceNoOne() throws Exception {
        String csv = """
                Email,IP Country,geoip_country_code,login_country
                k.weber@example.de,NL,NL,NL
                """;
        assertPeople(scopeOf("contacts.csv", csv), 1, "", 1);
        // HubSpot's contacts export: the IP's country beside the contact's own
        String hubspot = """
                Email,IP Country,Country
                k.weber@example.de,Netherlands,Germany
                """;
        assertPeople(scopeOf("hubspot-crm-exports-all-contacts.csv", hubspot), 1, "DE=1", 0);
        String json = """
                {"email":"k.weber@example.de","geoip":{"country_code":"NL","region_code":"NH"},"ip_country":"NL"}
                """;
        assertPeople(scopeOf("events.jsonl", json), 1, "", 1);
    }

    @Test
    void aCustomerExportWithItsCustomersIpColumnsIsStillPlacedByItsCountry() throws Exception {
        // a signup or last sign-in IP, Magento's remote_ip, a status: a customer export, not a login
        // file (no request's source IP with a login or event column)
        String csv = """
                email,first_name,last_name,country,signup_ip,last_sign_in_at,last_sign_in_ip,status
                k.weber@example.de,Klaus,Weber,DE,185.107.56.12,2025-03-15T02:17:40Z,185.107.56.12,active
                """;
        assertPeople(scopeOf("users.csv", csv), 1, "DE=1", 0);
        String magento = """
                increment_id,status,customer_email,remote_ip,country_id,region_code
                000000101,complete,emily.johnson@gmail.com,185.107.56.12,US,CA
                """;
        assertPeople(scopeOf("sales_order.csv", magento), 1, "US-CA=1", 0);
        String salesforce = """
                FirstName,LastName,Email,MailingCountryCode,Client IP
                Klaus,Weber,k.weber@example.de,DE,185.107.56.12
                """;
        assertPeople(scopeOf("contacts.csv", salesforce), 1, "DE=1", 0);
    }
}
