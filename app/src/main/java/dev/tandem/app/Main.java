package dev.tandem.app;

import dev.tandem.app.bench.LedgerAppendBench;
import dev.tandem.app.bench.LedgerProofsDbBench;
import dev.tandem.app.bench.LoadBench;
import dev.tandem.app.bench.StartupBench;
import dev.tandem.app.bench.UploadBench;
import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.Tools;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Entry point of the one executable: the CLI plus the commands that boot the server. Only the
 * subcommand named on the command line is built (see {@link TandemCommand#commandLine(String[], Map)}),
 * so commands that need no Spring never load it.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            // what picocli's --version prints, without building a model of the command line: its
            // classes are Java 5 class files, verified the slow way and never in the start-up cache
            System.out.println(TandemCommand.version());
            return;
        }
        System.exit(commandLine(args).execute(args));
    }

    /** The command line for {@code args}: the CLI's commands and the executable's own. */
    static CommandLine commandLine(String[] args) {
        Map<String, Supplier<Object>> more = new LinkedHashMap<>();
        more.put("serve", ServeCommand::new);
        more.put("demo", DemoCommand::new);
        more.put("backup", BackupCommand::new);
        more.put("restore", RestoreCommand::new);
        more.put("aot-training", AotTraining::new);
        var cl = Tools.register(TandemCommand.commandLine(args, more));
        CommandLine bench = cl.getSubcommands().get("bench");
        if (bench != null) {
            bench.addSubcommand(new UploadBench());
            bench.addSubcommand(new LedgerAppendBench());
            bench.addSubcommand(new LedgerProofsDbBench());
            bench.addSubcommand(new LoadBench());
            bench.addSubcommand(new StartupBench());
        }
        return cl;
    }
}
