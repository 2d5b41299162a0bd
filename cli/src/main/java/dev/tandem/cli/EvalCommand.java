package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem eval}: a group; each feature adds its own subcommand here. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Accuracy evaluations against generated labeled data.",
        subcommands = {
            dev.tandem.cli.scan.EvalPiiCommand.class,
        })
public final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
