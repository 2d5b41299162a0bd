package dev.tandem.cli.incident;

import java.io.PrintWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tandem incident list|show|open}: one call each of docs/contracts.md §2. */
final class IncidentCalls {
    private IncidentCalls() {}

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the incidents this token's user is a member of, with their role in each.")
    static final class ListCommand extends IncidentCall {
        @Override
        protected Request request() {
            return Request.get("api/v1/incidents");
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.incidents(answer, out);
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description =
                    "Shows one incident: severity, phase, your role, and when it was opened, known and contained.")
    static final class ShowCommand extends IncidentCall {
        @Parameters(index = "0", paramLabel = "INCIDENT", description = "The incident's id.")
        String incident = "";

        @Override
        protected Request request() {
            return Request.get("api/v1/incidents/" + segment(incident));
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.incident(answer, out);
        }
    }

    @Command(
            name = "open",
            mixinStandardHelpOptions = true,
            description = {
                "Opens an incident; this token's user becomes its incident commander.",
                "",
                "Every deadline of the regulatory clock runs from --aware-at; give it when known (it may be set"
                        + " later, as a recorded scope change)."
            })
    static final class OpenCommand extends IncidentCall {
        @Option(names = "--title", required = true, paramLabel = "TITLE", description = "What happened, in a line.")
        String title = "";

        @Option(
                names = "--severity",
                required = true,
                paramLabel = "SEVERITY",
                description = "LOW, MEDIUM, HIGH or CRITICAL.")
        String severity = "";

        @Option(
                names = "--aware-at",
                paramLabel = "TIME",
                description = "When the company became aware, RFC 3339 with an offset (e.g. 2026-11-26T07:00:00Z).")
        @Nullable
        String awareAt;

        @Option(
                names = "--time-zone",
                paramLabel = "ZONE",
                description = "The incident's IANA time zone, e.g. Europe/Berlin (default UTC).")
        @Nullable
        String timeZone;

        @Override
        Map<String, String> options() {
            return Map.of(
                    "title", "--title", "severity", "--severity", "awareAt", "--aware-at", "timeZone", "--time-zone");
        }

        @Override
        protected Request request() {
            ObjectNode body = object().put("title", title).put("severity", severity);
            put(body, "awareAt", awareAt);
            put(body, "timeZone", timeZone);
            return Request.json("POST", "api/v1/incidents", body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("opened incident " + answer.path("id").asString() + "; you are its incident commander");
            IncidentText.incident(answer, out);
        }
    }
}
