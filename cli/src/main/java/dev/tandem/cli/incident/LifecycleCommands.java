package dev.tandem.cli.incident;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem incident phase|contain|occurred-at|close}: the incident's lifecycle, one call each of
 * docs/contracts.md §2 ({@code PUT …/phase}, {@code POST …/containment}, {@code PUT …/occurred-at},
 * {@code POST …/closure}; docs/adr/121-timeline-entries-and-the-lifecycle-from-the-command-line.md).
 * Only the incident commander may; which change is allowed in which phase is the server's to decide.
 */
final class LifecycleCommands {
    private LifecycleCommands() {}

    /** The phases of NIST SP 800-61 Rev. 3 the server takes (docs/timeline.md). */
    static final List<String> PHASES = List.of("DETECT", "RESPOND", "RECOVER", "IMPROVE");

    /** A lifecycle call on the incident named first. */
    abstract static class OfIncident extends IncidentCall {
        @Parameters(index = "0", paramLabel = "INCIDENT", description = "The incident's id.")
        String incident = "";

        @Override
        String incidentId() {
            return incident;
        }

        String path(String what) {
            return "api/v1/incidents/" + segment(incident) + "/" + what;
        }
    }

    @Command(
            name = "phase",
            mixinStandardHelpOptions = true,
            description = {
                "Moves the incident to another phase (the incident commander).",
                "",
                "Forward one phase at a time (DETECT, RESPOND, RECOVER, IMPROVE), back to any earlier one."
            })
    static final class PhaseCommand extends OfIncident {
        @Option(
                names = "--phase",
                required = true,
                paramLabel = "PHASE",
                description = "DETECT, RESPOND, RECOVER or IMPROVE.")
        String phase = "";

        @Override
        Map<String, String> options() {
            return Map.of("phase", "--phase");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object().put("phase", oneOf("--phase", phase, PHASES));
            return Request.json("PUT", path("phase"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("incident " + incident + " is now in phase "
                    + answer.path("phase").asString());
            IncidentText.incident(answer, out);
        }
    }

    @Command(
            name = "contain",
            mixinStandardHelpOptions = true,
            description = "Declares the incident contained, now or as of --at (the incident commander).")
    static final class ContainCommand extends OfIncident {
        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "How it was contained.")
        String text = "";

        @Option(
                names = "--at",
                paramLabel = "TIME",
                description = "When it was contained, RFC 3339 with an offset (default: the server's time).")
        @Nullable
        String at;

        @Override
        Map<String, String> options() {
            return Map.of("text", "--text", "at", "--at");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object().put("text", text("--text", text));
            put(body, "at", time("--at", at));
            return Request.json("POST", path("containment"), body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("incident " + incident + " contained" + (at == null ? "" : " as of " + at) + " (ledger entry #"
                    + answer.path("ledgerIndex").asLong() + ")");
        }
    }

    @Command(
            name = "occurred-at",
            mixinStandardHelpOptions = true,
            description = "Records when the incident occurred, once known or better known (the incident commander).")
    static final class OccurredAtCommand extends OfIncident {
        @Option(
                names = "--occurred-at",
                required = true,
                paramLabel = "TIME",
                description = "When it occurred, RFC 3339 with an offset (e.g. 2026-11-26T05:00:00Z).")
        String occurredAt = "";

        @Option(
                names = "--precision",
                paramLabel = "PRECISION",
                description = "How precisely it is known: EXACT (default), MINUTE, HOUR or DAY.")
        @Nullable
        String precision;

        @Override
        Map<String, String> options() {
            return Map.of("occurredAt", "--occurred-at", "precision", "--precision");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object().put("occurredAt", time("--occurred-at", occurredAt));
            put(body, "precision", oneOf("--precision", precision, TimelineCommand.PRECISIONS));
            return Request.json("PUT", path("occurred-at"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("incident " + incident + " occurred at "
                    + answer.path("occurredAt").asString() + " (precision "
                    + answer.path("occurredPrecision").asString() + ")");
            IncidentText.incident(answer, out);
        }
    }

    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = {
                "Closes the incident, from RECOVER or IMPROVE (the incident commander).",
                "",
                "Its lifecycle changes no more; people may still add timeline entries."
            })
    static final class CloseCommand extends OfIncident {
        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "Why it is closed.")
        String text = "";

        @Override
        Map<String, String> options() {
            return Map.of("text", "--text");
        }

        @Override
        protected Request request() throws Usage {
            return Request.json("POST", path("closure"), object().put("text", text("--text", text)), 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("closed incident " + incident + " (ledger entry #"
                    + answer.path("ledgerIndex").asLong() + ")");
        }
    }
}
