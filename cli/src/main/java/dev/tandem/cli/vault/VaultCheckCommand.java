package dev.tandem.cli.vault;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem vault check --server URL --token T}: starts the server's vault check (a job,
 * docs/operations.md), reports its progress on standard error and, when it is done, prints each
 * damaged or missing blob on standard output: its status, the items it holds (id, and name when the
 * token's user may read the item), the SHA-256 it should have and the one it has. Talks to a running
 * server, as {@code ledger verify} and {@code backup --server} do: the server holds the database and
 * the blob store, whatever they are.
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = "Re-hash every stored blob on the server against its record (an administrator's token).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every blob is intact",
            "1:damaged or missing blobs found (each printed)",
            "2:usage error, or the token's user is not an administrator",
            "3:server unreachable, token refused, or the check failed or was cancelled"
        })
public final class VaultCheckCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Mixin
    ServerConnection connection = new ServerConnection();

    @Option(
            names = "--interval",
            paramLabel = "DURATION",
            defaultValue = "PT2S",
            description = "How often to ask the server how far it is, ISO 8601 (default: ${DEFAULT-VALUE}).")
    Duration interval = Duration.ofSeconds(2);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (interval.isNegative() || interval.isZero()) {
            err.println("tandem vault check: --interval must be positive, was " + interval);
            return TandemCommand.EXIT_USAGE;
        }
        ServerConnection.Target target;
        try {
            target = connection.target();
        } catch (ServerConnection.Problem e) {
            err.println("tandem vault check: " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            Answer started = send(http, target, "POST", "api/v1/admin/vault/check", 202);
            if (started.failure() != null) return fail(err, started.failure());
            String id = started.json().path("id").asString("");
            JsonNode job = started.json();
            String lastLine = "";
            while (!finished(job)) {
                Thread.sleep(interval.toMillis());
                Answer status = send(http, target, "GET", "api/v1/admin/vault/check/" + id, 200);
                if (status.failure() != null) return fail(err, status.failure());
                job = status.json();
                String line = progress(job);
                if (!line.equals(lastLine)) {
                    err.println("tandem vault check: " + line);
                    lastLine = line;
                }
            }
            return report(job, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tandem vault check: interrupted; the check goes on on the server");
            return TandemCommand.EXIT_UNREACHABLE;
        }
    }

    private static boolean finished(JsonNode job) {
        return switch (job.path("status").asString("")) {
            case "QUEUED", "RUNNING" -> false;
            default -> true;
        };
    }

    /** One progress line: blobs and bytes read of the total, and problems so far. */
    static String progress(JsonNode job) {
        return job.path("status").asString().toLowerCase(Locale.ROOT) + ", "
                + job.path("checked").asLong() + " of "
                + job.path("total").asLong() + " blobs, "
                + bytes(job.path("bytes").asLong()) + " of "
                + bytes(job.path("totalBytes").asLong()) + "; "
                + job.path("damaged").asLong() + " damaged, "
                + job.path("missing").asLong() + " missing";
    }

    private static int report(JsonNode job, PrintWriter out, PrintWriter err) {
        String status = job.path("status").asString("");
        if (!status.equals("SUCCEEDED")) {
            err.println("tandem vault check: the check " + status.toLowerCase(Locale.ROOT) + ": "
                    + job.path("error").asString("no reason given") + " (job "
                    + job.path("id").asString() + ")");
            return TandemCommand.EXIT_UNREACHABLE;
        }
        for (JsonNode p : job.path("problems")) {
            out.println(line(p));
        }
        out.println(job.path("checked").asLong() + " blobs checked ("
                + bytes(job.path("bytes").asLong()) + "): "
                + job.path("intact").asLong() + " intact, "
                + job.path("damaged").asLong() + " damaged, "
                + job.path("missing").asLong() + " missing");
        out.flush();
        return job.path("problems").isEmpty() ? TandemCommand.EXIT_OK : TandemCommand.EXIT_FOUND;
    }

    /**
     * {@code damaged  evidence 01A… "fw.log" (incident 01B…)  expected <sha256>  actual <sha256>}, then
     * the server's detail (the file's path) on the next line, indented.
     */
    static String line(JsonNode p) {
        List<String> items = new ArrayList<>();
        for (JsonNode i : p.path("items")) {
            String item = i.path("kind").asString() + " " + i.path("id").asString();
            if (i.hasNonNull("name")) item += " \"" + i.path("name").asString() + "\"";
            if (i.hasNonNull("incident"))
                item += " (incident " + i.path("incident").asString() + ")";
            items.add(item);
        }
        String actual = p.hasNonNull("actual") ? p.path("actual").asString() : "none (no file)";
        return p.path("status").asString() + "  " + String.join(", ", items) + "  expected "
                + p.path("sha256").asString() + "  actual " + actual + System.lineSeparator() + "  "
                + p.path("detail").asString();
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private record Answer(JsonNode json, ServerConnection.@Nullable Failure failure) {}

    private static Answer send(HttpClient http, ServerConnection.Target target, String method, String path, int ok)
            throws InterruptedException {
        URI uri = target.resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + target.token())
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(JSON.nullNode(), ServerConnection.unreachable(target.base(), e));
        }
        if (response.statusCode() != ok) {
            return new Answer(JSON.nullNode(), ServerConnection.answered(response.statusCode(), response.body()));
        }
        try {
            return new Answer(JSON.readTree(response.body()), null);
        } catch (JacksonException e) {
            return new Answer(
                    JSON.nullNode(),
                    new ServerConnection.Failure(
                            TandemCommand.EXIT_UNREACHABLE,
                            "unexpected answer " + response.statusCode() + " from " + uri + ": not JSON"));
        }
    }

    private static int fail(PrintWriter err, ServerConnection.Failure failure) {
        err.println("tandem vault check: " + failure.message());
        return failure.exit();
    }
}
