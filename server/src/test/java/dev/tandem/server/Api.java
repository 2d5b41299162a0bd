package dev.tandem.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the tests: real requests against the running server. */
public final class Api {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final @Nullable String token;

    public Api(String base, @Nullable String token) {
        this.base = base;
        this.token = token;
    }

    public Api as(@Nullable String otherToken) {
        return new Api(base, otherToken);
    }

    public @Nullable String token() {
        return token;
    }

    public String base() {
        return base;
    }

    /** An answer; {@code headers} by lower-case name, values of a repeated header joined by commas. */
    public record Response(
            int status, String body, @Nullable String contentType, Map<String, String> headers) {
        public Response(int status, String body, @Nullable String contentType) {
            this(status, body, contentType, Map.of());
        }

        public @Nullable String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET that names the representation it accepts ({@code Accept}). */
    public Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    public Response postJson(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response putJson(String path, String json) {
        return send(request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response postBytes(String path, byte[] body) {
        return send(request(path)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, with a body of the given content type (none when {@code body} is null). */
    public Response send(String method, String path, @Nullable String contentType, byte @Nullable [] body) {
        return send(method, path, contentType, body, null);
    }

    /** As {@link #send(String, String, String, byte[])}, naming the representation it accepts when {@code accept} is given. */
    public Response send(
            String method, String path, @Nullable String contentType, byte @Nullable [] body, @Nullable String accept) {
        HttpRequest.Builder b = request(path);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return send(b.method(
                method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Polls {@code GET /api/v1/jobs/{id}} until the job has finished (any end state); fails after a minute. */
    public JsonNode awaitJob(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            JsonNode job = get("/api/v1/jobs/" + jobId).json();
            String status = job.path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED") || status.equals("CANCELLED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + " did not finish in 60 s");
    }

    public HttpResponse<byte[]> getBytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Map<String, String> headers = new TreeMap<>();
            r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            return new Response(
                    r.statusCode(),
                    r.body(),
                    r.headers().firstValue("Content-Type").orElse(null),
                    headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
