package dev.tandem.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code tandem eval}: a group; the evaluations live in the tools module, which the executable
 * adds here ({@code tandem eval pii}).
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Accuracy evaluations against generated labeled data.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every validated entity met its target (precision and recall at least 0.995)",
            "1:a validated entity missed it",
            "2:usage error"
        })
public final class EvalCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        TandemCommand.missingSubcommand(spec);
    }
}
