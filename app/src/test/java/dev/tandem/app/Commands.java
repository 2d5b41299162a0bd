package dev.tandem.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Running {@code tandem} commands from tests: in this JVM, or {@code tandem serve} as a process of its own. */
final class Commands {
    private Commands() {}

    /** Runs {@code args} in this JVM; its standard error into {@code err}, its output dropped; the exit code. */
    static int execute(String[] args, StringWriter err) {
        CommandLine cl = Main.commandLine(args);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    /**
     * {@code tandem serve --data-dir data --port 0} as another process on this test's class path, its
     * output in {@code dir/out} and its errors in {@code dir/err}; not started.
     */
    static ProcessBuilder serveProcess(Path data, Path dir) {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "serve",
                        "--data-dir",
                        data.toString(),
                        "--port",
                        "0")
                .redirectOutput(dir.resolve("out").toFile())
                .redirectError(dir.resolve("err").toFile());
    }
}
