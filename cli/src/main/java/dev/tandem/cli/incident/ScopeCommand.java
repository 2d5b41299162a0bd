package dev.tandem.cli.incident;

import dev.tandem.cli.TandemCommand;
import dev.tandem.regulation.DataCategory;
import dev.tandem.regulation.InvalidScopeException;
import dev.tandem.regulation.Subjects;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem scope show|set --incident ID}: the incident's scope, who was affected where and which
 * data ({@code GET|PUT /api/v1/incidents/{id}/scope}, docs/obligations-api.md "Scope"), the input the
 * regulatory clock computes the obligations from. {@code set} takes the scope as {@code tandem
 * deadlines} does ({@code --subjects CC=N,…}, {@code --data CAT,…}, {@code --encrypted}), checked with
 * the same code before anything is sent. Who may read it (not the auditor) and set it (LEGAL and the
 * incident commander; declaring the data encrypted LEGAL alone) is the server's to decide.
 */
@Command(
        name = "scope",
        mixinStandardHelpOptions = true,
        description = {
            "An incident's scope, the people affected by place and the data categories: show it, set it.",
            IncidentCall.EXIT_CODES
        },
        subcommands = {ScopeCommand.ShowCommand.class, ScopeCommand.SetCommand.class})
public final class ScopeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Prints the incident's scope and who set it when.",
                "The people affected in each place, the data categories and whether they were encrypted.",
                "Exit codes: 0 done, 2 usage error or the server refused (its reason printed; 404 no-scope"
                        + " before the first set), 3 server unreachable, token refused or server error."
            })
    static final class ShowCommand extends IncidentCall.Read {
        ShowCommand() {
            super("scope", IncidentText::scope);
        }
    }

    @Command(
            name = "set",
            mixinStandardHelpOptions = true,
            description = {
                "Sets the incident's scope, replacing the one in force; the obligations are recomputed at once.",
                "",
                "The options are tandem deadlines' own. Give the whole scope: what is left out is no longer in it"
                        + " (no --data: no category; no --encrypted: not encrypted). The incident needs its"
                        + " awareness time (tandem incident open --aware-at, or tandem incident awareness once"
                        + " opened): every deadline runs from it.",
                IncidentCall.EXIT_CODES
            })
    static final class SetCommand extends IncidentCall.OnIncident {
        @Option(
                names = "--subjects",
                required = true,
                paramLabel = "CC=N,...",
                description = "Affected people by ISO 3166 code: DE=1200,US-CA=800; ZZ counts people of no known"
                        + " country (tandem scan prints this argument).")
        String subjects = "";

        @Option(
                names = "--data",
                split = ",",
                paramLabel = "CAT",
                description = "Data categories, comma-separated: "
                        + "CONTACT, PAYMENT_CARD, GOVERNMENT_ID, CREDENTIALS, HEALTH, FINANCIAL_ACCOUNT,"
                        + " DATE_OF_BIRTH, BIOMETRIC.")
        List<String> data = new ArrayList<>();

        @Option(
                names = "--encrypted",
                description = "The data were encrypted and the key was not compromised (the safe harbours;"
                        + " LEGAL's to declare).")
        boolean encrypted;

        @Override
        Map<String, String> options() {
            return Map.of("subjects", "--subjects", "data", "--data", "encrypted", "--encrypted");
        }

        @Override
        protected Request request() throws Usage {
            ObjectNode body = object();
            ObjectNode people = body.putObject("subjects");
            try {
                Subjects.parse(subjects).counts().forEach(people::put);
            } catch (InvalidScopeException e) {
                throw new Usage("--subjects: " + e.getMessage());
            }
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            for (String d : data) {
                try {
                    categories.add(DataCategory.parse(d));
                } catch (InvalidScopeException e) {
                    throw new Usage("--data: " + e.getMessage());
                }
            }
            var names = body.putArray("data");
            categories.forEach(c -> names.add(c.name()));
            body.put("encrypted", encrypted);
            return Request.json("PUT", path("scope"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.scopeSet(incident, answer.path("scope"), out);
            IncidentText.recomputed(incident, answer, out);
        }
    }
}
