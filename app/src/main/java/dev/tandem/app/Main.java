package dev.tandem.app;

import dev.tandem.app.bench.LedgerAppendBench;
import dev.tandem.app.bench.LedgerProofsDbBench;
import dev.tandem.app.bench.LoadBench;
import dev.tandem.app.bench.UploadBench;
import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.bench.ScanBench;

/** Entry point of the one executable: the CLI plus the commands that boot the server. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        var cl = TandemCommand.commandLine();
        cl.addSubcommand(new ServeCommand());
        cl.addSubcommand(new DemoCommand());
        cl.addSubcommand(new BackupCommand());
        cl.addSubcommand(new RestoreCommand());
        cl.getSubcommands().get("bench").addSubcommand(new UploadBench());
        cl.getSubcommands().get("bench").addSubcommand(new LedgerAppendBench());
        cl.getSubcommands().get("bench").addSubcommand(new LedgerProofsDbBench());
        cl.getSubcommands().get("bench").addSubcommand(new LoadBench());
        cl.getSubcommands().get("bench").addSubcommand(new ScanBench());
        System.exit(cl.execute(args));
    }
}
