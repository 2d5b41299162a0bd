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
 * {@code tandem obligations show|owner|status OBLIGATION}: one obligation of the regulatory clock
 * ({@code GET /api/v1/obligations/{id}}, {@code PUT …/owner}, {@code POST …/status};
 * docs/obligations-api.md "Owner and status"), the obligation by the id {@code tandem obligations
 * --incident ID} prints. The options are the body's fields, checked before anything is sent as far as
 * they can be without the server; who may (LEGAL and the incident commander; NOT_REQUIRED, which sets
 * a notice aside, LEGAL alone), which evidence files it and which change the status allows are the
 * server's to decide (docs/access.md).
 */
final class ObligationCalls {
    private ObligationCalls() {}

    /** The statuses a person sets (SUPERSEDED is the recomputation's). */
    static final List<String> STATUSES = List.of("FILED", "NOT_REQUIRED", "PENDING");

    /** A call on the obligation named first. */
    abstract static class OnObligation extends IncidentCall {
        @Parameters(
                index = "0",
                paramLabel = "OBLIGATION",
                description = "The obligation's id, as tandem obligations --incident ID prints it.")
        String obligation = "";

        /** {@code api/v1/obligations/{obligation}}, then {@code more}. */
        String path(String more) {
            return "api/v1/obligations/" + segment(obligation) + more;
        }
    }

    @Command(
            name = "show",
            mixinStandardHelpOptions = true,
            description = {
                "Prints one obligation: its deadline and citation, owner, status and how it was filed or set aside.",
                IncidentCall.EXIT_CODES
            })
    static final class ShowCommand extends OnObligation {
        @Override
        protected Request request() {
            return Request.get(path(""));
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.obligationShown(answer, out);
        }
    }

    @Command(
            name = "owner",
            mixinStandardHelpOptions = true,
            description = {
                "Assigns the obligation to a member of its incident, or --unassign leaves it without owner.",
                "",
                "The owner is a member of the incident other than its auditor (auditor independence).",
                IncidentCall.EXIT_CODES
            })
    static final class OwnerCommand extends OnObligation {
        @Option(names = "--owner", paramLabel = "USERNAME", description = "Who owns it from now.")
        @Nullable
        String owner;

        @Option(names = "--unassign", description = "Nobody owns it from now.")
        boolean unassign;

        @Override
        Map<String, String> options() {
            return Map.of("owner", "--owner");
        }

        @Override
        protected Request request() throws Usage {
            if ((owner == null) == !unassign) {
                throw new Usage("--owner: give the owner's username, or --unassign (not both)");
            }
            ObjectNode body = object();
            if (owner == null) {
                body.putNull("owner");
            } else {
                body.put("owner", text("--owner", owner).strip());
            }
            return Request.json("PUT", path("/owner"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.ownerSet(answer, out);
        }
    }

    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description = {
                "Files the obligation (FILED), sets it aside (NOT_REQUIRED, LEGAL's) or reopens it (PENDING).",
                "",
                "FILED names the evidence item of the notice sent (tandem evidence add) and, with --sent-at,"
                        + " when it was sent if before now: a clock that runs from the notice runs from it. FILED"
                        + " is final. NOT_REQUIRED needs a justification, privileged unless --no-privileged: the"
                        + " ledger then keeps only its commitment.",
                IncidentCall.EXIT_CODES
            })
    static final class StatusCommand extends OnObligation {
        @Option(
                names = "--status",
                required = true,
                paramLabel = "STATUS",
                description = "FILED, NOT_REQUIRED or PENDING.")
        String status = "";

        @Option(
                names = "--evidence",
                paramLabel = "EVIDENCE",
                description = "FILED: the id of the evidence item of the notice sent, of the same incident.")
        @Nullable
        String evidence;

        @Option(
                names = "--sent-at",
                paramLabel = "TIME",
                description = "FILED: when the notice was sent, if before now; RFC 3339 with an offset"
                        + " (default: the server's time).")
        @Nullable
        String sentAt;

        @Option(
                names = "--justification",
                paramLabel = "TEXT",
                description = "Why the notice is not required (required for NOT_REQUIRED).")
        @Nullable
        String justification;

        @Option(
                names = "--privileged",
                negatable = true,
                defaultValue = "true",
                fallbackValue = "true",
                description = "The justification is privileged, the ledger keeps its commitment (default);"
                        + " --no-privileged records it in the clear.")
        boolean privileged = true;

        @Override
        Map<String, String> options() {
            return Map.of(
                    "status", "--status",
                    "evidence", "--evidence",
                    "sentAt", "--sent-at",
                    "justification", "--justification",
                    "privileged", "--privileged");
        }

        @Override
        protected Request request() throws Usage {
            String s = oneOf("--status", status, STATUSES);
            boolean filed = "FILED".equals(s);
            if (filed != (evidence != null)) {
                throw new Usage(
                        filed
                                ? "--evidence: FILED names the evidence item of the notice sent"
                                : "--evidence: only FILED names an evidence item, not " + s);
            }
            if (sentAt != null && !filed) throw new Usage("--sent-at: only FILED says when its notice was sent");
            if ("NOT_REQUIRED".equals(s) && justification == null) {
                throw new Usage("--justification: NOT_REQUIRED needs a justification");
            }
            ObjectNode body = object().put("status", s);
            if (evidence != null) body.put("evidence", text("--evidence", evidence));
            put(body, "sentAt", time("--sent-at", sentAt));
            if (justification != null) body.put("justification", text("--justification", justification));
            body.put("privileged", privileged);
            return Request.json("POST", path("/status"), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.statusSet(answer, privileged, out);
        }
    }
}
