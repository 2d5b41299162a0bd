package dev.tandem.cli.incident;

import dev.tandem.cli.ServerCommand;
import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * One call of the incident API with {@code --format text|json}: text for people, the server's answer
 * as it came for programs (docs/adr/118-incidents-timeline-and-obligations-from-the-command-line.md).
 */
abstract class IncidentCall extends ServerCommand.TextOrJson {
    /** The last line of a command's help: its exit codes (docs/contracts.md §4). */
    static final String EXIT_CODES = "Exit codes: 0 done, 2 usage error or the server refused (its reason printed), "
            + "3 server unreachable, token refused or server error.";

    /** The options of this command by the field or parameter of the API they give ({@code awareAt}: {@code --aware-at}). */
    Map<String, String> options() {
        return Map.of();
    }

    /** The incident this call is on, or null when it is on none (or on a list of them). */
    @Nullable
    String incidentId() {
        return null;
    }

    /**
     * The command that sets the incident's awareness time, where a refusal was for the lack of it
     * ({@code no-aware-at}: docs/obligations-api.md "Awareness").
     */
    @Override
    protected @Nullable String remedy(@Nullable String type) {
        if (!"no-aware-at".equals(type)) return null;
        String id = incidentId();
        return "set it first: " + setAwareness(id == null || id.isBlank() ? "INCIDENT" : id);
    }

    /** The command line that sets the awareness time of {@code incident}, its values to fill in. */
    static String setAwareness(String incident) {
        return "tandem incident awareness " + incident + " --aware-at T --reason TEXT";
    }

    /** The option that gives the field a refusal's detail starts with ({@code title is required…}: {@code --title}). */
    @Override
    protected @Nullable String option(String detail) {
        int end = 0;
        while (end < detail.length() && Character.isJavaIdentifierPart(detail.charAt(end))) end++;
        return options().get(detail.substring(0, end));
    }

    /** {@code value} of {@code option}, not blank; else a usage error naming the option. */
    static String text(String option, String value) throws Usage {
        if (value.isBlank()) throw new Usage(option + ": must not be blank");
        return value;
    }

    /**
     * {@code value} of {@code option} as RFC 3339 with an offset, as the server takes times (null stays
     * null); else a usage error naming the option.
     */
    static @Nullable String time(String option, @Nullable String value) throws Usage {
        if (value == null) return null;
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            throw new Usage(
                    option + ": must be an RFC 3339 time with an offset (e.g. 2026-11-26T07:00:00Z), got " + value);
        }
        return value;
    }

    /** {@code value} of {@code option} as one of {@code allowed} in capitals (null stays null); else a usage error. */
    static @Nullable String oneOf(String option, @Nullable String value, List<String> allowed) throws Usage {
        if (value == null) return null;
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new Usage(option + ": must be one of " + String.join(", ", allowed) + ", got " + value);
        }
        return v;
    }

    /**
     * The command line of a reading command with subcommands of its own ({@code tandem timeline},
     * {@code tandem obligations}), its {@code --server} optional to picocli and checked by {@link
     * #required} instead: picocli checks a command's required options before it reads a subcommand's,
     * so a required {@code --server} here would be asked for before the subcommand, which has its own
     * (docs/adr/121-timeline-entries-and-the-lifecycle-from-the-command-line.md).
     */
    static CommandLine withSubcommands(IncidentCall command) {
        CommandLine cl = new CommandLine(command);
        // an option's value is the option's even where it is a subcommand's name (--incident show)
        cl.setAllowSubcommandsAsOptionParameters(true);
        CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
        CommandLine.Model.OptionSpec server = spec.findOption("--server");
        spec.remove(server);
        spec.addOption(
                CommandLine.Model.OptionSpec.builder(server).required(false).build());
        return cl;
    }

    /**
     * {@code incident}, with {@code --server}, as required of a command made by {@link
     * #withSubcommands}: a usage error in picocli's words when either is missing.
     */
    String required(@Nullable String incident) throws Usage {
        String server = spec.findOption("--server").getValue();
        if (server == null || server.isEmpty()) throw new Usage("Missing required option: '--server=URL'");
        if (incident == null) throw new Usage("Missing required option: '--incident=ID'");
        return incident;
    }

    /** A call on one incident's resource, the incident given by {@code --incident} as for {@code tandem obligations}. */
    abstract static class OnIncident extends IncidentCall {
        @Option(names = "--incident", required = true, paramLabel = "ID", description = "The incident.")
        String incident = "";

        @Override
        String incidentId() {
            return incident;
        }

        /** {@code api/v1/incidents/{incident}/what}. */
        String path(String what) {
            return "api/v1/incidents/" + segment(incident) + "/" + what;
        }
    }

    /** The answer of a read of one incident's resource, in words. */
    @FunctionalInterface
    interface Words {
        void print(String incident, JsonNode answer, PrintWriter out);
    }

    /** {@code GET api/v1/incidents/{incident}/what}, the answer printed by {@code words}. */
    abstract static class Read extends OnIncident {
        private final String what;
        private final Words words;

        Read(String what, Words words) {
            this.what = what;
            this.words = words;
        }

        @Override
        protected Request request() {
            return Request.get(path(what));
        }

        @Override
        protected void text(JsonNode answer, PrintWriter out) {
            words.print(incident, answer, out);
        }
    }
}
