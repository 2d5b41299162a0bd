package dev.tandem.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What held {@code tandem bench load} back, watched once a second while it is measured: the CPU of the
 * whole machine ({@code /proc/stat}), of the server processes, their {@code ledger-sequencer} thread,
 * the bench's clients and the database's backends serving the bench's database (their pids from
 * {@code pg_stat_activity}, their CPU from {@code /proc}); how many of those backends were running a
 * query; and, every tenth second, a thread dump of each server ({@code jcmd Thread.print}) whose
 * request threads and sequencer are counted by what they were doing. These numbers explain the
 * result; they decide nothing.
 */
final class LoadObserver implements AutoCloseable {
    private final Supplier<List<Long>> serverPids;
    private final @Nullable Connection db;
    private final @Nullable String dbName;
    private final Thread thread;
    private volatile boolean running = true;

    private final Map<Long, Long> serverCpu = new HashMap<>();
    private final Map<Long, Long> backendCpu = new HashMap<>();
    private final Map<Long, Long> sequencerCpu = new HashMap<>();
    private long serverCpuNanos;
    private long backendCpuNanos;
    private long sequencerCpuNanos;
    private final long selfCpu0 = ProcCpu.process(ProcessHandle.current().pid());
    private final long[] machine0 = machine();
    private long[] machine1 = machine0;
    private long selfCpu1 = selfCpu0;
    private final long t0 = System.nanoTime();
    private long t1 = t0;
    private int activitySamples;
    private long activeBackends;
    private long idleInTransaction;
    private int maxBackends;
    private final Map<String, Integer> requestThreads = new TreeMap<>();
    private final Map<String, Integer> sequencerStates = new TreeMap<>();
    private int dumps;

    LoadObserver(Supplier<List<Long>> serverPids, @Nullable Connection db, @Nullable String dbName) {
        this.serverPids = serverPids;
        this.db = db;
        this.dbName = dbName;
        for (long pid : serverPids.get()) {
            serverCpu.put(pid, ProcCpu.process(pid));
            sequencerCpu.put(pid, ProcCpu.threads(pid, "ledger-sequencer"));
        }
        for (long pid : backends().keySet()) {
            backendCpu.put(pid, ProcCpu.process(pid));
        }
        this.thread = Thread.ofPlatform().name("load-observer").daemon().start(this::loop);
    }

