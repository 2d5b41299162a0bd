package dev.tandem.tools.pii;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.tandem.pii.detect.CommerceNumbers;
import dev.tandem.pii.detect.Ibans;
import dev.tandem.pii.detect.PaymentCards;
import dev.tandem.pii.detect.SocialSecurityNumbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded values for the labeled corpus: valid ones built by the rules each detector checks (Luhn
 * and issuer ranges, ISO 13616 check digits and BBAN shapes, SSA rules, libphonenumber metadata),
 * and decoys built to fool a naive pattern.
 */
final class Values {
    final SplittableRandom r;
    private final List<String> phones = new ArrayList<>();
    private final List<String> phoneRegions = new ArrayList<>();

    static final String[] FIRST = {
        "Jane",
        "John",
        "Ada",
        "Alan",
        "Grace",
        "Linus",
        "Jürgen",
        "José",
        "Zoë",
        "François",
        "Aiko",
        "Priya",
        "Olu",
        "Mary-Jane",
        "Søren",
        "Chloé",
        "Mateo",
        "Fatima",
        "Wei",
        "Noah",
        "Emma",
        "Liam"
    };
    static final String[] LAST = {
        "Doe",
        "Smith",
        "Lovelace",
        "Turing",
        "Hopper",
        "Müller",
        "García",
        "O'Brien",
        "Dubois",
        "Tanaka",
        "Sharma",
        "Okafor",
        "Nguyen",
        "Kowalski",
        "Rossi",
        "Jensen",
        "Silva",
        "Haddad",
        "Chen",
        "Brown"
    };
    static final String[][] PLACES = {
        {"San Francisco", "CA", "US", "94105"}, {"Austin", "TX", "US", "73301"}, {"New York", "NY", "US", "10001"},
        {"Berlin", "", "DE", "10115"}, {"München", "", "Germany", "80331"}, {"Paris", "", "FR", "75001"},
        {"London", "", "United Kingdom", "SW1A 1AA"}, {"Toronto", "ON", "CA", "M5H 2N2"}, {"Madrid", "", "ES", "28001"},
        {"Seattle", "Washington", "USA", "98101"}, {"Dublin", "", "IE", "D02 X285"}, {"Milano", "", "IT", "20121"}
    };
    static final String[] STREETS = {
        "Main St",
        "Hauptstraße",
        "Rue de Rivoli",
        "Baker Street",
        "Gran Vía",
        "Elm Avenue",
        "Queen St W",
        "Via Roma",
        "Market Street",
        "Unter den Linden"
    };
    static final String[] DOMAINS = {
        "example.com",
        "gmail.com",
        "yahoo.co.uk",
        "web.de",
        "orange.fr",
        "proton.me",
        "mail.example.org",
        "company.io",
        "outlook.com",
        "uni-example.edu"
    };
    static final String[] IBAN_SHAPES = {
        "DE:nnnnnnnnnnnnnnnnnn",
        "FR:nnnnnnnnnnnnnnnnnnnnnnn",
        "ES:nnnnnnnnnnnnnnnnnnnn",
        "IT:annnnnnnnnnnnnnnnnnnnnn",
        "NL:aaaannnnnnnnnn",
        "GB:aaaannnnnnnnnnnnnn",
        "BE:nnnnnnnnnnnn",
        "AT:nnnnnnnnnnnnnnnn",
        "PL:nnnnnnnnnnnnnnnnnnnnnnnn",
        "CH:nnnnnnnnnnnnnnnnn"
    };
    static final String[] PHONE_REGIONS = {"US", "DE", "GB", "FR", "ES", "IT", "NL", "BR", "IN", "JP", "AU", "CA"};

