package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The help of every command of the executable: a parent's list of commands shows the first line of
 * each one's description, so that line must be a whole sentence, and each further line a whole
 * paragraph that picocli wraps to the terminal (a line broken by hand wraps again, raggedly).
 */
class HelpTextTest {

    static List<CommandLine> all(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub != cl) out.addAll(all(sub));
        }
        return out;
    }

    @Test
    void everyCommandsSummaryIsOneWholeSentenceAndItsParagraphsAreUnbroken() {
        List<CommandLine> commands = all(Main.commandLine(null));
        assertThat(commands).hasSizeGreaterThan(20);
        List<String> problems = new ArrayList<>();
        for (CommandLine c : commands) {
            if (c.getCommand() instanceof CommandLine.HelpCommand) continue; // picocli's own
            String name = c.getCommandSpec().qualifiedName();
            String[] header = c.getCommandSpec().usageMessage().header();
            String[] description = c.getCommandSpec().usageMessage().description();
            String[] lines = header.length > 0 ? header : description;
            if (lines.length == 0 || !lines[0].endsWith(".") || lines[0].length() > 100) {
                problems.add(name + ": summary '" + (lines.length == 0 ? "" : lines[0]) + "'");
            }
            for (String line : description) {
                if (!line.isEmpty() && !line.matches("(?s).*[.:)]")) {
                    problems.add(name + ": a line broken mid-paragraph '" + line + "'");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * Every command's help says what its exit codes mean (docs/contracts.md §4), in its own exit code
     * list or description, or in its group's (the commands of {@code tandem change} share theirs), so a
     * script's author never has to guess which code a refusal or a finding gives.
     */
    @Test
    void everyCommandsHelpGivesItsExitCodesOrItsGroupsDoes() {
        List<String> missing = new ArrayList<>();
        for (CommandLine c : all(Main.commandLine(null))) {
            if (c.getCommand() instanceof CommandLine.HelpCommand
                    || !c.getSubcommands().isEmpty()
                    || c.getCommandSpec().usageMessage().hidden()) continue;
            boolean given = false;
            for (CommandLine at = c; at != null && !given; at = at.getParent()) {
                CommandLine.Model.UsageMessageSpec usage = at.getCommandSpec().usageMessage();
                given = !usage.exitCodeList().isEmpty()
                        || String.join("\n", usage.description()).contains("Exit codes")
                        || String.join("\n", usage.footer()).contains("Exit codes");
                if (at.getParent() != null && at.getParent().getParent() == null) break; // not tandem's own list
            }
            if (!given) missing.add(c.getCommandSpec().qualifiedName());
        }
        assertThat(missing).isEmpty();
    }

    /**
     * An option that takes a value names what it takes ({@code --aware=T}, {@code --out=DIR}): picocli's
     * default, the field's name in angle brackets ({@code --minConfidence=<minConfidence>}), tells a
     * reader nothing the option's name did not.
     */
    @Test
    void everyOptionThatTakesAValueNamesWhatItTakes() {
        List<String> problems = new ArrayList<>();
        for (CommandLine c : all(Main.commandLine(null))) {
            for (CommandLine.Model.OptionSpec o : c.getCommandSpec().options()) {
                if (o.arity().max() > 0 && o.paramLabel().matches("<[A-Za-z0-9]+>")) {
                    problems.add(c.getCommandSpec().qualifiedName() + " " + o.longestName() + "=" + o.paramLabel());
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
