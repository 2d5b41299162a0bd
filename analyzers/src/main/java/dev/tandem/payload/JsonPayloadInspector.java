package dev.tandem.payload;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The default {@link PayloadInspector}. JSON bodies are walked token by token: field names say what
 * a value is ({@link PiiField}), and any other string is still checked for email addresses and
 * card numbers (13-19 digits passing the Luhn check, ISO/IEC 7812-1 Annex B). Each JSON object
 * carrying an email, phone, name or card is a person; people are counted once per distinct email
 * (else name, phone or card). Form bodies ({@code a=b&c=d}) are read the same way as one record;
 * other text is searched for email addresses and card numbers.
 *
 * <p>A bare {@code name} is a person's name only in person context: the object sits under a key
 * naming people ({@code customer}, {@code buyers}, {@code user}, {@code contact} ...), or carries
 * an email or phone beside the name. Under a key naming products ({@code product}, {@code items},
 * {@code sku}, {@code brand} ...) it never is: "Grace Hopper Mug" is a product.
 */
public final class JsonPayloadInspector implements PayloadInspector {
    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,24}");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");
    private static final int MAX_IDENTITIES = 1_000_000;

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(200)
                    .maxStringLength(64 * 1024 * 1024)
                    .build())
            .build();

    @Override
    public PayloadPii inspect(byte[] body, String contentType) {
        if (body.length == 0) {
            return PayloadPii.NONE;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int first = firstNonSpace(body);
        if (type.contains("json") || (first >= 0 && (body[first] == '{' || body[first] == '['))) {
            PayloadPii fromJson = json(body);
            if (fromJson != null) {
                return fromJson;
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (type.contains("x-www-form-urlencoded") || looksLikeForm(text)) {
            return form(text);
        }
        return text(text);
    }

    private static int firstNonSpace(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (!Character.isWhitespace(b[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Counts and distinct people for one payload. */
    private static final class Tally {
        int emails, phones, cards, names, addresses;
        final Set<String> people = new HashSet<>();
        int overflow;

        void person(String identity) {
            if (people.size() < MAX_IDENTITIES) {
                people.add(identity);
            } else {
                overflow++;
            }
        }

        PayloadPii result() {
            return new PayloadPii(emails, phones, cards, names, addresses, people.size() + overflow);
        }
    }

    /** Keys (normalized, {@link PiiField#normalize}) under which objects describe people. */
    private static final List<String> PERSON_KEYS = List.of(
            "customer",
            "buyer",
            "purchaser",
            "shopper",
            "user",
            "contact",
            "person",
            "people",
            "member",
            "recipient",
            "billing",
            "shipping",
            "cardholder",
            "client",
            "subscriber",
            "consumer",
            "guest",
            "patient",
            "employee",
            "passenger",
            "profile");

    /** Keys under which objects describe products and other things with names. */
    private static final List<String> PRODUCT_KEYS = List.of(
            "product",
            "item",
            "sku",
            "variant",
            "brand",
            "category",
            "categories",
            "catalog",
            "collection",
            "merchant",
            "seller",
            "vendor",
            "store",
            "manufacturer",
            "offer",
            "listing",
            "bundle",
            "facet",
            "tag",
            "color",
            "size");

    /** One JSON object being read: the identity of the person it describes, if any. */
    private static final class Frame {
        final Context context;
        String email = "";
        String name = "";
        String phone = "";
        String card = "";
        /** A bare "name" value, counted as a person's at the end of the object when in person context. */
        String bareName = "";

        Frame(Context context) {
            this.context = context;
        }

        String identity() {
            if (!email.isEmpty()) {
                return "e:" + email.toLowerCase(Locale.ROOT);
            }
            if (!name.isEmpty()) {
                return "n:" + name.toLowerCase(Locale.ROOT) + "|" + phone;
            }
            if (!phone.isEmpty()) {
                return "p:" + phone;
            }
            return card.isEmpty() ? "" : "c:" + card;
        }
    }

    /** What the key an object sits under says about it. */
    enum Context {
        PERSON,
        PRODUCT,
        NONE;

        static Context of(String key) {
            String k = PiiField.normalize(key);
            if (k.isEmpty()) {
                return NONE;
            }
            for (String p : PRODUCT_KEYS) {
                if (k.startsWith(p) || k.endsWith(p) || k.endsWith(p + "s")) {
                    return PRODUCT;
                }
            }
            for (String p : PERSON_KEYS) {
                if (k.contains(p)) {
                    return PERSON;
                }
            }
            return NONE;
        }
    }

    /** The key an object being opened sits under: its own, or its array's. */
    private static Context contextOf(@Nullable TokenStreamContext object, @Nullable Frame enclosing) {
        TokenStreamContext parent = object == null ? null : object.getParent();
        while (parent != null && parent.inArray()) {
            parent = parent.getParent();
        }
        String key = parent == null ? null : parent.currentName();
        Context c = key == null ? Context.NONE : Context.of(key);
        // {"customer":{"address":{...}}}: sub-objects without a telling key keep their owner's context
        return c == Context.NONE && enclosing != null ? enclosing.context : c;
    }

    private @Nullable PayloadPii json(byte[] body) {
        Tally t = new Tally();
        Deque<Frame> frames = new ArrayDeque<>();
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), body)) {
            String field = "";
            JsonToken tok;
            while ((tok = p.nextToken()) != null) {
                switch (tok) {
                    case START_OBJECT -> frames.push(new Frame(contextOf(p.streamReadContext(), frames.peek())));
                    case END_OBJECT -> {
                        Frame f = frames.pop();
                        if (!f.bareName.isEmpty()
                                && f.context != Context.PRODUCT
                                && (f.context == Context.PERSON || !f.email.isEmpty() || !f.phone.isEmpty())) {
                            t.names++;
                            f.name = f.name.isEmpty() ? f.bareName : f.name;
                        }
                        Frame parent = frames.peek();
                        if (parent != null && f.email.isEmpty() && f.name.isEmpty()) {
                            // a card or phone sub-object ({"card":{"number":…}}) belongs to the
                            // person around it, not to a person of its own
                            if (parent.card.isEmpty()) {
                                parent.card = f.card;
                            }
                            if (parent.phone.isEmpty()) {
                                parent.phone = f.phone;
                            }
                        } else {
                            String id = f.identity();
                            if (!id.isEmpty()) {
                                t.person(id);
                            }
                        }
                    }
                    case PROPERTY_NAME -> field = p.currentName();
                    case VALUE_STRING, VALUE_NUMBER_INT -> {
                        String v = p.getString();
                        value(t, frames.peek(), p.streamReadContext().inObject() ? field : "", v);
                    }
                    default -> {
                        // arrays, booleans, nulls and floats carry no personal data by themselves
                    }
                }
            }
            return t.result();
        } catch (JacksonException e) {
            return null;
        }
    }

    private static void value(Tally t, @Nullable Frame frame, String field, String v) {
        if (v.isBlank()) {
            return;
        }
        if (frame != null && PiiField.normalize(field).equals("name") && looksLikeName(v)) {
            frame.bareName = v;
            return;
        }
        PiiField kind = field.isEmpty() ? PiiField.NONE : PiiField.of(field);
        switch (kind) {
            case EMAIL -> {
                Matcher m = EMAIL.matcher(v);
                if (m.find() && validEmail(m.group())) {
                    t.emails++;
                    if (frame != null && frame.email.isEmpty()) {
                        frame.email = v;
                    }
                }
            }
            case PHONE -> {
                String digits = v.replaceAll("[^0-9]", "");
                if (digits.length() >= 7 && digits.length() <= 15) {
                    t.phones++;
                    if (frame != null && frame.phone.isEmpty()) {
                        frame.phone = digits;
                    }
                }
            }
            case NAME -> {
                if (v.chars().anyMatch(Character::isLetter) && !v.contains("*")) {
                    t.names++;
                    if (frame != null) {
                        frame.name = frame.name.isEmpty() ? v : frame.name + " " + v;
                    }
                }
            }
            case ADDRESS -> {
                if (v.chars().anyMatch(Character::isLetter)) {
                    t.addresses++;
                }
            }
            case CARD -> {
                String digits = cardDigits(v);
                if (luhnCard(digits)) {
                    t.cards++;
                    if (frame != null && frame.card.isEmpty()) {
                        frame.card = digits;
                    }
                }
            }
            case NONE -> scanFree(t, frame, v);
        }
    }

    /**
     * An address whose domain the PII scanner accepts: a top-level domain in the IANA list, and no
     * image-density file name ({@code trail@2x.png}), which would make a product's name a person's.
     */
    private static boolean validEmail(String address) {
        String domain = address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        return dev.tandem.pii.detect.EmailAddresses.isValidDomain(domain);
    }

    /** An unlabelled string: emails and card numbers are recognised by their shape alone. */
    private static void scanFree(Tally t, @Nullable Frame frame, String v) {
        if (v.indexOf('@') >= 0) {
            Matcher m = EMAIL.matcher(v);
            while (m.find()) {
                if (!validEmail(m.group())) {
                    continue;
                }
                t.emails++;
                if (frame != null && frame.email.isEmpty()) {
                    frame.email = m.group();
                } else if (frame == null) {
                    t.person("e:" + m.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (v.length() >= 13) {
            Matcher m = DIGIT_RUN.matcher(v);
            while (m.find()) {
                String digits = cardDigits(m.group());
                if (luhnCard(digits)) {
                    t.cards++;
                    if (frame != null && frame.card.isEmpty()) {
                        frame.card = digits;
                    }
                }
            }
        }
    }

    private static boolean looksLikeName(String v) {
        return v.chars().anyMatch(Character::isLetter) && !v.contains("*") && v.indexOf('@') < 0;
    }

    static boolean looksLikeForm(String text) {
        return text.indexOf('=') > 0 && text.indexOf(' ') < 0 && text.indexOf('\n') < 0 && text.length() < 1 << 20;
    }

    private static PayloadPii form(String text) {
        Tally t = new Tally();
        Frame f = new Frame(Context.NONE);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String k = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                value(t, f, k, v);
            } catch (IllegalArgumentException e) {
                value(t, f, "", pair);
            }
        }
        if (!f.bareName.isEmpty() && (!f.email.isEmpty() || !f.phone.isEmpty())) {
            t.names++;
            f.name = f.bareName;
        }
        String id = f.identity();
        if (!id.isEmpty()) {
            t.person(id);
        }
        return t.result();
    }

    private static PayloadPii text(String text) {
        Tally t = new Tally();
        scanFree(t, null, text);
        return t.result();
    }

    /** {@code text} without the spaces and dashes a card number is written with ({@code 4111 1111-1111 1111}). */
    public static String cardDigits(String text) {
        StringBuilder d = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '-') {
                d.append(c);
            }
        }
        return d.toString();
    }

    /** 13 to 19 digits, not all the same, passing the Luhn check (ISO/IEC 7812-1 Annex B). */
    public static boolean luhnCard(String digits) {
        int n = digits.length();
        if (n < 13 || n > 19) {
            return false;
        }
        int sum = 0;
        boolean same = true;
        for (int i = 0; i < n; i++) {
            char c = digits.charAt(n - 1 - i);
            if (c < '0' || c > '9') {
                return false;
            }
            if (c != digits.charAt(0)) {
                same = false;
            }
            int d = c - '0';
            if ((i & 1) == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return !same && sum % 10 == 0;
    }
}
