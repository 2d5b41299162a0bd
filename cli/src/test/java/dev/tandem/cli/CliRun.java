package dev.tandem.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One run of the {@code tandem} command line in this JVM: its exit code, standard output and error. */
public record CliRun(int exit, String out, String err) {

    public static CliRun run(String... args) {
        CommandLine cl = TandemCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Standard output as JSON Lines. */
    public List<JsonNode> lines() {
        JsonMapper m = JsonMapper.builder().build();
        return out.lines().map(m::readTree).toList();
    }
}
