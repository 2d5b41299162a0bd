package dev.tandem.app;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's stand-in for a Slack incoming webhook: a loopback listener that prints each reminder
 * the server posts ({@code {"text":"…"}}, docs/obligations-api.md "Reminders"), so a new user sees
 * the deadline and evidence-request reminders without configuring a chat. Reminders that arrive
 * before the demo's banner is printed wait, then follow it.
 */
final class DemoWebhook implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer http;
    private final PrintStream out;
    private final List<String> waiting = new ArrayList<>();
    private boolean showing;

    private DemoWebhook(HttpServer http, PrintStream out) {
        this.http = http;
        this.out = out;
    }

    /** Listens on a free loopback port. */
    static DemoWebhook start(PrintStream out) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        DemoWebhook hook = new DemoWebhook(http, out);
        http.createContext("/reminders", exchange -> {
            try (exchange) {
                if (!"POST".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                String text;
                try (InputStream in = exchange.getRequestBody()) {
                    text = text(in.readNBytes(MAX_BODY));
                }
                if (text == null) {
                    exchange.sendResponseHeaders(400, -1);
                    return;
                }
                hook.received(text);
                exchange.sendResponseHeaders(200, -1);
            }
        });
        http.start();
        return hook;
    }

    /** The URL to configure as {@code tandem.reminders.webhook-url}. */
    String url() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":"
                + http.getAddress().getPort() + "/reminders";
    }

    /** Prints the reminders received so far, then each one as it comes. */
    synchronized void show() {
        showing = true;
        waiting.forEach(this::print);
        waiting.clear();
    }

    private synchronized void received(String text) {
        if (showing) print(text);
        else waiting.add(text);
    }

    private void print(String text) {
        out.println("Reminder posted to the demo's webhook:");
        text.lines().forEach(l -> out.println("  | " + l));
        out.flush();
    }

    /** The {@code text} of a Slack-style message, or null when the body is not one. */
    static @Nullable String text(byte[] body) {
        try {
            var node = JSON.readTree(body);
            return node.path("text").isString() ? node.path("text").asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
