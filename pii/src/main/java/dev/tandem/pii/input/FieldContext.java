package dev.tandem.pii.input;

import java.util.Locale;

/**
 * What a CSV header or JSON key says about the values under it. Salesforce standard fields
 * (Contact, Lead, Account: FirstName, LastName, Name, MailingStreet, MailingCity,
 * MailingPostalCode, MailingState, MailingCountry, BillingAddress, Birthdate, Phone, MobilePhone)
 * and common export names map by suffix after lower-casing and removing '_', '-', ' ' and '.'.
 */
public enum FieldContext {
    NONE,
    PERSON,
    /** "Name": a person only when the value looks like a name (companies and products are named too). */
    NAME,
    LOCATION,
    DATE_OF_BIRTH,
    PHONE,
    COUNTRY,
    STATE,
    SSN,
    /** A payment card column or key: CardNumber, cc_number, PaymentCard, pan. */
    CARD,
    /** An IBAN or bank account column or key. */
    BANK_ACCOUNT,
    /**
     * Numbers of commerce: order, invoice, tracking, shipment, SKU, GTIN/EAN/UPC, ISBN, barcode,
     * product code. Validated numbers under such a field are its numbers, not personal data.
     */
    COMMERCE,
    /**
     * A record's identifier: {@code id}, {@code Id}, names ending in {@code _id}, {@code -id},
     * {@code " ID"} or camel-case {@code Id}/{@code ID} (Shopify {@code variant_id}, Zendesk {@code
     * requester_id}). A number there is the platform's key of the record, so cards and phone numbers
     * under it are dropped; an SSN ({@code AAA-GG-SSSS}, or 9 digits under {@code ssn}) and an IBAN
     * are kept: no platform numbers its records that way, and an SSN is a taxpayer's identifier
     * ({@code tax_id}, {@code national_id}).
     */
    IDENTIFIER,
    /**
     * A message identifier (RFC 5322 §3.6.4 msg-id): {@code message_id}, {@code messageId},
     * {@code Message-ID}, {@code internetMessageId}, {@code in_reply_to}. Its {@code <id@host>} is no
     * mailbox, and no number in it is a card or phone.
     */
    MESSAGE_ID;

    /**
     * Whether a validated {@code e} under this field is the field's own number, not personal data,
     * and is not reported.
     */
    public boolean owns(dev.tandem.pii.Entity e) {
        return switch (e) {
            case CREDIT_CARD, PHONE_NUMBER -> this == COMMERCE || this == IDENTIFIER || this == MESSAGE_ID;
            case US_SSN, IBAN_CODE -> this == COMMERCE;
            case EMAIL_ADDRESS -> this == MESSAGE_ID;
            default -> false;
        };
    }

    /** Whether this field names the entity, so a value that validates as it is almost surely one. */
    public boolean names(dev.tandem.pii.Entity e) {
        return switch (e) {
            case CREDIT_CARD -> this == CARD;
            case IBAN_CODE -> this == BANK_ACCOUNT;
            case PHONE_NUMBER -> this == PHONE;
            case US_SSN -> this == SSN;
            default -> false;
        };
    }

