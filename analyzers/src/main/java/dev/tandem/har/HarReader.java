package dev.tandem.har;

import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;

/**
 * Streams the entries of a HAR 1.2 capture ({@code log.entries[]}) to a consumer as each one is
 * complete. A capture cut short (a browser crash, a partial download) is reported as truncated,
 * and every entry read before the cut has already been delivered.
 */
public final class HarReader {
    private final JsonFactory json;
    private final int maxBodyBytes;

    public HarReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(100)
                        .maxStringLength(Math.max(maxBodyBytes * 2, 1 << 20))
                        .maxDocumentLength(-1)
                        .build())
                .build();
    }

    /** Reads a capture; returns the number of entries delivered. */
    public long read(String file, InputStream in, Problems problems, Consumer<HarEntry> sink) {
        Map<String, String> pages = new HashMap<>();
        long entries = 0;
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                problems.report(file, 1, Problem.Kind.UNREADABLE, "not a HAR file: no top-level object");
                return 0;
            }
            boolean sawLog = false;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if (!name.equals("log") || p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                sawLog = true;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if (field.equals("pages") && p.currentToken() == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            page(p, pages);
                        }
                    } else if (field.equals("entries") && p.currentToken() == JsonToken.START_ARRAY) {
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            HarEntry e = entry(file, p, pages, problems);
                            sink.accept(e);
                            entries++;
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            }
            if (!sawLog) {
                problems.report(file, 1, Problem.Kind.UNREADABLE, "not a HAR file: no \"log\" object");
            }
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.report(
                    file,
                    Math.max(line, 0),
                    Problem.Kind.TRUNCATED,
                    "HAR ends early or is malformed (" + reason(e) + "); the " + entries + " complete entr"
                            + (entries == 1 ? "y" : "ies") + " before it were analyzed");
        }
        return entries;
    }

    /**
     * Jackson's reason without its location block ("(start marker at [Source: REDACTED …; line: 1,
     * column: 1])"), which names the parser's internals rather than the file; the line is reported
     * on its own.
     */
    static String reason(JacksonException e) {
        String m = String.valueOf(e.getOriginalMessage());
        for (String tail : new String[] {" (start marker at", "[Source:", "\n"}) {
            int cut = m.indexOf(tail);
            if (cut >= 0) m = m.substring(0, cut);
        }
        m = m.strip();
        return m.endsWith(":") ? m.substring(0, m.length() - 1) : m;
    }

    /** Chrome DevTools writes the page's URL as its title; Firefox writes the document's title. */
    private static void page(JsonParser p, Map<String, String> pages) {
        String id = "";
        String title = "";
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "id" -> id = p.getValueAsString("");
                case "title" -> title = p.getValueAsString("");
                default -> p.skipChildren();
            }
        }
        String t = title.strip().toLowerCase(java.util.Locale.ROOT);
        pages.put(id, t.startsWith("http://") || t.startsWith("https://") ? title.strip() : "");
    }

    private HarEntry entry(String file, JsonParser p, Map<String, String> pages, Problems problems) {
        long line = p.currentTokenLocation().getLineNr();
        String pageref = "";
        String resourceType = "";
        Request req = new Request();
        Response res = new Response();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "pageref" -> pageref = p.getValueAsString("");
                case "_resourceType" -> resourceType = p.getValueAsString("");
                case "request" -> request(p, req, file, line, problems);
                case "response" -> response(p, res, file, line, problems);
                default -> p.skipChildren();
            }
        }
        boolean navigation;
        if (!resourceType.isEmpty()) {
            navigation = resourceType.equalsIgnoreCase("document");
        } else if (!req.fetchMode.isEmpty()) {
            navigation = req.fetchMode.equalsIgnoreCase("navigate")
                    && (req.fetchDest.isEmpty() || req.fetchDest.equalsIgnoreCase("document"));
        } else {
            navigation = req.method.equalsIgnoreCase("GET")
                    && res.status >= 200
                    && res.status < 300
                    && HarEntry.isHtml(res.contentType);
        }
        return new HarEntry(
                file,
                line,
                pageref,
                pages.getOrDefault(pageref, ""),
                navigation,
                req.method,
                req.url,
                req.referer,
                req.contentType,
                req.body,
                res.status,
                res.contentType,
                res.body);
    }

    private static final class Request {
        String method = "";
        String url = "";
        String referer = "";
        String contentType = "";
        String fetchMode = "";
        String fetchDest = "";
        byte[] body = new byte[0];
    }

    private static final class Response {
        int status;
        String contentType = "";
        byte[] body = new byte[0];
    }

    private void request(JsonParser p, Request r, String file, long line, Problems problems) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "method" -> r.method = p.getValueAsString("");
                case "url" -> r.url = p.getValueAsString("");
                case "headers" -> {
                    Map<String, String> h = headers(p);
                    r.referer = h.getOrDefault("referer", "");
                    r.fetchMode = h.getOrDefault("sec-fetch-mode", "");
                    r.fetchDest = h.getOrDefault("sec-fetch-dest", "");
                    if (r.contentType.isEmpty()) {
                        r.contentType = h.getOrDefault("content-type", "");
                    }
                }
                case "postData" -> postData(p, r, file, line, problems);
                default -> p.skipChildren();
            }
        }
    }

    private void postData(JsonParser p, Request r, String file, long line, Problems problems) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        StringBuilder params = new StringBuilder();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "mimeType" -> r.contentType = p.getValueAsString("");
                case "text" -> r.body = capped(p.getValueAsString(""), false, file, line, problems);
                case "params" -> {
                    if (p.currentToken() != JsonToken.START_ARRAY) {
                        p.skipChildren();
                        break;
                    }
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        Map<String, String> nv = nameValue(p);
                        if (!params.isEmpty()) {
                            params.append('&');
                        }
                        params.append(java.net.URLEncoder.encode(nv.getOrDefault("name", ""), StandardCharsets.UTF_8))
                                .append('=')
                                .append(java.net.URLEncoder.encode(
                                        nv.getOrDefault("value", ""), StandardCharsets.UTF_8));
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (r.body.length == 0 && !params.isEmpty()) {
            r.body = params.toString().getBytes(StandardCharsets.UTF_8);
            r.contentType = "application/x-www-form-urlencoded";
        }
    }

    private void response(JsonParser p, Response r, String file, long line, Problems problems) {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            switch (f) {
                case "status" -> r.status = p.getValueAsInt(0);
                case "content" -> {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        break;
                    }
                    String text = "";
                    String encoding = "";
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String c = p.currentName();
                        p.nextToken();
                        switch (c) {
                            case "mimeType" -> r.contentType = p.getValueAsString("");
                            case "text" -> text = p.getValueAsString("");
                            case "encoding" -> encoding = p.getValueAsString("");
                            default -> p.skipChildren();
                        }
                    }
                    r.body = capped(text, encoding.equalsIgnoreCase("base64"), file, line, problems);
                }
                default -> p.skipChildren();
            }
        }
    }

    private static Map<String, String> headers(JsonParser p) {
        Map<String, String> h = new HashMap<>();
        if (p.currentToken() != JsonToken.START_ARRAY) {
            p.skipChildren();
            return h;
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> nv = nameValue(p);
            h.putIfAbsent(nv.getOrDefault("name", "").toLowerCase(java.util.Locale.ROOT), nv.getOrDefault("value", ""));
        }
        return h;
    }

    private static Map<String, String> nameValue(JsonParser p) {
        Map<String, String> nv = new HashMap<>();
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            p.nextToken();
            if (p.currentToken().isScalarValue()) {
                nv.put(f, p.getValueAsString(""));
            } else {
                p.skipChildren();
            }
        }
        return nv;
    }

    private byte[] capped(String text, boolean base64, String file, long line, Problems problems) {
        byte[] bytes;
        if (base64) {
            try {
                bytes = Base64.getMimeDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                problems.report(file, line, Problem.Kind.BODY_TOO_LARGE, "response body is not valid base64; skipped");
                return new byte[0];
            }
        } else {
            bytes = text.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBodyBytes) {
            problems.report(
                    file,
                    line,
                    Problem.Kind.BODY_TOO_LARGE,
                    "body of " + bytes.length + " bytes; only the first " + maxBodyBytes + " are inspected");
            ByteArrayOutputStream out = new ByteArrayOutputStream(maxBodyBytes);
            out.write(bytes, 0, maxBodyBytes);
            return out.toByteArray();
        }
        return bytes;
    }
}
