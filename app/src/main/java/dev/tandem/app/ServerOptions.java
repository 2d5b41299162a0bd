package dev.tandem.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Options shared by {@code serve} and {@code demo}. */
final class ServerOptions {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the embedded database, blobs and signing key live.")
    @Nullable
    Path dataDir;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "HTTP port (default 8080, or SERVER_PORT; 0 picks a free one).")
    @Nullable
    Integer port;

    /**
     * Spring command-line arguments for the options given; they take precedence over
     * application.yml and the environment, as a flag typed now should.
     */
    List<String> arguments(@Nullable Path defaultDataDir) {
        List<String> args = new ArrayList<>();
        Path dir = dataDir != null ? dataDir : defaultDataDir;
        if (dir != null) {
            args.add("--tandem.data-dir=" + dir.toAbsolutePath().normalize());
        }
        if (port != null) {
            args.add("--server.port=" + port);
        }
        return args;
    }
}
