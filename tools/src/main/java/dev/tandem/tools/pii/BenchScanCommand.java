package dev.tandem.tools.pii;

import dev.tandem.cli.TandemCommand;
import dev.tandem.cli.scan.Json;
import dev.tandem.pii.Finding;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScanOptions;
import dev.tandem.pii.ScanProgress;
import dev.tandem.pii.ScanSink;
import dev.tandem.pii.scope.DistinctHashes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code tandem bench scan}: on one generated mixed corpus, in one run, Tandem with one thread and
 * with all cores against ripgrep ({@code rg -j1} and {@code rg}) searching the same files with an
 * equivalent set of candidate patterns, and a plain {@code java.util.regex} alternation; MB/s,
 * the ratio to ripgrep, peak heap and peak RSS. Ripgrep only finds candidates (no Luhn, mod-97,
 * numbering plans) and reads archives as raw bytes; Tandem validates and decompresses.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "Throughput of tandem scan against ripgrep and java.util.regex on a generated corpus.")
public final class BenchScanCommand implements Callable<Integer> {

    /** The candidate patterns given to ripgrep and to java.util.regex (same syntax in both). */
    static final List<String> PATTERNS = List.of(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", // e-mail
            "\\b(?:\\d[ -]?){12,18}\\d\\b", // card-like digit runs
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", // IBAN-like
            "\\b\\d{3}-\\d{2}-\\d{4}\\b", // SSN-like
            "\\+\\d{1,3}[ -]?(?:\\(?\\d{1,4}\\)?[ -]?){2,5}\\d{2,4}|\\(?\\b\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}\\b", // phone-like
            "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b", // IPv4
            "(?:[0-9a-fA-F]{1,4}:){2,7}:?[0-9a-fA-F]{1,4}|[0-9a-fA-F]{1,4}::(?:[0-9a-fA-F]{1,4}:?){0,6}"); // IPv6

    @Option(
            names = "--size",
            defaultValue = "1GiB",
            converter = Sizes.Converter.class,
            description = "Corpus size (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(
            names = "--dir",
            description =
                    "Corpus folder (generated there unless already present). Default: a folder under java.io.tmpdir named after size and seed.")
    Path dir;

