package dev.tandem.cli.incident;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem timeline --incident ID}: the incident's timeline as the caller may see it
 * ({@code GET /api/v1/incidents/{id}/timeline}, docs/contracts.md §2), the one the incident report
 * and the audit-continuity report are drawn from. The server decides what the caller's role sees: a
 * privileged entry comes opened only to the incident commander and LEGAL, as its commitment to the
 * others. The formats are text, json and csv: json and csv print the server's answer as it came,
 * the csv one asked for with {@code format=csv} (docs/contracts.md "Additions", ADR 124), so its
 * rows are exactly the server's, with the same access decisions. {@code tandem timeline add} adds an
 * entry ({@link AddCommand}).
 */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Prints an incident's timeline as this token's user may see it, oldest first.",
            "",
            "'tandem timeline add' adds an entry to it.",
            "",
            "The one timeline the incident report and the audit-continuity report are drawn from; privileged"
                    + " entries are opened only for the incident commander and LEGAL, others see their commitment.",
            "--format csv prints the server's CSV of it as it came (a header row, one row an entry), for a"
                    + " spreadsheet.",
            IncidentCall.EXIT_CODES
        },
        subcommands = TimelineCommand.AddCommand.class)
public final class TimelineCommand extends IncidentCall {
    // required, but checked in request(): picocli would ask for it of 'timeline add' too
    @Option(names = "--incident", paramLabel = "ID", description = "The incident (required).")
    @Nullable
    String incident;

