package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.detect.PaymentCards;
import org.junit.jupiter.api.Test;

/**
 * Numbers under a column or key that names a record's identifier are the platform's keys of its
 * records (Shopify order and variant ids, Zendesk requester ids), not cards or phone numbers
 * (docs/pii-scanner.md, "Confidence").
 */
class IdentifierFieldsTest {
    private static final ScanOptions ONE = ScanOptions.defaults().withThreads(1);

    @Test
    void theIdsOfTheReviewPassTheCardChecks() {
        // what made them cards: a 13-digit Visa shape, a 14-digit Diners shape, Luhn
        assertThat(PaymentCards.isValid("4179653935294")).isTrue();
        assertThat(PaymentCards.isValid("4417134912106")).isTrue();
        assertThat(PaymentCards.isValid("39262139318316")).isTrue();
    }

    @Test
    void aShopifyOrderExportsIdColumnHoldsNoCards() throws Exception {
        String csv = "Name,Email,Id,Notes\n#1001,c1@example-mail.de,4179653935294,4179653935294\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "orders_export.csv");
        // the same number under a column that names nothing is still a card
        assertThat(c.findings).extracting(Finding::entity).containsExactly(Entity.EMAIL_ADDRESS, Entity.CREDIT_CARD);
        assertThat(c.findings.get(1).start()).isEqualTo(csv.lastIndexOf("4179653935294"));
    }

    @Test
    void idKeysInJsonHoldNoCardsNorPhones() throws Exception {
        String json = "{\"id\":4711,\"requester_id\":4417134912106,\"assigneeId\":\"+1 415-555-2671\","
                + "\"line_items\":[{\"variant_id\":39262139318316,\"product ID\":4179653935294,\"sku\":\"WB-750\"}],"
                + "\"requester\":{\"phone\":\"+1 415-555-2671\",\"card\":4417134912106}}";
        Collected c = Collected.scan(ONE, json.getBytes(UTF_8), "ticket.json");
        assertThat(entitiesAndValues(c)).containsExactly("PHONE_NUMBER +1 415-555-2671", "CREDIT_CARD 4417134912106");
        assertThat(c.findings.get(0).start()).isEqualTo(json.lastIndexOf("+1 415"));
    }

    @Test
    void anSsnUnderATaxpayerIdKeyIsKept() throws Exception {
        String csv = "tax_id,national_id,customer_id\n536-22-1234,536-22-1235,536-22-1236\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "people.csv");
        assertThat(entitiesAndValues(c))
                .containsExactly("US_SSN 536-22-1234", "US_SSN 536-22-1235", "US_SSN 536-22-1236");
        assertThat(c.findings).allSatisfy(f -> assertThat(f.doubt()).isNull());
    }

    @Test
    void wordsEndingInIdThatNameNoIdentifierKeepTheirCards() throws Exception {
        String csv = "paid,valid,PAID\n4179653935294,4179653935294,4179653935294\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "x.csv");
        assertThat(c.findings)
                .extracting(Finding::entity)
                .containsOnly(Entity.CREDIT_CARD)
                .hasSize(3);
    }

    @Test
    void anIdKeyInTextIsDoubtedAndLeftOutOfTheScope() throws Exception {
        String text = "GET /g/collect?v=2&tid=G-ABC123XYZ&ep.transaction_id=4179653935286 HTTP/1.1\n"
                + "ticket {\"requesterId\":4417134912106} Customer ID: 39262139318316\n"
                + "order id 4111111111111111 card 4417134912106\n";
        Collected c = Collected.scan(ONE, text.getBytes(UTF_8), "ga.log");
        assertThat(c.confidences())
                .containsExactly(
                        "4179653935286 0.2 identifier-context",
                        "4417134912106 0.2 identifier-context",
                        "39262139318316 0.2 identifier-context",
                        "4111111111111111 0.2 commerce-context",
                        "4417134912106 0.99 -");
        Scope s = c.scope();
        assertThat(s.counts()).containsEntry(Entity.CREDIT_CARD, 1L);
        assertThat(s.leftOut().get(Entity.CREDIT_CARD))
                .containsEntry("identifier-context", 3L)
                .containsEntry("commerce-context", 1L);
    }

    @Test
    void aMessageIdKeyHoldsNoMailbox() throws Exception {
        String json =
                "{\"message_id\":\"<CAKx8=Ywq7JtZ@mail.gmail.com>\",\"internetMessageId\":\"<a1@mail.gmail.com>\","
                        + "\"in_reply_to\":\"<a0@mail.gmail.com>\",\"author\":\"lena.mueller@gmx.de\"}";
        Collected c = Collected.scan(ONE, json.getBytes(UTF_8), "comments.json");
        assertThat(entitiesAndValues(c)).containsExactly("EMAIL_ADDRESS lena.mueller@gmx.de");
    }

    private static java.util.List<String> entitiesAndValues(Collected c) {
        return c.findings.stream().map(f -> f.entity() + " " + f.value()).toList();
    }
}
