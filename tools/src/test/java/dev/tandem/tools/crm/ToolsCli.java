package dev.tandem.tools.crm;

import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code tandem} command line with the tools' commands registered, as the executable does. */
final class ToolsCli {
    private ToolsCli() {}

    record Run(int exit, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Tools.register(TandemCommand.commandLine());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }
}
