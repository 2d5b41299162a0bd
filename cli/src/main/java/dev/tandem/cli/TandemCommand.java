package dev.tandem.cli;

import dev.tandem.cli.evidence.EvidenceCommand;
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
            dev.tandem.cli.export.ExportCommand.class,
            dev.tandem.cli.export.VerifyCommand.class,
            dev.tandem.cli.witness.WitnessCommand.class,
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

    /** Builds the command line with every server-free subcommand registered. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new TandemCommand());
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TandemCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tandem " + (v == null ? "development build" : v)};
        }
    }
}
