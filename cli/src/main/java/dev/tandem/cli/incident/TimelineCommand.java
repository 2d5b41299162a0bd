package dev.tandem.cli.incident;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tandem timeline --incident ID}: the incident's timeline as the caller may see it
 * ({@code GET /api/v1/incidents/{id}/timeline}, docs/contracts.md §2), the one the incident report
 * and the audit-continuity report are drawn from. The server decides what the caller's role sees: a
 * privileged entry comes opened only to the incident commander and LEGAL, as its commitment to the
 * others. The API serves JSON only, so the formats are text and json.
 */
@Command(
        name = "timeline",
        mixinStandardHelpOptions = true,
        description = {
            "Prints an incident's timeline as this token's user may see it, oldest first.",
            "",
            "The one timeline the incident report and the audit-continuity report are drawn from; privileged"
                    + " entries are opened only for the incident commander and LEGAL, others see their commitment.",
            "Exit codes: 0 done, 2 usage error or the server refused (its reason printed), "
                    + "3 server unreachable, token refused or server error."
        })
public final class TimelineCommand extends IncidentCall {
    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
    String incident = "";

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
    protected Request request() {
        List<String> query = new ArrayList<>();
        add(query, "order", order);
        kinds.forEach(k -> add(query, "kind", k));
        add(query, "actor", actor);
        add(query, "since", since);
        add(query, "until", until);
        add(query, "repository", repository);
        return Request.get("api/v1/incidents/" + segment(incident) + "/timeline"
                + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }

    private static void add(List<String> query, String name, @Nullable String value) {
        if (value != null) query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        IncidentText.timeline(incident, answer, out);
    }
}
