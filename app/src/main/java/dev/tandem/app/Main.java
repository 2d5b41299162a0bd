package dev.tandem.app;

import dev.tandem.app.bench.LedgerAppendBench;
import dev.tandem.app.bench.LedgerProofsDbBench;
import dev.tandem.app.bench.LoadBench;
import dev.tandem.app.bench.UploadBench;
import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.Tools;

/** Entry point of the one executable: the CLI plus the commands that boot the server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        var cl = Tools.register(TandemCommand.commandLine());
        cl.addSubcommand(new ServeCommand());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new BackupCommand());
        cl.addSubcommand(new RestoreCommand());
        cl.getSubcommands().get("bench").addSubcommand(new UploadBench());
        cl.getSubcommands().get("bench").addSubcommand(new LedgerAppendBench());
        cl.getSubcommands().get("bench").addSubcommand(new LedgerProofsDbBench());
        cl.getSubcommands().get("bench").addSubcommand(new LoadBench());
        cl.getSubcommands().get("bench").addSubcommand(new dev.tandem.tools.pii.BenchScanCommand());
        cl.getSubcommands().get("generate").addSubcommand(new dev.tandem.tools.pii.PiiCorpusCommand());
        cl.getSubcommands().get("eval").addSubcommand(new dev.tandem.tools.pii.EvalPiiCommand());
        System.exit(cl.execute(args));
    }
}
