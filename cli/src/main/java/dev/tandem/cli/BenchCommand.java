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
        exitCodeListHeading = "%nExit codes (every benchmark):%n",
        exitCodeList = {
            "0:it ran; the ratio it prints says whether its target was met",
            "1:a check of its own results failed (a proof that does not verify; bench load: unexpected errors"
                    + " or a ledger that does not verify)",
            "2:usage error"
        },
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
