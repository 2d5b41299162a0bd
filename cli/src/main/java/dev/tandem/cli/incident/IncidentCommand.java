package dev.tandem.cli.incident;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem incident}: the incidents of a running server, opening one, its members, its
 * lifecycle, and its facts and awareness time, which the regulatory clock runs from.
 */
@Command(
        name = "incident",
        mixinStandardHelpOptions = true,
        description = {
            "Incidents on a Tandem server: list, show and open them, their members and their lifecycle.",
            "Also the facts and the awareness time the regulatory clock runs from.",
            IncidentCall.EXIT_CODES
        },
        subcommands = {
            IncidentCalls.ListCommand.class,
            IncidentCalls.ShowCommand.class,
            IncidentCalls.OpenCommand.class,
            MembersCommand.class,
            LifecycleCommands.PhaseCommand.class,
            LifecycleCommands.ContainCommand.class,
            LifecycleCommands.OccurredAtCommand.class,
            LifecycleCommands.CloseCommand.class,
            ClockCommands.FactsCommand.class,
            ClockCommands.AwarenessCommand.class
        })
public final class IncidentCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
