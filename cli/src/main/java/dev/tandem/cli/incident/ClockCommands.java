package dev.tandem.cli.incident;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem incident facts|awareness INCIDENT}: the incident's input to the regulatory clock beside
 * its scope and judgements, one call each ({@code PUT /api/v1/incidents/{id}/facts}, {@code PUT
 * …/awareness}; docs/obligations-api.md "Incident facts" and "Awareness"). Both recompute the
 * obligations when the incident has a scope, and say so. Who may (LEGAL and the incident commander;
 * what gives notices more time, LEGAL alone) is the server's to decide (docs/access.md).
 */
final class ClockCommands {
    private ClockCommands() {}

    @Command(
            name = "facts",
            mixinStandardHelpOptions = true,
            description = {
                "Sets the incident's facts that move legal clocks; the obligations are recomputed at once.",
                "",
                "Give both: they replace the facts in force. A later determination, or unauthorized access"
                        + " taken back, gives notices more time or takes some away: LEGAL's alone.",
                IncidentCall.EXIT_CODES
            })
    static final class FactsCommand extends LifecycleCommands.OfIncident {
        @Option(
                names = "--determined-at",
                required = true,
                paramLabel = "TIME|none",
                description = "When the company determined that a breach occurred, RFC 3339 with an offset; none:"
                        + " not determined (the clocks that run from it run from awareness).")
        String determinedAt = "";

        @Option(
                names = "--unauthorized-access",
                required = true,
                paramLabel = "true|false",
                description = "Whether an outsider's unauthorized access (hacking, ransomware) caused it.")
        String unauthorizedAccess = "";

        @Override
        Map<String, String> options() {
            return Map.of("determinedAt", "--determined-at", "unauthorizedAccess", "--unauthorized-access");
        }

        /** What was sent, for the text. */
        private @Nullable String determined;

        private boolean unauthorized;

        @Override
        protected Request request() throws Usage {
            determined = determinedAt.strip().equalsIgnoreCase("none") ? null : time("--determined-at", determinedAt);
            unauthorized = switch (unauthorizedAccess.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new Usage("--unauthorized-access: must be true or false, got " + unauthorizedAccess);
            };
            // both always sent: a field left out is its default, so a fact would be taken back by omission
            ObjectNode body = object().put("determinedAt", determined).put("unauthorizedAccess", unauthorized);
            return Request.json("PUT", path("facts"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.factsSet(incident, determined, unauthorized, out);
            IncidentText.recomputed(incident, answer, out);
        }
    }

    @Command(
            name = "awareness",
            mixinStandardHelpOptions = true,
            description = {
                "Sets or corrects when the company became aware, which every deadline runs from.",
                "The obligations are recomputed at once.",
                "",
                "Moving it later gives every notice more time: LEGAL's alone, and the server's warning is printed.",
                IncidentCall.EXIT_CODES
            })
    static final class AwarenessCommand extends LifecycleCommands.OfIncident {
        @Option(
                names = "--aware-at",
                required = true,
                paramLabel = "TIME",
                description = "When the company became aware, RFC 3339 with an offset (e.g. 2026-11-26T07:00:00Z).")
        String awareAt = "";

        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "Why it is set or corrected; the ledger keeps it with the earlier value.")
        String reason = "";

        @Override
        Map<String, String> options() {
            return Map.of("awareAt", "--aware-at", "reason", "--reason");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body =
                    object().put("awareAt", time("--aware-at", awareAt)).put("reason", text("--reason", reason));
            return Request.json("PUT", path("awareness"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.awarenessSet(incident, awareAt, answer, out);
            IncidentText.recomputed(incident, answer, out);
        }
    }
}