    Values(long seed) {
        r = new SplittableRandom(seed);
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        for (String region : PHONE_REGIONS) {
            for (PhoneNumberUtil.PhoneNumberType type : new PhoneNumberUtil.PhoneNumberType[] {
                PhoneNumberUtil.PhoneNumberType.MOBILE, PhoneNumberUtil.PhoneNumberType.FIXED_LINE
            }) {
                PhoneNumber ex = util.getExampleNumberForType(region, type);
                if (ex == null) continue;
                int made = 0;
                for (int attempt = 0; attempt < 400 && made < 40; attempt++) {
                    long nn = ex.getNationalNumber();
                    long mod = 10_000;
                    PhoneNumber n = new PhoneNumber()
                            .setCountryCode(ex.getCountryCode())
                            .setNationalNumber(nn - nn % mod + r.nextLong(mod));
                    if (!util.isValidNumber(n)) continue;
                    made++;
                    int style = r.nextInt(3);
                    String text = switch (style) {
                        case 0 -> util.format(n, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
                        case 1 -> util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
                        default ->
                            region.equals("US") || region.equals("CA")
                                    ? util.format(n, PhoneNumberUtil.PhoneNumberFormat.NATIONAL)
                                    : util.format(n, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
                    };
                    phones.add(text);
                    phoneRegions.add(region);
                }
            }
        }
    }

    <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) sb.append((char) ('0' + r.nextInt(10)));
        return sb.toString();
    }

    String first() {
        return pick(FIRST);
    }

    String last() {
        return pick(LAST);
    }

    String email(String first, String last) {
        String local = ascii(first).toLowerCase(Locale.ROOT)
                + (r.nextBoolean() ? "." : "_")
                + ascii(last).toLowerCase(Locale.ROOT)
                + (r.nextInt(3) == 0 ? Integer.toString(r.nextInt(1000)) : "");
        return local + "@" + pick(DOMAINS);
    }

    private static String ascii(String s) {
        String n =
                java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.replaceAll("[^A-Za-z]", "");
    }

    String email() {
        return email(first(), last());
    }

    String phone() {
        return phones.get(r.nextInt(phones.size()));
    }

    String card() {
        String[] prefixes = {"4", "4", "51", "55", "2221", "34", "37", "6011", "65", "3530"};
        String p = pick(prefixes);
        int len = p.startsWith("3") && !p.equals("3530") ? 15 : 16;
        String body = p + digits(len - p.length() - 1);
        String card = body + PaymentCards.luhnCheckDigit(body);
        if (!PaymentCards.isValid(card)) throw new IllegalStateException("generated an invalid card " + card);
        return switch (r.nextInt(3)) {
            case 0 -> card;
            case 1 ->
                len == 15
                        ? card.substring(0, 4) + " " + card.substring(4, 10) + " " + card.substring(10)
                        : group(card, ' ');
            default -> len == 15 ? card : group(card, '-');
        };
    }

