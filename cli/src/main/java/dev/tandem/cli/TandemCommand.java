package dev.tandem.cli;

import dev.tandem.cli.evidence.EvidenceCommand;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
        exitCodeListHeading = "%nExit codes (every command; docs/contracts.md section 4):%n",
        exitCodeList = {
            "0:success, or the check found nothing",
            "1:the check found something: tampering, personal data, leak findings, a missed deadline",
            "2:usage error or unreadable input, or a request the server refused (403 and other 4xx)",
            "3:server unreachable, token refused (401) or a server error (5xx)"
        },
        footerHeading = "%n",
        footer = {
            "'tandem COMMAND --help' explains a command: its options, their defaults and its own exit codes.",
            "Commands that talk to a server take --server URL and --token T (or the TANDEM_TOKEN environment"
                    + " variable; --token env:NAME reads the variable NAME)."
        })
public final class TandemCommand implements Runnable {

    /** Exit codes, docs/contracts.md §4. */
    public static final int EXIT_OK = 0;

    public static final int EXIT_FOUND = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_UNREACHABLE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        missingSubcommand(spec);
    }

    /**
     * What a command that only groups others does when run without one: a usage error (exit 2,
     * docs/contracts.md §4), which picocli reports on standard error with the command's usage.
     * {@code --help} still prints the usage on standard output and exits 0.
     */
    public static void missingSubcommand(CommandLine.Model.CommandSpec spec) {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: give one of the commands listed below.");
    }

    /**
     * Standard output as picocli would make it (autoflush, the terminal's encoding), kept so a
     * command can tell it apart from a writer a test installed and write bytes to
     * {@link System#out} directly (see {@link #rawStdout}).
     */
    private static final PrintWriter STDOUT =
            new PrintWriter(new java.io.OutputStreamWriter(System.out, System.out.charset()), true);

    /**
     * The server-free subcommands, in the order help lists them, made only when asked for:
     * picocli builds a command's model by reflection when it is registered, which for every
     * command at once costs more than the JVM's own start.
     */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        // a lambda, not a method reference: picocli's classes are Java 5 class files, which the
        // ahead-of-time cache skips, and a resolved reference to one crashes its assembly (JDK 25.0.3)
        m.put("help", () -> new CommandLine.HelpCommand());
        m.put("bench", BenchCommand::new);
        m.put("generate", GenerateCommand::new);
        m.put("eval", EvalCommand::new);
        m.put("evidence", EvidenceCommand::new);
        m.put("deadlines", dev.tandem.cli.deadlines.DeadlinesCommand::new);
        m.put("ledger", dev.tandem.cli.ledger.LedgerCommand::new);
        m.put("analyze", dev.tandem.cli.analyze.AnalyzeCommand::new);
        m.put("scan", dev.tandem.cli.scan.ScanCommand::new);
        m.put("change", dev.tandem.cli.change.ChangeCommand::new);
        m.put("incident", dev.tandem.cli.incident.IncidentCommand::new);
        m.put("account", dev.tandem.cli.account.AccountCommand::new);
        m.put("timeline", () -> dev.tandem.cli.incident.TimelineCommand.commandLine());
        m.put("obligations", () -> dev.tandem.cli.incident.ObligationsCommand.commandLine());
        m.put("scope", dev.tandem.cli.incident.ScopeCommand::new);
        m.put("judgements", dev.tandem.cli.incident.JudgementsCommand::new);
        m.put("notice", dev.tandem.cli.incident.NoticeCommand::new);
        m.put("export", dev.tandem.cli.export.ExportCommand::new);
        m.put("verify", dev.tandem.cli.export.VerifyCommand::new);
        m.put("witness", dev.tandem.cli.witness.WitnessCommand::new);
        m.put("vault", dev.tandem.cli.vault.VaultCommand::new);
        return m;
    }

    /** picocli's switch for annotations holding Groovy closures, which Tandem never uses. */
    private static final String NO_CLOSURES = "picocli.disable.closures";

    /** Builds the command line with every server-free subcommand registered. */
    public static CommandLine commandLine() {
        return commandLine(null, Map.of());
    }

    /**
     * Builds the command line for {@code args}, with {@code more} subcommands after the
     * server-free ones. Only what {@code args} can reach is registered: the subcommand
     * {@code args[0]} names; none for {@code --version}; all of them for help, usage errors and
     * anything else. {@code args} null: all.
     */
    public static CommandLine commandLine(String @Nullable [] args, Map<String, Supplier<Object>> more) {
        // picocli's default factory looks for Groovy's Closure class when first used unless told not
        // to; Groovy is not on the class path, so the failed lookup opened each of the ~110 jars in
        // turn: 0.1 to 0.16 s of every command's start (docs/adr/097-start-up-without-a-jar-scan.md)
        if (System.getProperty(NO_CLOSURES) == null) System.setProperty(NO_CLOSURES, "true");
        CommandLine cl = new CommandLine(new TandemCommand());
        String first = args == null || args.length == 0 ? null : args[0];
        boolean versionOnly = args != null && args.length == 1 && ("--version".equals(first) || "-V".equals(first));
        boolean one =
                first != null && !"help".equals(first) && (SUBCOMMANDS.containsKey(first) || more.containsKey(first));
        if (!versionOnly) {
            for (Map<String, Supplier<Object>> m : List.of(SUBCOMMANDS, more)) {
                for (Map.Entry<String, Supplier<Object>> e : m.entrySet()) {
                    if (!one || e.getKey().equals(first))
                        cl.addSubcommand(e.getKey(), e.getValue().get());
                }
            }
        }
        // after the subcommands: picocli gives the writer only to those registered at this moment,
        // and a subcommand with a writer of its own would never see rawStdout's standard output
        cl.setOut(STDOUT);
        return cl;
    }

    /** {@link System#out} when {@code out} is the process's standard output, else null (a test's writer). */
    public static java.io.@Nullable PrintStream rawStdout(PrintWriter out) {
        return out == STDOUT ? System.out : null;
    }

    /** The line {@code tandem --version} prints. */
    public static String version() {
        String v = TandemCommand.class.getPackage().getImplementationVersion();
        return "tandem " + (v == null ? "development build" : v);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {version()};
        }
    }
}
