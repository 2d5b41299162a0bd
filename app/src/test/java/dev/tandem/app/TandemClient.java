package dev.tandem.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP calls against a server process, as any client of docs/contracts.md §1 and §2 makes them. */
final class TandemClient {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;
    private final String base;
    private final @Nullable String token;

    TandemClient(String base, @Nullable String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    String base() {
        return base;
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    Answer get(String path) {
        return answer(request(path).GET());
    }

    JsonNode getJson(String path) {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.json();
    }

    String getText(String path) {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    Answer postJson(String path, String json) {
        return answer(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    String openIncident(String title) {
        Answer a = postJson("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"HIGH\"}");
        if (a.status() != 201) {
            throw new IllegalStateException("opening an incident answered " + a.status() + ": " + a.body());
        }
        return a.json().path("id").asString();
    }

    /** Streams {@code body} with its Content-Length; throws IOException when the server goes away. */
    Answer upload(String incident, String repository, String kind, String name, RandomBody body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(body::open), body.size());
        HttpRequest req = request("/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind="
                        + kind + "&name=" + name + "&source=crash-test")
                .header("Content-Type", "application/octet-stream")
                .POST(publisher)
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    /** Uploads {@code body} as evidence and answers the server's answer. */
    Answer upload(String incident, String repository, String kind, String name, byte[] body) {
        return answer(request("/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=" + kind
                        + "&name=" + name)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The body of a GET as bytes, failing on any status but 200. */
    byte[] getBytes(String path) {
        HttpResponse<byte[]> r = send(request(path).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        return r.body();
    }

    /** Uploads a file with its Content-Length; answers the item's id, or fails with the answer. */
    String uploadFile(String incident, String repository, String kind, java.nio.file.Path file) {
        HttpRequest.Builder b;
        try {
            b = request("/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=" + kind
                            + "&name=" + file.getFileName() + "&source=crash-test")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file));
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
        Answer a = answer(b);
        if (a.status() != 201) {
            throw new IllegalStateException("uploading " + file + " answered " + a.status() + ": " + a.body());
        }
        return a.json().path("id").asString();
    }

    /** The content of an evidence item as a stream (the read is recorded in the ledger). */
    HttpResponse<InputStream> content(String evidenceId) {
        return send(
                request("/api/v1/evidence/" + evidenceId + "/content").GET(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer answer(HttpRequest.Builder b) {
        HttpResponse<String> r = send(b, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), r.body());
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder b, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(b.build(), handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