    String cardLuhnInvalid() {
        String c = card().replaceAll("[ -]", "");
        char last = c.charAt(c.length() - 1);
        return c.substring(0, c.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    }

    private static String group(String s, char sep) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (i > 0 && i % 4 == 0) sb.append(sep);
            sb.append(s.charAt(i));
        }
        return sb.toString();
    }

    String iban() {
        return formatIban(ibanCompact(true));
    }

    String ibanWrongCheck() {
        return ibanCompact(false);
    }

    private String ibanCompact(boolean valid) {
        String shape = pick(IBAN_SHAPES);
        String cc = shape.substring(0, 2);
        StringBuilder bban = new StringBuilder();
        for (int i = 3; i < shape.length(); i++) {
            bban.append(shape.charAt(i) == 'a' ? (char) ('A' + r.nextInt(26)) : (char) ('0' + r.nextInt(10)));
        }
        String check = Ibans.checkDigits(cc, bban.toString());
        if (!valid) {
            int wrong = (Integer.parseInt(check) + 1 + r.nextInt(90)) % 97;
            if (wrong < 2) wrong += 2;
            check = String.format(Locale.ROOT, "%02d", wrong);
        }
        String iban = cc + check + bban;
        if (valid && !Ibans.isValid(iban)) throw new IllegalStateException("generated an invalid IBAN " + iban);
        return iban;
    }

    private String formatIban(String compact) {
        return r.nextBoolean() ? compact : group(compact, ' ');
    }

    String ssn() {
        while (true) {
            int area = 1 + r.nextInt(899);
            String d = String.format(Locale.ROOT, "%03d%02d%04d", area, 1 + r.nextInt(99), 1 + r.nextInt(9999));
            if (SocialSecurityNumbers.isValid(d))
                return d.substring(0, 3) + "-" + d.substring(3, 5) + "-" + d.substring(5);
        }
    }

    String ssnInvalid() {
        String[] bad = {
            "000-" + digits(2).replace("00", "12") + "-4321",
            "666-12-" + (1000 + r.nextInt(9000)),
            (900 + r.nextInt(100)) + "-45-" + (1000 + r.nextInt(9000)),
            "536-00-" + (1000 + r.nextInt(9000)),
            "536-22-0000",
            "078-05-1120",
            "219-09-9999",
            "123-45-6789"
        };
        return pick(bad);
    }

    // ---- numbers of commerce that look like personal data (docs/pii-scanner.md, "Commerce look-alikes") ----

    /** USPS Intelligent Mail package barcode: 22 digits from 92-95, GS1 check digit; compact or in fours. */
    String usps() {
        String body = (92 + r.nextInt(4)) + "00" + digits(17);
        String n = body + CommerceNumbers.gs1CheckDigit(body);
        return r.nextBoolean() ? n : group(n, ' ');
    }

    /** UPS: "1Z", six characters of shipper, two of service, eight digits (the check digit not verified here). */
    String ups() {
        String alnum = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("1Z");
        for (int i = 0; i < 6; i++) sb.append(alnum.charAt(r.nextInt(alnum.length())));
        sb.append(String.format(Locale.ROOT, "%02d", r.nextInt(100))).append(digits(8));
        return sb.toString();
    }

    /** FedEx Express 12 digits (with its check digit), or a FedEx Ground 22-digit "96" SSCC-style number. */
    String fedex() {
        if (r.nextBoolean()) {
            String body = "7" + digits(10);
            String n = body + CommerceNumbers.fedexCheckDigit(body);
            return r.nextBoolean() ? n : n.substring(0, 4) + " " + n.substring(4, 8) + " " + n.substring(8);
        }
        String body = "96" + digits(19);
        return body + CommerceNumbers.gs1CheckDigit(body);
    }

    /** DHL Express waybill: ten digits, the last the first nine mod 7. */
    String dhl() {
        String body = (1 + r.nextInt(9)) + digits(8);
        return body + CommerceNumbers.dhlCheckDigit(body);
    }

    /** A GTIN-13 (EAN-13) that is also a Luhn-valid Visa-13 number: the hardest product code. */
    String gtinLikeACard() {
        while (true) {
            String body = "40" + digits(10);
            String n = body + CommerceNumbers.gs1CheckDigit(body);
            if (PaymentCards.isValid(n)) return n;
        }
    }

    /** GTIN-13, UPC-A (GTIN-12) or GTIN-14, with the GS1 check digit. */
    String gtin() {
        int len = switch (r.nextInt(3)) {
            case 0 -> 12;
            case 1 -> 13;
            default -> 14;
        };
        String body = digits(len - 1);
        return body + CommerceNumbers.gs1CheckDigit(body);
    }

    /** ISBN-13 (a GS1 code with prefix 978 or 979), hyphenated or compact. */
    String isbn() {
        String body = (r.nextBoolean() ? "978" : "979") + digits(9);
        String n = body + CommerceNumbers.gs1CheckDigit(body);
        return r.nextBoolean()
                ? n
                : n.substring(0, 3) + "-" + n.charAt(3) + "-" + n.substring(4, 7) + "-" + n.substring(7, 12) + "-"
                        + n.charAt(12);
    }

    /** An order or SKU number of 16 digits that passes the card checks (what a numbering scheme may well give). */
    String numberLikeACard() {
        return card().replaceAll("[ -]", "");
    }

    /** An IBAN-shaped reference with wrong check digits, in groups of four as printed on paper. */
    String ibanShapedReference() {
        return group(ibanWrongCheck(), ' ');
    }

    /** Any tracking number of the four carriers, named as a person writing an order note would. */
    String tracking() {
        return switch (r.nextInt(4)) {
            case 0 -> "USPS tracking " + usps();
            case 1 -> "UPS " + ups();
            case 2 -> "FedEx tracking " + fedex();
            default -> "DHL waybill " + dhl();
        };
    }

    /** A retailer's order note or support note: tracking numbers, product codes, references. */
    String commerceNote() {
        return switch (r.nextInt(8)) {
            case 0 -> "order ORD-" + digits(8) + " shipped, " + tracking();
            case 1 -> "tracking " + usps() + " delivered";
            case 2 -> "replacement sku " + numberLikeACard() + " ean " + gtinLikeACard();
            case 3 -> "acct " + ibanShapedReference() + " on hold";
            case 4 -> "order #" + numberLikeACard() + " invoice " + digits(10);
            case 5 -> "isbn " + isbn() + " gtin " + gtin();
            case 6 -> "scanned " + gtinLikeACard() + " at dock 4";
            default -> "return label " + tracking() + " for order " + numberLikeACard();
        };
    }

    String ipv4() {
        return (1 + r.nextInt(223)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
    }

    String ipv6() {
        String a = Integer.toHexString(r.nextInt(0x10000));
        String b = Integer.toHexString(r.nextInt(0x10000));
        return switch (r.nextInt(3)) {
            case 0 -> "2001:db8::" + a + ":" + b;
            case 1 -> "fe80::" + a + ":" + b + ":" + Integer.toHexString(1 + r.nextInt(0xffff)) + ":1";
            default ->
                "2a00:1450:4001:" + a + ":" + b + ":" + Integer.toHexString(r.nextInt(0x10000)) + ":"
                        + Integer.toHexString(r.nextInt(0x10000)) + ":" + Integer.toHexString(1 + r.nextInt(0xffff));
        };
    }

    String ip() {
        return r.nextInt(4) == 0 ? ipv6() : ipv4();
    }

    String birthdate() {
        int y = 1940 + r.nextInt(65);
        int m = 1 + r.nextInt(12);
        int d = 1 + r.nextInt(28);
        return switch (r.nextInt(3)) {
            case 0 -> String.format(Locale.ROOT, "%04d-%02d-%02d", y, m, d);
            case 1 -> String.format(Locale.ROOT, "%02d/%02d/%04d", m, d, y);
            default -> String.format(Locale.ROOT, "%02d.%02d.%04d", d, m, y);
        };
    }

    String street() {
        return (1 + r.nextInt(250)) + " " + pick(STREETS);
    }

    String uuid() {
        return new java.util.UUID(r.nextLong(), r.nextLong()).toString();
    }

    String timestamp() {
        return String.format(
                Locale.ROOT,
                "2024-%02d-%02dT%02d:%02d:%02d.%03dZ",
                1 + r.nextInt(12),
                1 + r.nextInt(28),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60),
                r.nextInt(1000));
    }

    /** Text that fools naive patterns and must not be reported. */
    String decoy() {
        return switch (r.nextInt(16)) {
            case 0 -> "declined card " + cardLuhnInvalid();
            case 1 -> "order ORD-" + digits(8) + " ref #" + digits(12);
            case 2 -> "at " + timestamp() + " epoch " + (1_700_000_000_000L + r.nextLong(100_000_000_000L));
            case 3 -> "version v" + r.nextInt(20) + "." + r.nextInt(30) + "." + r.nextInt(30) + " build 1.2.3.4.5";
            case 4 -> "request " + uuid();
            case 5 -> "asset icon@2x.png and logo@3x.png";
            case 6 -> "iban " + ibanWrongCheck();
            case 7 -> "ssn " + ssnInvalid();
            case 8 -> "tracking " + digits(10) + " and " + digits(16).replaceFirst("^[2-6]", "9");
            case 9 -> "mac 00:1a:" + Integer.toHexString(16 + r.nextInt(200)) + ":3c:4d:5e elapsed 12:30:45";
            case 10 -> "invalid ip 256." + r.nextInt(256) + ".1.1 and 10.0.0";
            case 11 -> "user@localhost and admin@intranet";
            case 12 -> "std::vector<int> and Foo::bar()";
            case 13 -> "windows 10.0.19045.2965 kernel 5.15.0-91-generic";
            case 14 -> "date 2024-03-05 and 05.03.2024 and 3/5/2024";
            default -> "card-like 1234 5678 9012 3456 and sku 4006381333931";
        };
    }

    static final String[] WORDS = {
        "the",
        "request",
        "completed",
        "with",
        "status",
        "cache",
        "miss",
        "for",
        "user",
        "session",
        "renewed",
        "token",
        "queue",
        "depth",
        "worker",
        "started",
        "shutdown",
        "latency",
        "ms",
        "retry",
        "upstream",
        "connection",
        "reset",
        "by",
        "peer",
        "checkout",
        "cart",
        "item",
        "added",
        "inventory",
        "sync"
    };

    String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(' ');
            sb.append(pick(WORDS));
        }
        return sb.toString();
    }

    String salesforceId() {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("003");
        for (int i = 0; i < 15; i++) sb.append(alnum.charAt(r.nextInt(alnum.length())));
        return sb.toString();
    }
}
