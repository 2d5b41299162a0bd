package dev.tandem.server;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/** The {@code tandem} command line run in the test's process against a server of the test's. */
public final class ServerCli {
    private ServerCli() {}

    /** A run's exit code and what it printed. */
    public record Cli(int exit, String out, String err) {}

    /** One run of {@code args} against the server at {@code port} with {@code token}. */
    public static Cli run(int port, String token, String... args) {
        var cl = dev.tandem.cli.TandemCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", "http://127.0.0.1:" + port, "--token", token));
        return new Cli(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }
}
