package dev.tandem.app.bench;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench ledger-append}: durable ledger appends per second with concurrent HTTP
 * clients, each request opening an incident (one ledger entry written in the same transaction as
 * the incident row). Reference on PostgreSQL: {@code pgbench} doing a one-row INSERT per
 * transaction with as many clients, on the same server, in the same run.
 */
@Command(
        name = "ledger-append",
        mixinStandardHelpOptions = true,
        description = "Durable ledger appends/s with concurrent clients (H2 and PostgreSQL), beside pgbench.")
public final class LedgerAppendBench implements Callable<Integer> {
    private static final Pattern TREE_SIZE = Pattern.compile("\\A[^\\n]*\\n(\\d+)\\n");
    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final double TARGET = 5_000;

    @Option(names = "--clients", paramLabel = "N", description = "Concurrent HTTP clients (default ${DEFAULT-VALUE}).")
    int clients = 32;

    @Option(
            names = "--seconds",
            paramLabel = "N",
            description = "Measured seconds per store (default ${DEFAULT-VALUE}).")
    int seconds = 10;

    @Option(
            names = "--warmup",
            paramLabel = "SECONDS",
            description = "Unmeasured seconds of load before each run, at least; then the load goes on until the"
                    + " server's JIT compilers are quiet (default ${DEFAULT-VALUE}).")
    int warmup = 30;

    @Option(
            names = "--max-warmup",
            paramLabel = "SECONDS",
            description = "Longest warm-up in seconds, quiet compilers or not (default ${DEFAULT-VALUE}).")
    int maxWarmup = 300;

