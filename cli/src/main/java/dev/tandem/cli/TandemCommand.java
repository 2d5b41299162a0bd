package dev.tandem.cli;

import dev.tandem.cli.evidence.EvidenceCommand;
import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code tandem} command. Subcommands that need no server live in this module; the
 * executable ({@code app}) adds {@code serve} and {@code demo}, which boot Spring.
 */
@Command(
        name = "tandem",
        mixinStandardHelpOptions = true,
        versionProvider = TandemCommand.Version.class,
        description = "Incident response and SOC 2 audit on one tamper-evident record.",
        subcommands = {
            CommandLine.HelpCommand.class,
            BenchCommand.class,
            GenerateCommand.class,
            EvalCommand.class,
            EvidenceCommand.class,
            dev.tandem.cli.deadlines.DeadlinesCommand.class,
            dev.tandem.cli.ledger.LedgerCommand.class,
            dev.tandem.cli.analyze.AnalyzeCommand.class,
            dev.tandem.cli.scan.ScanCommand.class,
        })
public final class TandemCommand implements Runnable {

    /** Exit codes, CONTRACTS.md §4. */
    public static final int EXIT_OK = 0;

    public static final int EXIT_FOUND = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNREACHABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Standard output as picocli would make it (autoflush, the terminal's encoding), kept so a
     * command can tell it apart from a writer a test installed and write bytes to
     * {@link System#out} directly (see {@link #rawStdout}).
     */
    private static final PrintWriter STDOUT =
            new PrintWriter(new java.io.OutputStreamWriter(System.out, System.out.charset()), true);

    /** Builds the command line with every server-free subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TandemCommand());
        cl.setOut(STDOUT);
        return cl;
    }

    /** {@link System#out} when {@code out} is the process's standard output, else null (a test's writer). */
    public static java.io.@Nullable PrintStream rawStdout(PrintWriter out) {
        return out == STDOUT ? System.out : null;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TandemCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tandem " + (v == null ? "development build" : v)};
        }
    }
}
