package dev.tandem.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** Serves a {@link Witness} over HTTP: {@code POST /add-checkpoint} (C2SP tlog-witness), with the JDK's server. */
public final class WitnessHttpServer implements AutoCloseable {
    /** A request body is an old size, at most 63 hashes and one checkpoint: a few KiB. */
    static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;

    public WitnessHttpServer(Witness witness, InetSocketAddress address) throws IOException {
        server = HttpServer.create(address, 0);
        server.createContext("/add-checkpoint", exchange -> handle(witness, exchange));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void handle(Witness witness, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                send(exchange, new Witness.Response(405, "text/plain; charset=utf-8", "POST only\n"));
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                send(exchange, new Witness.Response(413, "text/plain; charset=utf-8", "request too large\n"));
                return;
            }
            send(exchange, witness.addCheckpoint(body));
        }
    }

    private static void send(HttpExchange exchange, Witness.Response r) throws IOException {
        byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), b.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
