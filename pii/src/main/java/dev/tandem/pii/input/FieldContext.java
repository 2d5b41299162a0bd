package dev.tandem.pii.input;

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
    MESSAGE_ID,
    /**
     * A JSON key named for a geolocation, whose object is the place of an IP address or a login, not
     * of a person (Salesforce {@code LoginGeo}, Okta {@code geographicalContext}, {@code geoip}): the
     * country and state keys directly under it place no one. Its own values are read as under {@link
     * #NONE}; a CSV column so named is {@link #NONE}. docs/pii-scanner.md, "Scope".
     */
    ACCESS_PLACE;

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
        String k = normalize(key);
        if (namesPerson(k)) return PERSON;
        if (k.equals("name") || k.equals("naam") || k.equals("nombre") || k.equals("nome")) return NAME;
        if (k.endsWith("birthdate") || k.endsWith("dateofbirth") || k.equals("dob") || k.equals("birthday")) {
            return DATE_OF_BIRTH;
        }
        // Magento country_id (an ISO code, not a number), Shopify province_code and "Default Address
        // Province Code", Magento region_code; not the country or state of an IP address, a login or
        // a session (ip_country, LoginGeo.Country): the place a person logged in from
        if (k.endsWith("countrycode") || k.endsWith("country") || k.endsWith("countryid")) {
            return namesAccessPlace(key, k) ? NONE : COUNTRY;
        }
        if (k.endsWith("statecode")
                || k.endsWith("state")
                || k.endsWith("province")
                || k.endsWith("provincecode")
                || k.endsWith("regioncode")) return namesAccessPlace(key, k) ? NONE : STATE;
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
        if (startsWithAny(k, GEO_WORDS) || hasWord(key, GEO_WORDS)) return ACCESS_PLACE;
        return NONE;
    }

    /**
     * Whether a name says it is about the place of an IP address, a login, a session or a
     * geolocation rather than of a person: one of its words ({@link #nameWords}) is one of {@link
     * #ACCESS_WORDS} ({@code ip_country}, {@code GeoIPCountry}, {@code login_country}, {@code
     * LoginGeo.CountryIso}, Okta's {@code client.geographicalContext.country}), or its lower case
     * without separators, {@code k}, starts with one ({@code ipcountry}, {@code LOGINGEO.COUNTRY}).
     * {@code ShipCountry} and {@code VIP Country} are no such names: {@code ip} is a word of its own.
     * {@code client_country} is not either: a customer list's client is a customer; a login or access
     * file's client country is left out by {@link #inHeader}.
     */
    static boolean namesAccessPlace(String key, String k) {
        return startsWithAny(k, ACCESS_WORDS) || hasWord(key, ACCESS_WORDS);
    }

    private static boolean startsWithAny(String k, String[] words) {
        for (String w : words) if (k.startsWith(w)) return true;
        return false;
    }

    private static boolean hasWord(String key, String[] words) {
        for (String word : nameWords(key)) {
            for (String w : words) if (word.equals(w)) return true;
        }
        return false;
    }

    /** Words of a geolocation: an object under such a key ({@code LoginGeo}, {@code geoip}) is {@link #ACCESS_PLACE}. */
    private static final String[] GEO_WORDS = {"geoip", "geo", "geolocation", "geographical"};

    /** Words that name the place of an IP address, a login, a session or a geolocation. */
    private static final String[] ACCESS_WORDS = {
        "ip", "geoip", "geo", "geolocation", "geographical", "login", "logon", "signin", "session"
    };

    /**
     * The words of a column or key name, lower-cased: split at anything but a letter or digit, before
     * an upper-case letter that follows a lower-case one ({@code loginGeo}), and before the last of
     * several upper-case letters when a lower-case one follows ({@code GeoIPCountry}: geo, ip, country).
     */
    static java.util.List<String> nameWords(String key) {
        java.util.List<String> out = new java.util.ArrayList<>(4);
        StringBuilder w = new StringBuilder();
        int n = key.length();
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                if (!w.isEmpty()) out.add(w.toString());
                w.setLength(0);
                continue;
            }
            if (Character.isUpperCase(c) && i > 0 && !w.isEmpty()) {
                char before = key.charAt(i - 1);
                boolean lowerBefore = Character.isLowerCase(before) || Character.isDigit(before);
                boolean lowerAfter = i + 1 < n && Character.isLowerCase(key.charAt(i + 1));
                if (lowerBefore || (Character.isUpperCase(before) && lowerAfter)) {
                    out.add(w.toString());
                    w.setLength(0);
                }
            }
            w.append(Character.toLowerCase(c));
        }
        if (!w.isEmpty()) out.add(w.toString());
        return out;
    }

    /**
     * Corrects the contexts of one CSV header's columns by what the other columns say: the country
     * and state columns of a login or access file ({@link #isAccessHeader}) are the login's, {@link
     * #NONE}, and so is a column named for a geolocation ({@link #ACCESS_PLACE}: a JSON key's only); a French
     * {@code Nom} is a surname beside a first-name or other person column ({@code Nom;Prénom}, a
     * customer export) and otherwise only a name ({@link #NAME}: a person when the value looks like
     * one), since French catalogue exports (PrestaShop's product list) call a product's name {@code
     * Nom}. JSON keys keep {@link #of}'s answer: an object's keys are not all known when its values are read.
     */
    static void inHeader(java.util.List<String> names, java.util.List<FieldContext> contexts) {
        boolean access = isAccessHeader(names);
        for (int i = 0; i < contexts.size(); i++) {
            FieldContext c = contexts.get(i);
            if (c == ACCESS_PLACE || (access && (c == COUNTRY || c == STATE))) contexts.set(i, NONE);
        }
        int nom = -1;
        boolean otherPerson = false;
        for (int i = 0; i < contexts.size() && i < names.size(); i++) {
            if (contexts.get(i) != PERSON) continue;
            if (nom < 0 && normalize(names.get(i)).equals("nom")) nom = i;
            else otherPerson = true;
        }
        if (nom >= 0 && !otherPerson) contexts.set(nom, NAME);
    }

    /**
     * Whether a CSV header is a login or access record's (Salesforce Login History, its query
     * export, an event log): it has a column of the IP address a request came from ({@code Source
     * IP}, {@code SourceIp}, {@code CLIENT_IP}, {@code client.ipAddress}, {@code remote_addr}, W3C
     * {@code c-ip}) and a column of the event: a login, sign-in or logon ({@code Login Time}, {@code
     * LoginType}, {@code LOGIN_STATUS}), a status or result, or the event's time or type. Its country
     * and state columns are where the login or request came from, not where its person lives. A
     * customer export's own IP columns ({@code signup_ip}, {@code last_sign_in_ip}, Magento's {@code
     * remote_ip}, {@code ip_address}) are no request's source and do not make it one.
     */
    static boolean isAccessHeader(java.util.List<String> names) {
        boolean sourceIp = false;
        boolean event = false;
        for (String name : names) {
            String k = normalize(name);
            if (k.equals("cip")) sourceIp = true;
            for (String s : SOURCE_IP_ENDS) if (k.endsWith(s)) sourceIp = true;
            for (String s : EVENT_STARTS) if (k.startsWith(s)) event = true;
            for (String s : EVENT_ENDS) if (k.endsWith(s)) event = true;
            if (k.equals("timestamp") || k.equals("eventtime") || k.equals("eventtype") || k.equals("eventname")) {
                event = true;
            }
        }
        return sourceIp && event;
    }

    private static final String[] SOURCE_IP_ENDS = {
        "sourceip",
        "sourceipaddress",
        "clientip",
        "clientipaddress",
        "remoteaddr",
        "remoteaddress",
        "callerip",
        "calleripaddress"
    };
    private static final String[] EVENT_STARTS = {"login", "logon", "signin"};
    private static final String[] EVENT_ENDS = {"status", "result"};

    /** Lower case without '_', '-', ' ', '.' and '"', as names are compared. */
    private static String normalize(String key) {
        StringBuilder sb = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '_' && c != '-' && c != ' ' && c != '.' && c != '"') sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    /**
     * A column or key whose values are people's names, {@code k} lower-cased without separators:
     * names ending in one of {@link #PERSON_SUFFIXES} (Salesforce {@code FirstName}, WooCommerce
     * {@code billing_first_name}, Shopify {@code Billing Name} and {@code Shipping Name}, Magento
     * {@code Bill-to Name}, Stripe {@code Customer Name}) or equal to one of {@link #PERSON_WORDS}.
     */
    private static boolean namesPerson(String k) {
        for (String suffix : PERSON_SUFFIXES) if (k.endsWith(suffix)) return true;
        for (String word : PERSON_WORDS) if (k.equals(word)) return true;
        return false;
    }

    /**
     * Ends of column and key names that hold a person's name or a part of it, in English and in the
     * languages of {@link #COMMERCE_WORDS}. A name, company, product or account name ({@code
     * Account Name}, {@code Firmenname}, {@code 商品名}) is none of them.
     */
    private static final String[] PERSON_SUFFIXES = {
        "firstname",
        "lastname",
        "middlename",
        "fullname",
        // who the order is for or from: Shopify, WooCommerce, Magento, Stripe, Zendesk exports
        "billingname",
        "shippingname",
        "billtoname",
        "shiptoname",
        "customername",
        "contactname",
        "recipientname",
        "buyername",
        "purchasername",
        "requestername",
        "cardholdername",
        "nameoncard",
        // German: Vorname, Nachname, Familienname, Kundenname, Empfängername
        "vorname",
        "nachname",
        "familienname",
        "kundenname",
        "empfängername",
        "empfaengername",
        // French: Prénom, Nom de famille, Nom complet, Nom du client
        "prénom",
        "prenom",
        "nomdefamille",
        "nomcomplet",
        "nomduclient",
        // Dutch: Voornaam, Achternaam, Tussenvoegsel, Klantnaam
        "voornaam",
        "achternaam",
        "tussenvoegsel",
        "klantnaam",
        // Spanish and Portuguese: Apellido(s), Nombre completo, Sobrenome, Nome completo
        "apellido",
        "apellidos",
        "nombrecompleto",
        "nombreyapellidos",
        "sobrenome",
        "nomecompleto",
        // Italian: Cognome
        "cognome",
        // Japanese: 氏名 (full name), 名前 and お名前, 注文者名 and 購入者名 (orderer's, buyer's), 受取人名
        // (recipient's), フリガナ (the name's reading)
        "氏名",
        "名前",
        "者名",
        "人名",
        "フリガナ"
    };

    /**
     * Whole names that hold a person's name: {@code Nom} (French exports write {@code Nom} and
     * {@code Prénom}), Portuguese {@code Apelido}, Japanese {@code 姓} and {@code 名}; {@code Name},
     * {@code Naam}, {@code Nombre} and {@code Nome} name companies and products too ({@link #NAME}).
     */
    private static final String[] PERSON_WORDS = {
        "surname", "givenname", "familyname", "cardholder", "nom", "apelido", "姓", "名", "姓名"
    };

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

    /** Two to four words of letters (any script), apostrophes, hyphens and dots, each capitalised, no company's. */
    static boolean looksLikePersonName(String v) {
        String[] words = words(v.strip());
        if (words.length < 2 || words.length > 4) return false;
        if (looksLikeCompany(v.strip())) return false;
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

    /**
     * Whether a trimmed name value is a company's: its last word (or words) is a legal form, {@code
     * Acme GmbH}, {@code Müller Logistics Ltd}, {@code Société Générale SA}, {@code Rossi S.p.A.},
     * {@code Toyota K.K.}, {@code Nokia Oyj}, {@code Volvo AB}, {@code Polska Sp. z o.o.}, {@code
     * Acme, Inc.}; or it holds a Japanese one ({@code 株式会社}, {@code 有限会社}, {@code 合同会社}),
     * written before or after the name. Dots are ignored and case too, but a form of two letters
     * that is also a word or a name ({@code Sa}, {@code As}, {@code Ab}) counts only in capitals or
     * with dots ({@code SA}, {@code S.A.}). A sole trader's name ({@code Hans Müller e.K.}) is a
     * person's. Reads the value as it is, without a string (names in plain ASCII are checked from
     * their bytes).
     */
    static boolean looksLikeCompany(CharSequence v) {
        int n = v.length();
        for (int i = 0; i < n; i++) {
            if (v.charAt(i) >= 0x3000) {
                String s = v.toString();
                for (String form : JAPANESE_FORMS) if (s.contains(form)) return true;
                break;
            }
        }
        // the last word [lastFrom, lastTo) and the one before it [prevFrom, prevTo), from the end
        int lastTo = n;
        while (lastTo > 0 && isSeparator(v.charAt(lastTo - 1))) lastTo--;
        if (lastTo == 0) return false;
        int lastFrom = lastTo;
        while (lastFrom > 0 && !isSeparator(v.charAt(lastFrom - 1))) lastFrom--;
        int prevTo = lastFrom;
        while (prevTo > 0 && isSeparator(v.charAt(prevTo - 1))) prevTo--;
        if (prevTo == 0) return false;
        int prevFrom = prevTo;
        while (prevFrom > 0 && !isSeparator(v.charAt(prevFrom - 1))) prevFrom--;
        // every form starts with an ASCII letter: only the forms of the last word's first letter are compared
        int first = firstLetter(v, lastFrom, lastTo);
        if (first >= 0) {
            for (String form : LEGAL_FORMS_BY_FIRST[first]) if (sameWord(v, lastFrom, lastTo, form)) return true;
            String[] shortForms = SHORT_LEGAL_FORMS_BY_FIRST[first];
            if (shortForms.length > 0 && (hasDot(v, lastFrom, lastTo) || isUpperCase(v, lastFrom, lastTo))) {
                for (String form : shortForms) if (sameWord(v, lastFrom, lastTo, form)) return true;
            }
        }
        // Sp. z o.o. (Poland), S. de R.L. and S.A. de C.V. (Mexico): the last two words
        for (String[] form : TWO_WORD_FORMS) {
            if (sameWord(v, prevFrom, prevTo, form[0]) && sameWord(v, lastFrom, lastTo, form[1])) return true;
        }
        return false;
    }

    /** The index (0 for 'a') of the first letter of {@code v[from, to)} other than a dot, lower-cased; -1 if not an ASCII letter. */
    private static int firstLetter(CharSequence v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == '.') continue;
            int l = Character.toLowerCase(c) - 'a';
            return l >= 0 && l < 26 ? l : -1;
        }
        return -1;
    }

    /** {@code forms} by their first letter ('a' first): each starts with an ASCII letter. */
    private static String[][] byFirstLetter(String[] forms) {
        String[][] out = new String[26][];
        for (int l = 0; l < 26; l++) {
            char c = (char) ('a' + l);
            out[l] =
                    java.util.Arrays.stream(forms).filter(f -> f.charAt(0) == c).toArray(String[]::new);
        }
        int indexed = java.util.Arrays.stream(out).mapToInt(a -> a.length).sum();
        if (indexed != forms.length) throw new IllegalStateException("a legal form does not start with a-z");
        return out;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == ',' || c == '\t' || c == '(' || c == ')';
    }

    /** Whether {@code v[from, to)} without its dots is {@code word} (lower case ASCII), ignoring case. */
    private static boolean sameWord(CharSequence v, int from, int to, String word) {
        int k = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c == '.') continue;
            if (k == word.length() || Character.toLowerCase(c) != word.charAt(k)) return false;
            k++;
        }
        return k == word.length();
    }

    private static boolean hasDot(CharSequence v, int from, int to) {
        for (int i = from; i < to; i++) if (v.charAt(i) == '.') return true;
        return false;
    }

    private static boolean isUpperCase(CharSequence v, int from, int to) {
        for (int i = from; i < to; i++) if (Character.isLowerCase(v.charAt(i))) return false;
        return true;
    }

    /**
     * Legal forms that end a company's name, lower case without dots: US, UK, Ireland, Canada,
     * Australia; Germany, Austria, Switzerland; France, Belgium, Luxembourg; Spain, Italy, Portugal,
     * Brazil; Netherlands; the Nordic countries; Poland, Czechia, Slovakia, Hungary; Japan.
     */
    private static final String[] LEGAL_FORMS = {
        "inc",
        "llc",
        "llp",
        "ltd",
        "limited",
        "plc",
        "corp",
        "corporation",
        "co",
        "company",
        "pty",
        "pte",
        "gmbh",
        "mbh",
        "kg",
        "ohg",
        "kgaa",
        "ug",
        "gbr",
        "sarl",
        "sàrl",
        "sas",
        "sasu",
        "eurl",
        "sca",
        "scs",
        "snc",
        "sprl",
        "srl",
        "bvba",
        "spa",
        "sapa",
        "sccl",
        "slu",
        "ltda",
        "lda",
        "eireli",
        "bv",
        "nv",
        "vof",
        "oy",
        "oyj",
        "aps",
        "asa",
        "a/s",
        "hf",
        "sro",
        "kft",
        "zrt",
        "nyrt",
        "kk",
        "gk",
        "group",
        "holding",
        "holdings",
        "partners"
    };

    /** Legal forms of two letters that are words or names too: only in capitals or with dots. */
    private static final String[] SHORT_LEGAL_FORMS = {"sa", "ag", "ab", "as", "se", "sl", "lp", "eg"};

    private static final String[][] LEGAL_FORMS_BY_FIRST = byFirstLetter(LEGAL_FORMS);

    private static final String[][] SHORT_LEGAL_FORMS_BY_FIRST = byFirstLetter(SHORT_LEGAL_FORMS);

    private static final String[][] TWO_WORD_FORMS = {
        {"z", "oo"}, {"sp", "zoo"}, {"spz", "oo"}, {"de", "cv"}, {"de", "rl"}
    };

    /** Japanese company forms, before or after the name: 株式会社 (K.K.), 有限会社 (Y.K.), 合同会社 (G.K.). */
    private static final String[] JAPANESE_FORMS = {"株式会社", "有限会社", "合同会社"};
}
