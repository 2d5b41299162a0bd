package dev.tandem.app;

import dev.tandem.app.bench.ServerProcess;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** On failure, prints the last lines of the child servers' logs: they say what the server saw. */
final class ServerLogsOnFailure implements TestWatcher {
    private final Set<Path> logs = new LinkedHashSet<>();

    void add(Path log) {
        logs.add(log);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (Path log : logs) {
            System.out.println("===== " + log.toAbsolutePath() + " (last 200 lines)\n" + ServerProcess.tail(log, 200));
        }
    }
}