    @Option(
            names = "--order",
            paramLabel = "TIME",
            description = "The time to sort by: at (recorded, default), eventAt (happened) or discoveredAt.")
    @Nullable
    String order;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "Only entries of this kind (NOTE, DECISION, …) or type (evidence.added, …); repeatable.")
    List<String> kinds = new ArrayList<>();

    @Option(names = "--actor", paramLabel = "USERNAME", description = "Only entries recorded by this person.")
    @Nullable
    String actor;

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only entries at or after this RFC 3339 time (on the time sorted by).")
    @Nullable
    String since;

    @Option(
            names = "--until",
            paramLabel = "TIME",
            description = "Only entries before this RFC 3339 time (on the time sorted by).")
    @Nullable
    String until;

    @Option(
            names = "--repository",
            paramLabel = "REPOSITORY",
            description = "Only entries of AUDIT or of FORENSIC (privileged) material.")
    @Nullable
    String repository;

    /** The command with {@code --server} checked by itself ({@link IncidentCall#withSubcommands}). */
    public static CommandLine commandLine() {
        CommandLine cl = withSubcommands(new TimelineCommand());
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        CommandLine.Model.OptionSpec format = spec.findOption("--format");
        spec.remove(format);
        spec.addOption(CommandLine.Model.OptionSpec.builder(format)
                .description("text (default), json or csv (the server's answer as it came).")
                .build());
        return cl;
    }

    @Override
    protected List<String> formats() {
        return List.of("text", "json", "csv");
    }

    @Override
    Map<String, String> options() {
        return Map.of(
                "order", "--order",
                "kind", "--kind",
                "actor", "--actor",
                "since", "--since",
                "until", "--until",
                "repository", "--repository");
    }

    @Override
    protected Request request() throws Usage {
        String id = required(incident);
        List<String> query = new ArrayList<>();
        add(query, "order", order);
        kinds.forEach(k -> add(query, "kind", k));
        add(query, "actor", actor);
        add(query, "since", since);
        add(query, "until", until);
        add(query, "repository", repository);
        if (format().equals("csv")) query.add("format=csv");
        return Request.get("api/v1/incidents/" + segment(id) + "/timeline"
                + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }

    private static void add(List<String> query, String name, @Nullable String value) {
        if (value != null) query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        IncidentText.timeline(incident, answer, out);
    }

    /** The kinds of entry a person adds (docs/contracts.md §2). */
    static final List<String> KINDS = List.of("NOTE", "DECISION", "EXTERNAL_EVENT", "CORRECTION");

    /** How precisely a time is known (docs/timeline.md). */
    static final List<String> PRECISIONS = List.of("EXACT", "MINUTE", "HOUR", "DAY");

    /**
     * {@code tandem timeline add}: one entry on the incident's timeline ({@code POST
     * /api/v1/incidents/{id}/timeline}), each option a field of the entry. What is malformed is a usage
     * error before anything is sent; who may add (not an auditor; a privileged entry only LEGAL and the
     * incident commander) is the server's to decide.
     */
    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = {
                "Adds an entry to an incident's timeline: a note, decision, external event or correction.",
                "",
                "The entry is recorded at the server's time; --event-at says when what it tells of happened"
                        + " and --discovered-at when it came to light. A CORRECTION names the entry it corrects"
                        + " (--corrects), which stays as it was.",
                IncidentCall.EXIT_CODES
            })
    static final class AddCommand extends IncidentCall.OnIncident {
        @Option(
                names = "--kind",
                required = true,
                paramLabel = "KIND",
                description = "NOTE, DECISION, EXTERNAL_EVENT or CORRECTION.")
        String kind = "";

        @Option(names = "--text", required = true, paramLabel = "TEXT", description = "What to record.")
        String text = "";

        @Option(
                names = "--event-at",
                paramLabel = "TIME",
                description = "When it happened, RFC 3339 with an offset (e.g. 2026-11-26T07:00:00Z).")
        @Nullable
        String eventAt;

        @Option(
                names = "--event-precision",
                paramLabel = "PRECISION",
                description = "How precisely --event-at is known: EXACT (default), MINUTE, HOUR or DAY.")
        @Nullable
        String eventPrecision;

        @Option(
                names = "--discovered-at",
                paramLabel = "TIME",
                description = "When it came to light, RFC 3339 with an offset; not before --event-at.")
        @Nullable
        String discoveredAt;

        @Option(
                names = "--corrects",
                paramLabel = "INDEX",
                description = "The ledger index of the entry a CORRECTION corrects.")
        @Nullable
        Long corrects;

        @Option(
                names = "--privileged",
                description = "Privileged (FORENSIC) material: only its commitment is shown to others than the"
                        + " incident commander and LEGAL, who alone may add one.")
        boolean privileged;

        @Override
        Map<String, String> options() {
            return Map.of(
                    "kind", "--kind",
                    "text", "--text",
                    "eventAt", "--event-at",
                    "eventPrecision", "--event-precision",
                    "discoveredAt", "--discovered-at",
                    "corrects", "--corrects",
                    "privileged", "--privileged");
        }

        @Override
        protected Request request() throws Usage {
            String k = oneOf("--kind", kind, KINDS);
            ObjectNode body = object().put("kind", k).put("text", text("--text", text));
            put(body, "eventAt", time("--event-at", eventAt));
            String precision = oneOf("--event-precision", eventPrecision, PRECISIONS);
            if (precision != null && eventAt == null) throw new Usage("--event-precision: given without --event-at");
            put(body, "eventPrecision", precision);
            put(body, "discoveredAt", time("--discovered-at", discoveredAt));
            if (corrects != null && corrects < 0) {
                throw new Usage("--corrects: must be a ledger index, 0 or more, got " + corrects);
            }
            if ("CORRECTION".equals(k) != (corrects != null)) {
                throw new Usage(
                        "CORRECTION".equals(k)
                                ? "--corrects: a CORRECTION names the ledger index of the entry it corrects"
                                : "--corrects: only a CORRECTION names an entry, not a " + k);
            }
            if (corrects != null) body.put("corrects", corrects);
            if (privileged) body.put("privileged", true);
            return Request.json("POST", path("timeline"), body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("added " + kind.strip().toUpperCase(java.util.Locale.ROOT) + (privileged ? " (privileged)" : "")
                    + " to the timeline of incident " + incident + " (ledger entry #"
                    + answer.path("ledgerIndex").asLong() + ")");
        }
    }
}