    @Option(names = "--seed", defaultValue = "1", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Threads for the all-cores runs (default: all cores).")
    Integer threads;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    record Run(String name, int threads, double seconds, long bytes, long hits, long peakHeap, long peakRss) {
        double mbps() {
            return bytes / 1e6 / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path corpus = dir != null
                ? dir
                : Path.of(System.getProperty("java.io.tmpdir"), "tandem-bench-scan-" + size + "-seed" + seed);
        Path marker = corpus.resolve(".complete");
        if (!Files.exists(marker)) {
            out.printf("generating a %d-byte corpus in %s ...%n", size, corpus);
            out.flush();
            EvalPiiCommand.delete(corpus);
            new CorpusGenerator(seed).generate(corpus, size, false, false);
            Files.writeString(marker, "size=" + size + " seed=" + seed + "\n");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(corpus)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
        long bytes = 0;
        for (Path f : files) bytes += Files.size(f);
        out.printf(
                Locale.ROOT,
                "corpus: %s, %d bytes in %d files (logs, CSV, TSV, JSON, JSONL, HAR; no archives, which rg cannot read); %d cores%n",
                corpus,
                bytes,
                files.size(),
                Runtime.getRuntime().availableProcessors());
        out.flush();
        // warm up the JIT on a slice so the first timed run is not the compiler's
        tandem(List.of(files.getFirst(), files.get(Math.min(1, files.size() - 1))), 1, 0);

        // ripgrep first, so that every later row can print its ratio as soon as it is measured
        Path rg = findOnPath("rg");
        Run rg1 = null;
        Run rgAll = null;
        if (rg == null) {
            out.println("ripgrep (rg) is not installed: the ripgrep runs are skipped and no ratio can be printed. "
                    + "Install it with: apt-get install -y ripgrep");
        }
        out.printf(
                "%-28s %7s %8s %9s %12s %12s %11s %10s%n",
                "run", "threads", "seconds", "MB/s", "vs ripgrep", "hits", "peak heap", "peak RSS");
        out.flush();
        if (rg != null) {
            rg1 = row(out, ripgrep(rg, corpus, 1, bytes), null, null);
            rgAll = row(out, ripgrep(rg, corpus, cores, bytes), null, null);
        }
        row(out, tandem(List.of(corpus), 1, bytes), rg1, rgAll);
        row(out, tandem(List.of(corpus), cores, bytes), rg1, rgAll);
        row(out, regex(files, bytes), rg1, rgAll);
        out.printf(
                "max heap %s; peak heap includes garbage not yet collected: run with a small heap"
                        + " (TANDEM_JAVA_OPTS=-Xmx256m) to see the bound.%n",
                mib(Runtime.getRuntime().maxMemory()));
        out.println(
                "hits: tandem = validated findings (archives decompressed); rg and regex = candidate matches in raw bytes.");
        DistinctHashes d = new DistinctHashes();
        for (int i = 0; i < 1_000_000; i++) d.add("user" + i + "@example.com");
        out.printf(
                Locale.ROOT,
                "distinct-value table: %d bytes for 1,000,000 distinct values (%.1f bytes each)%n",
                d.memoryBytes(),
                d.memoryBytes() / 1e6);
        out.flush();
        return TandemCommand.EXIT_OK;
    }

    private static Run row(PrintWriter out, Run r, Run rg1, Run rgAll) {
        Run ref = r.threads() == 1 ? rg1 : rgAll;
        String ratio = r.name().startsWith("rg")
                ? "1.00x"
                : ref == null
                        ? "n/a"
                        : String.format(
                                Locale.ROOT, "%.2fx %s", r.mbps() / ref.mbps(), r.threads() == 1 ? "rg -j1" : "rg");
        out.printf(
                Locale.ROOT,
                "%-28s %7d %8.2f %9.1f %12s %12d %11s %10s%n",
                r.name(),
                r.threads(),
                r.seconds(),
                r.mbps(),
                ratio,
                r.hits(),
                r.peakHeap() < 0 ? "-" : mib(r.peakHeap()),
                r.peakRss() < 0 ? "-" : mib(r.peakRss()));
        out.flush();
        return r;
    }

    private static String mib(long b) {
        return String.format(Locale.ROOT, "%.0f MiB", b / 1048576.0);
    }

    private Run tandem(List<Path> paths, int threads, long bytes) throws InterruptedException {
        System.gc();
        resetPeaks();
        long[] hits = {0};
        StringBuilder sb = new StringBuilder();
        OutputStream sinkOut = OutputStream.nullOutputStream();
        ScanSink sink = new ScanSink() {
            @Override
            public void finding(Finding f) {
                hits[0]++;
                // format the line as `tandem scan --format jsonl` does, so output work is counted too
                sb.setLength(0);
                sb.append("{\"kind\":\"finding\",\"file\":");
                Json.string(sb, f.file());
                sb.append(",\"start\":")
                        .append(f.start())
                        .append(",\"end\":")
                        .append(f.end())
                        .append(",\"line\":")
                        .append(f.line())
                        .append(",\"entity\":\"")
                        .append(f.entity())
                        .append("\",\"masked\":");
                Json.string(sb, f.masked());
                sb.append(",\"confidence\":").append(f.confidence());
                sb.append("}\n");
                try {
                    sinkOut.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        long t0 = System.nanoTime();
        new PiiScanner(ScanOptions.defaults().withThreads(threads)).scanPaths(paths, sink, ScanProgress.NONE);
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run(
                "tandem scan (" + (threads == 1 ? "1 thread" : "all cores") + ")",
                threads,
                secs,
                bytes,
                hits[0],
                peakHeap(),
                selfRss());
    }

    private Run ripgrep(Path rg, Path corpus, int threads, long bytes) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                rg.toString(),
                "--no-config",
                "-j",
                Integer.toString(threads),
                "-o",
                "-b",
                "-n",
                "--no-heading",
                "--glob",
                "!.complete"));
        for (String p : PATTERNS) {
            cmd.add("-e");
            cmd.add(p);
        }
        cmd.add(corpus.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        long[] lines = {0};
        Thread reader = Thread.ofPlatform().start(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) for (int i = 0; i < n; i++) if (buf[i] == '\n') lines[0]++;
            } catch (IOException ignored) {
                // the process ended
            }
        });
        long peak = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (p.isAlive()) {
            peak = Math.max(peak, vmHwm(status));
            Thread.sleep(20);
        }
        reader.join();
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run(
                threads == 1 ? "rg -j1 (7 patterns)" : "rg (7 patterns)",
                threads,
                secs,
                bytes,
                lines[0],
                -1,
                peak == 0 ? -1 : peak);
    }

    private Run regex(List<Path> files, long bytes) throws IOException {
        System.gc();
        resetPeaks();
        Pattern alternation = Pattern.compile(String.join("|", PATTERNS));
        long hits = 0;
        long t0 = System.nanoTime();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.ISO_8859_1)) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = alternation.matcher(line);
                    while (m.find()) hits++;
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new Run("java.util.regex alternation", 1, secs, bytes, hits, peakHeap(), selfRss());
    }

    private static Path findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP) b.resetPeakUsage();
        }
        try {
            // Linux: writing 5 resets the peak resident set size (VmHWM) of this process
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException ignored) {
            // not Linux or not permitted: the peak then covers the whole process lifetime
        }
    }

    /** Sum of the heap pools' peaks since the reset (an upper bound of the heap's peak). */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean b : ManagementFactory.getMemoryPoolMXBeans()) {
            if (b.getType() == MemoryType.HEAP && b.getPeakUsage() != null)
                sum += b.getPeakUsage().getUsed();
        }
        return sum;
    }

    private static long selfRss() {
        long v = vmHwm(Path.of("/proc/self/status"));
        return v == 0 ? -1 : v;
    }

    private static long vmHwm(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException ignored) {
            // process gone
        }
        return 0;
    }
}
