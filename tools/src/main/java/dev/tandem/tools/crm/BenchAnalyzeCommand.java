package dev.tandem.tools.crm;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problems;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.ProgressListener;
import dev.tandem.leak.Thresholds;
import dev.tandem.payload.ScannerPayloadInspector;
import dev.tandem.tools.bench.ThisExecutable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench analyze [--size 1GiB] [--threads N]}: generates Event Log File CSVs, then in
 * the same run times merely parsing them with FastCSV (with the settings the analysis's own reader reads as)
 * against the full analysis, each on one thread and on {@code --threads} (all cores by default:
 * the parsing spread over the files, the analysis reading ahead as {@code tandem analyze} does), and
 * prints the throughputs, their ratios, and the heap the analysis kept. For the record it also
 * times reading the files with the analysis's own CSV reader ({@code CsvTable}, every field made a
 * string, as FastCSV makes them): the target is against FastCSV, what a skilled user would pick.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = "Throughput of the leak analysis against parsing the same event log CSVs with FastCSV.")
public final class BenchAnalyzeCommand implements Callable<Integer> {
    private static final Pattern SIZE =
            Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*(b|kib|mib|gib|kb|mb|gb|k|m|g)?\\s*");

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "1GiB",
            description = "Bytes of CSV to generate (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(
            names = "--users",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Users in the generated org (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "7",
            description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description = "Timed rounds of each; the best counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to generate (default: a temporary folder, deleted afterwards).")
    Path dir;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the all-cores runs (default: all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static long parseSize(String s) {
        Matcher m = SIZE.matcher(s);
        if (!m.matches()) {
            throw new CommandLine.ParameterException(
                    new CommandLine(new BenchAnalyzeCommand()), "--size: not a size: " + s + " (e.g. 1GiB, 200MiB)");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long mult = switch (unit) {
            case "kib", "k" -> 1L << 10;
            case "mib", "m" -> 1L << 20;
            case "gib", "g" -> 1L << 30;
            case "kb" -> 1_000L;
            case "mb" -> 1_000_000L;
            case "gb" -> 1_000_000_000L;
            default -> 1L;
        };
        return (long) (v * mult);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        long target = parseSize(size);
        boolean temporary = dir == null;
        Path root = temporary ? Files.createTempDirectory("tandem-bench-analyze") : dir;
        try {
            // about 300 bytes a row in the generated files; the exact size is printed below
            long rows = Math.max(10_000, target / 300);
            long t0 = System.nanoTime();
            CrmOrgGenerator.Summary g = CrmOrgGenerator.generate(
                    new CrmOrgGenerator.Settings(seed, users, rows, 30, LocalDate.of(2025, 3, 1), true), root);
            out.printf(
                    Locale.ROOT,
                    "generated %,d event log rows, %,d bytes in %d files (%.1f s)%n",
                    g.eventRows(),
                    g.eventBytes(),
                    g.files(),
                    (System.nanoTime() - t0) / 1e9);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root.resolve("eventlogs"))) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            long bytes = 0;
            for (Path f : files) {
                bytes += Files.size(f);
            }
            List<AnalysisInput> inputs =
                    files.stream().map(f -> AnalysisInput.of(f.toString(), f)).toList();
            int cores = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (cores < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1");
            }
            // warm-up: JIT-compile both paths on a slice before timing
            parse(files.subList(0, Math.min(files.size(), 20)), cores);
            new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), cores)
                    .analyze(inputs.subList(0, Math.min(inputs.size(), 20)), ProgressListener.NONE);