    private void loop() {
        int second = 0;
        while (running) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sample();
            if (++second % 10 == 5) {
                for (long pid : serverPids.get()) {
                    threadDump(pid);
                }
            }
        }
    }

    private synchronized void sample() {
        for (long pid : serverPids.get()) {
            serverCpuNanos += grow(serverCpu, pid, ProcCpu.process(pid));
            sequencerCpuNanos += grow(sequencerCpu, pid, ProcCpu.threads(pid, "ledger-sequencer"));
        }
        Map<Long, String> states = backends();
        for (var e : states.entrySet()) {
            backendCpuNanos += grow(backendCpu, e.getKey(), ProcCpu.process(e.getKey()));
        }
        if (!states.isEmpty()) {
            activitySamples++;
            activeBackends += states.values().stream().filter("active"::equals).count();
            idleInTransaction += states.values().stream()
                    .filter(s -> s.startsWith("idle in transaction"))
                    .count();
            maxBackends = Math.max(maxBackends, states.size());
        }
        machine1 = machine();
        selfCpu1 = ProcCpu.process(ProcessHandle.current().pid());
        t1 = System.nanoTime();
    }

    /** CPU used since the last look; a process first seen now started during the window, from zero. */
    private static long grow(Map<Long, Long> last, long pid, long now) {
        Long before = last.put(pid, now);
        return Math.max(0, now - (before == null ? 0 : before));
    }

    /** pid to state of the backends connected to the bench's database, this observer's own excluded. */
    private Map<Long, String> backends() {
        Map<Long, String> found = new HashMap<>();
        if (db == null) {
            return found;
        }
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT pid, coalesce(state, '') FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, dbName);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            // the numbers explain, they never fail the run
        }
        return found;
    }

    private void threadDump(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return;
        }
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            String dump = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                return;
            }
            synchronized (this) {
                dumps++;
                for (String t : dump.split("\n\n")) {
                    String trimmed = t.strip();
                    if (trimmed.startsWith("\"http-nio-") && trimmed.contains("-exec-")) {
                        requestThreads.merge(requestThreadState(trimmed), 1, Integer::sum);
                    } else if (trimmed.startsWith("\"ledger-sequencer\"")) {
                        sequencerStates.merge(sequencerState(trimmed), 1, Integer::sum);
                    }
                }
            }
        } catch (IOException e) {
            // no dump this time
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String requestThreadState(String stack) {
        if (stack.contains("HikariPool.getConnection")) {
            return "waiting for a pooled database connection";
        }
        if (stack.contains("LedgerSequencer.submit")) {
            return "waiting for the ledger sequencer";
        }
        if (stack.contains("org.postgresql.") || stack.contains("org.h2.")) {
            return "in a database call";
        }
        if (stack.contains("TaskQueue.take") || stack.contains("TaskQueue.poll")) {
            return "idle (no request)";
        }
        if (stack.contains("fillReadBuffer") || stack.contains("NioSocketWrapper.read")) {
            return "reading a request body";
        }
        return "running (CPU or runnable)";
    }

    static String sequencerState(String stack) {
        if (stack.contains("LinkedBlockingQueue.take") || stack.contains("LinkedBlockingQueue.poll")) {
            return "waiting for work";
        }
        if (stack.contains("org.postgresql.") || stack.contains("org.h2.")) {
            return "in a database call";
        }
        return "running (CPU or runnable)";
    }

    /** jiffies of all cores: {busy, total}. */
    private static long[] machine() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat"), StandardCharsets.US_ASCII)
                    .getFirst();
            String[] f = cpu.trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** The report, in lines. */
    synchronized List<String> report() {
        List<String> out = new ArrayList<>();
        double seconds = (t1 - t0) / 1e9;
        if (seconds <= 0) {
            return out;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        long busy = machine1[0] - machine0[0];
        long total = machine1[1] - machine0[1];
        double machineCores = total > 0 ? cores * (double) busy / total : 0;
        double server = serverCpuNanos / 1e9 / seconds;
        double clients = (selfCpu1 - selfCpu0) / 1e9 / seconds;
        double backends = backendCpuNanos / 1e9 / seconds;
        out.add(String.format(
                Locale.ROOT,
                "cpu: the machine's %d cores were %.2f busy on average (%.0f %%): server processes %.2f (their"
                        + " ledger-sequencer threads %.2f), PostgreSQL backends of this database %.2f, bench"
                        + " clients %.2f, everything else (other users of the machine) %.2f",
                cores,
                machineCores,
                100 * machineCores / cores,
                server,
                sequencerCpuNanos / 1e9 / seconds,
                backends,
                clients,
                Math.max(0, machineCores - server - backends - clients)));
        if (activitySamples > 0) {
            out.add(String.format(
                    Locale.ROOT,
                    "database: %d connections to the bench's database at most; on average %.1f running a"
                            + " statement and %.1f idle in a transaction (once a second, %d looks)",
                    maxBackends,
                    (double) activeBackends / activitySamples,
                    (double) idleInTransaction / activitySamples,
                    activitySamples));
        }
        if (dumps > 0) {
            out.add("server request threads in " + dumps + " thread dumps: " + shares(requestThreads));
            out.add("ledger-sequencer in the same dumps: " + shares(sequencerStates));
        }
        return out;
    }

    private static String shares(Map<String, Integer> counts) {
        int all = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<String> parts = new ArrayList<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> parts.add(String.format(
                        Locale.ROOT, "%s %d (%.0f %%)", e.getKey(), e.getValue(), 100.0 * e.getValue() / all)));
        return String.join(", ", parts);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        sample();
    }
}
