package dev.tandem.app.bench;

import dev.tandem.cli.TandemCommand;
import dev.tandem.ledger.NoteSigner;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench load}: a server (or two sharing PostgreSQL) with a million ledger entries under
 * mixed load: timeline reads, evidence metadata reads, small uploads and inclusion proofs at the
 * same time, each from a quarter of the clients. Prints per endpoint the requests, throughput,
 * p50/p99/max latency and errors, what the CPU and the database connections were doing, and the
 * result of {@code tandem ledger verify} afterwards. With {@code --kill-one} one of two processes is
 * killed with SIGKILL a quarter into the measured window and restarted at once; its clients fail over
 * (see {@link LoadClient}). There is no reference run: the figures are absolute, on this machine,
 * with its load average printed beside them (ADR 065).
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Mixed load against a server with 1M ledger entries.",
            "",
            "Timeline reads, evidence metadata reads, small uploads and inclusion proofs at once; p50/p99/max and"
                    + " errors per endpoint, then ledger verify.",
            "Exit 1 when a request failed that should not have, or the ledger did not verify."
        })
public final class LoadBench implements Callable<Integer> {
    private static final String ADMIN_TOKEN = "bench-load-admin-token-" + Long.toHexString(System.nanoTime());

    @Option(
            names = "--db",
            paramLabel = "DB",
            description = "postgres or h2 (default ${DEFAULT-VALUE}; --kill-one needs postgres).")
    String db = "postgres";

    @Option(
            names = "--entries",
            paramLabel = "N",
            description = "Ledger entries seeded before the run (default ${DEFAULT-VALUE}).")
    int entries = 1_000_000;

    @Option(
            names = "--clients",
            paramLabel = "N",
            description = "Concurrent clients, a quarter per endpoint, each on its own kept-alive connection"
                    + " (default ${DEFAULT-VALUE}).")
    int clients = 64;

    @Option(
            names = "--duration",
            paramLabel = "DURATION",
            description = "Measured time, e.g. 60s or 2m (default ${DEFAULT-VALUE}).")
    String duration = "60s";

    @Option(
            names = "--warmup",
            paramLabel = "DURATION",
            description = "Unmeasured load before the measured time, so the servers' JIT has compiled its hot"
                    + " paths (default ${DEFAULT-VALUE}).")
    String warmup = "30s";

    @Option(
            names = "--kill-one",
            description = "Two server processes on one PostgreSQL, clients spread over both; one is killed"
                    + " (SIGKILL) a quarter into the measured time and restarted.")
    boolean killOne;

    @Option(
            names = "--timeline-entries",
            paramLabel = "N",
            description = "Entries of the incident whose timeline is read (default ${DEFAULT-VALUE}).")
    int timelineEntries = 300;

