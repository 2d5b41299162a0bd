package dev.tandem.cli.vault;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem vault}: the vault of a running server, for its administrator. */
@Command(
        name = "vault",
        mixinStandardHelpOptions = true,
        description = "Check a Tandem server's evidence vault (administrators).",
        subcommands = {VaultCheckCommand.class})
public final class VaultCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
