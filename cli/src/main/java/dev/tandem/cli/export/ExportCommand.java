package dev.tandem.cli.export;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem export}: downloads an incident's export bag (docs/contracts.md §5), streamed to the file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Downloads the incident's export bag (a BagIt zip) as the token's user may see it.",
            "Then check it anywhere, without the server: tandem verify FILE.zip --key <the log's key>.",
            "Exit codes: 0 written, 2 usage or refused request, 3 server unreachable or token refused."
        })
public final class ExportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    ServerConnection connection = new ServerConnection();

    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
    String incident = "";

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE.zip",
            description = "Where to write the bag; a file already there is replaced once the bag is complete.")
    Path out = Path.of("");

    @Option(
            names = "--since",
            paramLabel = "SIZE",
            description = "Include a consistency proof from this earlier tree size (a checkpoint you kept).")
    @Nullable
    Long since;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(stdout, err);
        } finally {
            stdout.flush();
            err.flush();
        }
    }

    private int run(PrintWriter stdout, PrintWriter err) {
        ServerConnection.Target target;
        try {
            target = connection.target();
        } catch (ServerConnection.Problem e) {
            return fail(err, TandemCommand.EXIT_USAGE, e.getMessage());
        }
        URI uri = target.resolve("api/v1/incidents/" + URLEncoder.encode(incident, StandardCharsets.UTF_8) + "/export"
                + (since != null ? "?since=" + since : ""));
        Path parent = out.toAbsolutePath().getParent();
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + target.token())
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return fail(err, ServerConnection.unreachable(target.base(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(err, TandemCommand.EXIT_UNREACHABLE, "interrupted");
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status != 200) {
                return fail(
                        err,
                        ServerConnection.answered(
                                status, new String(body.readNBytes(64 << 10), StandardCharsets.UTF_8)));
            }
            // to a temporary file beside the target, renamed once complete: never a half bag under the name
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, out.getFileName() + ".", ".part");
            try {
                long bytes = Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                stdout.println("wrote " + out + " (" + bytes + " bytes, checkpoint "
                        + response.headers().firstValue("Tandem-Checkpoint").orElse("?") + ")");
                stdout.println("verify it offline: tandem verify " + out + " --key '<the log's verifier key>'");
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            return fail(
                    err,
                    TandemCommand.EXIT_UNREACHABLE,
                    "the download from " + uri + " failed: " + ServerConnection.why(target.base(), e));
        }
        return TandemCommand.EXIT_OK;
    }

    private static int fail(PrintWriter err, ServerConnection.Failure failure) {
        return fail(err, failure.exit(), failure.message());
    }

    private static int fail(PrintWriter err, int code, String message) {
        err.println("tandem export: " + message);
        return code;
    }
}
