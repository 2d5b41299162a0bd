package dev.tandem.cli.ledger;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem ledger}: the custody ledger, checked from outside the server. */
@Command(
        name = "ledger",
        mixinStandardHelpOptions = true,
        description = "The tamper-evident custody ledger: verify a server's log, or create a signing key.",
        subcommands = {LedgerVerifyCommand.class, LedgerKeygenCommand.class})
public final class LedgerCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