    @Option(names = "--db", paramLabel = "DB", description = "h2, postgres or both (default ${DEFAULT-VALUE}).")
    String db = "both";

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the servers' data directories go (default: a temporary one).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(
            names = "--in-process",
            description = "Measure the ledger itself: the server's Incidents service called by CLIENTS threads in"
                    + " this process (no HTTP), like pgbench's clients calling the database.")
    boolean inProcess;

    @Option(
            names = "--server-opts",
            paramLabel = "OPTIONS",
            description = "JVM options of the server process (default ${DEFAULT-VALUE}).")
    String serverOpts = "-Xmx1g";

    @Override
    public Integer call() throws Exception {
        if (!List.of("h2", "postgres", "both").contains(db)) {
            System.err.println("--db must be h2, postgres or both, got " + db);
            return TandemCommand.EXIT_USAGE;
        }
        System.out.printf(
                "ledger-append: %d clients, %d s measured after at least %d s of warm-up; each request is %s"
                        + " (one incident row + one ledger entry, committed before the answer)%n",
                clients,
                seconds,
                warmup,
                inProcess
                        ? "Incidents.open in this process (no HTTP)"
                        : "POST /api/v1/incidents on a kept-alive HTTP/1.1 connection per client");
        System.out.printf(
                Locale.ROOT,
                "machine: %d cores, load average %.1f before the run; server JVM options: %s%n",
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                        .getSystemLoadAverage(),
                serverOpts);
        Files.createDirectories(dir); // --dir may name a folder not made yet
        if (!db.equals("postgres")) {
            Path data = Files.createTempDirectory(dir, "tandem-bench-h2-");
            Result h2 = run("h2", data, null);
            print(h2, null);
            deleteTree(data);
        }
        if (!db.equals("h2")) {
            Path data = Files.createTempDirectory(dir, "tandem-bench-pg-");
            try (ScratchPostgres pg = ScratchPostgres.create("tandem_bench")) {
                Result tandem = run("postgres", data, pg);
                double pgbench = pgbench(pg);
                print(tandem, pgbench);
            }
            deleteTree(data);
        }
        return TandemCommand.EXIT_OK;
    }

    record Result(
            String store,
            long entries,
            double seconds,
            long answered,
            long failed,
            long serverCpuNanos,
            long sequencerCpuNanos,
            long clientCpuNanos,
            long compilerCpuNanos) {
        double perSecond() {
            return entries / seconds;
        }
    }

    private void print(Result r, @Nullable Double pgbenchTps) {
        System.out.printf(
                Locale.ROOT,
                "%-9s tandem  %,9.0f entries/s   (%d entries in %.1f s, %d answered 201, %d failed; target %,.0f/s: %s)%n",
                r.store(),
                r.perSecond(),
                r.entries(),
                r.seconds(),
                r.answered(),
                r.failed(),
                TARGET,
                r.perSecond() >= TARGET ? "met" : "NOT met");
        if (r.entries() > 0) {
            System.out.printf(
                    Locale.ROOT,
                    "%-9s cpu per entry: server %.0f us (of which the ledger-sequencer thread %.0f us), bench clients %.0f us;"
                            + " %.2f of %d cores busy in these two processes%n",
                    r.store(),
                    r.serverCpuNanos() / 1e3 / r.entries(),
                    r.sequencerCpuNanos() / 1e3 / r.entries(),
                    r.clientCpuNanos() / 1e3 / r.entries(),
                    (r.serverCpuNanos() + r.clientCpuNanos()) / 1e9 / r.seconds(),
                    Runtime.getRuntime().availableProcessors());
            double compiling = r.compilerCpuNanos() / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "%-9s JIT compiler threads used %.1f s of CPU during the window%s%n",
                    r.store(),
                    compiling,
                    compiling > 0.25 * r.seconds()
                            ? " (still compiling: the server is not yet at its steady state; raise --warmup)"
                            : "");
        }
        if (pgbenchTps != null) {
            System.out.printf(
                    Locale.ROOT,
                    "%-9s pgbench %,9.0f tx/s        (one-row INSERT per transaction, %d clients, %d s)%n",
                    r.store(),
                    pgbenchTps,
                    clients,
                    seconds);
            System.out.printf(
                    Locale.ROOT, "%-9s ratio tandem/pgbench = %.2fx%n", r.store(), r.perSecond() / pgbenchTps);
        }
    }

    private Result run(String store, Path data, @Nullable ScratchPostgres pg) throws Exception {
        return inProcess ? runInProcess(store, data, pg) : runOverHttp(store, data, pg);
    }

    /**
     * The same unit of work as {@code POST /api/v1/incidents} (an incident row and its ledger entry
     * in one transaction, answered after the commit), called directly by the client threads.
     */
    private Result runInProcess(String store, Path data, @Nullable ScratchPostgres pg) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--tandem.data-dir=" + data,
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.dev.tandem=WARN"));
        if (pg != null) {
            args.add("--spring.datasource.url=" + pg.jdbcUrl());
            args.add("--spring.datasource.username=" + pg.user());
            args.add("--spring.datasource.password=");
        }
        try (var ctx = dev.tandem.server.TandemServer.start(args.toArray(String[]::new))) {
            var incidents = ctx.getBean(dev.tandem.server.incident.Incidents.class);
            var ledger = ctx.getBean(dev.tandem.server.ledger.Ledger.class);
            Load load = new Load(clients, l -> {
                while (l.running()) {
                    try {
                        incidents.open(
                                "bench",
                                dev.tandem.server.incident.Severity.LOW,
                                null,
                                java.time.ZoneOffset.UTC,
                                "bench");
                        l.ok.increment();
                    } catch (RuntimeException e) {
                        l.failed.increment();
                    }
                }
            });
            // the clients run in this process: their CPU counts as the server's
            return measure(
                    store,
                    ProcessHandle.current().pid(),
                    false,
                    () -> ledger.head().size(),
                    load);
        }
    }

    private Result runOverHttp(String store, Path data, @Nullable ScratchPostgres pg) throws Exception {
        String token = "bench-admin-token-" + Long.toHexString(System.nanoTime());
        ServerProcess.Launch launch = ServerProcess.Launch.ofThisExecutable(data, data.resolve("server.log"))
                .withJvmOptions(
                        serverOpts.isBlank()
                                ? new String[0]
                                : serverOpts.strip().split("\\s+"))
                // a fixed set of compiler threads, so that their CPU time (read per thread from /proc,
                // for the warm-up's "compilers quiet" test) never vanishes with a thread that exits
                .withJvmOptions("-XX:-UseDynamicNumberOfCompilerThreads")
                .withEnv("TANDEM_ADMIN_TOKEN", token);
        if (pg != null) {
            for (var e : pg.serverEnvironment().entrySet()) {
                launch = launch.withEnv(e.getKey(), e.getValue());
            }
        }
        try (ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(180))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            URI base = URI.create(server.baseUrl());
            byte[] body = "{\"title\":\"bench\",\"severity\":\"LOW\"}".getBytes(StandardCharsets.UTF_8);
            // Each client keeps one connection and sends the same prepared request: a client that costs
            // little CPU leaves the two cores to the server (see KeepAliveClient).
            Load load = new Load(clients, l -> {
                try (KeepAliveClient client = new KeepAliveClient(base, token)) {
                    byte[] open = client.request("POST", "/api/v1/incidents", "application/json", body);
                    while (l.running()) {
                        try {
                            int status = client.send(open).status();
                            (status == 201 ? l.ok : l.failed).increment();
                        } catch (IOException e) {
                            l.failed.increment();
                        }
                    }
                } catch (IOException e) {
                    l.failed.increment();
                }
            });
            return measure(store, server.pid(), true, () -> treeSize(http, server), load);
        }
    }

    /** The 32 clients: threads running their loop until stopped, counting answers. */
    private static final class Load {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        private final AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
        private final List<Thread> threads = new ArrayList<>();

        Load(int clients, java.util.function.Consumer<Load> loop) {
            for (int c = 0; c < clients; c++) {
                threads.add(Thread.ofPlatform().name("client-" + c).start(() -> loop.accept(this)));
            }
        }

        boolean running() {
            return System.nanoTime() < stopAt.get();
        }

        void stop() throws InterruptedException {
            stopAt.set(0);
            for (Thread t : threads) {
                t.join();
            }
        }
    }

    @FunctionalInterface
    private interface TreeSize {
        long get() throws Exception;
    }

    /**
     * Warms up, then measures the growth of the durable tree over {@link #seconds} under {@code load},
     * with the CPU of the server process {@code serverPid} (its sequencer and JIT threads apart) and,
     * when the clients run in another process ({@code separateClients}), of this one.
     */
    private Result measure(String store, long serverPid, boolean separateClients, TreeSize treeSize, Load load)
            throws Exception {
        try {
            return measureWarm(store, serverPid, separateClients, treeSize, load);
        } finally {
            load.stop();
        }
    }

    private Result measureWarm(String store, long serverPid, boolean separateClients, TreeSize treeSize, Load load)
            throws Exception {
        long self = ProcessHandle.current().pid();
        warmUp(store, serverPid);
        long sizeBefore = treeSize.get();
        long okBefore = load.ok.sum();
        long failedBefore = load.failed.sum();
        long serverCpu0 = ProcCpu.process(serverPid);
        long sequencerCpu0 = ProcCpu.threads(serverPid, "ledger-sequencer");
        long compilerCpu0 = compilerCpu(serverPid);
        long clientCpu0 = separateClients ? ProcCpu.process(self) : 0;
        long t0 = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds));
        long sizeAfter = treeSize.get();
        long t1 = System.nanoTime();
        long serverCpu = ProcCpu.process(serverPid) - serverCpu0;
        long sequencerCpu = ProcCpu.threads(serverPid, "ledger-sequencer") - sequencerCpu0;
        long compilerCpu = compilerCpu(serverPid) - compilerCpu0;
        long clientCpu = separateClients ? ProcCpu.process(self) - clientCpu0 : 0;
        long answered = load.ok.sum() - okBefore;
        long fails = load.failed.sum() - failedBefore;
        return new Result(
                store,
                sizeAfter - sizeBefore,
                (t1 - t0) / 1e9,
                answered,
                fails,
                serverCpu,
                sequencerCpu,
                clientCpu,
                compilerCpu);
    }

    /**
     * Keeps the load on for {@link #warmup} seconds, then until the JIT compiler threads of {@code pid}
     * used less than 5 % of a core over 5 s (a Spring server on 2 cores takes one to two minutes
     * to compile its hot paths; measured before that, it shows its start-up, not its service), at
     * most {@link #maxWarmup} seconds.
     */
    private void warmUp(String store, long pid) throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(warmup));
        long deadline = start + Duration.ofSeconds(Math.max(warmup, maxWarmup)).toNanos();
        boolean quiet = false;
        while (!quiet && System.nanoTime() < deadline) {
            long c0 = compilerCpu(pid);
            Thread.sleep(Duration.ofSeconds(5));
            quiet = compilerCpu(pid) - c0 < 250_000_000L;
        }
        System.out.printf(
                Locale.ROOT,
                "%-9s warm-up: %.0f s of load%s%n",
                store,
                (System.nanoTime() - start) / 1e9,
                quiet
                        ? ", until the JIT compilers used < 5 % of a core over 5 s"
                        : " (--max-warmup reached: the JIT compilers were still busy)");
    }

    private static long compilerCpu(long pid) {
        return ProcCpu.threads(pid, "C1 CompilerThre") + ProcCpu.threads(pid, "C2 CompilerThre");
    }

    /** The tree size of the latest signed checkpoint: what is durably in the log. */
    private static long treeSize(HttpClient http, ServerProcess server) throws IOException, InterruptedException {
        String cp = http.send(
                        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/ledger/checkpoint"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .body();
        Matcher m = TREE_SIZE.matcher(cp);
        if (!m.find()) {
            throw new IllegalStateException("unreadable checkpoint: " + cp);
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * {@code pgbench -n -c CLIENTS -j 2 -T SECONDS -f insert.sql} where insert.sql is one INSERT of a
     * small row into a table with a bigserial key (autocommit: one transaction, one WAL flush each).
     */
    private double pgbench(ScratchPostgres pg) throws Exception {
        try (Connection c = pg.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_row (id BIGSERIAL PRIMARY KEY, payload TEXT NOT NULL,"
                    + " at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        Path script = Files.createTempFile("tandem-pgbench-", ".sql");
        Files.writeString(
                script, "INSERT INTO bench_row (payload) VALUES ('{\"title\":\"bench\",\"severity\":\"LOW\"}');\n");
        List<String> cmd = List.of(
                pgbenchBinary(),
                "-n",
                "-c",
                Integer.toString(clients),
                "-j",
                "2",
                "-T",
                Integer.toString(seconds),
                "-f",
                script.toString(),
                "-h",
                pg.host(),
                "-p",
                pg.port(),
                "-U",
                pg.user(),
                pg.name());
        System.out.println("reference: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        Files.deleteIfExists(script);
        Matcher m = TPS.matcher(out);
        if (exit != 0 || !m.find()) {
            throw new IllegalStateException("pgbench failed (exit " + exit + "):\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    static String pgbenchBinary() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir.isEmpty() ? "." : dir, "pgbench");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                for (Path v :
                        versions.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Path p = v.resolve("bin/pgbench");
                    if (Files.isExecutable(p)) {
                        return p.toString();
                    }
                }
            }
        }
        throw new IllegalStateException(
                "pgbench not found (PATH, /usr/lib/postgresql/*/bin); on Debian: apt-get install -y postgresql-contrib");
    }

    static void deleteTree(Path dir) throws IOException {
        try (var all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
