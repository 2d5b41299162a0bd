package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HAR 1.2 captures (W3C Web Performance draft "HTTP Archive (HAR) format"): the file is streamed
 * with Jackson and each {@code log.entries[i]} is read as one tree (bounded by the entry). Every
 * string in an entry is scanned on its own and named {@code capture.har!/log/entries/3/request/url}
 * (an RFC 6901 JSON pointer), offsets and lines counted in the value; a {@code content.text} with
 * {@code "encoding": "base64"} is decoded first, and bodies that look like JSON are scanned as
 * JSON so their keys give context.
 */
final class HarInput {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private HarInput() {}

    static long scan(InputStream in, String file, Context ctx) throws IOException, InterruptedException {
        CountingInputStream counted = new CountingInputStream(in);
        try (JsonParser p = MAPPER.createParser(counted)) {
            if (p.nextToken() != JsonToken.START_OBJECT)
                throw new MalformedInput("not a HAR file: no top-level object", new IOException());
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("log".equals(name) && p.currentToken() == JsonToken.START_OBJECT) {
                    log(p, file, ctx, counted);
                } else {
                    p.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new MalformedInput("malformed HAR (" + e.getOriginalMessage() + ")", e);
        }
        return counted.count();
    }

    private static void log(JsonParser p, String file, Context ctx, CountingInputStream counted)
            throws IOException, InterruptedException {
        long reported = counted.count();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!"entries".equals(name) || p.currentToken() != JsonToken.START_ARRAY) {
                JsonNode other = MAPPER.readTree(p);
                walk(other, "/log/" + escape(name), file, ctx);
                continue;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Out.checkInterrupted();
                JsonNode entry = MAPPER.readTree(p);
                walk(entry, "/log/entries/" + index++, file, ctx);
                ctx.out().advanced(counted.count() - reported);
                reported = counted.count();
            }
        }
    }

    private static void walk(JsonNode node, String pointer, String file, Context ctx)
            throws IOException, InterruptedException {
        if (node.isObject()) {
            boolean base64 = node.has("text")
                    && node.get("text").isString()
                    && "base64".equalsIgnoreCase(node.path("encoding").asString(""));
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = pointer + "/" + escape(e.getKey());
                if (base64 && e.getKey().equals("text")) {
                    byte[] body;
                    try {
                        body = Base64.getMimeDecoder().decode(e.getValue().stringValue());
                    } catch (IllegalArgumentException bad) {
                        ctx.out()
                                .problem(new dev.tandem.pii.InputProblem(
                                        file + "!" + child, "invalid base64 body", false));
                        continue;
                    }
                    value(body, child, file, ctx);
                } else {
                    walk(e.getValue(), child, file, ctx);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, file, ctx);
        } else if (node.isString()) {
            String s = node.stringValue();
            if (!s.isEmpty()) value(s.getBytes(UTF_8), pointer, file, ctx);
        } else if (node.isNumber()) {
            value(node.asString().getBytes(UTF_8), pointer, file, ctx);
        }
    }

    private static void value(byte[] bytes, String pointer, String file, Context ctx)
            throws IOException, InterruptedException {
        Inputs.scanBytes(bytes, file + "!" + pointer, Inputs.sniffJson(bytes), inner(ctx));
    }

    private static Context inner(Context ctx) {
        return new Context(ctx.scanner(), ctx.options(), Inputs.quiet(ctx.out()), ctx.budget());
    }

    /** RFC 6901 §3: '~' is written "~0" and '/' is written "~1". */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
