package dev.tandem.cli.incident;

import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem judgements list|record --incident ID}: the answers people gave to the questions the
 * law leaves to judgement ({@code GET|POST /api/v1/incidents/{id}/judgements}, docs/obligations-api.md
 * "Judgements"), which set notices aside or start clocks. {@code record} sends the judgement's fields
 * as options, checked before anything is sent as far as they can be without the server: which
 * questions exist is its rule book's (its refusal lists them), and so is who may (LEGAL and the
 * incident commander; an answer that sets a notice aside LEGAL alone) and who reads a reason (the
 * incident commander and LEGAL; the auditor reads no judgement).
 */
@Command(
        name = "judgements",
        mixinStandardHelpOptions = true,
        description = {
            "The judgements of an incident, the answers to the questions the law leaves to people: list, record.",
            IncidentCall.EXIT_CODES
        },
        subcommands = {JudgementsCommand.ListCommand.class, JudgementsCommand.RecordCommand.class})
public final class JudgementsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }

    /** The answers the API takes. */
    static final List<String> ANSWERS = List.of("YES", "NO");

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = {
                "Lists the incident's judgements in the order recorded.",
                "Each with its question, answer, when decided and by whom, whether it sets a notice aside, and"
                        + " the reason where your role reads it.",
                "The latest answer to a question is the one in force."
            })
    static final class ListCommand extends IncidentCall.Read {
        ListCommand() {
            super("judgements", IncidentText::judgements);
        }
    }

    @Command(
            name = "record",
            mixinStandardHelpOptions = true,
            description = {
                "Records a judgement; the obligations are recomputed at once when the incident has a scope.",
                "",
                "A later judgement on the same question replaces this one in force; nothing is edited. The reason"
                        + " is privileged unless --no-privileged: the ledger then keeps only its commitment.",
                IncidentCall.EXIT_CODES
            })
    static final class RecordCommand extends IncidentCall.OnIncident {
        @Option(
                names = "--question",
                required = true,
                paramLabel = "QUESTION",
                description = "The question's key in the rule book, e.g. RISK, HIGH_RISK, MATERIAL, EXTORTION_PAID.")
        String question = "";

        @Option(names = "--answer", required = true, paramLabel = "ANSWER", description = "YES or NO.")
        String answer = "";

        @Option(
                names = "--reason",
                required = true,
                paramLabel = "TEXT",
                description = "Why the question is answered so.")
        String reason = "";

        @Option(
                names = "--decided-at",
                paramLabel = "TIME",
                description = "When it was decided (or, for an event such as EXTORTION_PAID, when it happened), if"
                        + " before now; RFC 3339 with an offset (default: the server's time).")
        @Nullable
        String decidedAt;

        @Option(
                names = "--privileged",
                negatable = true,
                defaultValue = "true",
                fallbackValue = "true",
                description = "The reason is privileged, the ledger keeps its commitment (default);"
                        + " --no-privileged records it in the clear.")
        boolean privileged = true;

        @Override
        Map<String, String> options() {
            return Map.of(
                    "question", "--question",
                    "answer", "--answer",
                    "reason", "--reason",
                    "decidedAt", "--decided-at",
                    "privileged", "--privileged");
        }

        @Override
        protected Request request() throws Usage {
            String q = question.strip().toUpperCase(Locale.ROOT);
            if (!q.matches("[A-Z][A-Z0-9_]*")) {
                throw new Usage("--question: must be a question's key, letters, digits and _ (e.g. HIGH_RISK), got "
                        + question);
            }
            ObjectNode body = object().put("question", q)
                    .put("answer", oneOf("--answer", answer, ANSWERS))
                    .put("reason", text("--reason", reason));
            put(body, "decidedAt", time("--decided-at", decidedAt));
            body.put("privileged", privileged);
            return Request.json("POST", path("judgements"), body, 201);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("recorded " + question.strip().toUpperCase(Locale.ROOT) + " "
                    + this.answer.strip().toUpperCase(Locale.ROOT) + " in incident " + incident + " (decided "
                    + (decidedAt == null ? "as recorded" : "at " + decidedAt) + "; reason "
                    + (privileged ? "privileged" : "not privileged") + ")");
            IncidentText.recomputed(incident, answer, out);
        }
    }
}
