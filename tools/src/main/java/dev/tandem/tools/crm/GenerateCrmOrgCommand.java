package dev.tandem.tools.crm;

import dev.tandem.tools.OutFolder;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem generate crm-org --out DIR --seed N [--users 2000] [--rows 1000000]}. */
@Command(
        name = "crm-org",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a realistic Salesforce org with one injected incident per leak pattern.",
            "",
            "The org as a responder collects it (users, profiles, permission sets, assignments, metadata, Event"
                    + " Log File CSVs, HAR captures, exports) with one injected incident per leak pattern, benign"
                    + " look-alikes, and labels.json saying what should and should not be found."
        })
public final class GenerateCrmOrgCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "A new or empty folder to write into.")
    Path out;

    @Option(names = "--seed", required = true, paramLabel = "N", description = "Same seed, same org.")
    long seed;

    @Option(
            names = "--users",
            defaultValue = "2000",
            paramLabel = "N",
            description = "Users (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--rows",
            defaultValue = "1000000",
            paramLabel = "N",
            description = "Event log rows of ordinary activity, about (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--days",
            defaultValue = "30",
            paramLabel = "N",
            description = "Days of logs (default: ${DEFAULT-VALUE}).")
    int days;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (users < 20 || days < 7 || rows < 0) {
            spec.commandLine()
                    .getErr()
                    .println("tandem generate crm-org: need --users >= 20, --days >= 7, --rows >= 0");
            return 2;
        }
        String notEmpty = OutFolder.refusal(
                out,
                "the files of an org generated there before would stay beside this one's, and tandem analyze"
                        + " would read both");
        if (notEmpty != null) {
            spec.commandLine().getErr().println("tandem generate crm-org: " + notEmpty);
            return 2;
        }
        var s = new CrmOrgGenerator.Settings(seed, users, rows, days, LocalDate.of(2025, 3, 1), false);
        CrmOrgGenerator.Summary sum = CrmOrgGenerator.generate(s, out);
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ROOT);
        var w = spec.commandLine().getOut();
        w.println("wrote " + sum.files() + " files to " + out + ": " + sum.users() + " users, "
                + n.format(sum.eventRows()) + " event log rows (" + n.format(sum.eventBytes()) + " bytes)");
        w.println("labels: " + out.resolve("labels.json") + " ("
                + sum.labels().stream().filter(l -> l.expected()).count() + " incidents, "
                + sum.labels().stream().filter(l -> !l.expected()).count() + " look-alikes)");
        w.flush();
        return 0;
    }
}
