package dev.tandem.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A local HTTP server standing in for Tandem's in the command line's tests. */
public final class StubServer implements AutoCloseable {
    private final HttpServer http;

    /** Serves {@code handler} below {@code context} on a free port of 127.0.0.1. */
    public StubServer(String context, HttpHandler handler) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(context, handler);
        http.start();
    }

    /** The base URL, for {@code --server}. */
    public String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** Answers {@code x} with {@code status} and {@code body} (none if empty), and closes it. */
    public static void reply(HttpExchange x, int status, String body) throws IOException {
        try (x) {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
            x.getResponseBody().write(b);
        }
    }

    /** What a stand-in server received: method, path with query, authorization, content type, body. */
    public record Received(String method, String path, String authorization, String contentType, String body) {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        public JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** A stand-in server that answers every request with {@code status} and {@code body}, adding it to {@code received}. */
    public static StubServer recording(int status, String body, List<Received> received) throws IOException {
        return new StubServer("/", x -> {
            received.add(new Received(
                    x.getRequestMethod(),
                    x.getRequestURI().toString(),
                    String.valueOf(x.getRequestHeaders().getFirst("Authorization")),
                    String.valueOf(x.getRequestHeaders().getFirst("Content-Type")),
                    new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            reply(x, status, body);
        });
    }

    /** The URL of a port nothing listens on: a connection to it is refused. */
    public static String unreachable() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
