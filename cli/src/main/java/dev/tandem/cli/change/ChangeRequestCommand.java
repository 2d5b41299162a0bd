package dev.tandem.cli.change;

import dev.tandem.cli.ServerCommand;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem change request --incident ID …}: a change request
 * ({@code POST /api/v1/incidents/{id}/changes}, docs/change-control.md "Change requests"). Each
 * option is a field of the request's body; what is left out is left to the server, which fills it
 * from a finding ({@code --finding}) or refuses, naming the field, and the refusal's line names
 * the option that gives it.
 */
@Command(
        name = "request",
        mixinStandardHelpOptions = true,
        description = {
            "Requests a change against pre-change snapshots; two people approve it before it is carried out.",
            "With --finding, what is left out is filled from the finding's proposed containment."
        })
final class ChangeRequestCommand extends ServerCommand.TextOrJson {
    @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
    String incident = "";

    @Option(names = "--title", paramLabel = "TEXT", description = "What the change does.")
    @Nullable
    String title;

    @Option(names = "--system", paramLabel = "TEXT", description = "The system it changes, e.g. Salesforce production.")
    @Nullable
    String system;

    @Option(names = "--description", paramLabel = "TEXT", description = "The change in more words.")
    @Nullable
    String description;

    @Option(
            names = "--kind",
            paramLabel = "KIND",
            description = "ISOLATION, ACCESS_RESTRICTION, CREDENTIAL_ROTATION, CONFIGURATION (default) or CODE.")
    @Nullable
    String kind;

    @Option(names = "--risk", paramLabel = "RISK", description = "LOW, MEDIUM (default) or HIGH.")
    @Nullable
    String risk;

    @Option(
            names = "--item",
            paramLabel = "Type:Name",
            description = "A configuration item it changes, Type:Name[#part[/sub-part]]; repeatable.")
    List<String> items = new ArrayList<>();

    @Option(
            names = "--control",
            paramLabel = "ID",
            description = "A control it affects (CC6.3, A.8.2); repeatable. Default: the register's for the items.")
    List<String> controls = new ArrayList<>();

    @Option(
            names = "--pre-snapshot",
            paramLabel = "EVIDENCE",
            description = "A CONFIG_SNAPSHOT evidence id of the configuration just before the change; repeatable.")
    List<String> preSnapshots = new ArrayList<>();

    @Option(names = "--rollback-plan", paramLabel = "TEXT", description = "How the change is undone.")
    @Nullable
    String rollbackPlan;

    @Option(
            names = "--emergency",
            description = "Carried out before its approvals (the incident commander only); approved afterwards.")
    boolean emergency;

    @Option(
            names = "--auditor-access",
            paramLabel = "TEXT",
            description = "For an ISOLATION: how auditors keep read-only access to the system's evidence.")
    @Nullable
    String auditorAccess;

    @Option(
            names = "--business-process",
            paramLabel = "NAME",
            description = "For an ACCESS_RESTRICTION: a business process it may break; repeatable.")
    List<String> businessProcesses = new ArrayList<>();

    @Option(names = "--finding", paramLabel = "ID", description = "The finding whose proposed containment it is.")
    @Nullable
    String finding;

    @Option(
            names = "--containment",
            paramLabel = "N",
            description = "The finding's proposed containment, by number (default 0).")
    @Nullable
    Integer containment;

    /** The request body's fields and the options that give them. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("title", "--title"),
            Map.entry("system", "--system"),
            Map.entry("description", "--description"),
            Map.entry("kind", "--kind"),
            Map.entry("risk", "--risk"),
            Map.entry("configItems", "--item"),
            Map.entry("controls", "--control"),
            Map.entry("preSnapshots", "--pre-snapshot"),
            Map.entry("rollbackPlan", "--rollback-plan"),
            Map.entry("emergency", "--emergency"),
            Map.entry("auditorAccess", "--auditor-access"),
            Map.entry("businessProcesses", "--business-process"),
            Map.entry("finding", "--finding"),
            Map.entry("containment", "--containment"));

    /** A refusal names the body's field first ({@code configItems: …}, docs/change-control.md). */
    @Override
    @Nullable
    protected String option(String detail) {
        int colon = detail.indexOf(':');
        return colon < 0 ? null : OPTIONS.get(detail.substring(0, colon));
    }

    @Override
    protected Request request() throws Usage {
        if (containment != null && finding == null) {
            throw new Usage("--containment N names a containment of a finding: give --finding too");
        }
        return Request.json("POST", "api/v1/incidents/" + segment(incident) + "/changes", body(), 201);
    }

    /** The request's body: the options given, nothing for those left out. */
    ObjectNode body() {
        ObjectNode b = object();
        put(b, "title", title);
        put(b, "system", system);
        put(b, "description", description);
        put(b, "kind", kind);
        put(b, "risk", risk);
        put(b, "configItems", items);
        put(b, "controls", controls);
        put(b, "preSnapshots", preSnapshots);
        put(b, "rollbackPlan", rollbackPlan);
        b.put("emergency", emergency);
        put(b, "auditorAccess", auditorAccess);
        put(b, "businessProcesses", businessProcesses);
        put(b, "finding", finding);
        if (containment != null) b.put("containment", containment.intValue());
        return b;
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        out.println("requested change " + answer.path("id").asString() + "; it is now "
                + answer.path("status").asString());
        ChangeText.change(answer, out);
    }
}
