package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second {@code tandem serve} or {@code demo} on a data directory a running server holds (a second
 * terminal, the demo started twice): one line naming the database and what to do, exit 2, no stack
 * trace (docs/contracts.md §4, docs/operations.md "Start-up"); the running server is left alone.
 */
@Timeout(180)
class DataDirectoryInUseTest {
    @TempDir
    Path dir;

    @Test
    void aSecondServerOnARunningServersDataDirectoryIsOneLineAndExitTwo() throws Exception {
        Path data = dir.resolve("data");
        Process first = Commands.serveProcess(data, dir).start();
        try {
            awaitRunning(first, dir.resolve("out"));
            for (String command : new String[] {"serve", "demo"}) {
                String[] args = {command, "--data-dir", data.toString(), "--port", "0"};
                StringWriter err = new StringWriter();
                assertThat(Commands.execute(args, err)).as(command).isEqualTo(TandemCommand.EXIT_USAGE);
                assertThat(err.toString())
                        .as(command)
                        .isEqualTo("tandem " + command + ": the embedded database "
                                + data.toAbsolutePath()
                                        .normalize()
                                        .resolve("db")
                                        .resolve("tandem.mv.db")
                                + " is in use by another process, most likely a Tandem server already running on"
                                + " this data directory; stop it, or give this one another data directory with"
                                + " --data-dir DIR" + System.lineSeparator());
            }
            assertThat(first.isAlive()).as("the running server is left alone").isTrue();
        } finally {
            first.destroy();
            if (!first.waitFor(30, TimeUnit.SECONDS)) first.destroyForcibly();
        }
    }

    private static void awaitRunning(Process p, Path out) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(out)
                    && Files.readString(out, StandardCharsets.UTF_8).contains("Tandem is running at")) {
                return;
            }
            assertThat(p.isAlive()).as("the first server started").isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("the first server did not start within 120 s");
    }
}
