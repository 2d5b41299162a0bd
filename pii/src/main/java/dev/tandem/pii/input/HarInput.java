package dev.tandem.pii.input;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.tandem.pii.Finding;
import dev.tandem.pii.Format;
import dev.tandem.pii.detect.PercentDecoded;
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
                walk(other, "/log/" + escape(name), file, ctx, false);
                continue;
            }
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                Out.checkInterrupted();
                JsonNode entry = MAPPER.readTree(p);
                walk(entry, "/log/entries/" + index++, file, ctx, false);
                ctx.out().advanced(counted.count() - reported);
                reported = counted.count();
            }
        }
    }

    /**
     * Scans the strings of {@code node}; {@code formBody}: it is in the {@code postData} of an
     * {@code application/x-www-form-urlencoded} body, whose text and parameter values encode a space
     * as '+'.
     */
    private static void walk(JsonNode node, String pointer, String file, Context ctx, boolean formBody)
            throws IOException, InterruptedException {
        if (node.isObject()) {
            boolean base64 = node.has("text")
                    && node.get("text").isString()
                    && "base64".equalsIgnoreCase(node.path("encoding").asString(""));
            boolean form = !base64
                    && node.path("text").isString()
                    && node.path("mimeType")
                            .asString("")
                            .toLowerCase(java.util.Locale.ROOT)
                            .startsWith("application/x-www-form-urlencoded");
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = pointer + "/" + escape(e.getKey());
                if (form && e.getKey().equals("text")) {
                    urlEncodedValue(e.getValue().stringValue().getBytes(UTF_8), child, file, ctx, true);
                } else if (base64 && e.getKey().equals("text")) {
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
                    walk(e.getValue(), child, file, ctx, formBody || form);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) walk(node.get(i), pointer + "/" + i, file, ctx, formBody);
        } else if (node.isString()) {
            String s = node.stringValue();
            if (s.isEmpty()) return;
            if (URL_ENCODED.matcher(pointer).find()) {
                urlEncodedValue(s.getBytes(UTF_8), pointer, file, ctx, formBody);
            } else {
                value(s.getBytes(UTF_8), pointer, file, ctx);
            }
        } else if (node.isNumber()) {
            value(node.asString().getBytes(UTF_8), pointer, file, ctx);
        }
    }

    private static void value(byte[] bytes, String pointer, String file, Context ctx)
            throws IOException, InterruptedException {
        Inputs.scanBytes(bytes, file + "!" + pointer, Inputs.sniffJson(bytes), inner(ctx));
    }

    /**
     * Values that are URL-encoded by nature (URLs, query string, cookie, header and form values, form
     * bodies) carry "jane%40example.com": they are scanned percent-decoded, with offsets and lines
     * of the value as captured. Other values, bodies above all, are scanned as they are: a JSON body
     * holding a stray "%22" must not have it turned into a quote. In a form body and its parameters
     * ({@code form}) '+' is a space ({@code phone=%2B49+30+901820}); elsewhere (URLs, query strings)
     * it is left a plus sign, which a phone number written unencoded keeps.
     */
    private static void urlEncodedValue(byte[] raw, String pointer, String file, Context ctx, boolean form)
            throws IOException, InterruptedException {
        PercentDecoded decoded = form ? PercentDecoded.ofForm(raw) : PercentDecoded.of(raw);
        if (decoded == null) {
            Inputs.scanBytes(raw, file + "!" + pointer, Format.TEXT, inner(ctx));
            return;
        }
        Out remapped = Inputs.quiet(ctx.out(), f -> {
            long start = decoded.sourceOffset(f.start());
            return new Finding(
                    f.file(),
                    start,
                    decoded.sourceOffset(f.end()),
                    1 + newlinesBefore(raw, start),
                    f.entity(),
                    f.value(),
                    f.normalized(),
                    f.jurisdiction(),
                    f.confidence(),
                    f.doubt(),
                    f.inRecord());
        });
        Inputs.scanBytes(
                decoded.bytes(),
                file + "!" + pointer,
                Format.TEXT,
                new Context(ctx.scanner(), ctx.options(), remapped, ctx.budget()));
    }

    private static long newlinesBefore(byte[] raw, long end) {
        long n = 0;
        for (int i = 0; i < end; i++) {
            if (raw[i] == '\n') n++;
        }
        return n;
    }

    /** HAR 1.2 fields whose values are URL-encoded: URLs and the name/value pairs of a request. */
    private static final java.util.regex.Pattern URL_ENCODED =
            java.util.regex.Pattern.compile("/(url|redirectURL)$|/(queryString|cookies|headers|params)/\\d+/value$");

    private static Context inner(Context ctx) {
        return new Context(ctx.scanner(), ctx.options(), Inputs.quiet(ctx.out()), ctx.budget());
    }

    /** RFC 6901 §3: '~' is written "~0" and '/' is written "~1". */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
