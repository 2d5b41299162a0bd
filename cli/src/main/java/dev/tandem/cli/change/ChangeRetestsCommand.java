package dev.tandem.cli.change;

import dev.tandem.cli.ServerCommand;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tandem change retests --incident ID}: the controls to retest after the incident's executed
 * changes, with the fee estimate; {@code --format csv} is the list the audit firm gets
 * ({@code GET /api/v1/incidents/{id}/retests?format=csv}, docs/contracts.md §3).
 */
@Command(
        name = "retests",
        mixinStandardHelpOptions = true,
        description =
                "Lists the control tests the incident's executed changes put up for retest, and the fee estimate.")
final class ChangeRetestsCommand extends ServerCommand.TextJsonOrCsv {
    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
    String incident = "";

    @Override
    protected Request request() {
        return Request.get("api/v1/incidents/" + segment(incident) + "/retests");
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        ChangeText.retests(incident, answer, out);
    }
}
