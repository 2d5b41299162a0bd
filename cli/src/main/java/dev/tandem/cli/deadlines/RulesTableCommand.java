package dev.tandem.cli.deadlines;

import dev.tandem.cli.FileProblems;
import dev.tandem.cli.TandemCommand;
import dev.tandem.regulation.RuleBook;
import dev.tandem.regulation.RuleBookException;
import dev.tandem.regulation.RuleTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem generate rules-table}: writes docs/regulation-rules.md from the rule file. */
@Command(
        name = "rules-table",
        mixinStandardHelpOptions = true,
        description = "Writes the table of every notification rule (Markdown) for counsel to review.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "2:the rule file does not load, or --output cannot be written (the reason named)"})
public final class RulesTableCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--output", paramLabel = "FILE", description = "File to write (default: standard output).")
    @Nullable
    Path output;

    @Override
    public Integer call() {
        String md;
        try {
            md = RuleTable.markdown(RuleBook.standard());
        } catch (RuleBookException e) {
            spec.commandLine().getErr().println("tandem generate rules-table: " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        if (output == null) {
            spec.commandLine().getOut().print(md);
            spec.commandLine().getOut().flush();
            return TandemCommand.EXIT_OK;
        }
        try {
            Files.writeString(output, md, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("tandem generate rules-table: --output " + output + ": cannot write it ("
                            + FileProblems.why(output, e) + "); give a file in a folder that exists and you may write");
            return TandemCommand.EXIT_USAGE;
        }
        return TandemCommand.EXIT_OK;
    }
}
