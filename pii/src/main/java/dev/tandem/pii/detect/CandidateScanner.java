package dev.tandem.pii.detect;

import static dev.tandem.pii.detect.ByteClasses.DOMAIN;
import static dev.tandem.pii.detect.ByteClasses.EMAIL_LOCAL;
import static dev.tandem.pii.detect.ByteClasses.HEX;
import static dev.tandem.pii.detect.ByteClasses.is;
import static dev.tandem.pii.detect.ByteClasses.isAlnum;
import static dev.tandem.pii.detect.ByteClasses.isDigit;
import static dev.tandem.pii.detect.ByteClasses.isUpper;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.Confidence;
import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The hot loop: one pass over raw bytes that stops only at trigger bytes (digits, ':' and '@',
 * found eight bytes at a time), expands a candidate around the trigger, and runs the validators
 * on that candidate only. No regular expression touches the input.
 *
 * <p>Cards, SSNs, phone numbers and IBANs are whole token sequences: digit groups joined by one
 * space, dash or dot belong together, so a candidate that is only a window of a longer sequence
 * (sixteen digits of a 22-digit parcel tracking number, the digits after the country of an
 * IBAN-shaped reference that fails mod-97) is not reported. The word just before a value may
 * raise or lower its confidence ({@link Confidence}).
 *
 * <p>A candidate never crosses {@code to}: callers pass complete spans (a whole value, or a chunk
 * cut at a {@link ByteClasses#safeSplit safe split}). Not thread-safe: one instance per thread.
 */
public final class CandidateScanner {
    private static final int MAX_GROUPS = 12;
    /**
     * Groups of at most this many digits join through one space, dash or dot; a longer run (a
     * compact card number) is a token by itself, so "4111111111111111 12/25" keeps its card.
     */
    private static final int MAX_JOINED_GROUP = 12;
    /** How far back, on the value's line, the word that gives a number its context is looked for. */
    private static final int CONTEXT_WINDOW = 40;

    private static final byte[] EMPTY = new byte[0];

    private final PhoneNumbers phones;
    private final int[] gs = new int[MAX_GROUPS];
    private final int[] ge = new int[MAX_GROUPS];
    private final byte[] ibanChars = new byte[34];
    /** {@link #ibanChars} as the text the IBAN checker reads. */
    private final DigitRun ibanText = new DigitRun();

    private final String[] ibanCountries = new String[26 * 26];
    private final Ibans.Checker ibans = new Ibans.Checker();
    private final byte[] word = new byte[CONTEXT_WINDOW];
    /** An e-mail address in lower case (its normalized form), reused from address to address. */
    private byte[] lower = new byte[128];
    /** Groups found in the current run, with one dropped at the end for touching a word. */
    private int nAll;
    /** The current run continues a sequence of digit groups that began before it. */
    private boolean leftJoined;
    /** The current run was cut at MAX_GROUPS with more joined groups after it. */
    private boolean rightOverflow;
    /** A no-break space separates two groups of the current run ({@link #wideSpaceAt}). */
    private boolean wideSeparator;

    private final DigitRun digits = new DigitRun();
    /**
     * Domains already judged, by their bytes: the same few hundred domains carry most addresses in a
     * leak. An open-addressing table emptied when three quarters full (the verdict depends on the
     * domain alone, so what is forgotten is judged again the same way).
     */
    private static final int DOMAIN_SLOTS = 1 << 14;

    private final byte[][] domainKeys = new byte[DOMAIN_SLOTS][];
    private final boolean[] domainVerdicts = new boolean[DOMAIN_SLOTS];
    private int domainsUsed;

    private byte[] b = EMPTY;
    private int from;
    private int to;
    private int lastEnd;
    private @Nullable Hits out;

    /** Phone column values that look national but no region placed; null: not counted. */
    private final java.util.concurrent.atomic.@Nullable LongAdder unplacedNational;

    public CandidateScanner(PhoneNumbers phones) {
        this(phones, null);
    }

    /**
     * A scanner that adds to {@code unplacedNational} each phone column value that looks like a
     * national number ({@link PhoneNumbers#looksNational}) and that neither the default region nor its
     * record's country placed, for a hint at the scan's end; the adder may be shared by threads.
     */
    public CandidateScanner(PhoneNumbers phones, java.util.concurrent.atomic.@Nullable LongAdder unplacedNational) {
        this.phones = phones;
        this.unplacedNational = unplacedNational;
    }

    /** A phone column value no region placed: counted when it looks like a national number. */
    public void unplaced(String value) {
        if (unplacedNational != null && PhoneNumbers.looksNational(value)) unplacedNational.increment();
    }

    public PhoneNumbers phones() {
        return phones;
    }

    /** Reports every validated candidate in {@code buf[from, to)}, in order of position. */
    public void scan(byte[] buf, int from, int to, Hits out) {
        this.b = buf;
        this.from = from;
        this.to = to;
        this.out = out;
        this.lastEnd = from;
        try {
            int i = from;
            while (true) {
                i = ByteClasses.nextTrigger(buf, i, to);
                if (i >= to) break;
                byte c = buf[i];
                if (c == '@') {
                    int e = email(i, i + 1);
                    i = e < 0 ? i + 1 : e;
                } else if (c == ':') i = ipv6(i);
                else if (c <= '9') {
                    int e = escapedAt(i);
                    i = e >= 0 ? e : numeric(i);
                } else i++;
            }
        } finally {
            this.b = EMPTY;
            this.out = null;
        }
    }

    private void emit(Entity e, int start, int end, String value, String normalized, @Nullable String jurisdiction) {
        emit(e, start, end, value, normalized, jurisdiction, Confidence.base(e), null);
    }

    private void emit(
            Entity e,
            int start,
            int end,
            String value,
            String normalized,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        lastEnd = end;
        if (out != null) out.hit(e, start, end, value, normalized, jurisdiction, confidence, doubt);
    }

    /**
     * A detection whose value is {@code b[start, end)} as it is, and whose normalized form is
     * {@code normalized} or, when that is null, {@code norm[normFrom, normTo)}: no string is made
     * for either here ({@link Hits#hit(Entity, byte[], int, int, String, byte[], int, int, String,
     * double, Doubt)}).
     */
    private void emitBytes(
            Entity e,
            int start,
            int end,
            @Nullable String normalized,
            byte[] norm,
            int normFrom,
            int normTo,
            @Nullable String jurisdiction,
            double confidence,
            @Nullable Doubt doubt) {
        lastEnd = end;
        if (out != null) out.hit(e, b, start, end, normalized, norm, normFrom, normTo, jurisdiction, confidence, doubt);
    }

    // ---- context: the word before a value ----

    private static final int CTX_NONE = 0;
    private static final int CTX_COMMERCE = 1;
    private static final int CTX_CARD = 2;
    private static final int CTX_PHONE = 3;
    private static final int CTX_SSN = 4;
    /** A record's identifier: {@code id}, {@code transaction_id=}, {@code "requesterId":}. */
    private static final int CTX_IDENTIFIER = 5;
    /** A version: "version", "build", "v" (a dotted quad after it is no IP address). */
    private static final int CTX_VERSION = 6;

    /**
     * What the nearest word before {@code pos} on its line says (within {@link #CONTEXT_WINDOW}
     * bytes, skipping "no", "number", "id" and the like, and the punctuation of {@code key=},
     * {@code key:} and {@code "key":"}). Words are compared lower-cased by prefix, so camel-case
     * keys in text ({@code trackingNumber=}) count too. A key or label that ends in the word
     * {@code id} ({@code transaction_id=}, {@code "requesterId":}, {@code Customer ID:}) and names
     * nothing else is a record's identifier.
     */
    private int contextBefore(int pos) {
        int lo = Math.max(from, pos - CONTEXT_WINDOW);
        int i = pos - 1;
        boolean id = false;
        for (int words = 0; words < 3; words++) {
            for (int p; i >= lo && (p = punctuationEndingAt(i, lo)) > 0; ) i -= p;
            if (i < lo || !isWordByte(b[i])) break;
            int end = i + 1;
            while (i >= lo && isWordByte(b[i]) && punctuationEndingAt(i, lo) == 0) i--;
            int st = i + 1;
            if (i < lo && lo > from && isWordByte(b[lo - 1])) break; // cut by the window: no keyword
            int n = end - st;
            // ASCII letters lower-cased; the bytes of other scripts' letters (UTF-8) as they are
            for (int k = 0; k < n; k++) word[k] = b[st + k] < 0 ? b[st + k] : (byte) (b[st + k] | 0x20);
            // camel case: "orderNumber" starts with "order", "shipmentId" with "shipment"
            int c = keyword(n);
            id |= n == 2 && word[0] == 'i' && word[1] == 'd' || endsInCamelId(st, end);
            if (c > CTX_NONE) return c;
            if (c == CTX_NONE) break;
        }
        return id ? CTX_IDENTIFIER : CTX_NONE;
    }

    /** {@code b[st, end)} ends in "Id" or "ID" after a lower-case letter: {@code requesterId}, {@code customerID}. */
    private boolean endsInCamelId(int st, int end) {
        return end - st > 2
                && b[end - 2] == 'I'
                && (b[end - 1] | 0x20) == 'd'
                && b[end - 3] >= 'a'
                && b[end - 3] <= 'z';
    }

    private static boolean isLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** An ASCII letter, or a byte of a UTF-8 sequence (a letter of another script: "numéro", "注文番号"). */
    private static boolean isWordByte(byte c) {
        return c < 0 || isLetter(c);
    }

    /**
     * The length of the punctuation that ends at {@code i}: one ASCII byte of {@code key=},
     * {@code key:}, {@code "key":"}; the two bytes of '°' and 'º' ("n° 4539…", "nº") and of the
     * no-break space; the three of the narrow no-break space, the full-width colon and the
     * ideographic space, comma and full stop ("注文番号：4539…").
     * 0 when there is none.
     */
    private int punctuationEndingAt(int i, int lo) {
        byte c = b[i];
        if (c >= 0) return isContextPunctuation(c) ? 1 : 0;
        // '°', 'º', and the no-break space of French typography ("Téléphone : +33…")
        if (i - 1 >= lo && b[i - 1] == (byte) 0xC2 && (c == (byte) 0xB0 || c == (byte) 0xBA || c == (byte) 0xA0)) {
            return 2;
        }
        if (i - 2 >= lo) {
            byte x = b[i - 2];
            byte y = b[i - 1];
            if (x == (byte) 0xEF && y == (byte) 0xBC && c == (byte) 0x9A) return 3;
            if (x == (byte) 0xE2 && y == (byte) 0x80 && c == (byte) 0xAF) return 3; // narrow no-break space
            if (x == (byte) 0xE3 && y == (byte) 0x80 && (c == (byte) 0x80 || c == (byte) 0x81 || c == (byte) 0x82)) {
                return 3;
            }
        }
        return 0;
    }

    private static boolean isContextPunctuation(byte c) {
        return c == ' ' || c == '\t' || c == ':' || c == '=' || c == '#' || c == '"' || c == '\'' || c == '_'
                || c == '-' || c == '.' || c == '/' || c == '(' || c == '[' || c == '{' || c == ',';
    }

    /** Filler words between a keyword and its number ("tracking no.", "order id", "card number"). */
    private static final byte[][] FILLER = utf8(
            "no",
            "nr",
            "num",
            "number",
            "id",
            "ref",
            "code",
            "is",
            "of",
            "the",
            "a",
            // German, French, Dutch, Spanish, Portuguese, Italian: "n° de commande", "número de pedido"
            "n",
            "nro",
            "nummer",
            "numero",
            "numéro",
            "número",
            "de",
            "du",
            "des",
            "der",
            "van",
            "di",
            "del",
            "da",
            "do",
            "la",
            "le",
            "el");

    /** Commerce words; and {@link CommerceNumbers#JAPANESE_WORDS}, anywhere in a word. */
    private static final byte[][] COMMERCE = utf8(
            "tracking",
            "track",
            "parcel",
            "shipment",
            "shipping",
            "consignment",
            "waybill",
            "awb",
            "usps",
            "ups",
            "fedex",
            "dhl",
            "sku",
            "gtin",
            "ean",
            "upc",
            "isbn",
            "barcode",
            "product",
            "article",
            "order",
            "invoice",
            "inv",
            "po",
            // German: Bestellnummer, Rechnungsnr., Sendungsnummer, Auftragsnummer, Artikelnummer, Kundennummer
            "bestel", // and Dutch: bestelling, bestelnummer
            "rechnung",
            "sendung",
            "auftrag",
            "lieferschein",
            "paketnummer",
            "versandnummer",
            "artikel", // and Dutch
            "produkt",
            "kundennummer",
            "kundennr",
            // French: commande n°, numéro de suivi, facture, colis, expédition, livraison, produit
            "commande",
            "ordre",
            "facture",
            "suivi",
            "colis",
            "expédition",
            "expedition",
            "livraison",
            "produit",
            // Dutch: factuur, zending, verzending, pakket, klantnummer
            "factuur",
            "zending",
            "verzending",
            "pakket",
            "klantnummer",
            "klantnr",
            // Spanish and Portuguese: pedido, factura, fatura, seguimiento, rastreio, envío, encomenda, artículo
            "pedido",
            "factura",
            "fatura",
            "seguimiento",
            "rastreio",
            "rastreamento",
            "envío",
            "envio",
            "albarán",
            "albaran",
            "encomenda",
            "remessa",
            "artículo",
            "articulo",
            "artigo",
            "produto",
            // Italian: ordine, fattura, spedizione, tracciamento, articolo, prodotto
            "ordine",
            "fattura",
            "spedizione",
            "tracciamento",
            "articolo",
            "prodotto");

    private static final byte[][] JAPANESE = utf8(CommerceNumbers.JAPANESE_WORDS.toArray(String[]::new));
    private static final byte[][] CARD = utf8("card", "credit", "cc", "ccnum", "pan", "visa", "mastercard", "amex");
    private static final byte[][] PHONE = utf8("phone", "tel", "telephone", "mobile", "cell", "fax", "call");
    private static final byte[][] SSN = utf8("ssn", "social");
    private static final byte[][] VERSION = utf8("version", "build", "ver", "v");

    private static byte[][] utf8(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) out[i] = words[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return out;
    }

    /** The context code of {@code word[0, n)}, -1 for a filler word (look further back). */
    private int keyword(int n) {
        if (matches(FILLER, n, true)) return -1;
        if (matches(CARD, n, false)) return CTX_CARD;
        if (matches(PHONE, n, false)) return CTX_PHONE;
        if (matches(SSN, n, false)) return CTX_SSN;
        if (matches(COMMERCE, n, false) || matches(JAPANESE, n, false)) return CTX_COMMERCE;
        if (matches(VERSION, n, false)) return CTX_VERSION;
        return CTX_NONE;
    }

    /**
     * Whether {@code word[0, n)} equals one of {@code words} or (unless {@code exact}) starts with one
     * of four bytes or more; a word of a script written without spaces (its first byte not ASCII:
     * Japanese) may stand anywhere in it. Compared as UTF-8 bytes.
     */
    private boolean matches(byte[][] words, int n, boolean exact) {
        for (byte[] w : words) {
            int l = w.length;
            if (l > n) continue;
            if (w[0] < 0 && !exact) {
                for (int at = 0; at + l <= n; at++) if (java.util.Arrays.equals(word, at, at + l, w, 0, l)) return true;
                continue;
            }
            if ((exact || l < 4) && l != n) continue;
            if (java.util.Arrays.equals(word, 0, l, w, 0, l)) return true;
        }
        return false;
    }

    /**
     * The confidence of a numeric candidate given the word before it: raised when it names the
     * entity, lowered when it names a number of commerce or (for cards and phones) a record's
     * identifier. IBANs are left as they are: mod-97 over
     * a fixed length outweighs a word (a payee's IBAN on an invoice is still an IBAN).
     */
    private void emitNumeric(
            Entity e, int start, int end, @Nullable String normalized, @Nullable String jurisdiction, double base) {
        int ctx = contextBefore(start);
        boolean named = switch (e) {
            case CREDIT_CARD -> ctx == CTX_CARD;
            case PHONE_NUMBER -> ctx == CTX_PHONE;
            case US_SSN -> ctx == CTX_SSN;
            default -> false;
        };
        double confidence = base;
        Doubt doubt = null;
        CharSequence number = normalized != null ? normalized : digits;
        if (ctx == CTX_COMMERCE) {
            confidence = Confidence.COMMERCE_CONTEXT;
            doubt = Doubt.COMMERCE_CONTEXT;
        } else if (ctx == CTX_IDENTIFIER && (e == Entity.CREDIT_CARD || e == Entity.PHONE_NUMBER)) {
            confidence = Confidence.IDENTIFIER;
            doubt = Doubt.IDENTIFIER;
        } else if (e == Entity.CREDIT_CARD && PaymentCards.isPublishedTestNumber(number)) {
            // a payment provider's test number is one whatever word names it
            confidence = Confidence.TEST_CARD;
            doubt = Doubt.TEST_CARD;
        } else if (named) {
            confidence = Confidence.NAMED;
        } else if (e == Entity.CREDIT_CARD && CommerceNumbers.isGs1CodeOfCardLength(number)) {
            confidence = Confidence.GS1_CODE;
            doubt = Doubt.GS1_CODE;
        } else if (e == Entity.CREDIT_CARD && PaymentCards.isRareLength(number)) {
            confidence = Confidence.RARE_LENGTH;
            doubt = Doubt.RARE_LENGTH;
        }
        if (wideSeparator && !isAscii(start, end)) {
            // a no-break space inside: the value as the text it is (UTF-8), not byte for char
            String norm = normalized != null ? normalized : digits.toString();
            emit(e, start, end, new String(b, start, end - start, UTF_8), norm, jurisdiction, confidence, doubt);
            return;
        }
        emitBytes(e, start, end, normalized, digits.array(), 0, digits.length(), jurisdiction, confidence, doubt);
    }

    private boolean isAscii(int start, int end) {
        for (int i = start; i < end; i++) if (b[i] < 0) return false;
        return true;
    }

    private String text(int start, int end) {
        return new String(b, start, end - start, ISO_8859_1);
    }

    // ---- digits: IPv4, SSN, payment cards, phone numbers, IBAN check digits ----

    private int numeric(int s) {
        if (s > from && isDigit(b[s - 1])) return skipWord(s);
        if (s - 2 >= from
                && s >= lastEnd + 2
                && isUpper(b[s - 1])
                && isUpper(b[s - 2])
                && (s - 3 < from || !isAlnum(b[s - 3]))
                && s + 1 < to
                && isDigit(b[s + 1])) {
            int end = iban(s - 2);
            if (end > 0) return end;
        }
        leftJoined = false;
        rightOverflow = false;
        wideSeparator = false;
        int tokStart = s;
        boolean plus = false;
        boolean paren = false;
        if (s > from) {
            byte p = b[s - 1];
            if (p == '+') {
                plus = true;
                tokStart = s - 1;
            } else if (p == '(') {
                paren = true;
                tokStart = s - 1;
            }
        }
        if (tokStart < lastEnd) return skipWord(s);
        if (tokStart > from) {
            byte lb = b[tokStart - 1];
            if (isAlnum(lb) || lb == '_') return skipWord(s);
            // part of a compound identifier: a716-446655440000 (UUID), v1.2.3.4.5, ORD-4111...
            if ((lb == '.' || lb == '-')
                    && tokStart - 2 >= from
                    && (isAlnum(b[tokStart - 2]) || b[tokStart - 2] == '_')) return skipWord(s);
            // "… 8806 66": a space after a short digit group (or a word ending in one, as "ES76")
            int sp = lb == ' ' ? 1 : lb < 0 ? wideSpaceBefore(tokStart) : 0;
            if (sp > 0 && !plus && !paren && tokStart - sp - 1 >= from && isDigit(b[tokStart - sp - 1])) {
                int last = tokStart - sp - 1;
                int d = last;
                while (d >= from && isDigit(b[d]) && last - d <= MAX_JOINED_GROUP) d--;
                leftJoined = last - d <= MAX_JOINED_GROUP;
            }
        }
        int n = 0;
        int i = s;
        while (true) {
            int st = i;
            while (i < to && isDigit(b[i])) i++;
            gs[n] = st;
            ge[n] = i;
            n++;
            if (i >= to) break;
            // up to two separators; a no-break space (French exports: "+33 6 12 …", "4111 1111 …")
            // is one, a space
            int j = i;
            for (int seps = 0; j < to && seps < 2; seps++) {
                byte c = b[j];
                if (isSeparator(c)) {
                    j++;
                } else {
                    int w = c < 0 ? wideSpaceAt(j) : 0;
                    if (w == 0) break;
                    j += w;
                    wideSeparator = true;
                }
            }
            if (j == i || j >= to || !isDigit(b[j])) break;
            if (n == MAX_GROUPS) {
                rightOverflow = j == i + 1 && isJoining(b[i]);
                break;
            }
            i = j;
        }
        nAll = n;
        int tokEnd = ge[n - 1];
        if (tokEnd < to) {
            byte rb = b[tokEnd];
            if (isAlnum(rb) || rb == '@' || rb == '_') {
                n--;
            } else if ((rb == '.' || rb == '-')
                    && tokEnd + 1 < to
                    && (isAlnum(b[tokEnd + 1]) || b[tokEnd + 1] == '_')) {
                n--;
            }
        }
        if (leftJoined && len(0) > MAX_JOINED_GROUP) leftJoined = false;
        int g = 0;
        while (g < n) {
            int used = match(g, n, plus && g == 0, paren && g == 0, tokStart);
            g += used > 0 ? used : 1;
        }
        return Math.max(tokEnd, s + 1);
    }

    private static boolean isSeparator(byte c) {
        return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/';
    }

    private static boolean isJoining(byte c) {
        return c == ' ' || c == '-' || c == '.';
    }

    /**
     * The length of the no-break space (U+00A0, two bytes in UTF-8) or narrow no-break space
     * (U+202F, three) at {@code i}, 0 when there is none: French and other exports group the digits
     * of phone and card numbers with them.
     */
    private int wideSpaceAt(int i) {
        byte c = b[i];
        if (c == (byte) 0xC2) return i + 1 < to && b[i + 1] == (byte) 0xA0 ? 2 : 0;
        if (c == (byte) 0xE2) return i + 2 < to && b[i + 1] == (byte) 0x80 && b[i + 2] == (byte) 0xAF ? 3 : 0;
        return 0;
    }

    /** The length of the no-break space ending just before {@code i}, 0 when there is none. */
    private int wideSpaceBefore(int i) {
        if (i - 2 >= from && b[i - 2] == (byte) 0xC2 && b[i - 1] == (byte) 0xA0) return 2;
        if (i - 3 >= from && b[i - 3] == (byte) 0xE2 && b[i - 2] == (byte) 0x80 && b[i - 1] == (byte) 0xAF) return 3;
        return 0;
    }

    /**
     * The one separator between group k-1 and group k: its byte, a space for a no-break space; 0
     * when there are two or none.
     */
    private byte separator(int k) {
        int at = ge[k - 1];
        int n = gs[k] - at;
        if (n == 1) return b[at];
        return n > 1 && wideSpaceAt(at) == n ? (byte) ' ' : 0;
    }

    /** Group k-1 and group k are one token: one space, dash or dot between two short groups. */
    private boolean joined(int k) {
        return isJoining(separator(k)) && len(k - 1) <= MAX_JOINED_GROUP && len(k) <= MAX_JOINED_GROUP;
    }

    /** Groups g..j are a whole token sequence: nothing joined before g or after j. */
    private boolean whole(int g, int j) {
        if (g == 0 ? leftJoined : joined(g)) return false;
        return j + 1 < nAll ? !joined(j + 1) : !rightOverflow;
    }

    /** The end of the digit groups joined on at {@code k} (a separator before a digit). */
    private int skipJoined(int k) {
        int i = k;
        while (i + 1 < to && isJoining(b[i]) && isDigit(b[i + 1])) {
            i++;
            while (i < to && (isDigit(b[i]) || isUpper(b[i]))) i++;
        }
        return i;
    }

    private int skipWord(int s) {
        int i = s;
        while (i < to && (isAlnum(b[i]) || b[i] == '_')) i++;
        return Math.max(i, s + 1);
    }

    private int len(int g) {
        return ge[g] - gs[g];
    }

    /** Separator between group k-1 and group k is exactly the byte c (a space: a no-break space too). */
    private boolean sepIs(int k, char c) {
        return separator(k) == c;
    }

    private boolean sepIsAny(int k, char c) {
        return k > 0 && sepIs(k, c);
    }

    private void appendDigits(int g, int j) {
        appendDigits(g, j, -1);
    }

    /** The digits of groups g..j but group {@code skip} (-1: none). */
    private void appendDigits(int g, int j, int skip) {
        digits.clear();
        for (int k = g; k <= j; k++) if (k != skip) digits.append(b, gs[k], ge[k]);
    }

    private int match(int g, int n, boolean plus, boolean paren, int tokStart) {
        // IPv4: four dot-separated octets, not part of a longer dotted run (1.2.3.4.5)
        if (!plus
                && g + 3 < n
                && sepIs(g + 1, '.')
                && sepIs(g + 2, '.')
                && sepIs(g + 3, '.')
                && !sepIsAny(g, '.')
                && !(g + 4 < n && sepIs(g + 4, '.'))) {
            boolean ok = true;
            for (int k = g; k < g + 4; k++) ok &= IpAddresses.isOctet(b, gs[k], ge[k]);
            if (ok && isVersion(gs[g])) return 4;
            if (ok) {
                int st = gs[g];
                int en = ge[g + 3];
                emitBytes(Entity.IP_ADDRESS, st, en, null, b, st, en, null, Confidence.base(Entity.IP_ADDRESS), null);
                return 4;
            }
        }
        // US SSN, formatted AAA-GG-SSSS
        if (!plus
                && g + 2 < n
                && len(g) == 3
                && len(g + 1) == 2
                && len(g + 2) == 4
                && sepIs(g + 1, '-')
                && sepIs(g + 2, '-')
                && !sepIsAny(g, '-')
                && !(g + 3 < n && sepIs(g + 3, '-'))) {
            appendDigits(g, g + 2);
            if (SocialSecurityNumbers.isValid(digits)) {
                if (!whole(g, g + 2)) return 3;
                emitNumeric(Entity.US_SSN, gs[g], ge[g + 2], null, "US", Confidence.base(Entity.US_SSN));
                return 3;
            }
        }
        // international phone number: '+', country code, then groups; a trunk prefix in brackets
        // after the country code is dropped, as it is not dialled from abroad ("+49 (0) 30 1234567",
        // "+44 (0)20 7946 0958")
        if (plus) {
            int trunk = g + 1 < n && isTrunkZero(g + 1) ? g + 1 : -1;
            for (int j = Math.min(n - 1, g + 6); j >= g; j--) {
                if (!whole(g, j)) continue;
                appendDigits(g, j, trunk);
                if (digits.length() < 8 || digits.length() > 15) continue;
                PhoneNumbers.Valid v = phones.validateInternational(digits);
                if (v != null) {
                    emitNumeric(
                            Entity.PHONE_NUMBER,
                            tokStart,
                            ge[j],
                            v.e164(),
                            v.region(),
                            Confidence.base(Entity.PHONE_NUMBER));
                    return j - g + 1;
                }
            }
        }
        int card = card(g, n);
        if (card > 0) return card;
        if (!plus) return nationalPhone(g, n, paren, tokStart);
        return 0;
    }

    /** Group k is a "(0)": a national trunk prefix written after a country code. */
    private boolean isTrunkZero(int k) {
        int st = gs[k];
        return len(k) == 1 && b[st] == '0' && st > from && b[st - 1] == '(' && ge[k] < to && b[ge[k]] == ')';
    }

    /**
     * The dotted quad at {@code s} is a version, not an IPv4 address: it follows the '/' of a
     * product token ({@code Chrome/120.0.0.0}, {@code AcmeShopApp/2.14.0.3}: RFC 9110 §10.1.5,
     * {@code product = token ["/" product-version]}), whose name has a letter and is no segment of a
     * path or URL ({@code http://1.2.3.4/}, {@code /hosts/10.1.2.3} stay addresses), or the word
     * {@code version}, {@code build}, {@code ver} or {@code v} ({@code version=1.2.3.4}).
     */
    private boolean isVersion(int s) {
        if (s - 2 >= from && b[s - 1] == '/' && isTokenChar(b[s - 2])) {
            int i = s - 2;
            boolean letter = false;
            while (i >= from && isTokenChar(b[i])) letter |= isLetter(b[i--]);
            if (letter && (i < from || b[i] != '/')) return true;
        }
        return contextBefore(s) == CTX_VERSION;
    }

    /** RFC 9110 §5.6.2 tchar: a letter, digit or one of {@code !#$%&'*+-.^_`|~}. */
    private static boolean isTokenChar(byte c) {
        return isAlnum(c) || (c > ' ' && c < 0x7F && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
    }

    /** 13-19 digits, one run or groups of 3-6 joined by one kind of separator (' ' or '-'). */
    private int card(int g, int n) {
        if (len(g) > 19) return 0;
        int best = -1;
        int total = 0;
        byte sep = 0;
        for (int j = g; j < n; j++) {
            int l = len(j);
            if (j > g) {
                byte c = separator(j);
                if (c == 0) break;
                if (j == g + 1) {
                    if (c != ' ' && c != '-' || len(g) != 4) break;
                    sep = c;
                } else if (c != sep) {
                    break;
                }
                if (l < 3 || l > 6) break;
            }
            total += l;
            if (total > 19) break;
            if (total >= 13 && (whole(g, j) || beforeExpiry(g, j, n))) {
                appendDigits(g, j);
                if (PaymentCards.isValid(digits)) best = j;
            }
            if (j == g && l >= 13) break;
        }
        if (best < 0) return 0;
        appendDigits(g, best);
        emitNumeric(Entity.CREDIT_CARD, gs[g], ge[best], null, null, Confidence.base(Entity.CREDIT_CARD));
        return best - g + 1;
    }

    /**
     * Groups g..j are a whole sequence but for an expiry date right after them, as printed on
     * receipts: "4111 1111 1111 1111 12/25" (month 01-12, '/', a year of two or four digits).
     */
    private boolean beforeExpiry(int g, int j, int n) {
        int m = j + 1;
        if (m + 1 >= n || (g == 0 ? leftJoined : joined(g))) return false;
        if (!sepIs(m, ' ') || len(m) != 2 || !sepIs(m + 1, '/')) return false;
        int month = (b[gs[m]] - '0') * 10 + (b[gs[m] + 1] - '0');
        int year = len(m + 1);
        if (month < 1 || month > 12 || (year != 2 && year != 4)) return false;
        return m + 2 < nAll ? !joined(m + 2) : !rightOverflow;
    }

    /** Numbers without '+' only in the North American shape: (415) 555-0132, 415-555-0132, 1-415-555-0132. */
    private int nationalPhone(int g, int n, boolean paren, int tokStart) {
        int a = g;
        int start = gs[g];
        if (len(g) == 1 && b[gs[g]] == '1' && g + 3 < n && !paren) a = g + 1;
        if (a + 2 >= n || len(a) != 3 || len(a + 1) != 3 || len(a + 2) != 4) return 0;
        boolean shaped;
        if (paren && a == g) {
            int sl = gs[a + 1] - ge[a];
            shaped = b[ge[a]] == ')' && (sl == 1 || (sl == 2 && b[ge[a] + 1] == ' '));
            byte after = separator(a + 2);
            shaped &= after == '-' || after == ' ' || after == '.';
            start = tokStart;
        } else {
            char c = (char) separator(a + 1);
            if (c == 0) return 0;
            shaped = (c == '-' || c == '.' || c == ' ') && sepIs(a + 2, c) && (a == g || sepIs(a, c));
            shaped &= !sepIsAny(g, c) && !(a + 3 < n && sepIs(a + 3, c));
        }
        if (!shaped || !whole(g, a + 2)) return 0;
        appendDigits(a, a + 2);
        PhoneNumbers.Valid v = "US".equals(phones.defaultRegion())
                ? phones.validateInternational("1" + digits)
                : phones.validate(digits.toString());
        if (v == null) return 0;
        emitNumeric(Entity.PHONE_NUMBER, start, ge[a + 2], v.e164(), v.region(), Confidence.NATIONAL_PHONE);
        return a + 3 - g;
    }

    /**
     * An IBAN at {@code p}: answers its end when it is valid, and also when it only has an IBAN's
     * shape (country, length, compact or in groups of four) but fails mod-97 or the BBAN structure,
     * or runs on into more digit groups: such a reference is one token, and the digits inside it
     * are no card or phone number. Answers -1 when there is no IBAN shape at {@code p}.
     */
    private int iban(int p) {
        int len = Ibans.length(b[p], b[p + 1]);
        if (len == 0) return -1;
        int k = p;
        int count = 0;
        boolean spaced = false;
        while (count < len && k < to) {
            byte x = b[k];
            if (isDigit(x) || isUpper(x)) {
                ibanChars[count++] = x;
                k++;
            } else if (x == ' '
                    && count > 0
                    && count % 4 == 0
                    && (count == 4 || spaced)
                    && k + 1 < to
                    && (isDigit(b[k + 1]) || isUpper(b[k + 1]))) {
                spaced = true;
                k++;
            } else {
                break;
            }
        }
        if (count != len || (k < to && (isAlnum(b[k]) || b[k] == '_'))) return -1;
        if (!isDigit(ibanChars[2]) || !isDigit(ibanChars[3])) return -1;
        // more digit groups joined after it: a longer reference, not an IBAN
        if (k + 1 < to && isJoining(b[k]) && isDigit(b[k + 1])) return skipJoined(k);
        ibanText.clear();
        ibanText.append(ibanChars, 0, len);
        if (!ibans.isValid(ibanText)) return k;
        emitBytes(
                Entity.IBAN_CODE,
                p,
                k,
                null,
                ibanChars,
                0,
                len,
                ibanCountry(),
                Confidence.base(Entity.IBAN_CODE),
                null);
        return k;
    }

    /** The country of the IBAN in {@link #ibanChars}: one string per country, not one per IBAN. */
    private String ibanCountry() {
        int i = (ibanChars[0] - 'A') * 26 + (ibanChars[1] - 'A');
        String c = ibanCountries[i];
        if (c == null) c = ibanCountries[i] = new String(ibanChars, 0, 2, ISO_8859_1);
        return c;
    }

    // ---- '@': e-mail addresses ----

    /**
     * An e-mail address whose at-sign is escaped, as in URLs ({@code jane%40example.com}) and JSON
     * ({@code jane\u0040example.com}): {@code d} is the first digit of the escape. Answers the end of
     * the address, or -1.
     */
    private int escapedAt(int d) {
        if (b[d] == '4' && d > from && b[d - 1] == '%' && d + 1 < to && b[d + 1] == '0') {
            return email(d - 1, d + 2);
        }
        if (b[d] == '0'
                && d - 2 >= from
                && b[d - 1] == 'u'
                && b[d - 2] == '\\'
                && d + 3 < to
                && b[d + 1] == '0'
                && b[d + 2] == '4'
                && b[d + 3] == '0') {
            return email(d - 2, d + 4);
        }
        return -1;
    }

    /**
     * The address whose local part ends at {@code localEnd} (the at-sign, or its escape) and whose
     * domain starts at {@code domainStart}; answers its end, or -1.
     */
    private int email(int localEnd, int domainStart) {
        int lo = Math.max(from, lastEnd);
        if (localEnd - 1 < lo || domainStart >= to) return -1;
        int p = localEnd - 1;
        while (p >= lo && is(b[p], EMAIL_LOCAL)) {
            p--;
            if (localEnd - p > 65) return -1;
        }
        int ls = p + 1;
        while (ls < localEnd && (b[ls] == '.' || b[ls] == '-' || b[ls] == '+' || b[ls] == '%')) ls++;
        if (ls == localEnd || b[localEnd - 1] == '.') return -1;
        for (int k = ls; k < localEnd - 1; k++) if (b[k] == '.' && b[k + 1] == '.') return -1;
        if (ls > from && b[ls - 1] < 0 && letterEndsAt(ls - 1)) return -1;
        int q = domainStart;
        while (q < to && is(b[q], DOMAIN)) {
            q++;
            if (q - domainStart > 253) return -1;
        }
        int de = q;
        while (de > domainStart && (b[de - 1] == '.' || b[de - 1] == '-')) de--;
        if (de - domainStart < 4) return -1;
        for (int k = domainStart; k < de - 1; k++) if (b[k] == '.' && b[k + 1] == '.') return -1;
        if (!validDomain(domainStart, de)) return -1;
        if (de < to && b[de] == '>' && isMessageId(idStart(ls))) return de;
        if (domainStart == localEnd + 1) {
            // as written: the value is the bytes, its lower case (ASCII: EMAIL_LOCAL and DOMAIN
            // bytes are) goes into a scratch array
            int n = de - ls;
            if (lower.length < n) lower = new byte[Math.max(n, lower.length * 2)];
            for (int k = 0; k < n; k++) {
                byte x = b[ls + k];
                lower[k] = x >= 'A' && x <= 'Z' ? (byte) (x | 0x20) : x;
            }
            emitBytes(
                    Entity.EMAIL_ADDRESS, ls, de, null, lower, 0, n, null, Confidence.base(Entity.EMAIL_ADDRESS), null);
        } else {
            String value = localPart(ls, localEnd) + "@" + text(domainStart, de); // as written, decoded
            emit(Entity.EMAIL_ADDRESS, ls, de, value, value.toLowerCase(Locale.ROOT), null);
        }
        return de;
    }

    /** {@link EmailAddresses#isValidDomain} of {@code b[from, to)}, asked once per domain until the table is emptied. */
    private boolean validDomain(int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) h = 31 * h + b[k];
        int mask = DOMAIN_SLOTS - 1;
        int i = (h ^ (h >>> 14)) & mask;
        for (byte[] key; (key = domainKeys[i]) != null; i = (i + 1) & mask) {
            if (java.util.Arrays.equals(key, 0, key.length, b, from, to)) return domainVerdicts[i];
        }
        boolean valid = EmailAddresses.isValidDomain(text(from, to));
        if (domainsUsed >= DOMAIN_SLOTS / 4 * 3) {
            java.util.Arrays.fill(domainKeys, null);
            domainsUsed = 0;
            i = (h ^ (h >>> 14)) & mask;
        }
        domainKeys[i] = java.util.Arrays.copyOfRange(b, from, to);
        domainVerdicts[i] = valid;
        domainsUsed++;
        return valid;
    }

    /** Header names and keys whose {@code <id@host>} values are message identifiers, lower-cased without '-' and '_'. */
    private static final String[] MESSAGE_ID_FIELDS = {"messageid", "inreplyto", "references", "contentid"};

    /** How far back the header a {@code <id@host>} belongs to is looked for (header lines fold). */
    private static final int MESSAGE_ID_WINDOW = 8192;

    /**
     * Where the {@code <} of a msg-id whose left part ends in the local part starting at {@code ls}
     * would be: a msg-id's left part is dot-atom text (RFC 5322 §3.2.3), with characters such as
     * '=' that the local part of an address found here stops at ({@code <CAKx8=Ywq@mail.gmail.com>}).
     * Answers -1 when there is no {@code <} there.
     */
    private int idStart(int ls) {
        int lo = Math.max(from, ls - 256);
        int i = ls - 1;
        while (i >= lo && (isAlnum(b[i]) || (b[i] > ' ' && b[i] < 0x7F && "!#$%&'*+-/=?^_`{|}~.".indexOf(b[i]) >= 0))) {
            i--;
        }
        return i >= lo && b[i] == '<' ? i : -1;
    }

    /**
     * The {@code <…>} at {@code lt} (none when -1) is a msg-id (RFC 5322 §3.6.4), not a mailbox: it is in the field
     * {@code Message-ID:}, {@code In-Reply-To:}, {@code References:} or {@code Content-ID:} of a
     * header (on the header's line or a folded line after it, after other ids), or the value of a
     * key so named ({@code "message_id":"<…>"}, {@code messageId=<…>}).
     */
    private boolean isMessageId(int lt) {
        if (lt < 0) return false;
        int lo = Math.max(from, lt - MESSAGE_ID_WINDOW);
        int i = lt - 1;
        while (i >= lo && (b[i] == '"' || b[i] == '\'' || b[i] == ':' || b[i] == '=' || b[i] == ' ')) i--;
        if (namesMessageId(i, lo)) return true;
        // the header the value belongs to: back to its line's start, and over folded lines
        int st = lt;
        while (true) {
            while (st > lo && b[st - 1] != '\n') st--;
            if (st <= lo || (b[st] != ' ' && b[st] != '\t')) break;
            st--;
        }
        if (st < lo || (st > from && b[st - 1] != '\n')) return false;
        int colon = st;
        while (colon < lt && b[colon] != ':' && b[colon] != ' ') colon++;
        return colon < lt && b[colon] == ':' && namesMessageId(colon - 1, st);
    }

    /** The name that ends at {@code end} (letters, digits, '-' and '_', not before {@code lo}) is one of {@link #MESSAGE_ID_FIELDS}. */
    private boolean namesMessageId(int end, int lo) {
        int n = 0;
        int i = end;
        for (; i >= lo && (isAlnum(b[i]) || b[i] == '-' || b[i] == '_') && n < word.length; i--) {
            if (b[i] != '-' && b[i] != '_') n++;
        }
        if (n == word.length) return false;
        int k = 0;
        for (int j = i + 1; j <= end; j++) if (b[j] != '-' && b[j] != '_') word[k++] = (byte) (b[j] | 0x20);
        for (String f : MESSAGE_ID_FIELDS) {
            if (n < f.length()) continue;
            boolean eq = true;
            for (int m = 0; m < f.length() && eq; m++) eq = word[n - f.length() + m] == f.charAt(m);
            if (eq) return true;
        }
        return false;
    }

    /** {@code b[start, end)} with its {@code %XX} escapes decoded (an escaped local part: "a%2Bb"). */
    private String localPart(int start, int end) {
        PercentDecoded d = PercentDecoded.of(b, start, end);
        return d == null ? text(start, end) : new String(d.bytes(), ISO_8859_1);
    }

    /** Whether the UTF-8 sequence ending at {@code last} encodes a letter or digit (e.g. "müller@..."). */
    private boolean letterEndsAt(int last) {
        int st = last;
        while (st > from && last - st < 3 && (b[st] & 0xC0) == 0x80) st--;
        String s = new String(b, st, last - st + 1, java.nio.charset.StandardCharsets.UTF_8);
        if (s.isEmpty()) return false;
        int cp = s.codePointBefore(s.length());
        return Character.isLetterOrDigit(cp);
    }

    // ---- ':': IPv6 ----

    private int ipv6(int c) {
        int lo = Math.max(from, lastEnd);
        boolean leftHex = c - 1 >= lo && (is(b[c - 1], HEX) || b[c - 1] == ':');
        boolean rightHex = c + 1 < to && (is(b[c + 1], HEX) || b[c + 1] == ':');
        if (!leftHex && !rightHex) return c + 1;
        int st = c;
        while (st - 1 >= lo && c - st < 40 && (is(b[st - 1], HEX) || b[st - 1] == ':')) st--;
        if (st > from && (isAlnum(b[st - 1]) || b[st - 1] == '_' || b[st - 1] == '.')) return c + 1;
        int q = c + 1;
        while (q < to && q - st < 46 && (is(b[q], HEX) || b[q] == ':' || b[q] == '.')) q++;
        while (q > c + 1 && b[q - 1] == '.') q--;
        if (q < to && (isAlnum(b[q]) || b[q] == '_')) return c + 1;
        int colons = 0;
        int dots = 0;
        int lastColon = -1;
        boolean doubled = false;
        for (int k = st; k < q; k++) {
            if (b[k] == ':') {
                colons++;
                if (k > st && b[k - 1] == ':') doubled = true;
                lastColon = k;
            } else if (b[k] == '.') {
                dots++;
            }
        }
        if (colons < 2 || (colons < 7 && !doubled && dots == 0)) return c + 1;
        if (dots != 0 && dots != 3) return c + 1;
        if (dots == 3) {
            for (int k = st; k < lastColon; k++) if (b[k] == '.') return c + 1;
        }
        String canon = IpAddresses.canonicalIpv6(text(st, q));
        if (canon == null) return c + 1;
        emitBytes(Entity.IP_ADDRESS, st, q, canon, EMPTY, 0, 0, null, Confidence.base(Entity.IP_ADDRESS), null);
        return q;
    }
}
