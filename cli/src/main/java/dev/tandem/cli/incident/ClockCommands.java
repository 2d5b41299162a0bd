package dev.tandem.cli.incident;

import dev.tandem.cli.ServerConnection;
import dev.tandem.regulation.notice.Art33Notice;
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

        // required, but checked in request(): picocli's "Missing required option" would not say why
        @Option(
                names = "--reason",
                paramLabel = "TEXT",
                description = "Required, the first time too: why it is set or corrected (the first alert, the"
                        + " mistyped time); the ledger keeps it with the earlier value.")
        String reason = "";

        /** Why a reason is asked for every time, the first included (docs/obligations-api.md "Awareness"). */
        static final String REASON_REQUIRED = "--reason: required, the first time too: every deadline runs from"
                + " the awareness time, so the ledger keeps why it was set (what showed the company it knew then)"
                + " beside the value it replaced; e.g. --reason 'the first alert came at 07:00'";

        @Override
        Map<String, String> options() {
            return Map.of("awareAt", "--aware-at", "reason", "--reason");
        }

        @Override
        protected Request request() throws Usage {
            String at = time("--aware-at", awareAt);
            if (reason.isBlank()) throw new Usage(REASON_REQUIRED);
            ObjectNode body = object().put("awareAt", at).put("reason", reason);
            return Request.json("PUT", path("awareness"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.awarenessSet(incident, awareAt, answer, out);
            IncidentText.recomputed(incident, answer, out);
        }

        /**
         * Set, and then, on stderr after the output, whether each Art. 33 notice's edited text (the
         * GDPR one, the UK GDPR one: ADR 145) was written before the change (ADR 132: the time it
         * states may be the old one, and sending it is refused until it is stored again). Said only
         * of a notice the caller may read; the exit code is the setting's.
         */
        @Override
        protected int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused {
            int exit = super.perform(out);
            out.flush();
            for (Art33Notice notice : Art33Notice.values()) {
                String note = staleNotice(connection.target(), notice);
                if (note != null) spec.commandLine().getErr().println(note);
            }
            return exit;
        }

        /** The line saying {@code which} notice's edited text predates the awareness in force, or null. */
        private @Nullable String staleNotice(ServerConnection.Target target, Art33Notice which) {
            Answer notice;
            try {
                notice = send(target, Request.get(path("notices/" + which.id())));
            } catch (Refused e) {
                // not the caller's to read (the notices are LEGAL's and the commander's), or none: nothing to say
                return null;
            }
            return noticeWrittenBefore(
                    incident,
                    which,
                    notice.header("Tandem-Notice-State"),
                    notice.header("Tandem-Notice-Version"),
                    notice.header("Tandem-Notice-Stale"));
        }
    }

    /**
     * What {@code tandem incident awareness} says when {@code which} notice's headers ({@code
     * Tandem-Notice-State}, {@code -Version}, {@code -Stale}) show an edited, unsent text written
     * before the awareness last changed; null otherwise (a generated draft follows the record). The
     * command to review it names the notice with {@code --notice}, but for the GDPR one, the default.
     */
    static @Nullable String noticeWrittenBefore(
            String incident,
            Art33Notice which,
            @Nullable String state,
            @Nullable String version,
            @Nullable String stale) {
        if (!"EDITED".equals(state) || version == null || stale == null) return null;
        boolean awareness = java.util.Arrays.stream(stale.split(","))
                .anyMatch(s -> s.strip().equals("awareness"));
        if (!awareness) return null;
        String option = which == Art33Notice.EU_GDPR ? "" : " --notice " + which.id();
        return "tandem incident awareness: the " + which.title() + " notice's text (version " + version.strip()
                + ") was written before this change, so the time it states may be the old one: review it with"
                + " `tandem notice show --incident " + incident + option + "` and store it again";
    }
}
