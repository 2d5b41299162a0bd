package dev.tandem.pii.detect;

import static dev.tandem.pii.detect.Found.hits;
import static dev.tandem.pii.detect.Found.in;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.Confidence;
import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import org.junit.jupiter.api.Test;

/**
 * Numbers of a retailer's data that validate as personal data when cut out of their context:
 * tracking numbers, product codes, IBAN-shaped references, order numbers (docs/pii-scanner.md,
 * "Commerce look-alikes").
 */
class CommerceLookAlikesTest {

    // ---- whole token sequences ----

    @Test
    void aCardWindowOfAUspsTrackingNumberIsNoCard() {
        // 5666 4930 0521 8806 passes Luhn and is a Maestro range: a window of the 22 digits
        assertThat(PaymentCards.isValid("5666493005218806")).isTrue();
        assertThat(in("tracking 9400 5666 4930 0521 8806 66")).isEmpty();
        assertThat(in("shipped 9400 5666 4930 0521 8806 66 today")).isEmpty();
        assertThat(in("9400566649300521880666")).isEmpty();
    }

    @Test
    void aCardIsFoundWhenItIsTheWholeSequence() {
        assertThat(in("paid with 5666 4930 0521 8806 today")).containsExactly("CREDIT_CARD 5666 4930 0521 8806");
        assertThat(in("5666-4930-0521-8806")).containsExactly("CREDIT_CARD 5666-4930-0521-8806");
    }

    @Test
    void digitGroupsJoinedOnEitherSideMakeALongerNumber() {
        assertThat(in("ref 12 4111 1111 1111 1111")).isEmpty();
        assertThat(in("ref 4111 1111 1111 1111 22")).isEmpty();
        assertThat(in("ref 4111-1111-1111-1111-22")).isEmpty();
        assertThat(in("ref 4111.1111.1111.1111.5")).isEmpty();
        assertThat(in("ref 4111 1111 1111 1111 22abc")).isEmpty();
    }

    @Test
    void aCompactCardStandsAloneBesideOtherNumbers() {
        // a run longer than a group is a token of its own: the expiry after it is another token
        assertThat(in("4111111111111111 12/25 123")).containsExactly("CREDIT_CARD 4111111111111111");
        assertThat(in("at 12:30:45 4111111111111111")).containsExactly("CREDIT_CARD 4111111111111111");
    }

    @Test
    void aCardInGroupsKeepsItsExpiryDateApart() {
        assertThat(in("card 4111 1111 1111 1111 12/25 cvc")).containsExactly("CREDIT_CARD 4111 1111 1111 1111");
        assertThat(in("4111 1111 1111 1111 01/2027")).containsExactly("CREDIT_CARD 4111 1111 1111 1111");
        assertThat(in("4111-1111-1111-1111 12/25")).containsExactly("CREDIT_CARD 4111-1111-1111-1111");
        // not an expiry: no month, a longer run after the year, or more groups joined after it
        assertThat(in("ref 4111 1111 1111 1111 13/25")).isEmpty();
        assertThat(in("ref 4111 1111 1111 1111 12/251")).isEmpty();
        assertThat(in("ref 4111 1111 1111 1111 12/25 77")).isEmpty();
        assertThat(in("ref 4111 1111 1111 1111 12/25abc")).isEmpty();
    }

    @Test
    void aLongRunOfGroupsIsOneToken() {
        assertThat(in("1111 2222 3333 4444 5555 6666 7777 8888 9999 1234 4111 1111 1111 1111"))
                .isEmpty();
        assertThat(in("9 9 9 9 9 9 9 9 9 9 9 9 9 4111 1111 1111 1111")).isEmpty();
    }

    @Test
    void ssnAndPhoneAreWholeTokensToo() {
        assertThat(in("ssn 536-22-1234")).containsExactly("US_SSN 536-22-1234");
        assertThat(in("ref 536-22-1234 99")).isEmpty();
        assertThat(in("ref 7 536-22-1234")).isEmpty();
        assertThat(in("call +1 415-555-2671")).containsExactly("PHONE_NUMBER +1 415-555-2671");
        assertThat(in("ref +1 415-555-2671 22")).isEmpty();
        assertThat(in("call 415-555-2671")).containsExactly("PHONE_NUMBER 415-555-2671");
        assertThat(in("ref 415-555-2671 9")).isEmpty();
        assertThat(in("ref 9 415 555 2671")).isEmpty();
    }

    // ---- IBAN-shaped references ----

    @Test
    void anIbanShapedReferenceThatFailsMod97HidesNoCard() {
        assertThat(Ibans.isValid("ES7640620103030973035158")).isFalse();
        assertThat(in("acct ES76 4062 0103 0309 7303 5158")).isEmpty();
        // a Visa window inside a failing reference
        assertThat(Ibans.isValid("ES1241111111111111110000")).isFalse();
        assertThat(in("acct ES12 4111 1111 1111 1111 0000")).isEmpty();
        assertThat(in("acct ES1241111111111111110000")).isEmpty();
    }

