package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem bench}: a group; each feature adds its own subcommand here, and the {@code tools}
 * module adds its benchmarks from the executable ({@code dev.tandem.tools.Tools#register}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print a ratio against a reference run on the same machine.",
        subcommands = {
            dev.tandem.cli.ledger.LedgerProofsBench.class,
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
