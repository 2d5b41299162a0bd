package dev.tandem.ledger;

import java.io.IOException;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * RFC 8785 (JSON Canonicalization Scheme) serialization, UTF-8. Delegates to the reference Java implementation rather
 * than a home-made one: JCS number formatting (ECMAScript Number.toString) and UTF-16 key ordering are easy to get
 * subtly wrong. As RFC 8785 §3.2.2.3 requires, numbers are IEEE 754 doubles: integers beyond 2^53 lose precision, so
 * ledger bodies carry large numbers as strings.
 */
public final class CanonicalJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private CanonicalJson() {}

    public static byte[] canonicalize(JsonNode node) {
        String json = MAPPER.writeValueAsString(node);
        try {
            return new JsonCanonicalizer(json).getEncodedUTF8();
        } catch (IOException e) {
            // Jackson wrote the text itself, so the canonicalizer can only reject what JCS cannot represent.
            throw new IllegalArgumentException("JSON value cannot be canonicalized (RFC 8785): " + e.getMessage(), e);
        }
    }
}
