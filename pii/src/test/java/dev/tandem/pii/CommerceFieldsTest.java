package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Columns and keys that name numbers of commerce, or the entity itself (docs/pii-scanner.md, "Confidence"). */
class CommerceFieldsTest {
    private static final ScanOptions ONE = ScanOptions.defaults().withThreads(1);

    @Test
    void numbersUnderOrderInvoiceTrackingAndProductColumnsAreNotPersonalData() throws Exception {
        String csv = "OrderNumber,InvoiceNo,TrackingNumber,SKU,GTIN,po_number,Email\n"
                + "4111111111111111,5555 5555 5555 4444,+1 415-555-2671,536-22-1234,4006380000094,"
                + "DE89370400440532013000,jane@example.com\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "orders.csv");
        assertThat(c.findings).extracting(Finding::entity).containsExactly(Entity.EMAIL_ADDRESS);
    }

    @Test
    void commerceColumnsOfOtherLanguagesHoldNoPersonalData() throws Exception {
        String csv = "Bestellnummer,Rechnungsnr.,numero_commande,N° de suivi,numero_pedido,numero_ordine,"
                + "Factuurnummer,注文番号,E-Mail\n"
                + "4539578763621486,4539578763621486,4539578763621486,4539578763621486,4539578763621486,"
                + "4539578763621486,4539578763621486,4539578763621486,jane@example.com\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "bestellungen.csv");
        assertThat(c.findings).extracting(Finding::entity).containsExactly(Entity.EMAIL_ADDRESS);
    }

    @Test
    void numbersUnderCommerceKeysAreNotPersonalData() throws Exception {
        String json = "{\"order\":{\"orderId\":\"4111111111111111\",\"trackingNumber\":\"9400 5666 4930 0521 8806\","
                + "\"items\":[{\"sku\":\"4111111111111111\",\"ean\":\"4006380000094\"}]},"
                + "\"payment\":{\"cardNumber\":\"4006380000094\"},\"customer\":{\"phone\":\"+1 415-555-2671\"}}";
        Collected c = Collected.scan(ONE, json.getBytes(UTF_8), "order.json");
        int card = json.indexOf("4006380000094\"},");
        int phone = json.indexOf("+1 415");
        assertThat(c.brief())
                .containsExactly(
                        "order.json:1:" + card + "-" + (card + 13) + " CREDIT_CARD 4006380000094",
                        "order.json:1:" + phone + "-" + (phone + 15) + " PHONE_NUMBER +1 415-555-2671");
        // a GS1-valid number under a card key is a card, named by its key
        assertThat(c.findings).allSatisfy(f -> {
            assertThat(f.confidence()).isEqualTo(Confidence.NAMED);
            assertThat(f.doubt()).isNull();
        });
    }

    @Test
    void aCardColumnRaisesAndAPlainColumnKeepsTheDoubt() throws Exception {
        String csv = "CardNumber,Notes\n4006380000094,4006380000094\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "cards.csv");
        assertThat(c.findings).hasSize(2);
        assertThat(c.findings.get(0).confidence()).isEqualTo(Confidence.NAMED);
        assertThat(c.findings.get(1).doubt()).isEqualTo(Doubt.GS1_CODE);
    }

    @Test
    void aDoubtfulCardIsLeftOutOfTheScopeWithItsReason() throws Exception {
        String text = "sku 4111111111111111\nx 4006380000094\ncard 4539578763621486\nmail jane@example.com\n";
        Collected c = Collected.scan(ONE, text.getBytes(UTF_8), "notes.log");
        ScopeCounter scope = new ScopeCounter();
        c.findings.forEach(scope::finding);
        Scope s = scope.scope();
        assertThat(s.counts()).containsEntry(Entity.CREDIT_CARD, 1L).containsEntry(Entity.EMAIL_ADDRESS, 1L);
        assertThat(s.unique()).containsEntry(Entity.CREDIT_CARD, 1);
        assertThat(s.leftOut().get(Entity.CREDIT_CARD))
                .containsEntry("commerce-context", 1L)
                .containsEntry("gs1-code", 1L);
        assertThat(s.leftOutTotal()).isEqualTo(2);
        assertThat(s.minConfidence()).isEqualTo(ScopeCounter.DEFAULT_MIN_CONFIDENCE);
    }

    @Test
    void onlyDoubtfulCardsPutNoCardInScope() throws Exception {
        String text = "tracking 4111111111111111 and order 5555555555554444\n";
        Collected c = Collected.scan(ONE, text.getBytes(UTF_8), "notes.log");
        ScopeCounter scope = new ScopeCounter();
        c.findings.forEach(scope::finding);
        assertThat(c.findings).hasSize(2);
        assertThat(scope.scope().counts()).doesNotContainKey(Entity.CREDIT_CARD);
        assertThat(scope.scope().people()).isZero();
    }

    @Test
    void aHigherThresholdLeavesOutWhatFallsBelowIt() {
        ScopeCounter scope = new ScopeCounter(0.9);
        scope.finding(new Finding("f", 0, 1, 1, Entity.PHONE_NUMBER, "+14155552671", "+14155552671", "US"));
        scope.finding(new Finding("f", 0, 1, 1, Entity.IBAN_CODE, "DE89", "DE89", "DE"));
        Scope s = scope.scope();
        assertThat(s.counts()).containsOnlyKeys(Entity.IBAN_CODE);
        assertThat(s.leftOut().get(Entity.PHONE_NUMBER)).containsEntry(ScopeCounter.BELOW_THRESHOLD, 1L);
    }

    @Test
    void payloadInspectionsListDoubtfulCardsButDoNotCountThem() {
        Payloads.Inspection i = Payloads.withDefaults().inspect("{\"note\":\"order #4111111111111111\"}");
        assertThat(i.findings()).hasSize(1);
        assertThat(i.count(Entity.CREDIT_CARD)).isZero();
        assertThat(i.containsPii()).isFalse();
        assertThat(Payloads.withDefaults()
                        .inspect("{\"note\":\"paid 4539578763621486\"}")
                        .count(Entity.CREDIT_CARD))
                .isEqualTo(1);
    }

    @Test
    void theThresholdMustBeBetweenZeroAndOne() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScopeCounter(1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScopeCounter(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placeholdersUnderANameColumnAreNoPersonWhateverTheirCase() throws Exception {
        String csv = "first_name,last_name\n"
                + "N/A,NULL\nnone,Unknown\n-,[Not Provided]\nTRUE,false\nna,Na\n"
                + "Nancy,Fuller\nTrue North,n/a2\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "people.csv");
        assertThat(c.findings)
                .filteredOn(f -> f.entity() == Entity.PERSON)
                .extracting(Finding::value)
                .containsExactly("Nancy", "Fuller", "True North", "n/a2");
    }
}
