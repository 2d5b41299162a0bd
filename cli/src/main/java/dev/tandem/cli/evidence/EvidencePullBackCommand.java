package dev.tandem.cli.evidence;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tandem evidence pull-back}: counsel (LEGAL) moves an AUDIT item filed by mistake to
 * FORENSIC, and is told what it had exposed: each read of its content and each export bag that
 * carried it, by their ledger entries (docs/contracts.md, "Pulling an item back").
 */
@Command(
        name = "pull-back",
        mixinStandardHelpOptions = true,
        description = "Pull an AUDIT item filed by mistake back to FORENSIC (LEGAL only); prints what it had exposed.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:pulled back",
            "2:usage error or a refused request (403 for another role, 409 already FORENSIC)",
            "3:server unreachable, token refused or server error"
        })
public final class EvidencePullBackCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @CommandLine.Mixin
    ServerConnection connection = new ServerConnection();

    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The item's incident.")
    String incident;

    @Option(
            names = "--reason",
            required = true,
            paramLabel = "TEXT",
            description = "Why it is pulled back; public: the auditor reads it in the ledger.")
    String reason;

    @Parameters(index = "0", paramLabel = "EVIDENCE", description = "The AUDIT item's id.")
    String evidence;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServerConnection.Target target;
        try {
            target = connection.target();
        } catch (ServerConnection.Problem e) {
            err.println("tandem evidence pull-back: " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        URI uri = target.resolve("api/v1/incidents/" + URLEncoder.encode(incident, StandardCharsets.UTF_8)
                + "/evidence/" + URLEncoder.encode(evidence, StandardCharsets.UTF_8) + "/pull-back");
        String body = JSON.createObjectNode().put("reason", reason).toString();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + target.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail(err, ServerConnection.unreachable(target.base(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TandemCommand.EXIT_UNREACHABLE;
        }
        if (response.statusCode() != 200) {
            return fail(err, ServerConnection.answered(response.statusCode(), response.body()));
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (JacksonException e) {
            err.println("tandem evidence pull-back: unexpected answer " + response.statusCode() + " from " + uri);
            return TandemCommand.EXIT_UNREACHABLE;
        }
        out.println("pulled back " + answer.path("evidence").asString() + " to "
                + answer.path("repository").asString() + " (ledger entry #"
                + answer.path("ledgerIndex").asLong() + ")");
        JsonNode reads = answer.path("reads");
        JsonNode exports = answer.path("exports");
        if (reads.isEmpty() && exports.isEmpty()) {
            out.println("exposed before: nothing (no read of its content, no export bag)");
            return TandemCommand.EXIT_OK;
        }
        out.println("exposed before: " + reads.size() + (reads.size() == 1 ? " read, " : " reads, ") + exports.size()
                + (exports.size() == 1 ? " export bag" : " export bags"));
        for (JsonNode r : reads) {
            out.println("  read    #" + r.path("index").asLong() + "  "
                    + r.path("at").asString() + "  " + r.path("actor").asString());
        }
        for (JsonNode x : exports) {
            out.println("  export  #" + x.path("index").asLong() + "  "
                    + x.path("at").asString() + "  " + x.path("actor").asString() + "  (bag drawn at tree size "
                    + x.path("treeSize").asLong() + ")");
        }
        // said plainly, as the web page's question says it (docs/web.md, "Actions that ask first")
        out.println("the move does not undo these: what was read or downloaded stays with whoever holds it"
                + (exports.isEmpty() ? "" : ", and each export bag above still carries the item and still verifies")
                + "; ask them to return or destroy their copies");
        return TandemCommand.EXIT_OK;
    }

    private static int fail(PrintWriter err, ServerConnection.Failure failure) {
        err.println("tandem evidence pull-back: " + failure.message());
        return failure.exit();
    }
}
