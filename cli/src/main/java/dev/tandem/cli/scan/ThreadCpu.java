package dev.tandem.cli.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a scan's CPU time went, by kind of thread, read from Linux's {@code /proc/self/stat} and
 * {@code /proc/self/task/TID/stat} as the scan ends (docs/benchmarks.md). {@code tandem bench
 * scan} asks each {@code tandem scan} it times for this line (environment variable {@value #ENV}
 * naming a file), so every run says how much of its CPU the scanning threads, the caller's output
 * and distinct counts, the JIT compilers and the collector took, without a profiler beside it.
 *
 * <p>Threads that ended before the scan did (a pool's scanning threads, once their work is done)
 * are gone from {@code /proc/self/task}; their time is the process's total less the live
 * threads', reported as {@link Kind#ENDED}. Times are in clock ticks of 1/100 s (USER_HZ, 100 on
 * every Linux architecture Tandem runs on).
 */
public final class ThreadCpu {
    /** The environment variable naming the file the report is written to. */
    public static final String ENV = "TANDEM_CPU_REPORT";

    private static final double TICK = 0.01;

    /** The kinds of thread a report sums by. */
    public enum Kind {
        SCANNING("scanning"),
        CALLER("caller"),
        READER("reader"),
        JIT("jit"),
        GC("gc"),
        OTHER("other"),
        ENDED("ended");

        final String key;

        Kind(String key) {
            this.key = key;
        }
    }

    /** CPU seconds of one kind: in user mode and in the kernel. */
    public record Time(double user, double system) {
        public double total() {
            return user + system;
        }

        Time plus(double u, double s) {
            return new Time(user + u, system + s);
        }
    }

    private ThreadCpu() {}

    /**
     * The kind of a thread from its name as Linux keeps it ({@code comm}, at most 15 bytes): the
     * scan's own threads by the names {@code PiiScanner} gives them, the launcher's main thread
     * ("java" or "main"), HotSpot's compiler, collector and VM threads by theirs.
     */
    static Kind kind(String comm) {
        if (comm.startsWith("tandem-scan-rea")) return Kind.READER;
        if (comm.equals("tandem-scan")) return Kind.SCANNING;
        if (comm.equals("java") || comm.equals("main")) return Kind.CALLER;
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) return Kind.JIT;
        if (comm.startsWith("GC Thread") || comm.equals("VM Thread") || comm.startsWith("G1 ")) return Kind.GC;
        return Kind.OTHER;
    }

    /** One line of {@code /proc/.../stat}: the name between the parentheses, user and system ticks. */
    record Stat(String comm, long userTicks, long systemTicks) {}

    /**
     * Reads a {@code stat} line (proc(5)): the name may hold spaces and parentheses, so the fields
     * are counted from the last ')'; {@code utime} and {@code stime} are the 14th and 15th fields.
     */
    static Stat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) throw new IllegalArgumentException("not a /proc stat line: " + line);
        String[] f = line.substring(close + 2).trim().split(" ");
        // f[0] is the 3rd field (state): utime is the 14th field, f[11]; stime f[12]
        if (f.length < 13) throw new IllegalArgumentException("a /proc stat line too short: " + line);
        return new Stat(line.substring(open + 1, close), Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** Sums live threads by kind and puts what the process spent beyond them under {@link Kind#ENDED}. */
    static Map<Kind, Time> sum(Stat process, List<Stat> threads) {
        Map<Kind, Time> m = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) m.put(k, new Time(0, 0));
        long u = 0;
        long s = 0;
        for (Stat t : threads) {
            m.merge(
                    kind(t.comm()),
                    new Time(t.userTicks() * TICK, t.systemTicks() * TICK),
                    (a, b) -> a.plus(b.user(), b.system()));
            u += t.userTicks();
            s += t.systemTicks();
        }
        m.put(
                Kind.ENDED,
                new Time(Math.max(0, process.userTicks() - u) * TICK, Math.max(0, process.systemTicks() - s) * TICK));
        return m;
    }

    /** The report as one JSON object: per kind its user and system seconds. */
    static String json(Map<Kind, Time> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Kind k : Kind.values()) {
            Time t = m.get(k);
            if (sb.length() > 1) sb.append(',');
            sb.append(
                    String.format(Locale.ROOT, "\"%s\":{\"user\":%.2f,\"system\":%.2f}", k.key, t.user(), t.system()));
        }
        return sb.append('}').toString();
    }

    /** This process's threads as the scan ends, or null where there is no {@code /proc} (not Linux). */
    static @Nullable Map<Kind, Time> now() {
        Path self = Path.of("/proc/self");
        if (!Files.isDirectory(self.resolve("task"))) return null;
        try {
            Stat process = parse(Files.readString(self.resolve("stat"), StandardCharsets.ISO_8859_1));
            List<Stat> threads = new ArrayList<>();
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(self.resolve("task"))) {
                for (Path t : tasks) {
                    try {
                        threads.add(parse(Files.readString(t.resolve("stat"), StandardCharsets.ISO_8859_1)));
                    } catch (NoSuchFileException gone) {
                        // ended between the listing and the read: counted under ENDED
                    }
                }
            }
            return sum(process, threads);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Writes the report to the file {@value #ENV} names, when it is set; a report that cannot be
     * read or written is left out (it serves a benchmark, never the scan's result).
     */
    static void reportIfAsked() {
        String file = System.getenv(ENV);
        if (file == null || file.isBlank()) return;
        Map<Kind, Time> m = now();
        if (m == null) return;
        try {
            Files.writeString(Path.of(file), json(m) + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException ignored) {
            // the bench reports the run without its breakdown
        }
    }
}
