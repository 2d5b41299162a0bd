package dev.tandem.tools.crm;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.tandem.intake.CsvTable;
import dev.tandem.leak.AnalysisInput;
import dev.tandem.leak.AnalysisResult;
import dev.tandem.leak.LeakAnalyzer;
import dev.tandem.leak.ProgressListener;
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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench analyze [--size 1GiB]}: generates Event Log File CSVs, then in the same run
 * times merely parsing them with FastCSV (the same reader settings the analysis uses) against the
 * full analysis, and prints both throughputs, their ratio, and the heap the analysis kept.
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
            defaultValue = "1GiB",
            description = "Bytes of CSV to generate (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(
            names = "--users",
            defaultValue = "2000",
            description = "Users in the generated org (default: ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--seed", defaultValue = "7", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--rounds",
            defaultValue = "3",
            description = "Timed rounds of each; the best counts (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--dir", description = "Where to generate (default: a temporary folder, deleted afterwards).")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

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
            // warm-up: JIT-compile both paths on a slice before timing
            parse(files.subList(0, Math.min(files.size(), 20)));
            new LeakAnalyzer().analyze(inputs.subList(0, Math.min(inputs.size(), 20)), ProgressListener.NONE);

            // wall-clock and this thread's CPU time: on a shared machine the CPU ratio is the steadier
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            double bestParse = Double.MAX_VALUE;
            double bestAnalyze = Double.MAX_VALUE;
            double bestParseCpu = Double.MAX_VALUE;
            double bestAnalyzeCpu = Double.MAX_VALUE;
            long peak = 0;
            long retained = 0;
            AnalysisResult result = null;
            for (int round = 1; round <= rounds; round++) {
                long c = threads.getCurrentThreadCpuTime();
                long s = System.nanoTime();
                long parsedRows = parse(files);
                double parseSec = (System.nanoTime() - s) / 1e9;
                double parseCpu = (threads.getCurrentThreadCpuTime() - c) / 1e9;
                bestParse = Math.min(bestParse, parseSec);
                bestParseCpu = Math.min(bestParseCpu, parseCpu);
                out.printf(
                        Locale.ROOT,
                        "round %d: parse only  %,d rows in %.2f s (cpu %.2f s) = %.1f MB/s%n",
                        round,
                        parsedRows,
                        parseSec,
                        parseCpu,
                        bytes / parseSec / 1e6);

                System.gc();
                resetPeaks();
                long[] gcNanos = {0};
                long[] gcCpu = {0};
                long[] kept = {0};
                boolean measure = round == 1;
                c = threads.getCurrentThreadCpuTime();
                s = System.nanoTime();
                result = new LeakAnalyzer().analyze(inputs, p -> {
                    if (measure && p.phase() == ProgressListener.Phase.CORRELATING) {
                        // what the analysis holds once every row is read: users and sessions, not rows
                        long g0 = System.nanoTime();
                        long c0 = threads.getCurrentThreadCpuTime();
                        System.gc();
                        kept[0] = ManagementFactory.getMemoryMXBean()
                                .getHeapMemoryUsage()
                                .getUsed();
                        gcNanos[0] = System.nanoTime() - g0;
                        // the CPU this thread spent in the call: wall time would make the CPU
                        // figure negative on a loaded machine
                        gcCpu[0] = threads.getCurrentThreadCpuTime() - c0;
                    }
                });
                double analyzeSec = (System.nanoTime() - s - gcNanos[0]) / 1e9;
                double analyzeCpu = (threads.getCurrentThreadCpuTime() - c - gcCpu[0]) / 1e9;
                bestAnalyze = Math.min(bestAnalyze, analyzeSec);
                bestAnalyzeCpu = Math.min(bestAnalyzeCpu, analyzeCpu);
                if (measure) {
                    peak = peakHeap();
                    retained = kept[0];
                }
                out.printf(
                        Locale.ROOT,
                        "round %d: analysis    %,d events in %.2f s (cpu %.2f s) = %.1f MB/s (%d findings)%n",
                        round,
                        result.stats().events(),
                        analyzeSec,
                        analyzeCpu,
                        bytes / analyzeSec / 1e6,
                        result.findings().size());
            }
            double parseMbs = bytes / bestParse / 1e6;
            double analyzeMbs = bytes / bestAnalyze / 1e6;
            out.printf(Locale.ROOT, "%nbytes              %,d (%d CSV files, target %s)%n", bytes, files.size(), size);
            out.printf(Locale.ROOT, "parse only (best)  %.1f MB/s%n", parseMbs);
            out.printf(Locale.ROOT, "analysis (best)    %.1f MB/s%n", analyzeMbs);
            out.printf(
                    Locale.ROOT,
                    "ratio              %.2fx (analysis / parse, wall clock; target >= 0.5x)%n",
                    analyzeMbs / parseMbs);
            out.printf(
                    Locale.ROOT,
                    "ratio (cpu time)   %.2fx (this thread's CPU time; steadier on a shared machine)%n",
                    bestParseCpu / bestAnalyzeCpu);
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

    /** The reference: FastCSV reading every record of every file, touching each field count. */
    static long parse(List<Path> files) throws IOException {
        long rows = 0;
        long fields = 0;
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f);
                    CsvReader<CsvRecord> r = CsvTable.reader(in)) {
                for (CsvRecord rec : r) {
                    fields += rec.getFieldCount();
                    rows++;
                }
            }
        }
        if (fields < 0) {
            throw new IllegalStateException("unreachable: keeps the loop's work observable");
        }
        return rows;
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
