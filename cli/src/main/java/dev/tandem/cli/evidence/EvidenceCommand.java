package dev.tandem.cli.evidence;

import dev.tandem.cli.TandemCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code tandem evidence}: the vault from the command line. */
@Command(
        name = "evidence",
        mixinStandardHelpOptions = true,
        description = "Put evidence into the vault, pull an AUDIT item back to FORENSIC, or list the privilege log.",
        subcommands = {EvidenceAddCommand.class, EvidencePullBackCommand.class, EvidencePrivilegeLogCommand.class})
public final class EvidenceCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
