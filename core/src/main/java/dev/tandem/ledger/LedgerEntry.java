package dev.tandem.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One ledger entry (docs/contracts.md §1). Its leaf is the entry as RFC 8785 canonical JSON in UTF-8:
 * {@code {"actor":…,"at":"2026-11-27T00:35:12.345Z","body":{…},"incident":…|null,"type":…}}. The server time {@code at}
 * has millisecond precision: the constructor truncates finer instants so that an entry and its leaf always agree.
 */
public record LedgerEntry(String type, @Nullable String incident, String actor, Instant at, JsonNode body) {

    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern AT_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final Set<String> FIELDS = Set.of("actor", "at", "body", "incident", "type");
    private static final JsonMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    public LedgerEntry {
        if (type.isBlank()) {
            throw new IllegalArgumentException("a ledger entry needs a type");
        }
        if (actor.isBlank()) {
            throw new IllegalArgumentException("a ledger entry needs an actor");
        }
        if (at.isBefore(FIRST) || at.isAfter(LAST)) {
            throw new IllegalArgumentException("ledger time must have a four-digit year (RFC 3339), was " + at);
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("a ledger entry body is a JSON object, was " + body.getNodeType());
        }
        at = at.truncatedTo(ChronoUnit.MILLIS);
        body = body.deepCopy();
    }

    @Override
    public JsonNode body() {
        return body.deepCopy();
    }

    /** RFC 3339 UTC with exactly three fraction digits, as it appears in the leaf. */
    public String atText() {
        return AT.format(at);
    }

    /** The leaf bytes: this entry as RFC 8785 canonical JSON, UTF-8. */
    public byte[] leaf() {
        return CanonicalJson.canonicalize(json());
    }

    /** The entry as a JSON object (same fields as the leaf; handy for the {@code entry} field of the HTTP API). */
    public ObjectNode json() {
        ObjectNode o = CanonicalJson.MAPPER.createObjectNode();
        o.put("actor", actor);
        o.put("at", atText());
        o.set("body", body.deepCopy());
        if (incident == null) {
            o.putNull("incident");
        } else {
            o.put("incident", incident);
        }
        o.put("type", type);
        return o;
    }

    /**
     * Reads a leaf back, strictly: valid UTF-8, one JSON object with exactly the five fields and their types, the
     * time in the leaf's exact format, and bytes that are already canonical (RFC 8785), so that one entry has exactly
     * one leaf.
     */
    public static LedgerEntry fromLeaf(byte[] leaf) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(leaf));
        } catch (CharacterCodingException e) {
            throw new MalformedLeafException("leaf is not valid UTF-8: " + e.getMessage(), e);
        }
        JsonNode root;
        try {
            root = STRICT.readTree(leaf);
        } catch (JacksonException e) {
            throw new MalformedLeafException("leaf is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedLeafException("leaf is not a JSON object");
        }
        Set<String> names = new TreeSet<>(root.propertyNames());
        if (!names.equals(FIELDS)) {
            Set<String> missing = new TreeSet<>(FIELDS);
            missing.removeAll(names);
            Set<String> extra = new TreeSet<>(names);
            extra.removeAll(FIELDS);
            throw new MalformedLeafException("leaf fields must be exactly " + new TreeSet<>(FIELDS) + "; missing "
                    + missing + ", unexpected " + extra);
        }
        String type = requireString(root, "type");
        String actor = requireString(root, "actor");
        String atText = requireString(root, "at");
        JsonNode incidentNode = root.get("incident");
        String incident;
        if (incidentNode.isNull()) {
            incident = null;
        } else if (incidentNode.isString()) {
            incident = incidentNode.stringValue();
        } else {
            throw new MalformedLeafException("leaf field \"incident\" must be a string or null");
        }
        if (!AT_SHAPE.matcher(atText).matches()) {
            throw new MalformedLeafException(
                    "leaf field \"at\" must be RFC 3339 UTC with milliseconds (2026-11-27T00:35:12.345Z), was "
                            + atText);
        }
        Instant at;
        try {
            // ISO_LOCAL_DATE_TIME resolves strictly: 2026-02-30 is an error, not March 2nd.
            at = LocalDateTime.parse(atText.substring(0, atText.length() - 1)).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new MalformedLeafException("leaf field \"at\" is not a valid time: " + atText, e);
        }
        JsonNode body = root.get("body");
        if (!body.isObject()) {
            throw new MalformedLeafException("leaf field \"body\" must be a JSON object");
        }
        LedgerEntry entry;
        try {
            entry = new LedgerEntry(type, incident, actor, at, body);
        } catch (IllegalArgumentException e) {
            throw new MalformedLeafException("leaf is not a valid entry: " + e.getMessage(), e);
        }
        if (!Arrays.equals(entry.leaf(), leaf)) {
            throw new MalformedLeafException(
                    "leaf is not in RFC 8785 canonical form (key order, whitespace, escapes or number format differ)");
        }
        return entry;
    }

    private static String requireString(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (!n.isString()) {
            throw new MalformedLeafException("leaf field \"" + field + "\" must be a string");
        }
        return n.stringValue();
    }
}