    @Test
    void anIbanRunningOnIntoMoreDigitsIsNoIban() {
        assertThat(in("iban DE89 3704 0044 0532 0130 00")).containsExactly("IBAN_CODE DE89 3704 0044 0532 0130 00");
        assertThat(in("ref DE89 3704 0044 0532 0130 00 4111 1111 1111 1111")).isEmpty();
        assertThat(in("ref DE89370400440532013000 12")).isEmpty();
    }

    @Test
    void aTruncatedIbanShapeHidesNoCard() {
        assertThat(in("acct ES12 4111 1111 1111 1111 00")).isEmpty();
    }

    // ---- carriers' tracking numbers ----

    @Test
    void carrierTrackingNumbersAreNotPersonalData() {
        String fedex11 = "74899991234";
        String fedex = fedex11 + CommerceNumbers.fedexCheckDigit(fedex11);
        String dhl9 = "123456789";
        String dhl = dhl9 + CommerceNumbers.dhlCheckDigit(dhl9);
        String usps21 = "940011189922310000000";
        String usps = usps21 + CommerceNumbers.gs1CheckDigit(usps21);
        assertThat(in("UPS 1Z999AA10123456784 and 1Z 999 AA1 01 2345 678 4")).isEmpty();
        assertThat(in("FedEx " + fedex + " and 9612019 0000000000 00000")).isEmpty();
        assertThat(in("DHL " + dhl)).isEmpty();
        assertThat(in("USPS " + usps + " / 9400 1118 9922 3100 0000 00")).isEmpty();
    }

    // ---- GS1 product codes and ISBNs ----

    @Test
    void anEan13ThatAlsoPassesLuhnIsADoubtfulCard() {
        String ean = "4006380000094";
        assertThat(CommerceNumbers.gs1Valid(ean)).isTrue();
        assertThat(PaymentCards.isValid(ean)).isTrue();
        var h = hits("x " + ean).getFirst();
        assertThat(h.entity()).isEqualTo(Entity.CREDIT_CARD);
        assertThat(h.doubt()).isEqualTo(Doubt.GS1_CODE);
        assertThat(h.confidence()).isLessThan(0.5);
        var named = hits("card " + ean).getFirst();
        assertThat(named.doubt()).isNull();
        assertThat(named.confidence()).isEqualTo(Confidence.NAMED);
    }

    @Test
    void gs1DoubtsOnlyCardLengthsAGs1CodeCanHave() {
        // GTIN-14 and SSCC-18 twins of Diners numbers are doubtful; a 16-digit card has no GS1 twin
        // (4000000000000077, Stripe's, is a test card and is doubted as one)
        for (String n : new String[] {"36000000000081", "360000000000000081"}) {
            assertThat(PaymentCards.isValid(n)).as(n).isTrue();
            assertThat(hits("x " + n).getFirst().doubt()).as(n).isEqualTo(Doubt.GS1_CODE);
        }
        assertThat(CommerceNumbers.gs1Valid("4000000000000176")).isTrue();
        assertThat(hits("x 4000000000000176").getFirst().doubt()).isNull();
    }

    @Test
    void cardLengthsFewCardsStillHaveAreDoubtfulUnlessNamed() {
        // Shopify's order id and Zendesk's requester id as 13-digit Visas, a variant id as a 14-digit Diners
        for (String n : new String[] {"4179653935294", "4417134912106", "39262139318316", "30123456789019"}) {
            assertThat(PaymentCards.isValid(n)).as(n).isTrue();
            var h = hits("GET /admin/api/customers/" + n + " 200").getFirst();
            assertThat(h.doubt()).as(n).isEqualTo(Doubt.RARE_LENGTH);
            assertThat(h.confidence()).as(n).isLessThan(0.5);
            assertThat(hits("card " + n).getFirst().confidence()).as(n).isEqualTo(Confidence.NAMED);
        }
        // a 14-digit Diners Club card in 36 and 15- and 16-digit cards keep their confidence
        for (String n : new String[] {"36555123456783", "374245635398430", "4539578763621486"}) {
            assertThat(PaymentCards.isValid(n)).as(n).isTrue();
            assertThat(hits("x " + n).getFirst().doubt()).as(n).isNull();
        }
    }

    @Test
    void groupsOfTwelveDigitsJoinAndLongerOnesStandAlone() {
        assertThat(in("4111 1111 1111 1111 123456789012")).isEmpty();
        assertThat(in("123456789012 4111 1111 1111 1111")).isEmpty();
        assertThat(in("4111 1111 1111 1111 1234567890123")).containsExactly("CREDIT_CARD 4111 1111 1111 1111");
        assertThat(in("1234567890123 4111 1111 1111 1111")).containsExactly("CREDIT_CARD 4111 1111 1111 1111");
    }