    @Option(
            names = "--server-opts",
            paramLabel = "OPTIONS",
            description = "JVM options of each server process (default ${DEFAULT-VALUE}).")
    String serverOpts = "-Xmx1g";

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the servers' data directories go (default: the temp dir).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Override
    public Integer call() throws Exception {
        Duration measured;
        Duration warm;
        try {
            measured = parseDuration(duration);
            warm = parseDuration(warmup);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        if (!List.of("h2", "postgres").contains(db) || entries < 2 || clients < 4 || timelineEntries < 1) {
            System.err.println("need --db postgres|h2, --entries >= 2, --clients >= 4, --timeline-entries >= 1");
            return TandemCommand.EXIT_USAGE;
        }
        if (killOne && !db.equals("postgres")) {
            System.err.println("--kill-one needs --db postgres: two processes cannot share an embedded H2 file");
            return TandemCommand.EXIT_USAGE;
        }
        int servers = killOne ? 2 : 1;
        System.out.printf(
                Locale.ROOT,
                "bench load: %,d seeded entries on %s, %d server process%s, %d clients (%d per endpoint), %s"
                        + " measured after %s of warm-up%s%n",
                entries,
                db,
                servers,
                servers == 1 ? "" : "es",
                clients,
                clients / 4,
                duration,
                warmup,
                killOne ? "; one process killed with SIGKILL and restarted a quarter into the measured time" : "");
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores; load average before the run %s (1, 5, 15 min); server JVM options: %s%n",
                Runtime.getRuntime().availableProcessors(),
                loadAverage(),
                serverOpts);
        Files.createDirectories(dir); // --dir may name a folder not made yet
        List<Path> dataDirs = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            dataDirs.add(Files.createTempDirectory(dir, "tandem-bench-load-" + i + "-"));
        }
        try {
            if (db.equals("postgres")) {
                try (ScratchPostgres pg = ScratchPostgres.create("tandem_bench_load")) {
                    return run(dataDirs, measured, warm, pg);
                }
            }
            return run(dataDirs, measured, warm, null);
        } finally {
            for (Path d : dataDirs) {
                LedgerAppendBench.deleteTree(d);
            }
        }
    }

    private int run(List<Path> dataDirs, Duration measured, Duration warm, @Nullable ScratchPostgres pg)
            throws Exception {
        NoteSigner signer = NoteSigner.generate("tandem/bench-load");
        List<ServerProcess.Launch> launches = new ArrayList<>();
        for (int i = 0; i < dataDirs.size(); i++) {
            Path data = dataDirs.get(i);
            ServerProcess.Launch launch = ServerProcess.Launch.ofThisExecutable(data, data.resolve("server.log"))
                    .withJvmOptions(
                            serverOpts.isBlank()
                                    ? new String[0]
                                    : serverOpts.strip().split("\\s+"))
                    .withEnv("TANDEM_LEDGER_SIGNING_KEY", signer.privateKey())
                    .withEnv("TANDEM_ADMIN_TOKEN", ADMIN_TOKEN)
                    .withPort(freePort());
            if (pg != null) {
                for (var e : pg.serverEnvironment().entrySet()) {
                    launch = launch.withEnv(e.getKey(), e.getValue());
                }
            }
            launches.add(launch);
        }
        // First start: the schema, the installation and the head row, as any server creates them.
        ServerProcess.start(launches.getFirst(), Duration.ofSeconds(180)).close();
        long t0 = System.nanoTime();
        LedgerSeed.Seeded seeded;
        try (Connection c = connect(dataDirs.getFirst(), pg)) {
            // 10,000 other incidents of a hundred entries each, interleaved as concurrent work writes them
            seeded = LedgerSeed.append(
                    c,
                    signer,
                    entries,
                    index -> String.format(Locale.ROOT, "0b5e0000-0000-4000-8000-%012d", index % 10_000),
                    nodes -> {});
        }
        System.out.printf(
                Locale.ROOT,
                "seeded %,d entries (10,000 other incidents) with JDBC batches in %.1f s%n",
                entries,
                (System.nanoTime() - t0) / 1e9);
        // replaced in place when --kill-one restarts a process, while the observer reads it
        List<ServerProcess> running = new java.util.concurrent.CopyOnWriteArrayList<>();
        try {
            for (ServerProcess.Launch launch : launches) {
                running.add(ServerProcess.start(launch, Duration.ofSeconds(180)));
            }
            t0 = System.nanoTime();
            LoadScenario scenario = new LoadSetup(running.getFirst().baseUrl())
                    .prepare(ADMIN_TOKEN, timelineEntries, 4, seeded.leafHashes());
            System.out.printf(
                    Locale.ROOT,
                    "prepared in %.1f s: user %s (incident commander), incident %s with %d timeline entries"
                            + " (%d evidence items, some FORENSIC, whose metadata is read), 4 incidents taking the"
                            + " uploads; proofs of random seeded entries in the tree of size %,d%n",
                    (System.nanoTime() - t0) / 1e9,
                    LoadSetup.COMMANDER,
                    scenario.timelineIncident(),
                    scenario.timelineSize(),
                    scenario.evidence().size(),
                    scenario.proofSize());
            Outcome outcome = load(running, launches, scenario, measured, warm, pg);
            int verified = 0;
            for (int i = 0; i < running.size(); i++) {
                verified = Math.max(verified, verify(running.get(i), i, scenario.token(), signer));
            }
            boolean clean = outcome.unexpectedErrors() == 0 && verified == 0;
            System.out.printf(
                    Locale.ROOT,
                    "result: %d unexpected errors, ledger verify %s: %s%n",
                    outcome.unexpectedErrors(),
                    verified == 0 ? "passed" : "FAILED (exit " + verified + ")",
                    clean ? "clean" : "NOT clean");
            return clean ? TandemCommand.EXIT_OK : TandemCommand.EXIT_FOUND;
        } finally {
            for (ServerProcess s : running) {
                s.close();
            }
        }
    }

    record Outcome(long unexpectedErrors) {}

    private Outcome load(
            List<ServerProcess> running,
            List<ServerProcess.Launch> launches,
            LoadScenario scenario,
            Duration measured,
            Duration warm,
            @Nullable ScratchPostgres pg)
            throws Exception {
        List<URI> addresses = running.stream().map(s -> URI.create(s.baseUrl())).toList();
        AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        List<LoadClient> loadClients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        LoadEndpoint[] kinds = LoadEndpoint.values();
        for (int i = 0; i < clients; i++) {
            // client i: endpoint i mod 4, home process (i / 4) mod 2, so each endpoint has clients on both
            LoadClient c = new LoadClient(
                    i,
                    kinds[i % kinds.length],
                    (i / kinds.length) % addresses.size(),
                    addresses,
                    scenario,
                    () -> System.nanoTime() < stopAt.get());
            loadClients.add(c);
        }
        for (LoadClient c : loadClients) {
            threads.add(Thread.ofPlatform().name("load-client").start(c));
        }
        System.out.printf(Locale.ROOT, "warm-up: %d s of the same load, unmeasured%n", warm.toSeconds());
        long start;
        long end;
        long killAt = Long.MAX_VALUE;
        long readyAt = Long.MAX_VALUE;
        LoadObserver observer;
        try (Connection watch = pg == null ? null : pg.connect()) {
            Thread.sleep(warm);
            System.out.printf(Locale.ROOT, "measuring: load average now %s%n", loadAverage());
            start = System.nanoTime();
            end = start + measured.toNanos();
            observer = new LoadObserver(
                    () -> running.stream()
                            .filter(ServerProcess::isAlive)
                            .map(ServerProcess::pid)
                            .toList(),
                    watch,
                    pg == null ? null : pg.name());
            if (killOne) {
                Thread.sleep(measured.dividedBy(4));
                ServerProcess victim = running.get(1);
                killAt = System.nanoTime();
                int exit = victim.kill9();
                System.out.printf(
                        Locale.ROOT,
                        "killed process 1 (pid %d) with SIGKILL at %.1f s: exit status %d; restarting it%n",
                        victim.pid(),
                        (killAt - start) / 1e9,
                        exit);
                ServerProcess restarted = ServerProcess.start(launches.get(1), Duration.ofSeconds(300));
                readyAt = System.nanoTime();
                running.set(1, restarted);
                if (readyAt > end) {
                    System.out.println("process 1 was not back within the measured window: the clients kept"
                            + " going until it was; requests sent after the window are not counted");
                }
                System.out.printf(
                        Locale.ROOT,
                        "process 1 (pid %d) answered again at %.1f s, %.1f s after the kill%n",
                        restarted.pid(),
                        (readyAt - start) / 1e9,
                        (readyAt - killAt) / 1e9);
            }
            long left = end - System.nanoTime();
            if (left > 0) {
                Thread.sleep(Duration.ofNanos(left));
            }
            stopAt.set(0);
            observer.close();
        } finally {
            stopAt.set(0); // also when a restart failed: the clients must not outlive the run
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = measured.toNanos() / 1e9;
        List<LoadSample> all = new ArrayList<>();
        for (LoadClient c : loadClients) {
            for (LoadSample s : c.samples()) {
                if (s.sentNanos() >= start && s.sentNanos() < end) {
                    all.add(s);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average after the run %s%n", loadAverage());
        System.out.println("all requests sent in the measured " + duration + ":");
        LoadReport.table(all, s -> true, seconds).forEach(System.out::println);
        long unexpected;
        if (!killOne) {
            unexpected = all.stream().filter(s -> !s.ok()).count();
        } else {
            long down0 = killAt;
            long down1 = readyAt;
            Predicate<LoadSample> whileDown =
                    s -> s.server() == 1 && s.answeredNanos() >= down0 && s.sentNanos() < down1;
            System.out.println("process 0, the survivor (every error counts):");
            LoadReport.table(all, s -> s.server() == 0, seconds).forEach(System.out::println);
            System.out.printf(
                    Locale.ROOT,
                    "process 0 while process 1 was down (%.1f s):%n",
                    (Math.min(down1, end) - down0) / 1e9);
            LoadReport.table(
                            all,
                            s -> s.server() == 0 && s.sentNanos() >= down0 && s.sentNanos() < down1,
                            (Math.min(down1, end) - down0) / 1e9)
                    .forEach(System.out::println);
            System.out.println(
                    "process 1 while it was up, before the kill and after the restart (every error counts):");
            LoadReport.table(all, whileDown.negate().and(s -> s.server() == 1), seconds)
                    .forEach(System.out::println);
            long inFlight = all.stream()
                    .filter(whileDown)
                    .filter(s -> s.sentNanos() < down0 && s.connectionError())
                    .count();
            long refused = all.stream()
                    .filter(whileDown)
                    .filter(s -> s.sentNanos() >= down0 && s.connectionError())
                    .count();
            long answeredWhileDown = all.stream()
                    .filter(whileDown)
                    .filter(s -> !s.connectionError())
                    .count();
            System.out.printf(
                    Locale.ROOT,
                    "process 1 while it was down (expected connection errors, each followed by the client moving"
                            + " to process 0): %d requests in flight at the kill got no answer, %d tries of the home"
                            + " address while it was down were refused; %d requests answered by process 1 in that"
                            + " time (sent before the kill, answered before it died)%n",
                    inFlight,
                    refused,
                    answeredWhileDown);
            unexpected = all.stream()
                    .filter(s -> !s.ok())
                    .filter(s -> !(whileDown.test(s) && s.connectionError()))
                    .count();
        }
        observer.report().forEach(System.out::println);
        loadClients.stream()
                .flatMap(c -> c.firstErrors().stream())
                .limit(10)
                .forEach(e -> System.out.println("  first errors: " + e));
        return new Outcome(unexpected);
    }

    /** {@code tandem ledger verify} against one server, as the incident commander, with the pinned key. */
    private static int verify(ServerProcess server, int index, String token, NoteSigner signer) {
        long t0 = System.nanoTime();
        System.out.println("tandem ledger verify --server " + server.baseUrl() + " --token <commander's> --key "
                + signer.verifierKey() + "   (process " + index + ")");
        CommandLine cl = TandemCommand.commandLine();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        cl.setOut(out);
        cl.setErr(out);
        int exit = cl.execute(
                "ledger", "verify", "--server", server.baseUrl(), "--token", token, "--key", signer.verifierKey());
        out.flush();
        System.out.printf(Locale.ROOT, "ledger verify: exit %d after %.1f s%n", exit, (System.nanoTime() - t0) / 1e9);
        return exit;
    }

    private static Connection connect(Path data, @Nullable ScratchPostgres pg) throws Exception {
        return pg != null
                ? pg.connect()
                : DriverManager.getConnection(
                        "jdbc:h2:file:" + data.resolve("db/tandem").toAbsolutePath()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                        "sa",
                        "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
                    .split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    /** {@code 60s}, {@code 2m}, {@code 90} (seconds) or an ISO-8601 duration ({@code PT1M}). */
    static Duration parseDuration(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration (60s, 2m, 90, PT1M): " + text, e);
        }
    }
}
