package dev.tandem.cli.witness;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem witness}: its subcommands. */
@Command(
        name = "witness",
        mixinStandardHelpOptions = true,
        description = "A C2SP tlog-witness that co-signs a log's checkpoints consistent with the last one it saw.",
        subcommands = {CommandLine.HelpCommand.class, WitnessServeCommand.class})
public final class WitnessCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
