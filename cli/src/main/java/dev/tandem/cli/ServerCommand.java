package dev.tandem.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A command that is one call of the server's API (docs/contracts.md §2, §3) and prints its answer:
 * as text by default, or as the server sent it with {@code --format json} (or another format the
 * server serves). A refusal is one line on standard error naming the server's reason and its problem
 * type, with the exit code of docs/contracts.md §4 (docs/adr/108-change-control-from-the-command-line.md).
 */
public abstract class ServerCommand implements Callable<Integer> {
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Mixin
    protected ServerConnection connection = new ServerConnection();

    @CommandLine.Spec
    protected CommandLine.Model.CommandSpec spec;

    /** A usage error found before anything is sent: the line to print, exit 2. */
    protected static final class Usage extends Exception {
        public Usage(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * What to send: {@code path} below the server's base URL, the body (null for none) and the
     * status that means it was done.
     */
    public record Request(
            String method,
            String path,
            @Nullable String contentType,
            byte @Nullable [] body,
            int ok,
            @Nullable String ifMatch) {
        public Request(String method, String path, @Nullable String contentType, byte @Nullable [] body, int ok) {
            this(method, path, contentType, body, ok, null);
        }

        /** The same request, sent only while the resource is still the one read with {@code etag} (RFC 9110 §13.1.1). */
        public Request ifMatch(String etag) {
            return new Request(method, path, contentType, body, ok, etag);
        }

        public static Request get(String path) {
            return new Request("GET", path, null, null, 200);
        }

        public static Request json(String method, String path, JsonNode body, int ok) {
            return new Request(method, path, "application/json", body.toString().getBytes(StandardCharsets.UTF_8), ok);
        }
    }

    /** A command whose formats are text and the server's JSON, chosen by {@code --format}. */
    public abstract static class TextOrJson extends ServerCommand {
        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "text (default) or json (the server's answer as it came).")
        String format = "text";

        @Override
        protected String format() {
            return format;
        }
    }

    /**
     * A list the server also writes as CSV ({@code ?format=csv}, docs/contracts.md "Additions"):
     * text, the server's JSON, or its CSV, each of the last two printed as it came.
     */
    public abstract static class TextJsonOrCsv extends ServerCommand {
        @Option(
                names = "--format",
                paramLabel = "FORMAT",
                description = "text (default), json (the server's answer as it came) or csv (the server's CSV as it"
                        + " came, for a spreadsheet).")
        String format = "text";

        @Override
        protected String format() {
            return format;
        }

        @Override
        protected List<String> formats() {
            return List.of("text", "json", "csv");
        }

        @Override
        protected String query() {
            return format.equals("csv") ? "?format=csv" : "";
        }
    }

    /** The format asked for. */
    protected abstract String format();

    /** The formats this command writes; the first is the default. */
    protected List<String> formats() {
        return List.of("text", "json");
    }

    /** The request to send. */
    protected abstract Request request() throws Usage;

    /** The answer in words, for a person. */
    protected abstract void text(JsonNode answer, PrintWriter out);

    /**
     * The option of this command that gives the field a refusal's {@code detail} starts with
     * ({@code configItems: …} is {@code --item}), or null.
     */
    @Nullable
    protected String option(String detail) {
        return null;
    }

    /**
     * What the caller can do about a refusal of the problem type {@code type} ({@code no-aware-at}:
     * the command that sets the awareness), told after the type inside its parentheses; or null.
     */
    @Nullable
    protected String remedy(@Nullable String type) {
        return null;
    }

