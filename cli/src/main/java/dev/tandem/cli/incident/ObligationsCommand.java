package dev.tandem.cli.incident;

import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code tandem obligations --incident ID}: the incident's notification obligations as the server's
 * regulatory clock has them ({@code GET /api/v1/incidents/{id}/obligations}, docs/obligations-api.md),
 * each with its deadline, the time left and its citation, and the laws checked where nothing is owed
 * ({@code notTriggered}). What the caller's role may read (the auditor: no scope, no
 * {@code notTriggered}) the server decides. Exit 1 when a required deadline has passed, as
 * {@code tandem deadlines}. {@code tandem obligations show|owner|status} read and change one of them
 * ({@link ObligationCalls}).
 */
@Command(
        name = "obligations",
        mixinStandardHelpOptions = true,
        description = {
            "Prints an incident's notification obligations: deadlines, time left, citations, laws not triggered.",
            "Not legal advice: a starting list for counsel to review.",
            "",
            "'tandem obligations show|owner|status' read one obligation, assign its owner, file it or set it aside.",
            "",
            "Exit codes: 0 no required deadline has passed, 1 one has (MISSED), 2 usage error or the server"
                    + " refused (its reason printed), 3 server unreachable, token refused or server error."
        },
        subcommands = {
            ObligationCalls.ShowCommand.class,
            ObligationCalls.OwnerCommand.class,
            ObligationCalls.StatusCommand.class
        })
public final class ObligationsCommand extends IncidentCall {
    // required, but checked in request(): picocli would ask for it of 'obligations show' too
    @Option(names = "--incident", paramLabel = "ID", description = "The incident (required).")
    @Nullable
    String incident;

    /** The command with {@code --server} checked by itself ({@link IncidentCall#withSubcommands}). */
    public static CommandLine commandLine() {
        return withSubcommands(new ObligationsCommand());
    }

    @Override
    protected Request request() throws Usage {
        return Request.get("api/v1/incidents/" + segment(required(incident)) + "/obligations");
    }

    @Override
    @Nullable
    String incidentId() {
        return incident;
    }

    /**
     * As one call, but in text, when nothing was computed yet, the incident is read too: without an
     * awareness time its scope cannot be set (422 {@code no-aware-at}), so the line names what to set
     * first.
     */
    @Override
    protected int perform(PrintWriter out) throws Usage, ServerConnection.Problem, Refused {
        if (!format().equals("text")) return super.perform(out);
        Request request = request();
        ServerConnection.Target target = connection.target();
        Answer answer = send(target, request);
        JsonNode json = answer.json(target);
        boolean unaware = !json.hasNonNull("computedAt")
                && !send(target, Request.get("api/v1/incidents/" + segment(required(incident))))
                        .json(target)
                        .hasNonNull("awareAt");
        IncidentText.obligations(incident, json, unaware, out);
        return exit(answer.text());
    }

    @Override
    protected void text(JsonNode answer, PrintWriter out) {
        IncidentText.obligations(incident, answer, false, out);
    }

    @Override
    protected int exit(String body) {
        try {
            return IncidentText.anyMissed(JSON.readTree(body)) ? TandemCommand.EXIT_FOUND : TandemCommand.EXIT_OK;
        } catch (JacksonException e) {
            return TandemCommand.EXIT_OK;
        }
    }
}
