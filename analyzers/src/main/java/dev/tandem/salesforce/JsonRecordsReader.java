package dev.tandem.salesforce;

import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the records of a JSON export one at a time: a top-level array of objects, an object with
 * a {@code records} array (a SOQL query result, {@code sf data query --json}: under
 * {@code result.records}), or one object per line (NDJSON). Each record is flattened to its scalar
 * fields ({@code Owner.Email} for nested objects); {@code attributes.type} names its sObject.
 */
public final class JsonRecordsReader {
    private static final int MAX_FIELDS = 10_000;

    /** Receives each record with the line it starts on. */
    @FunctionalInterface
    public interface RecordSink {
        void record(String type, Map<String, String> fields, long line);
    }

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(100)
                    .maxStringLength(16 * 1024 * 1024)
                    .build())
            .build();

    /** Reads all records; returns how many were delivered. */
    public long read(String file, InputStream in, Problems problems, RecordSink sink) {
        long n = 0;
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    n += array(p, sink);
                } else if (t == JsonToken.START_OBJECT) {
                    n += object(p, sink);
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.report(
                    file,
                    Math.max(0, line),
                    Problem.Kind.TRUNCATED,
                    "JSON ends early or is malformed (" + e.getOriginalMessage() + "); the " + n
                            + " records before it were analyzed");
        }
        return n;
    }

    private long array(JsonParser p, RecordSink sink) {
        long n = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
            if (t == JsonToken.START_OBJECT) {
                long line = p.currentTokenLocation().getLineNr();
                Map<String, String> fields = new LinkedHashMap<>();
                flatten(p, "", fields);
                sink.record(fields.getOrDefault("attributes.type", ""), fields, line);
                n++;
            } else {
                p.skipChildren();
            }
        }
        return n;
    }

    /** A top-level object: a wrapper holding records (records, result.records), or one record. */
    private long object(JsonParser p, RecordSink sink) {
        long line = p.currentTokenLocation().getLineNr();
        Map<String, String> fields = new LinkedHashMap<>();
        long n = 0;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if ((name.equals("records") || name.equals("entries")) && v == JsonToken.START_ARRAY) {
                n += array(p, sink);
            } else if (name.equals("result") && v == JsonToken.START_OBJECT) {
                n += object(p, sink);
            } else if (v == JsonToken.START_OBJECT) {
                flatten(p, name + ".", fields);
            } else if (v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                put(fields, name, p);
            }
        }
        if (n == 0 && (fields.containsKey("attributes.type") || fields.containsKey("Id") || fields.size() > 1)) {
            sink.record(fields.getOrDefault("attributes.type", ""), fields, line);
            n = 1;
        }
        return n;
    }

    private static void flatten(JsonParser p, String prefix, Map<String, String> fields) {
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                flatten(p, name + ".", fields);
            } else if (v == JsonToken.START_ARRAY) {
                p.skipChildren();
            } else {
                put(fields, name, p);
            }
        }
    }

    private static void put(Map<String, String> fields, String name, JsonParser p) {
        if (fields.size() < MAX_FIELDS && p.currentToken() != JsonToken.VALUE_NULL) {
            fields.put(name, p.getValueAsString(""));
        }
    }
}