    public static FieldContext of(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-' && c != ' ' && c != '.' && c != '"') sb.append(Character.toLowerCase(c));
        }
        String k = sb.toString();
        if (k.endsWith("firstname")
                || k.endsWith("lastname")
                || k.endsWith("middlename")
                || k.endsWith("fullname")
                || k.equals("surname")
                || k.equals("givenname")
                || k.equals("familyname")
                || k.equals("contactname")
                || k.equals("customername")) return PERSON;
        if (k.equals("name")) return NAME;
        if (k.endsWith("birthdate") || k.endsWith("dateofbirth") || k.equals("dob") || k.equals("birthday")) {
            return DATE_OF_BIRTH;
        }
        // Magento country_id (an ISO code, not a number), Shopify province_code and "Default Address
        // Province Code", Magento region_code
        if (k.endsWith("countrycode") || k.endsWith("country") || k.endsWith("countryid")) return COUNTRY;
        if (k.endsWith("statecode")
                || k.endsWith("state")
                || k.endsWith("province")
                || k.endsWith("provincecode")
                || k.endsWith("regioncode")) return STATE;
        if (k.endsWith("street")
                || k.endsWith("city")
                || k.endsWith("postalcode")
                || k.endsWith("zipcode")
                || k.equals("zip")
                || k.equals("postcode")
                || k.equals("address")
                || k.startsWith("addressline")
                || k.equals("address1")
                || k.equals("address2")
                || k.equals("streetaddress")
                || k.endsWith("mailingaddress")
                || k.endsWith("billingaddress")
                || k.endsWith("shippingaddress")) {
            return LOCATION;
        }
        if (k.endsWith("phone")
                || k.endsWith("mobile")
                || k.endsWith("fax")
                || k.equals("tel")
                || k.equals("telephone")
                || k.equals("phonenumber")
                || k.equals("cell")) return PHONE;
        if (k.equals("ssn") || k.endsWith("socialsecuritynumber")) return SSN;
        if (k.endsWith("messageid") || k.equals("inreplyto")) return MESSAGE_ID;
        if (isCommerce(k)) return COMMERCE;
        if (namesIdentifier(key)) return IDENTIFIER;
        if (k.equals("iban") || k.endsWith("iban") || k.equals("bankaccount") || k.endsWith("bankaccountnumber")) {
            return BANK_ACCOUNT;
        }
        if (k.endsWith("cardnumber")
                || k.equals("card")
                || k.equals("creditcard")
                || k.equals("paymentcard")
                || k.equals("ccnumber")
                || k.equals("ccnum")
                || k.equals("cc")
                || k.equals("pan")) return CARD;
        return NONE;
    }

    /**
     * {@code id} itself, or a name whose last word is {@code id}: after '_', '-', ' ' or '.'
     * ({@code requester_id}, {@code Customer ID}) or in camel case after a lower-case letter or digit
     * ({@code variantId}, {@code customerID}); not {@code paid}, {@code valid}, {@code PAID}.
     */
    static boolean namesIdentifier(String key) {
        String k = key.strip();
        if (k.startsWith("\"") && k.endsWith("\"") && k.length() >= 2) k = k.substring(1, k.length() - 1);
        int n = k.length();
        if (n < 2 || (k.charAt(n - 2) | 0x20) != 'i' || (k.charAt(n - 1) | 0x20) != 'd') return false;
        if (n == 2) return true;
        char before = k.charAt(n - 3);
        if (before == '_' || before == '-' || before == ' ' || before == '.') return true;
        boolean camel = k.charAt(n - 2) == 'I';
        return camel && ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9'));
    }

    /**
     * Order and invoice numbers, carrier tracking numbers and product codes, by their usual column
     * and key names (Salesforce Order.OrderNumber, Shopify order_number, tracking_number, sku,
     * gtin, ean, upc, isbn, barcode; "po_number" for purchase orders).
     */
    private static boolean isCommerce(String k) {
        for (String stem : COMMERCE_PREFIXES) if (k.startsWith(stem)) return true;
        for (String stem : COMMERCE_SUFFIXES) if (k.endsWith(stem)) return true;
        for (String stem : COMMERCE_WORDS) if (k.contains(stem)) return true;
        for (String word : dev.tandem.pii.detect.CommerceNumbers.JAPANESE_WORDS) if (k.contains(word)) return true;
        return k.equals("ean") || k.equals("upc") || k.equals("po") || k.equals("ponumber");
    }

    private static final String[] COMMERCE_PREFIXES = {
        "order", "invoice", "tracking", "shipment", "waybill", "consignment", "sku", "gtin", "barcode", "isbn"
    };
    private static final String[] COMMERCE_SUFFIXES = {
        "ordernumber",
        "orderid",
        "orderno",
        "orderref",
        "invoicenumber",
        "invoiceid",
        "invoiceno",
        "trackingnumber",
        "trackingid",
        "trackingcode",
        "productcode",
        "productid",
        "sku",
        "gtin",
        "ean13",
        "isbn",
        "upc",
        "barcode"
    };

    /**
     * The words for order, invoice, tracking or shipment, customer and article number in German,
     * French, Dutch, Spanish, Portuguese and Italian, and {@link
     * dev.tandem.pii.detect.CommerceNumbers#JAPANESE_WORDS}, anywhere in the name
     * ({@code Bestellnummer}, {@code Rechnungsnr}, {@code numero_commande}, {@code N° de suivi},
     * {@code numero_pedido}, {@code codice_cliente}, {@code 注文番号}).
     */
    private static final String[] COMMERCE_WORDS = {
        // order
        "bestel",
        "auftragsn",
        "commande",
        "pedido",
        "encomenda",
        "ordine",
        // invoice
        "rechnung",
        "facture",
        "factuur",
        "factura",
        "fatura",
        "fattura",
        // tracking, shipment, parcel, delivery note
        "sendungsn",
        "paketn",
        "lieferschein",
        "suivi",
        "colis",
        "expédition",
        "zending",
        "seguimiento",
        "rastreio",
        "rastreamento",
        "albarán",
        "spedizione",
        "tracciamento",
        // customer number
        "kundenn",
        "numéroclient",
        "numeroclient",
        "klantn",
        "numerocliente",
        "númerocliente",
        "númerodecliente",
        "numerodecliente",
        "códigocliente",
        "codicecliente",
        // article number
        "artikeln",
        "articolo"
    };

    /** Two to four words of letters (any script), apostrophes, hyphens and dots, each capitalised. */
    static boolean looksLikePersonName(String v) {
        String[] words = words(v.strip());
        if (words.length < 2 || words.length > 4) return false;
        if (COMPANY.contains(words[words.length - 1].toLowerCase(Locale.ROOT).replace(".", ""))) return false;
        for (String w : words) {
            if (w.isEmpty() || !Character.isUpperCase(w.codePointAt(0))) return false;
            for (int i = 0; i < w.length(); i++) {
                char c = w.charAt(i);
                if (!Character.isLetter(c) && c != '\'' && c != '-' && c != '.') return false;
            }
        }
        return true;
    }

    /**
     * {@code s.split("\\s+")} without compiling the pattern at each call: {@code s} is stripped, so
     * it neither starts nor ends with a separator; {@code \\s} is ASCII white space.
     */
    static String[] words(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (isAsciiSpace(s.charAt(i)) && (i == 0 || !isAsciiSpace(s.charAt(i - 1)))) n++;
        }
        if (n == 1) return new String[] {s};
        String[] out = new String[n];
        int k = 0;
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            if (isAsciiSpace(s.charAt(i))) {
                out[k++] = s.substring(start, i);
                while (i < s.length() && isAsciiSpace(s.charAt(i))) i++;
                start = i;
            } else {
                i++;
            }
        }
        out[k++] = s.substring(start);
        return k == n ? out : java.util.Arrays.copyOf(out, k);
    }

    private static boolean isAsciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static final java.util.Set<String> COMPANY = java.util.Set.of(
            "inc",
            "llc",
            "ltd",
            "gmbh",
            "corp",
            "co",
            "ag",
            "sa",
            "plc",
            "company",
            "group",
            "bv",
            "nv",
            "sarl",
            "limited",
            "corporation",
            "partners",
            "holdings");
}
