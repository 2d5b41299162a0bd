package dev.tandem.tools.bench;

import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.pii.Sizes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench scan}: what a user waits for. The real {@code tandem scan DIR --format jsonl}
 * process, timed from start to exit (JVM start included), against ripgrep searching the same files
 * for seven simple candidate patterns, as an expert would run it ({@code rg -j1 --no-unicode},
 * {@code rg --no-unicode}) and as most people do ({@code rg -j1}, Unicode). Two generated corpora
 * ({@link ScanCorpora}): dense ASCII exports, and the same with non-ASCII names and addresses. Every
 * configuration runs {@code --runs} times, interleaved; the best run counts (noise from other work
 * on the machine only ever slows a run down), the median is printed beside it, with the load
 * average. {@code --scaling} adds one large CSV file scanned with one thread and with all cores.
 * Scaling is given two ways: one thread against all (the process may still use every core for its
 * compilers, collector and output), and the one-thread process held to a single core with {@code
 * taskset} against all cores (what "from 1 to all cores" means for the machine's work).
 * Each process writes its output to a file, as a user's {@code > findings.jsonl} does ({@link
 * TimedProcess}).
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = "The tandem scan process end to end against ripgrep, on dense ASCII and non-ASCII corpora.")
public final class ScanBench implements Callable<Integer> {

