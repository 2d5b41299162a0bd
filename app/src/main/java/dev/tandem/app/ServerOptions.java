package dev.tandem.app;

import dev.tandem.server.Settings;
import dev.tandem.server.SettingsFailureReporter;
import dev.tandem.server.TandemServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
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

    /**
     * The line to print when the port the server is to listen on is taken, else null; checked before
     * anything is created (Spring would otherwise make the data directory and signing key first, then
     * fail with a stack trace). Only a port given here ({@code --port}, {@code SERVER_PORT}) is
     * checked: without one, Spring's configuration decides, and {@link #start} reports a taken port.
     */
    @Nullable
    String busyPort(String command, UnaryOperator<@Nullable String> env) {
        String fromEnv = env.apply("SERVER_PORT");
        int p;
        String source;
        if (port != null) {
            p = port;
            source = "--port";
        } else if (fromEnv != null && fromEnv.strip().matches("[0-9]{1,5}")) {
            p = Integer.parseInt(fromEnv.strip());
            source = "SERVER_PORT";
        } else {
            return null;
        }
        if (p <= 0 || p > 65535) return null;
        String address = env.apply("SERVER_ADDRESS");
        try (ServerSocket s = new ServerSocket()) {
            s.bind(
                    address == null || address.isBlank()
                            ? new InetSocketAddress(p)
                            : new InetSocketAddress(InetAddress.getByName(address.strip()), p));
            return null;
        } catch (IOException e) {
            return inUse(command, p) + (source.equals("SERVER_PORT") ? " (the port came from SERVER_PORT)" : "");
        }
    }

    /**
     * Starts the server; null, with one line on {@code err} and no stack trace, if a setting is bad
     * ({@link Settings}, checked before anything is created) or its port is taken (exit 2,
     * docs/contracts.md §4): checked first when known ({@link #busyPort}), else as Spring Boot
     * reports it.
     */
    @Nullable
    ConfigurableApplicationContext start(
            String command, Map<String, Object> beans, List<String> args, PrintWriter err) {
        if (port != null && (port < 0 || port > 65535)) {
            err.println("tandem " + command + ": --port " + port
                    + " is not a port; expected 1 to 65535, or 0 for a free one");
            err.flush();
            return null;
        }
        String busy = busyPort(command, System::getenv);
        if (busy != null) {
            err.println(busy);
            err.flush();
            return null;
        }
        try {
            return TandemServer.start(beans, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            Settings.Refused refused = SettingsFailureReporter.refusal(e);
            if (refused != null) {
                err.println("tandem " + command + ": " + refused.getMessage());
                err.flush();
                return null;
            }
            OptionalInt taken = portInUse(e);
            if (taken.isEmpty()) throw e;
            err.println(inUse(command, taken.getAsInt()));
            err.flush();
            return null;
        }
    }

    /** The port of a {@link PortInUseException} among {@code e}'s causes, as Spring Boot reports a taken port. */
    static OptionalInt portInUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException p) return OptionalInt.of(p.getPort());
        }
        return OptionalInt.empty();
    }

    private static String inUse(String command, int port) {
        return "tandem " + command + ": port " + port + " is already in use by another program;"
                + " stop it, or choose another port with --port P (--port 0 picks a free one)";
    }
}
