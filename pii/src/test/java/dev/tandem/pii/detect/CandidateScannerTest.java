package dev.tandem.pii.detect;

import static dev.tandem.pii.detect.Found.hits;
import static dev.tandem.pii.detect.Found.in;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.Entity;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CandidateScannerTest {

    // ---- payment cards ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111111", // Visa 16
                "4222222222222", // Visa 13
                "5555555555554444", // Mastercard 51-55
                "2223003122003222", // Mastercard 2-series
                "378282246310005", // Amex
                "371449635398431", // Amex
                "6011111111111117", // Discover
                "3530111333300000", // JCB
                "36227206271667", // Diners 14
                "6200000000000005", // UnionPay
                "4111 1111 1111 1111",
                "4111-1111-1111-1111",
                "3782 822463 10005", // Amex 4-6-5
            })
    void findsValidCardsPerIssuerAndSeparators(String card) {
        assertThat(in("paid with " + card + ", thanks")).containsExactly("CREDIT_CARD " + card);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "4111111111111112", // Luhn fails
                "4111 1111 1111 1112",
                "1234567812345670", // Luhn ok, no issuer starts with 1
                "9111111111111111",
                "411111111111", // too short
                "41111111111111111111", // 20 digits
                "4111 1111-1111 1111", // mixed separators
                "3782822463100050", // Amex prefix with 16 digits
            })
    void rejectsCardLookAlikes(String notCard) {
        assertThat(in("ref " + notCard + " end")).noneMatch(s -> s.startsWith("CREDIT_CARD"));
    }

    @Test
    void rejectsCardGluedToWordsOrIdentifiers() {
        assertThat(in("ORD-4111111111111111 x4111111111111111 4111111111111111abc id_4111111111111111"))
                .isEmpty();
    }

    @Test
    void everyPublishedTestNumberHasACardsShape() {
        // a number the issuer ranges refused would never reach the test-number check
        assertThat(PaymentCards.PUBLISHED_TEST_NUMBERS)
                .allSatisfy(n -> assertThat(PaymentCards.isValid(n)).as(n).isTrue());
    }

    @Test
    void luhnCheckDigitCompletesNumbers() {
        int d = PaymentCards.luhnCheckDigit("411111111111111");
        assertThat(d).isEqualTo(1);
        assertThat(PaymentCards.luhn("79927398713")).isTrue();
        assertThat(PaymentCards.luhn("79927398710")).isFalse();
    }

    // ---- IBAN ----

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE89370400440532013000",
                "DE89 3704 0044 0532 0130 00",
                "GB82WEST12345698765432",
                "GB82 WEST 1234 5698 7654 32",
                "FR1420041010050500013M02606",
                "NL91ABNA0417164300",
                "NO9386011117947", // shortest: 15
                "MT84MALT011000012345MTLCAST001S", // 31, letters in the BBAN
                "BE68539007547034",
            })
    void findsValidIbansOfEachLength(String iban) {
        assertThat(in("IBAN: " + iban + ".")).containsExactly("IBAN_CODE " + iban);
        assertThat(hits(iban).getFirst().jurisdiction()).isEqualTo(iban.substring(0, 2));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "DE88370400440532013000", // wrong check digits
                "DE8937040044053201300", // one short for DE
                "DE893704004405320130001", // one long
                "XX89370400440532013000", // no such country
                "GB82WEST1234569876543Z", // check fails
            })
    void rejectsIbansWithWrongLengthOrCheckDigits(String iban) {
        assertThat(in("IBAN " + iban + " ")).noneMatch(s -> s.startsWith("IBAN"));
    }

    @Test
    void ibanLengthTableMatchesCommonsValidatorRegistry() throws Exception {
        var f = org.apache.commons.validator.routines.IBANValidator.Validator.class.getDeclaredField("ibanLength");
        f.setAccessible(true);
        var c = org.apache.commons.validator.routines.IBANValidator.Validator.class.getDeclaredField("countryCode");
        c.setAccessible(true);
        for (var v : org.apache.commons.validator.routines.IBANValidator.getInstance()
                .getDefaultValidators()) {
            String cc = (String) c.get(v);
            assertThat(Ibans.length((byte) cc.charAt(0), (byte) cc.charAt(1)))
                    .as(cc)
                    .isEqualTo(f.get(v));
        }
    }

    // ---- SSN ----

    @Test
    void findsFormattedSsn() {
        assertThat(in("SSN 536-22-8726 on file")).containsExactly("US_SSN 536-22-8726");
        assertThat(hits("SSN 536-22-8726").getFirst().normalized()).isEqualTo("536228726");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "000-12-3456", // area 000
                "666-12-3456", // area 666
                "900-12-3456", // 9xx
                "987-65-4321",
                "123-00-4567", // group 00
                "123-45-0000", // serial 0000
                "078-05-1120", // Woolworth
                "219-09-9999", // SSA advertisement
                "123-45-6789",
                "111-11-1111",
                "536-22-8726-1", // part of a longer dashed run
            })
    void rejectsInvalidOrKnownSsns(String ssn) {
        assertThat(in("id " + ssn + " x")).noneMatch(s -> s.startsWith("US_SSN"));
    }

    @Test
    void doesNotTakeUnformattedNineDigitsForSsnInText() {
        assertThat(in("order 536228726 shipped")).isEmpty();
    }

    // ---- phones ----

    @ParameterizedTest
    @ValueSource(
            strings = {"+49 30 901820", "+44 20 7946 0958", "+1 415-555-2671", "+33 1 42 68 53 00", "+4915123456789"})
    void findsInternationalPhones(String phone) {
        assertThat(in("call " + phone + " now")).containsExactly("PHONE_NUMBER " + phone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"(415) 555-2671", "415-555-2671", "415.555.2671", "1-415-555-2671"})
    void findsNorthAmericanPhones(String phone) {
        assertThat(in("call " + phone + " now")).containsExactly("PHONE_NUMBER " + phone);
        assertThat(hits("call " + phone).getFirst().jurisdiction()).isEqualTo("US");
    }

    @Test
    void phoneCarriesCountryOfItsCode() {
        assertThat(hits("+49 30 901820").getFirst().jurisdiction()).isEqualTo("DE");
        assertThat(hits("+49 30 901820").getFirst().normalized()).isEqualTo("+4930901820");
    }

    @Test
    void rejectsPhoneLookAlikes() {
        assertThat(in("order 4155552671 shipped 2024-01-15 10:23:45 +12 build 415-555-26711 +1 000 000 0000"))
                .isEmpty();
    }

    @Test
    void noBreakSpacesGroupPhoneAndCardNumbersAsSpacesDo() {
        // French exports group digits with U+00A0 and U+202F; the value keeps them, the offsets are bytes
        String phone = "+33\u00a06\u00a012\u00a034\u00a056\u00a078";
        String line = "Téléphone\u00a0: " + phone + " (mobile)";
        var hit = hits(line).getFirst();
        assertThat(hit.value()).isEqualTo(phone);
        assertThat(hit.normalized()).isEqualTo("+33612345678");
        assertThat(hit.jurisdiction()).isEqualTo("FR");
        int start = line.substring(0, line.indexOf('+')).getBytes(StandardCharsets.UTF_8).length;
        assertThat(hit.start()).isEqualTo(start);
        assertThat(hit.end()).isEqualTo(start + phone.getBytes(StandardCharsets.UTF_8).length);
        assertThat(in("Carte\u00a0: 4539\u202f1488\u202f0343\u202f6467, exp. 12/27"))
                .containsExactly("CREDIT_CARD 4539\u202f1488\u202f0343\u202f6467");
        assertThat(in("tél. +49\u202f30\u202f901820")).containsExactly("PHONE_NUMBER +49\u202f30\u202f901820");
        // a no-break space joins whole tokens as a space does: a card-shaped window of a tracking
        // number is none, and the word before a number is read through it
        assertThat(in("N° de suivi\u00a0: 9400\u00a05666\u00a04930\u00a00521\u00a08806\u00a066"))
                .isEmpty();
        assertThat(hits("commande n°\u00a04539\u00a01488\u00a00343\u00a06467")
                        .getFirst()
                        .doubt())
                .isEqualTo(dev.tandem.pii.Doubt.COMMERCE_CONTEXT);
    }

    @Test
    void aTrunkPrefixInBracketsAfterTheCountryCodeIsPartOfOneNumberAndNotDialled() {
        // the German and British convention: "+49 (0) 30 …" is dialled +49 30 … from abroad
        String text = "Bitte rufen Sie uns an: +49 (0) 30 1234567 oder mobil +49(0)170 1234567; "
                + "London office +44 (0)20 7946 0958.";
        assertThat(hits(text).stream().map(h -> h.value() + "=" + h.normalized() + "@" + h.jurisdiction()))
                .containsExactly(
                        "+49 (0) 30 1234567=+49301234567@DE",
                        "+49(0)170 1234567=+491701234567@DE",
                        "+44 (0)20 7946 0958=+442079460958@GB");
    }

    // ---- e-mail ----

    @Test
    void findsEmailsWithIanaTlds() {
        assertThat(in("from jane.doe+news@example.co.uk, to j_smith@mail.example.museum."))
                .containsExactly(
                        "EMAIL_ADDRESS jane.doe+news@example.co.uk", "EMAIL_ADDRESS j_smith@mail.example.museum");
    }

    @Test
    void rejectsEmailLookAlikes() {
        assertThat(
                        in(
                                "icon@2x.png logo@3x.zip user@localhost a@b.notarealtld x@.com @example.com foo..bar@example.com"))
                .isEmpty();
    }

    @Test
    void findsEmailsWhoseAtSignIsEscapedForUrlsOrJson() {
        String text = "GET /q?email=jane.doe%40example.com&x=1 {\"to\":\"a%2Bb%40shop.example.de\","
                + "\"cc\":\"carl\\u0040example.org\"} 100%40 items, id%40x.invalidtld";
        var found = hits(text);
        assertThat(found)
                .extracting(Found.Hit::toString)
                .containsExactly(
                        "EMAIL_ADDRESS jane.doe@example.com",
                        "EMAIL_ADDRESS a+b@shop.example.de",
                        "EMAIL_ADDRESS carl@example.org");
        // offsets cover the address as written, escape included
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(found)
                .extracting(h -> new String(b, h.start(), h.end() - h.start(), StandardCharsets.UTF_8))
                .containsExactly("jane.doe%40example.com", "a%2Bb%40shop.example.de", "carl\\u0040example.org");
        assertThat(found.getFirst().normalized()).isEqualTo("jane.doe@example.com");
    }

    @Test
    void emailLocalPartStopsAtLetterInAnotherScript() {
        assertThat(in("müller@example.de")).isEmpty();
        assertThat(in("“jane@example.com”")).containsExactly("EMAIL_ADDRESS jane@example.com");
    }

    @Test
    void messageIdsAreNoMailboxes() {
        String mail = "From: Jean Dupont <jean.dupont@orange.fr>\r\n"
                + "To: support@acme-shop.com\r\n"
                + "Message-ID: <CAKx8=Ywq7JtZ+8a9LmN0pQ@mail.gmail.com>\r\n"
                + "In-Reply-To: <CAKx8=Ywq7JtZ+8a9LmN0p1@mail.gmail.com>\r\n"
                + "References: <CAKx8=Ywq7JtZ+8a9LmN0p0@mail.gmail.com>\r\n"
                + " <CAKx8=Ywq7JtZ+8a9LmN0p1@mail.gmail.com> <a1@mail.gmail.com>\r\n"
                + "Content-ID: <part1.06090408@example.com>\r\n"
                + "Reply-To: <jane@example.com>\r\n"
                + "\r\n"
                + "Write to <bob@example.com>.\n"
                + "log {\"message_id\":\"<CAKx8=Ywq@mail.gmail.com>\",\"to\":\"<ann@example.com>\"} messageId=<x9@mail.gmail.com>\n";
        assertThat(in(mail))
                .containsExactly(
                        "EMAIL_ADDRESS jean.dupont@orange.fr",
                        "EMAIL_ADDRESS support@acme-shop.com",
                        "EMAIL_ADDRESS jane@example.com",
                        "EMAIL_ADDRESS bob@example.com",
                        "EMAIL_ADDRESS ann@example.com");
    }

    // ---- IP ----

    @Test
    void findsIpv4AndIpv6() {
        assertThat(in("from 192.168.1.20:443 and 2001:db8::8a2e:370:7334, ::ffff:192.0.2.1 or fe80::1%eth0"))
                .containsExactly(
                        "IP_ADDRESS 192.168.1.20",
                        "IP_ADDRESS 2001:db8::8a2e:370:7334",
                        "IP_ADDRESS ::ffff:192.0.2.1",
                        "IP_ADDRESS fe80::1");
    }

    @Test
    void rejectsVersionsTimestampsAndOtherDottedOrColonRuns() {
        assertThat(in("v1.2.3.4 1.2.3.4.5 256.1.1.1 01.2.3.4 at 10:23:45.123 2024-01-15T10:23:45Z "
                        + "mac 00:1a:2b:3c:4d:5e std::vector Foo::bar 1.2.3"))
                .isEmpty();
    }

    @Test
    void aDottedQuadAfterAProductTokenOrAVersionWordIsAVersion() {
        assertThat(in("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91"))
                .isEmpty();
        assertThat(in("AcmeShopApp/2.14.0.3 (iPhone; iOS 17.1.2; Scale/3.00) Alamofire/5.8.1 build 10.0.0.1"))
                .isEmpty();
        assertThat(in("level=info msg=\"released\" version=1.2.3.4 commit=4f2a9c1; ver 1.2.3.5, v 1.2.3.6"))
                .isEmpty();
    }

    @Test
    void aDottedQuadInAUrlOrAPathOrAfterAnotherAddressIsStillAnAddress() {
        assertThat(in("http://1.2.3.4/ GET /hosts/10.1.2.3 range 10.0.0.1/10.0.0.9 client=83.135.12.34"))
                .containsExactly(
                        "IP_ADDRESS 1.2.3.4",
                        "IP_ADDRESS 10.1.2.3",
                        "IP_ADDRESS 10.0.0.1",
                        "IP_ADDRESS 10.0.0.9",
                        "IP_ADDRESS 83.135.12.34");
    }

    // ---- offsets ----

    @Test
    void offsetsAreBytesInUtf8() {
        String text = "Grüße, 日本: jane@example.com";
        var h = hits(text).getFirst();
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        assertThat(new String(b, h.start(), h.end() - h.start(), StandardCharsets.UTF_8))
                .isEqualTo("jane@example.com");
        // ü and ß take one extra byte each, 日 and 本 two each
        assertThat(h.start()).isEqualTo(text.indexOf("jane") + 2 + 2 * 2);
    }

    @Test
    void invalidUtf8DoesNotStopTheScan() {
        byte[] b = "\u00ff\u00fe x jane@example.com".getBytes(StandardCharsets.ISO_8859_1);
        var out = new java.util.ArrayList<Entity>();
        Found.SCANNER.scan(b, 0, b.length, (e, s, en, v, n, j, c, d) -> out.add(e));
        assertThat(out).containsExactly(Entity.EMAIL_ADDRESS);
    }

    @Test
    void uuidsAreNotNumbers() {
        assertThat(in("id 550e8400-e29b-41d4-a716-446655440000 and 123e4567-e89b-12d3-a456-426614174000"))
                .isEmpty();
    }
}
