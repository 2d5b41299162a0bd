package dev.tandem.cli.incident;

import dev.tandem.cli.TandemCommand;
import java.io.PrintWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code tandem incident members list|add|set-role|remove}: an incident's members and their roles
 * ({@code GET|PUT|DELETE /api/v1/incidents/{id}/members…}, docs/contracts.md §2). Who may change them
 * (the incident commander, an administrator) is the server's to decide.
 */
@Command(
        name = "members",
        mixinStandardHelpOptions = true,
        description = "An incident's members: list them, add one, change a role, remove one.",
        subcommands = {
            MembersCommand.ListCommand.class,
            MembersCommand.AddCommand.class,
            MembersCommand.SetRoleCommand.class,
            MembersCommand.RemoveCommand.class
        })
final class MembersCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }

    /** A command on the members of {@code --incident}. */
    abstract static class OfIncident extends IncidentCall {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
        String incident = "";

        String members() {
            return "api/v1/incidents/" + segment(incident) + "/members";
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "Lists the incident's members: username, role, and when and by whom each was added.")
    static final class ListCommand extends OfIncident {
        @Override
        protected Request request() {
            return Request.get(members());
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.members(incident, answer, out);
        }
    }

    /** Puts a membership: {@code PUT …/members/{username}} with its role. */
    abstract static class Put extends OfIncident {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "The person's username.")
        String username = "";

        @Option(
                names = "--role",
                required = true,
                paramLabel = "ROLE",
                description = "INCIDENT_COMMANDER, RESPONDER, LEGAL, AUDIT_LIAISON or AUDITOR.")
        String role = "";

        /** The role the person is expected to have now, or null for no check. */
        abstract @Nullable String expected();

        @Override
        Map<String, String> options() {
            return Map.of("role", "--role", "expectedRole", "--expected-role");
        }

        @Override
        protected Request request() {
            ObjectNode body = object().put("role", role);
            put(body, "expectedRole", expected());
            return Request.json("PUT", members() + "/" + segment(username), body, 200);
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            IncidentText.membership(incident, answer, out);
        }
    }

    @Command(
            name = "add",
            mixinStandardHelpOptions = true,
            description = "Adds a person to the incident in a role (an existing member takes the role given).")
    static final class AddCommand extends Put {
        @Override
        @Nullable
        String expected() {
            return null;
        }
    }

    @Command(
            name = "set-role",
            mixinStandardHelpOptions = true,
            description = {
                "Changes a member's role.",
                "",
                "With --expected-role the server changes nothing when the person's role is no longer that one"
                        + " (someone changed it since you looked), as the web's confirmed role change."
            })
    static final class SetRoleCommand extends Put {
        @Option(
                names = "--expected-role",
                paramLabel = "ROLE",
                description = "The role the person has now, as you last saw it; refused (409) if it changed.")
        @Nullable
        String expectedRole;

        @Override
        @Nullable
        String expected() {
            return expectedRole;
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Removes a person from the incident; a responder's grants end with it.")
    static final class RemoveCommand extends OfIncident {
        @Parameters(index = "0", paramLabel = "USERNAME", description = "The person's username.")
        String username = "";

        @Override
        protected Request request() {
            return new Request("DELETE", members() + "/" + segment(username), null, null, 204);
        }

        /** The server answers a removal with no content: there is no JSON to print. */
        @Override
        protected java.util.List<String> formats() {
            return java.util.List.of("text");
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            out.println("removed " + username + " from incident " + incident);
        }
    }
}
