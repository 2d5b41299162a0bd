package dev.tandem.cli.evidence;

import dev.tandem.cli.Columns;
import dev.tandem.cli.ServerCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code tandem evidence privilege-log --incident ID}: every FORENSIC item of the incident with what
 * identifies it and counsel's privilege basis, for LEGAL and the incident commander; {@code --format
 * csv} is the log counsel produces ({@code GET /api/v1/incidents/{id}/privilege-log?format=csv},
 * docs/contracts.md "The privilege log", ADR 157).
 */
@Command(
        name = "privilege-log",
        mixinStandardHelpOptions = true,
        description = {
            "Lists every FORENSIC item of the incident with counsel's privilege basis.",
            "LEGAL and the incident commander only; --format csv is the log counsel produces."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:listed",
            "2:usage error or a refused request (403 for a role other than LEGAL or the incident commander)",
            "3:server unreachable, token refused or server error"
        })
final class EvidencePrivilegeLogCommand extends ServerCommand.TextJsonOrCsv {
    /** What the log says of an item filed without a basis (docs/contracts.md "The privilege log"). */
    static final String NOT_RECORDED = "not recorded";

    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
    String incident = "";

    @Override
    protected Request request() {
        return Request.get("api/v1/incidents/" + segment(incident) + "/privilege-log");
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        JsonNode items = answer.path("items");
        if (items.isEmpty()) {
            out.println("no FORENSIC evidence in incident " + incident + ": nothing is withheld");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "KIND", "RECEIVED", "FILED BY", "SIZE", "ENTRY", "PRIVILEGE BASIS"));
        for (JsonNode i : items) {
            rows.add(List.of(
                    i.path("id").asString(),
                    i.path("name").asString(),
                    i.path("kind").asString(),
                    i.path("receivedAt").asString(),
                    i.path("filedBy").asString(),
                    Long.toString(i.path("size").asLong()),
                    "#" + i.path("ledgerIndex").asLong(),
                    i.hasNonNull("privilegeBasis") ? i.path("privilegeBasis").asString() : NOT_RECORDED));
        }
        List<String> lines = Columns.table(rows);
        out.println(lines.getFirst());
        int pulledBack = 0;
        for (int n = 0; n < items.size(); n++) {
            JsonNode i = items.get(n);
            out.println(lines.get(n + 1));
            out.println("    sha256 " + i.path("sha256").asString());
            JsonNode p = i.path("pulledBack");
            if (p.isObject()) {
                pulledBack++;
                out.println("    pulled back from AUDIT " + p.path("at").asString() + " by "
                        + p.path("by").asString() + " (entry #"
                        + p.path("ledgerIndex").asLong() + "): "
                        + p.path("reason").asString());
            }
        }
        out.println(items.size() + (items.size() == 1 ? " FORENSIC item" : " FORENSIC items") + " withheld"
                + (pulledBack == 0 ? "" : ", " + pulledBack + " pulled back from AUDIT"));
    }
}