    /** The query string that asks the server for {@code format} other than JSON, if any. */
    protected String query() {
        return "";
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        String name = spec.qualifiedName(" ");
        if (!formats().contains(format())) {
            err.println(name + ": unknown --format '" + format() + "' (" + String.join(", ", formats()) + ")");
            return TandemCommand.EXIT_USAGE;
        }
        try {
            return perform(out);
        } catch (Usage | ServerConnection.Problem e) {
            err.println(name + ": " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        } catch (Refused e) {
            return fail(err, name, e.failure);
        }
    }

    /** A call that was not done (refused, unanswered, or answered with something else): the line and exit code. */
    protected static final class Refused extends Exception {
        final ServerConnection.Failure failure;
        private final int status;

        public Refused(ServerConnection.Failure failure) {
            this(failure, 0);
        }

        Refused(ServerConnection.Failure failure, int status) {
            super(failure.message(), null, false, false);
            this.failure = failure;
            this.status = status;
        }

        /** The status the server answered with, or 0 when it did not answer. */
        public int status() {
            return status;
        }
    }

    /** The answer of a call that was done: its status, headers and body. */
    protected record Answer(int status, java.net.http.HttpHeaders headers, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The first value of the header {@code name}, or null. */
        public @Nullable String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The body as JSON (a missing node when empty); refused as unexpected when it is not JSON. */
        public JsonNode json(ServerConnection.Target target) throws Refused {
            try {
                // a 204 has no body: the command's text says what was done
                String text = text();
                return text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
            } catch (JacksonException e) {
                throw new Refused(new ServerConnection.Failure(
                        TandemCommand.EXIT_UNREACHABLE,
                        "unexpected answer " + status + " from " + target.base() + ": not JSON"));
            }
        }
    }

    /**
     * The command's work once its format is one it writes: by default one call, {@link #request},
     * its answer printed as text or as it came. A command of several calls overrides it, each call
     * by {@link #send}.
     */
    protected int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused {
        Request request = request();
        ServerConnection.Target target = connection.target();
        Answer answer = send(target, request);
        String body = answer.text();
        if (!format().equals("text")) {
            verbatim(answer.body(), out);
            return exit(body);
        }
        text(answer.json(target), out);
        return exit(body);
    }

    /** {@code request} sent to {@code target}: its answer when its status is the request's {@code ok}, else refused. */
    protected final Answer send(ServerConnection.Target target, Request request) throws Refused {
        HttpResponse<byte[]> response;
        try (HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(request.path() + query()))
                    .header("Authorization", "Bearer " + target.token())
                    .header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(60));
            if (request.contentType() != null) b.header("Content-Type", request.contentType());
            if (request.ifMatch() != null) b.header("If-Match", request.ifMatch());
            b.method(
                    request.method(),
                    request.body() == null
                            ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(request.body()));
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Refused(ServerConnection.unreachable(target.base(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Refused(new ServerConnection.Failure(TandemCommand.EXIT_UNREACHABLE, "interrupted"));
        }
        if (response.statusCode() != request.ok()) {
            String body = new String(response.body(), StandardCharsets.UTF_8);
            String option = option(ServerConnection.reason(body));
            String remedy = remedy(ServerConnection.problemType(body));
            String more =
                    option == null ? remedy : remedy == null ? "option " + option : "option " + option + "; " + remedy;
            throw new Refused(ServerConnection.answered(response.statusCode(), body, more), response.statusCode());
        }
        return new Answer(response.statusCode(), response.headers(), response.body());
    }

    /**
     * The exit code for an answer that was printed: 0, or 1 where the command checks something and
     * the answer shows it found it (docs/contracts.md §4), whatever the format printed.
     */
    protected int exit(String body) {
        return TandemCommand.EXIT_OK;
    }

    /**
     * The server's answer as it came, ending with a line break: as UTF-8 bytes on the process's
     * standard output (whatever the terminal's encoding, so {@code > retests.csv} keeps every name),
     * or through {@code out} when it is a writer of a test's.
     */
    private static void verbatim(byte[] body, PrintWriter out) {
        boolean ends = body.length > 0 && body[body.length - 1] == '\n';
        java.io.PrintStream raw = TandemCommand.rawStdout(out);
        if (raw == null) {
            String text = new String(body, StandardCharsets.UTF_8);
            out.print(ends ? text : text + System.lineSeparator());
            return;
        }
        out.flush();
        raw.write(body, 0, body.length);
        if (!ends) raw.write('\n');
        raw.flush();
    }

    private static int fail(PrintWriter err, String name, ServerConnection.Failure failure) {
        err.println(name + ": " + failure.message());
        return failure.exit();
    }

    /** {@code s} as one path segment. */
    protected static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    protected static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Puts {@code value} under {@code field} unless it is null. */
    protected static void put(ObjectNode o, String field, @Nullable String value) {
        if (value != null) o.put(field, value);
    }

    /** Puts {@code values} under {@code field} as an array of strings unless it is empty. */
    protected static void put(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            var a = o.putArray(field);
            values.forEach(a::add);
        }
    }
}