    /** The candidate patterns given to ripgrep: what it takes to find candidates, not to validate them. */
    static final List<String> PATTERNS = List.of(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", // e-mail
            "\\b(?:\\d[ -]?){12,18}\\d\\b", // card-like digit runs
            "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", // IBAN-like
            "\\b\\d{3}-\\d{2}-\\d{4}\\b", // SSN-like
            "\\+\\d{1,3}[ -]?(?:\\(?\\d{1,4}\\)?[ -]?){2,5}\\d{2,4}|\\(?\\b\\d{3}\\)?[-. ]\\d{3}[-. ]\\d{4}\\b", // phone
            "\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b", // IPv4
            "(?:[0-9a-fA-F]{1,4}:){2,7}:?[0-9a-fA-F]{1,4}|[0-9a-fA-F]{1,4}::(?:[0-9a-fA-F]{1,4}:?){0,6}"); // IPv6

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "128MiB",
            converter = Sizes.Converter.class,
            description = "Size of each corpus (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the corpora are generated (kept and reused). Default: a folder under java.io.tmpdir.")
    Path dir;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Corpus seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--runs",
            paramLabel = "N",
            defaultValue = "3",
            description = "Runs of each configuration (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the all-cores runs (default: all cores).")
    Integer threads;

    @Option(
            names = "--corpus",
            paramLabel = "CORPUS",
            defaultValue = "both",
            description = "ascii, non-ascii or both (default: ${DEFAULT-VALUE}).")
    String corpus;

    @Option(names = "--scaling", description = "Also scan one large CSV file with 1 thread and all cores.")
    boolean scaling;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** One configuration and its runs. */
    record Config(String name, int threads, List<String> command, List<TimedProcess.Result> results) {
        TimedProcess.Result best() {
            return results.stream()
                    .min(Comparator.comparingDouble(TimedProcess.Result::seconds))
                    .orElseThrow();
        }

        double median() {
            double[] s = results.stream()
                    .mapToDouble(TimedProcess.Result::seconds)
                    .sorted()
                    .toArray();
            return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        double bestCpu() {
            return results.stream()
                    .mapToDouble(TimedProcess.Result::cpuSeconds)
                    .min()
                    .orElse(-1);
        }

        long peakRss() {
            return results.stream()
                    .mapToLong(TimedProcess.Result::peakRss)
                    .max()
                    .orElse(-1);
        }
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int cores = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path base = dir != null
                ? dir
                : Path.of(System.getProperty("java.io.tmpdir"), "tandem-bench-scan-" + size + "-seed" + seed);
        Path rg = TimedProcess.onPath("rg");
        Path taskset = TimedProcess.onPath("taskset");
        List<String> tandem = ThisExecutable.command();
        out.printf(
                Locale.ROOT,
                "tandem bench scan: %d cores, %d runs each (best counts, median beside it), %s%n",
                cores,
                runs,
                ThisExecutable.load());
        out.println("tandem: " + String.join(" ", tandem));
        if (rg == null) {
            out.println("RIPGREP (rg) IS NOT INSTALLED: no ripgrep run, no ratio. Install it with: apt-get install -y"
                    + " ripgrep");
        } else {
            out.println("ripgrep: " + rg + " (" + version(rg) + ")");
        }
        PageCacheProbe.Cost page =
                PageCacheProbe.measure(Path.of(System.getProperty("java.io.tmpdir")), 1L << 30, Duration.ofSeconds(5));
        out.printf(
                Locale.ROOT,
                "page cache: writing a new file costs %.2f kernel CPU s per GB right after as much was deleted, %.2f s"
                        + " per GB 5 s later%s%n",
                page.justFreedPerGb(),
                page.restedPerGb(),
                page.restedPerGb() > 3 * page.justFreedPerGb() && page.restedPerGb() > 0.3
                        ? " (this machine hands freed memory back to its host: a run may pay up to the second figure"
                                + " per GB of its output, \"out MB\" below)"
                        : "");
        out.flush();
        List<ScanCorpora.Kind> kinds = switch (corpus) {
            case "ascii" -> List.of(ScanCorpora.Kind.ASCII);
            case "non-ascii" -> List.of(ScanCorpora.Kind.NON_ASCII);
            case "both" -> List.of(ScanCorpora.Kind.ASCII, ScanCorpora.Kind.NON_ASCII);
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--corpus: ascii, non-ascii or both, not " + corpus);
        };
        for (ScanCorpora.Kind k : kinds) {
            Path d = base.resolve(k.label);
            ensure(out, d, () -> new ScanCorpora(seed, k).generate(d, size, 8L << 20));
            long bytes = bytes(d);
            out.printf(
                    Locale.ROOT,
                    "%n== corpus %s: %s, %d bytes in %d files (contacts CSV, customers JSONL, payment and support"
                            + " logs) ==%n",
                    k.label,
                    d,
                    bytes,
                    fileCount(d));
            Map<String, Config> c = new LinkedHashMap<>();
            if (rg != null) {
                c.put("rg1", new Config("rg -j1 --no-unicode", 1, ripgrep(rg, d, 1, false), new ArrayList<>()));
                c.put("rgN", new Config("rg --no-unicode", cores, ripgrep(rg, d, cores, false), new ArrayList<>()));
                c.put("rg1u", new Config("rg -j1 (Unicode)", 1, ripgrep(rg, d, 1, true), new ArrayList<>()));
            }
            c.put("t1", new Config("tandem scan --threads 1", 1, scan(tandem, d, 1), new ArrayList<>()));
            c.put("tN", new Config("tandem scan --threads " + cores, cores, scan(tandem, d, cores), new ArrayList<>()));
            oneCore(c, taskset, scan(tandem, d, 1), cores);
            measure(out, c.values());
            table(out, c.values(), bytes);
            ratios(out, c, bytes, cores, k == ScanCorpora.Kind.NON_ASCII);
        }
        if (scaling) {
            Path one = base.resolve("one-file");
            Path csv = one.resolve("contacts.csv");
            ensure(out, one, () -> new ScanCorpora(seed, ScanCorpora.Kind.ASCII).file(csv, "contacts.csv", size));
            long bytes = Files.size(csv);
            out.printf(Locale.ROOT, "%n== one large file: %s, %d bytes ==%n", csv, bytes);
            Map<String, Config> c = new LinkedHashMap<>();
            c.put("t1", new Config("tandem scan --threads 1", 1, scan(tandem, csv, 1), new ArrayList<>()));
            c.put(
                    "tN",
                    new Config("tandem scan --threads " + cores, cores, scan(tandem, csv, cores), new ArrayList<>()));
            oneCore(c, taskset, scan(tandem, csv, 1), cores);
            measure(out, c.values());
            table(out, c.values(), bytes);
            scalingLine(out, c, cores);
        }
        out.println();
        out.println("ripgrep only finds candidates; tandem validates them (Luhn, ISO 13616, SSA rules, libphonenumber),"
                + " reads CSV and JSON as records and writes one JSON object a finding.");
        out.println("Each process writes its output to a file, as `> findings.jsonl` would; lines and digests are read"
                + " after the clock stops.");
        out.println("Figures from a machine shared with other work are noisy: compare the ratios, and the load beside"
                + " them.");
        out.flush();
        return TandemCommand.EXIT_OK;
    }

    interface Generation {
        void run() throws IOException;
    }

    private void ensure(PrintWriter out, Path d, Generation g) throws IOException {
        Path marker = d.resolve(".complete");
        String want = "size=" + size + " seed=" + seed + "\n";
        if (Files.exists(marker) && Files.readString(marker).equals(want)) return;
        out.printf("generating %s (%d bytes)...%n", d, size);
        out.flush();
        delete(d);
        Files.createDirectories(d);
        g.run();
        Files.writeString(marker, want);
    }

    private static void delete(Path d) throws IOException {
        if (!Files.exists(d)) return;
        try (Stream<Path> s = Files.walk(d)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private static List<Path> files(Path d) throws IOException {
        try (Stream<Path> s = Files.walk(d)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static long bytes(Path d) throws IOException {
        long n = 0;
        for (Path f : files(d)) n += Files.size(f);
        return n;
    }

    private static int fileCount(Path d) throws IOException {
        return files(d).size();
    }

    private static List<String> ripgrep(Path rg, Path corpus, int threads, boolean unicode) {
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
        if (!unicode) cmd.add("--no-unicode");
        for (String p : PATTERNS) {
            cmd.add("-e");
            cmd.add(p);
        }
        cmd.add(corpus.toString());
        return cmd;
    }

    /**
     * Adds the one-thread scan held to one core ({@code taskset -c 0}) as {@code "t1c"}, when there is
     * more than one core to compare it with and taskset is installed.
     */
    private static void oneCore(Map<String, Config> c, Path taskset, List<String> scan, int cores) {
        if (taskset == null || cores < 2) return;
        List<String> cmd = new ArrayList<>(List.of(taskset.toString(), "-c", "0"));
        cmd.addAll(scan);
        c.put("t1c", new Config("tandem, 1 core (taskset)", 1, cmd, new ArrayList<>()));
    }

    private static List<String> scan(List<String> tandem, Path corpus, int threads) {
        List<String> cmd = new ArrayList<>(tandem);
        cmd.addAll(List.of("scan", corpus.toString(), "--format", "jsonl", "--threads", Integer.toString(threads)));
        return cmd;
    }

    private void measure(PrintWriter out, java.util.Collection<Config> configs)
            throws IOException, InterruptedException {
        for (int run = 1; run <= runs; run++) {
            for (Config c : configs) {
                TimedProcess.Result r = TimedProcess.run(c.command(), c.name().startsWith("tandem"));
                // tandem scan: 0 nothing found, 1 found; ripgrep: 0 matched, 1 none
                if (r.exit() > 1) {
                    throw new IllegalStateException(c.name() + " exited with " + r.exit() + ": "
                            + String.join(" ", c.command()) + "\n" + r.stderr());
                }
                c.results().add(r);
                out.printf(
                        Locale.ROOT,
                        "  run %d: %-26s %7.2f s  (%s)%n",
                        run,
                        c.name(),
                        r.seconds(),
                        ThisExecutable.load());
                out.flush();
            }
        }
    }

    private static void table(PrintWriter out, java.util.Collection<Config> configs, long bytes) {
        out.printf(
                "%-26s %7s %8s %8s %9s %8s %8s %10s %8s %10s%n",
                "run", "threads", "best s", "median s", "MB/s", "CPU s", "kernel s", "lines", "out MB", "peak RSS");
        for (Config c : configs) {
            TimedProcess.Result b = c.best();
            out.printf(
                    Locale.ROOT,
                    "%-26s %7d %8.2f %8.2f %9.1f %8.2f %8s %10d %8.0f %10s%n",
                    c.name(),
                    c.threads(),
                    b.seconds(),
                    c.median(),
                    bytes / 1e6 / b.seconds(),
                    c.bestCpu(),
                    b.kernelSeconds() < 0 ? "-" : String.format(Locale.ROOT, "%.2f", b.kernelSeconds()),
                    b.lines(),
                    b.outputBytes() / 1e6,
                    c.peakRss() < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", c.peakRss() / 1048576.0));
        }
        for (Config c : configs) {
            String where = whereTheCpuWent(c.best().cpuReport());
            if (!where.isEmpty()) out.printf(Locale.ROOT, "  %-24s CPU s by thread: %s%n", c.name(), where);
        }
        out.flush();
    }

    private static final java.util.regex.Pattern CPU_KIND =
            java.util.regex.Pattern.compile("\"(\\w+)\":\\{\"user\":([0-9.]+),\"system\":([0-9.]+)\\}");

    /**
     * A {@code tandem scan}'s own report of its CPU by kind of thread (its {@code ThreadCpu}), as
     * "scanning 2.41, caller 1.70 (kernel 1.30), …": kinds that took no time are left out; the
     * kernel's part is shown where it is a tenth or more. Empty when the run gave no report.
     */
    static String whereTheCpuWent(String json) {
        StringBuilder sb = new StringBuilder();
        java.util.regex.Matcher m = CPU_KIND.matcher(json);
        while (m.find()) {
            double user = Double.parseDouble(m.group(2));
            double system = Double.parseDouble(m.group(3));
            double total = user + system;
            if (total < 0.005) continue;
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(String.format(Locale.ROOT, "%s %.2f", m.group(1), total));
            if (system >= 0.1 * total && system >= 0.01)
                sb.append(String.format(Locale.ROOT, " (kernel %.2f)", system));
        }
        return sb.toString();
    }

    private static void ratios(PrintWriter out, Map<String, Config> c, long bytes, int cores, boolean nonAscii) {
        Config t1 = c.get("t1");
        Config tN = c.get("tN");
        if (c.containsKey("rg1")) {
            ratio(out, "tandem --threads 1 vs rg -j1 --no-unicode", t1, c.get("rg1"), "target >= 1.00x");
            ratio(out, "tandem --threads 1 vs rg -j1 (Unicode)", t1, c.get("rg1u"), nonAscii ? "target >= 2.00x" : "");
            ratio(out, "tandem --threads " + cores + " vs rg --no-unicode", tN, c.get("rgN"), "");
        } else {
            out.println("no ripgrep ratio: rg is not installed (apt-get install -y ripgrep)");
        }
        scalingLine(out, c, cores);
        boolean same = t1.results().stream()
                                .map(TimedProcess.Result::sha256)
                                .distinct()
                                .count()
                        == 1
                && Stream.of("tN", "t1c")
                        .filter(c::containsKey)
                        .flatMap(k -> c.get(k).results().stream())
                        .allMatch(r -> r.sha256().equals(t1.best().sha256()));
        out.printf(
                Locale.ROOT,
                "output of --threads 1, --threads %d%s: %s (%d lines)%n",
                cores,
                c.containsKey("t1c") ? " and one core" : "",
                same ? "byte for byte the same" : "DIFFERENT",
                t1.best().lines());
        out.flush();
    }

    static void scalingLine(PrintWriter out, Map<String, Config> c, int cores) {
        Config t1 = c.get("t1");
        Config tN = c.get("tN");
        double speedup = t1.best().seconds() / tN.best().seconds();
        out.printf(
                Locale.ROOT,
                "scaling 1 -> %d threads: %.2fx faster, %.2f of linear (target >= 0.80); median %.2f of linear;"
                        + " peak RSS %s -> %s%n",
                cores,
                speedup,
                speedup / cores,
                t1.median() / tN.median() / cores,
                mib(t1.peakRss()),
                mib(tN.peakRss()));
        Config t1c = c.get("t1c");
        if (t1c == null) {
            out.println("scaling 1 -> " + cores + " cores: not measured (taskset, from util-linux, is not installed)");
            return;
        }
        double coreSpeedup = t1c.best().seconds() / tN.best().seconds();
        out.printf(
                Locale.ROOT,
                "scaling 1 -> %d cores: %.2fx faster, %.2f of linear (the one-thread scan held to one core with"
                        + " taskset, against --threads %d on all); median %.2f of linear%n",
                cores,
                coreSpeedup,
                coreSpeedup / cores,
                cores,
                t1c.median() / tN.median() / cores);
    }

    private static void ratio(PrintWriter out, String what, Config a, Config b, String target) {
        out.printf(
                Locale.ROOT,
                "%-44s %.2fx  (median %.2fx)  %s%n",
                what,
                b.best().seconds() / a.best().seconds(),
                b.median() / a.median(),
                target);
    }

    private static String mib(long b) {
        return b < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB", b / 1048576.0);
    }

    private static String version(Path rg) {
        try {
            Process p = new ProcessBuilder(rg.toString(), "--version")
                    .redirectErrorStream(true)
                    .start();
            String v = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return v.lines().findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
