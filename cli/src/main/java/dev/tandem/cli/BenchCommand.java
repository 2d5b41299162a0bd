package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem bench}: a group; each feature adds its own subcommand here. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print a ratio against a reference run on the same machine.",
        subcommands = {
            dev.tandem.cli.ledger.LedgerProofsBench.class,
            dev.tandem.cli.analyze.BenchAnalyzeCommand.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
