package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem generate}: a group; each feature adds its own subcommand here, and the {@code tools}
 * module adds its generators from the executable ({@code dev.tandem.tools.Tools#register}).
 */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Seeded generators of labeled sample data (corpora, sample orgs).",
        exitCodeListHeading = "%nExit codes (every generator):%n",
        exitCodeList = {
            "0:written",
            "2:usage error, or an --out or --output it cannot write (a folder that is not empty is refused)"
        },
        subcommands = {
            dev.tandem.cli.deadlines.RulesTableCommand.class,
        })
public final class GenerateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
