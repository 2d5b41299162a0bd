package dev.tandem.app.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A Tandem server in a child JVM ({@code java -jar tandem.jar serve --port 0}), as an operator runs
 * it: for benchmarks and for tests that must kill a real process. Its output goes to a log file; the
 * port it picked is read from the line {@code Tandem is running at http://localhost:PORT}.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("Tandem is running at http://localhost:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** How to start one server: the JVM, its options, the data directory, the environment and the port (0: any free one). */
    public record Launch(
            List<String> javaCommand,
            List<String> jvmOptions,
            Path dataDir,
            Map<String, String> environment,
            Path log,
            int port) {

        public Launch {
            javaCommand = List.copyOf(javaCommand);
            jvmOptions = List.copyOf(jvmOptions);
            environment = Map.copyOf(environment);
        }

        /** {@code java -jar jar}; {@code java} is the running JVM's binary. */
        public static Launch of(Path jar, Path dataDir, Path log) {
            return new Launch(List.of(javaBinary(), "-jar", jar.toString()), List.of(), dataDir, Map.of(), log, 0);
        }

        /** This very executable, however it was started: a fat jar or a class path. */
        public static Launch ofThisExecutable(Path dataDir, Path log) {
            String cp = System.getProperty("java.class.path", "");
            List<String> cmd = cp.endsWith(".jar") && !cp.contains(java.io.File.pathSeparator)
                    ? List.of(javaBinary(), "-jar", cp)
                    : List.of(javaBinary(), "-cp", cp, "dev.tandem.app.Main");
            return new Launch(cmd, List.of(), dataDir, Map.of(), log, 0);
        }

        public Launch withJvmOptions(String... options) {
            List<String> all = new ArrayList<>(jvmOptions);
            all.addAll(List.of(options));
            return new Launch(javaCommand, all, dataDir, environment, log, port);
        }

        public Launch withEnv(String name, String value) {
            Map<String, String> all = new LinkedHashMap<>(environment);
            all.put(name, value);
            return new Launch(javaCommand, jvmOptions, dataDir, all, log, port);
        }

        public Launch withLog(Path otherLog) {
            return new Launch(javaCommand, jvmOptions, dataDir, environment, otherLog, port);
        }

        /**
         * A fixed port instead of a free one picked at start ({@code 0}): a process restarted with the
         * same launch answers at the same address, as a server behind a client's address list does.
         */
        public Launch withPort(int fixedPort) {
            return new Launch(javaCommand, jvmOptions, dataDir, environment, log, fixedPort);
        }

        List<String> command() {
            List<String> cmd = new ArrayList<>();
            cmd.add(javaCommand.getFirst());
            cmd.addAll(jvmOptions); // JVM options go before -jar / -cp
            cmd.addAll(javaCommand.subList(1, javaCommand.size()));
            cmd.addAll(List.of("serve", "--data-dir", dataDir.toString(), "--port", Integer.toString(port)));
            return cmd;
        }
    }

    /** The java binary of the running JVM (so the child runs on the same JDK 25). */
    public static String javaBinary() {
        Optional<String> self = ProcessHandle.current().info().command();
        return self.orElseGet(
                () -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Starts the server and waits until its checkpoint endpoint answers, or fails with the log. */
    public static ServerProcess start(Launch launch, Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(launch.log().toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(launch.command())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(launch.log().toFile()));
        pb.environment().putAll(launch.environment());
        long logStart = Files.exists(launch.log()) ? Files.size(launch.log()) : 0;
        Process p = pb.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        Integer port = null;
        while (port == null) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the server exited with " + p.exitValue() + " before it was ready; log "
                        + launch.log() + ":\n" + tail(launch.log(), 60));
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("the server was not ready within " + timeout + "; log " + launch.log()
                        + ":\n" + tail(launch.log(), 60));
            }
            port = portFromLog(launch.log(), logStart);
            if (port == null) {
                Thread.sleep(100);
            }
        }
        ServerProcess server = new ServerProcess(p, launch.log(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroyForcibly));
        server.awaitCheckpoint(deadline);
        return server;
    }

    private void awaitCheckpoint(long deadline) throws InterruptedException, IOException {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/ledger/checkpoint"))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (true) {
            try {
                if (http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException(
                        "the server never answered /api/v1/ledger/checkpoint; log " + log + ":\n" + tail(log, 60));
            }
            Thread.sleep(100);
        }
    }

    private static @Nullable Integer portFromLog(Path log, long from) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        String text;
        try (var ch = java.nio.channels.FileChannel.open(log)) {
            long size = ch.size();
            if (size <= from) {
                return null;
            }
            var buf = java.nio.ByteBuffer.allocate((int) Math.min(size - from, 4 << 20));
            ch.read(buf, from);
            text = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
        }
        Matcher m = RUNNING.matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : null;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * {@code kill -9}: {@link Process#destroyForcibly()} sends SIGKILL on Linux, so no shutdown hook,
     * no finally block and no flush runs. Answers the exit status (128 + 9 = 137 after SIGKILL).
     */
    public int kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server process " + pid() + " survived SIGKILL");
        }
        return process.exitValue();
    }

    /** A clean stop (SIGTERM, Spring closes its context), then SIGKILL if it lingers. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The last {@code lines} lines of a log file, for failure messages. */
    public static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