    @Test
    void gs1CheckDigitsFollowThePublishedExamples() {
        // the GS1 General Specifications §7.9.1 example, the UPC-A 036000291452, ISBN 978-0-306-40615-7
        assertThat(CommerceNumbers.gs1CheckDigit("629104150021")).isEqualTo(3);
        assertThat(CommerceNumbers.gs1CheckDigit("03600029145")).isEqualTo(2);
        assertThat(CommerceNumbers.gs1Valid("9780306406157")).isTrue();
        assertThat(CommerceNumbers.isbn10CheckCharacter("030640615")).isEqualTo('2');
        assertThat(CommerceNumbers.isGs1CodeOfCardLength("4006380000094")).isTrue();
        assertThat(CommerceNumbers.isGs1CodeOfCardLength("4111111111111111")).isFalse();
    }

    @Test
    void isbnsAreNotPersonalData() {
        assertThat(in("ISBN 978-0-306-40615-7, ISBN-10 0-306-40615-2, 9780306406157"))
                .isEmpty();
    }

    // ---- words before a number ----

    @Test
    void aCommerceWordBeforeANumberLowersIt() {
        for (String text : new String[] {
            "tracking no. 4111 1111 1111 1111",
            "order #4111111111111111",
            "invoice: 4111111111111111",
            "orderNumber=4111111111111111",
            "sku 4111111111111111",
            "parcel id 4111111111111111"
        }) {
            assertLoweredByCommerce(text);
        }
    }

    private static void assertLoweredByCommerce(String text) {
        var h = hits(text);
        assertThat(h).as(text).hasSize(1);
        assertThat(h.getFirst().doubt()).as(text).isEqualTo(Doubt.COMMERCE_CONTEXT);
        assertThat(h.getFirst().confidence()).as(text).isEqualTo(Confidence.COMMERCE_CONTEXT);
    }

    @Test
    void commerceWordsOfOtherLanguagesLowerANumberToo() {
        for (String text : new String[] {
            "Bestellnummer: 4539578763621486",
            "Rechnungsnr. 4539578763621486",
            "Sendungsnummer 4539578763621486",
            "Kundennummer 4539578763621486",
            "Artikelnummer 4539578763621486",
            "commande n° 4539578763621486",
            "N° de commande : 4539578763621486",
            "numéro de suivi 4539578763621486",
            "Numéro de facture 4539578763621486",
            "bestelnummer 4539578763621486",
            "factuurnummer: 4539578763621486",
            "pedido 4539578763621486",
            "número de seguimiento 4539578763621486",
            "nº do pedido 4539578763621486",
            "número da fatura 4539578763621486",
            "numero d'ordine 4539578763621486",
            "numero di spedizione 4539578763621486",
            "注文番号 4539578763621486",
            "ご注文番号：4539578763621486",
            "お問い合わせ番号は4539578763621486",
            "請求書番号 4539578763621486",
            "追跡番号 4539578763621486",
            "品番 4539578763621486"
        }) {
            assertLoweredByCommerce(text);
        }
        // words that only look alike, or that a sentence puts far from the number, do not
        for (String text : new String[] {
            "Kunde 4539578763621486",
            "bezahlt mit Karte 4539578763621486",
            "注意 4539578763621486",
            "numéro 4539578763621486"
        }) {
            assertThat(hits(text).getFirst().doubt()).as(text).isNull();
        }
    }

    @Test
    void aWordNamingTheEntityRaisesIt() {
        assertThat(hits("card=4539578763621486").getFirst().confidence()).isEqualTo(Confidence.NAMED);
        assertThat(hits("creditCardNumber: 4539578763621486").getFirst().confidence())
                .isEqualTo(Confidence.NAMED);
        assertThat(hits("ssn 536-22-1234").getFirst().confidence()).isEqualTo(Confidence.NAMED);
        assertThat(hits("phone: +49 30 901820").getFirst().confidence()).isEqualTo(Confidence.NAMED);
        var plain = hits("x 4539578763621486").getFirst();
        assertThat(plain.confidence()).isEqualTo(Confidence.base(Entity.CREDIT_CARD));
        assertThat(plain.doubt()).isNull();
    }

    @Test
    void contextIsReadOnTheValuesLineOnly() {
        assertThat(hits("tracking\n4539578763621486").getFirst().doubt()).isNull();
        assertThat(hits("tracking " + "x".repeat(40) + " 4539578763621486")
                        .getFirst()
                        .doubt())
                .isNull();
    }

    @Test
    void aValidIbanKeepsItsConfidenceAfterACommerceWord() {
        var h = hits("pay invoice to DE89370400440532013000").getFirst();
        assertThat(h.entity()).isEqualTo(Entity.IBAN_CODE);
        assertThat(h.doubt()).isNull();
    }
}
