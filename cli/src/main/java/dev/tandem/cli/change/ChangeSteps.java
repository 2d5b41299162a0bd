package dev.tandem.cli.change;

import dev.tandem.cli.ServerCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code tandem change} subcommands that are one call each of docs/contracts.md §3: reading
 * the changes, each step of a change (its answer is the change as it now stands), the observation
 * period and the control test register.
 */
final class ChangeSteps {
    private ChangeSteps() {}

    /** A step of one change: {@code POST /api/v1/changes/{id}/<step>}, answered with the change. */
    abstract static class Step extends ServerCommand.TextOrJson {
        @Parameters(index = "0", paramLabel = "CHANGE", description = "The change's id.")
        String change = "";

        /** The step's path below the change, e.g. {@code approvals}. */
        abstract String step();

        /** The step's body. */
        abstract ObjectNode body() throws Usage;

        /** What was done, for the line before the change: {@code approved}. */
        abstract String done();

        @Override
        protected Request request() throws Usage {
            return Request.json("POST", "api/v1/changes/" + segment(change) + "/" + step(), body(), 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println(done() + " change " + answer.path("id").asString() + "; it is now "
                    + answer.path("status").asString());
            ChangeText.change(answer, out);
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the incident's change requests: id, status, title, items, requester, decisions.")
    static final class ListCommand extends ServerCommand.TextJsonOrCsv {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
        String incident = "";

        @Override
        protected Request request() {
            return Request.get("api/v1/incidents/" + segment(incident) + "/changes");
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            ChangeText.list(incident, answer, out);
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Shows one change as its page does.",
                "",
                "The request, decisions, execution and diffs, items no register row matches, segregation of"
                        + " duties, and the retest cost if carried out."
            })
    static final class ShowCommand extends ServerCommand.TextOrJson {
        @Parameters(index = "0", paramLabel = "CHANGE", description = "The change's id.")
        String change = "";

        @Override
        protected Request request() {
            return Request.get("api/v1/changes/" + segment(change));
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            ChangeText.change(answer, out);
        }
    }

    /** {@code approve} and {@code reject}: one decision of the incident commander or the audit liaison. */
    abstract static class Decision extends Step {
        abstract boolean approve();

        abstract @Nullable String comment();

        @Override
        String step() {
            return "approvals";
        }

        @Override
        ObjectNode body() {
            ObjectNode b = object().put("decision", approve() ? "APPROVE" : "REJECT");
            put(b, "comment", comment());
            return b;
        }

        @Override
        String done() {
            return approve() ? "approved" : "rejected";
        }
    }

    @Command(
            name = "approve",
            mixinStandardHelpOptions = true,
            description = "Approves a change, as the incident commander or the audit liaison (never its requester).")
    static final class ApproveCommand extends Decision {
        @Option(
                names = {"--comment", "--reason"},
                paramLabel = "TEXT",
                description = "Why, recorded with the approval in the ledger.")
        @Nullable
        String comment;

        @Override
        boolean approve() {
            return true;
        }

        @Override
        @Nullable
        String comment() {
            return comment;
        }
    }

    @Command(
            name = "reject",
            aliases = "refuse",
            mixinStandardHelpOptions = true,
            description = "Rejects a change, as the incident commander or the audit liaison, saying why.")
    static final class RejectCommand extends Decision {
        @Option(
                names = {"--comment", "--reason"},
                required = true,
                paramLabel = "TEXT",
                description = "Why it is rejected: a rejection says why (public, in the ledger).")
        String comment = "";

        @Override
        boolean approve() {
            return false;
        }

        @Override
        String comment() {
            return comment;
        }
    }

    @Command(
            name = "acknowledge",
            mixinStandardHelpOptions = true,
            description = "Acknowledges a change, as an auditor: it approves nothing.")
    static final class AcknowledgeCommand extends Step {
        @Option(names = "--comment", paramLabel = "TEXT", description = "A comment recorded with it.")
        @Nullable
        String comment;

        @Override
        String step() {
            return "acknowledgements";
        }

        @Override
        ObjectNode body() {
            ObjectNode b = object();
            put(b, "comment", comment);
            return b;
        }

        @Override
        String done() {
            return "acknowledged";
        }
    }

    @Command(
            name = "execute",
            mixinStandardHelpOptions = true,
            description = {
                "Records that an approved (or emergency) change was carried out, with its post-change snapshots.",
                "",
                "The server diffs them against the pre-change ones and puts up the retests."
            })
    static final class ExecuteCommand extends Step {
        @Option(
                names = "--post-snapshot",
                paramLabel = "EVIDENCE",
                description = "A CONFIG_SNAPSHOT evidence id of the configuration after the change; repeatable.")
        List<String> postSnapshots = new ArrayList<>();

        @Option(names = "--notes", paramLabel = "TEXT", description = "Notes on how it was carried out.")
        @Nullable
        String notes;

        @Override
        String step() {
            return "execution";
        }

        @Override
        ObjectNode body() {
            ObjectNode b = object();
            put(b, "postSnapshots", postSnapshots);
            put(b, "notes", notes);
            return b;
        }

        @Override
        String done() {
            return "executed";
        }
    }

    @Command(
            name = "withdraw",
            mixinStandardHelpOptions = true,
            description = "Withdraws a request that will not go ahead (its requester or an incident commander).")
    static final class WithdrawCommand extends Step {
        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why (public, in the ledger).")
        String reason = "";

        @Override
        String step() {
            return "withdrawal";
        }

        @Override
        ObjectNode body() {
            return object().put("reason", reason);
        }

        @Override
        String done() {
            return "withdrew";
        }
    }

    @Command(
            name = "verify-processes",
            mixinStandardHelpOptions = true,
            description = "Records that the business processes an access restriction named work after it ran.")
    static final class VerifyProcessesCommand extends Step {
        @Option(
                names = "--process",
                required = true,
                paramLabel = "NAME",
                description = "A business process verified; repeatable, every one the change named.")
        List<String> processes = new ArrayList<>();

        @Option(names = "--comment", paramLabel = "TEXT", description = "How they were verified.")
        @Nullable
        String comment;

        @Override
        String step() {
            return "process-verifications";
        }

        @Override
        ObjectNode body() {
            ObjectNode b = object();
            put(b, "processes", processes);
            put(b, "comment", comment);
            return b;
        }

        @Override
        String done() {
            return "verified the business processes of";
        }
    }

    @Command(
            name = "period",
            mixinStandardHelpOptions = true,
            description = {
                "Shows the incident audit's SOC 2 Type II observation period, or sets it with --set.",
                "",
                "Setting it is the audit liaison's or an administrator's, and a ledger entry."
            })
    static final class PeriodCommand extends ServerCommand.TextOrJson {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
        String incident = "";

        @Option(
                names = "--set",
                arity = "2",
                paramLabel = "DAY",
                description = "The period's first and last day, ISO 8601: --set 2026-01-01 2026-12-31.")
        List<String> set = new ArrayList<>();

        @Override
        protected Request request() {
            String path = "api/v1/incidents/" + segment(incident) + "/observation-period";
            if (set.isEmpty()) return Request.get(path);
            return Request.json("PUT", path, object().put("start", set.get(0)).put("end", set.get(1)), 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            ChangeText.period(incident, answer, out);
        }
    }

    @Command(
            name = "register",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the incident's control test register, or adds the audit firm's CSV with --import.",
                "",
                "The CSV's columns: control,configItem,testedOn,tester,sample. Importing is the audit liaison's"
                        + " or an administrator's."
            })
    static final class RegisterCommand extends ServerCommand.TextOrJson {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
        String incident = "";

        @Option(names = "--import", paramLabel = "FILE.csv", description = "The register to import.")
        @Nullable
        Path file;

        @Override
        protected Request request() throws Usage {
            if (file == null) return Request.get("api/v1/incidents/" + segment(incident) + "/control-tests");
            byte[] csv;
            try {
                csv = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new Usage("cannot read --import " + file + ": "
                        + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.toString()));
            }
            String name = file.getFileName() == null
                    ? ""
                    : "&name=" + segment(file.getFileName().toString());
            return new Request(
                    "POST", "api/v1/control-tests?incident=" + segment(incident) + name, "text/csv", csv, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            if (file == null) {
                ChangeText.register(incident, answer, out);
            } else {
                ChangeText.imported(answer, out);
            }
        }
    }
}
