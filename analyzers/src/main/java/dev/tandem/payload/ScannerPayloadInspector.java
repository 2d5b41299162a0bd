package dev.tandem.payload;

import dev.tandem.pii.Entity;
import dev.tandem.pii.Payloads;

/**
 * The analyzers' payload inspector backed by Tandem's PII scanner: e-mail addresses, phone numbers
 * and card numbers count only when the scanner validates them (IANA top-level domain,
 * libphonenumber, issuer ranges and Luhn), so {@code icon@2x.png} or an order number is not
 * personal data. Names, addresses and the number of distinct people come from the structure of
 * the body ({@link JsonPayloadInspector}: field names, JSON objects and the keys they sit under).
 * The scanner's own PERSON count is not used: it takes a capitalised value under any {@code name}
 * key for a person, and product, brand and store names are capitalised too.
 */
public final class ScannerPayloadInspector implements PayloadInspector {
    private final Payloads payloads = Payloads.withDefaults();
    private final JsonPayloadInspector structure = new JsonPayloadInspector();

    @Override
    public PayloadPii inspect(byte[] body, String contentType) {
        if (body.length == 0) {
            return PayloadPii.NONE;
        }
        Payloads.Inspection scan = payloads.inspect(decodedForm(body, contentType), "payload");
        PayloadPii shape = structure.inspect(body, contentType);
        int emails = scan.count(Entity.EMAIL_ADDRESS);
        int phones = scan.count(Entity.PHONE_NUMBER);
        int cards = scan.count(Entity.CREDIT_CARD);
        int names = shape.names();
        int addresses = Math.max(shape.addresses(), scan.count(Entity.LOCATION));
        if (emails + phones + cards + names + addresses == 0) {
            return PayloadPii.NONE;
        }
        int identifying = emails + phones + cards + names;
        int records = shape.records() > 0 ? shape.records() : (identifying > 0 ? 1 : 0);
        return new PayloadPii(emails, phones, cards, names, addresses, records);
    }

    /**
     * A form or query string ({@code a=b&c=d}) as the scanner reads it best: each pair percent-decoded
     * on a line of its own, {@code key: value}, so {@code phone=%2B14155552671} is the number it is.
     * Any other body is scanned as it is.
     */
    static byte[] decodedForm(byte[] body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
        if (type.contains("json")) {
            return body;
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        if (!type.contains("x-www-form-urlencoded") && !JsonPayloadInspector.looksLikeForm(text)) {
            return body;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String line;
            try {
                line = eq < 0
                        ? java.net.URLDecoder.decode(pair, java.nio.charset.StandardCharsets.UTF_8)
                        : java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8)
                                + ": "
                                + java.net.URLDecoder.decode(
                                        pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                line = pair; // a malformed escape: the pair as it came
            }
            out.append(line);
            out.append('\n');
        }
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