            // wall-clock and the process's CPU time (all threads: the all-cores runs have several)
            Best parse1 = new Best();
            Best analyze1 = new Best();
            Best parseN = new Best();
            Best analyzeN = new Best();
            double ownRead1 = Double.MAX_VALUE;
            long peak = 0;
            long retained = 0;
            AnalysisResult result = null;
            for (int round = 1; round <= rounds; round++) {
                for (int t : cores == 1 ? new int[] {1} : new int[] {1, cores}) {
                    long c = processCpu();
                    long tc = THREADS.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    long parsedRows = parse(files, t);
                    double parseSec = (System.nanoTime() - s) / 1e9;
                    double parseCpu = (processCpu() - c) / 1e9;
                    (t == 1 ? parse1 : parseN).add(parseSec, parseCpu, (THREADS.getCurrentThreadCpuTime() - tc) / 1e9);
                    out.printf(
                            Locale.ROOT,
                            "round %d: parse only  %d thread(s) %,d rows in %.2f s (cpu %.2f s) = %.1f MB/s%n",
                            round,
                            t,
                            parsedRows,
                            parseSec,
                            parseCpu,
                            bytes / parseSec / 1e6);

                    if (t == 1) {
                        // the same work with the analysis's own CSV reader: for the record, not the target
                        s = System.nanoTime();
                        long readRows = readOwn(files);
                        double readSec = (System.nanoTime() - s) / 1e9;
                        ownRead1 = Math.min(ownRead1, readSec);
                        out.printf(
                                Locale.ROOT,
                                "round %d: own reader  1 thread(s) %,d rows in %.2f s = %.1f MB/s%n",
                                round,
                                readRows,
                                readSec,
                                bytes / readSec / 1e6);
                    }

                    System.gc();
                    resetPeaks();
                    long[] gcNanos = {0};
                    long[] gcCpu = {0};
                    long[] gcThreadCpu = {0};
                    long[] kept = {0};
                    boolean measure = round == 1 && t == 1;
                    c = processCpu();
                    tc = THREADS.getCurrentThreadCpuTime();
                    s = System.nanoTime();
                    result = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), t)
                            .analyze(inputs, p -> {
                                if (measure && p.phase() == ProgressListener.Phase.CORRELATING) {
                                    // what the analysis holds once every row is read: users and sessions, not rows
                                    long g0 = System.nanoTime();
                                    long c0 = processCpu();
                                    long tc0 = THREADS.getCurrentThreadCpuTime();
                                    System.gc();
                                    kept[0] = ManagementFactory.getMemoryMXBean()
                                            .getHeapMemoryUsage()
                                            .getUsed();
                                    gcNanos[0] = System.nanoTime() - g0;
                                    gcCpu[0] = processCpu() - c0;
                                    gcThreadCpu[0] = THREADS.getCurrentThreadCpuTime() - tc0;
                                }
                            });
                    double analyzeSec = (System.nanoTime() - s - gcNanos[0]) / 1e9;
                    double analyzeCpu = (processCpu() - c - gcCpu[0]) / 1e9;
                    double analyzeThreadCpu = (THREADS.getCurrentThreadCpuTime() - tc - gcThreadCpu[0]) / 1e9;
                    (t == 1 ? analyze1 : analyzeN).add(analyzeSec, analyzeCpu, analyzeThreadCpu);
                    if (measure) {
                        peak = peakHeap();
                        retained = kept[0];
                    }
                    out.printf(
                            Locale.ROOT,
                            "round %d: analysis    %d thread(s) %,d events in %.2f s (cpu %.2f s) = %.1f MB/s (%d findings)%n",
                            round,
                            t,
                            result.stats().events(),
                            analyzeSec,
                            analyzeCpu,
                            bytes / analyzeSec / 1e6,
                            result.findings().size());
                    out.flush();
                }
            }
            out.printf(Locale.ROOT, "%nbytes              %,d (%d CSV files, target %s)%n", bytes, files.size(), size);
            out.printf(Locale.ROOT, "parse only (best)  %.1f MB/s on 1 thread%n", bytes / parse1.wall / 1e6);
            out.printf(Locale.ROOT, "analysis (best)    %.1f MB/s on 1 thread%n", bytes / analyze1.wall / 1e6);
            out.printf(
                    Locale.ROOT,
                    "ratio              %.2fx (analysis / parse, 1 thread, wall clock; target >= 0.5x)%n",
                    parse1.wall / analyze1.wall);
            out.printf(
                    Locale.ROOT,
                    "ratio (cpu time)   %.2fx (1 thread, this thread's CPU time; steadier on a shared machine)%n",
                    parse1.threadCpu / analyze1.threadCpu);
            out.printf(
                    Locale.ROOT,
                    "ratio (cpu time)   %.2fx (1 thread, the process's CPU time, collector and compiler included)%n",
                    parse1.cpu / analyze1.cpu);
            out.printf(
                    Locale.ROOT,
                    "own reader (best) %.1f MB/s on 1 thread (CsvTable, every field a string: %.2fx FastCSV; the"
                            + " analysis at %.2fx of it)%n",
                    bytes / ownRead1 / 1e6,
                    parse1.wall / ownRead1,
                    ownRead1 / analyze1.wall);
            if (cores > 1) {
                out.printf(
                        Locale.ROOT,
                        "parse only (best)  %.1f MB/s on %d threads (%.2fx 1 thread)%n",
                        bytes / parseN.wall / 1e6,
                        cores,
                        parse1.wall / parseN.wall);
                out.printf(
                        Locale.ROOT,
                        "analysis (best)    %.1f MB/s on %d threads (%.2fx 1 thread)%n",
                        bytes / analyzeN.wall / 1e6,
                        cores,
                        analyze1.wall / analyzeN.wall);
                out.printf(
                        Locale.ROOT,
                        "ratio              %.2fx (analysis / parse, %d threads each, wall clock; target >= 0.5x)%n",
                        parseN.wall / analyzeN.wall,
                        cores);
                out.printf(
                        Locale.ROOT,
                        "ratio              %.2fx (analysis on %d threads / parse on 1, wall clock)%n",
                        parse1.wall / analyzeN.wall,
                        cores);
                out.printf(
                        Locale.ROOT,
                        "cpu time           parse %.2f s, analysis %.2f s on %d threads (1 thread: %.2f s, %.2f s)%n",
                        parseN.cpu,
                        analyzeN.cpu,
                        cores,
                        parse1.cpu,
                        analyze1.cpu);
                // what the aggregating thread leaves to the workers: the parsing, spread over the cores
                out.printf(
                        Locale.ROOT,
                        "aggregating thread %.2f s CPU of the analysis on %d threads (the rest: %.2f s, its %d"
                                + " parsing workers, the collector and the compiler)%n",
                        analyzeN.threadCpu,
                        cores,
                        analyzeN.cpu - analyzeN.threadCpu,
                        cores);
            }
            out.printf(
                    Locale.ROOT,
                    "machine            %d cores; %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    ThisExecutable.load());
            out.printf(
                    Locale.ROOT,
                    "state              %,d users, %,d sessions for %,d events%n",
                    result.stats().users(),
                    result.stats().sessions(),
                    result.stats().events());
            out.printf(
                    Locale.ROOT,
                    "heap kept          %.1f MiB after reading everything (live, after GC)%n",
                    retained / 1048576.0);
            out.printf(
                    Locale.ROOT,
                    "heap peak          %.1f MiB (sum of pool peaks, garbage included; max heap %.0f MiB)%n",
                    peak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0);
            out.flush();
            return 0;
        } finally {
            if (temporary) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    /** The best wall-clock and CPU times of a measurement over the rounds. */
    private static final class Best {
        double wall = Double.MAX_VALUE;
        double cpu = Double.MAX_VALUE;
        double threadCpu = Double.MAX_VALUE;

        void add(double w, double c, double tc) {
            wall = Math.min(wall, w);
            cpu = Math.min(cpu, c);
            threadCpu = Math.min(threadCpu, tc);
        }
    }

    /**
     * The reference: FastCSV reading every record of every file, touching each field count; on
     * {@code threads} threads, each file whole on one of them.
     */
    static long parse(List<Path> files, int threads) throws IOException, InterruptedException {
        if (threads == 1) {
            long rows = 0;
            for (Path f : files) {
                rows += parse(f);
            }
            return rows;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> each = new ArrayList<>();
            for (Path f : files) {
                each.add(pool.submit(() -> parse(f)));
            }
            long rows = 0;
            for (Future<Long> r : each) {
                rows += r.get();
            }
            return rows;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static long parse(Path f) throws IOException {
        long rows = 0;
        long fields = 0;
        try (InputStream in = Files.newInputStream(f);
                CsvReader<CsvRecord> r = CsvTable.reader(in)) {
            for (CsvRecord rec : r) {
                fields += rec.getFieldCount();
                rows++;
            }
        }
        if (fields < 0) {
            throw new IllegalStateException("unreachable: keeps the loop's work observable");
        }
        return rows;
    }

    /** Every row of every file read with the analysis's reader, each field made a string. */
    private static long readOwn(List<Path> files) throws IOException {
        long rows = 0;
        long chars = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f);
                    CsvTable table = CsvTable.open(f.toString(), in, new Problems(1))) {
                if (table == null) {
                    continue;
                }
                int columns = table.header().size();
                while (table.next()) {
                    for (int i = 0; i < columns; i++) {
                        chars += table.get(i).length();
                    }
                    rows++;
                }
            }
        }
        if (chars < 0) {
            throw new IllegalStateException("unreachable: keeps the loop's work observable");
        }
        return rows;
    }

    /** CPU time of this process, all threads, in nanoseconds. */
    private static long processCpu() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(java.time.Duration::toNanos)
                .orElse(0L);
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
