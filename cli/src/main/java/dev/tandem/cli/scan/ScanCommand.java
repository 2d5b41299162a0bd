package dev.tandem.cli.scan;

import dev.tandem.cli.TandemCommand;
import dev.tandem.pii.FolderWalk;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScanOptions;
import dev.tandem.pii.ScanProgress;
import dev.tandem.pii.Scope;
import dev.tandem.pii.ScopeCounter;
import dev.tandem.pii.detect.PhoneNumbers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code tandem scan PATH… [--format text|jsonl] [--threads N] [--reveal]} (docs/contracts.md §4).
 * Exit 0 when no personal data was found, 1 when some was, 2 for usage errors and when a PATH
 * named on the command line cannot be read at all (missing, permission denied); a file inside a
 * folder or an archive entry that cannot be read is reported on stderr and the scan goes on
 * (docs/adr/021-scan-exit-codes-and-output.md).
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Scan files, folders and archives for personal data (streaming; all cores by default).",
            "Prints each finding masked, then the counts and the affected people by jurisdiction, with the"
                    + " tandem deadlines command that takes them."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing found (or only findings below --min-confidence)",
            "1:personal data found",
            "2:usage error, or a PATH named that cannot be read at all"
        })
public final class ScanCommand implements Callable<Integer> {
    enum OutputFormat {
        text,
        jsonl
    }

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to scan.")
    List<Path> paths;

    @Option(
            names = "--format",
            defaultValue = "text",
            paramLabel = "FORMAT",
            description = "text or jsonl (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    @Option(names = "--threads", paramLabel = "N", description = "Scanning threads (default: all cores).")
    Integer threads;

    @Option(names = "--reveal", description = "Print raw values as well as masked ones.")
    boolean reveal;

    @Option(names = "--progress", description = "Show a progress line on stderr even when it is not a terminal.")
    boolean progress;

    @Option(
            names = "--region",
            defaultValue = "US",
            paramLabel = "CC",
            description = "Region (ISO 3166-1 alpha-2, e.g. DE, GB) for phone numbers without '+'"
                    + " (default: ${DEFAULT-VALUE}).")
    String region;

    @Option(
            names = "--min-confidence",
            defaultValue = "0.5",
            paramLabel = "C",
            description = "Findings below this confidence (0 to 1) are reported but left out of the scope, the"
                    + " counts and the exit code (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @Option(
            names = "--nice",
            paramLabel = "N",
            description = "Nice value (0 to 19) of the reading and scanning threads on Linux (default: 10 when the"
                    + " scanning threads take every core, else 0): they then yield to other work, the compiler"
                    + " that speeds the scan up first.")
    Integer nice;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The nice value when the scanning threads take every core (docs/adr/120-scan-threads-yield-to-the-compilers.md). */
    static final int DEFAULT_NICE = 10;

    /**
     * The nice value of the reading and scanning threads: {@code given} when set, otherwise {@link
     * #DEFAULT_NICE} when the {@code threads} scanning threads take all {@code cores}, else 0 (a
     * scanning thread with a core to itself loses a little when the compilers preempt it).
     */
    static int niceFor(Integer given, int threads, int cores) {
        if (given != null) return given;
        return threads >= cores ? DEFAULT_NICE : 0;
    }

    @Override
    public Integer call() {
        // one finding a line: buffered, flushed at the end (and by the writer before the summary)
        PrintWriter out =
                new PrintWriter(new java.io.BufferedWriter(spec.commandLine().getOut(), 1 << 16), false);
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && threads < 1) {
            err.println("tandem scan: --threads must be at least 1");
            return TandemCommand.EXIT_USAGE;
        }
        if (nice != null && (nice < 0 || nice > 19)) {
            err.println("tandem scan: --nice must be between 0 and 19, not " + nice);
            return TandemCommand.EXIT_USAGE;
        }
        if (!(minConfidence >= 0 && minConfidence <= 1)) {
            err.println("tandem scan: --min-confidence must be between 0 and 1, not " + minConfidence);
            return TandemCommand.EXIT_USAGE;
        }
        String regionCode = region.strip().toUpperCase(Locale.ROOT);
        String regionProblem = PhoneNumbers.regionProblem(regionCode);
        if (regionProblem != null) {
            err.println("tandem scan: --region " + region + " " + regionProblem);
            return TandemCommand.EXIT_USAGE;
        }
        ScanOptions options = ScanOptions.defaults()
                .withThreads(threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        options = new ScanOptions(
                options.threads(),
                regionCode,
                options.chunkSize(),
                options.maxInflatedBytes(),
                options.maxRatio(),
                options.maxNesting());
        // a path given twice is scanned once, said so: its findings would otherwise count twice
        dev.tandem.cli.GivenPaths.Result given = dev.tandem.cli.GivenPaths.of(paths);
        given.repeats().forEach(r -> err.println("tandem scan: " + r.message()));
        List<Path> distinct = given.distinct();
        // a folder and a file in it, or two folders one inside the other: the scanner reads each real
        // file once, and each file named again is said here as a path given twice is
        dev.tandem.cli.GivenPaths.inFolders(distinct)
                .repeats()
                .forEach(r -> err.println("tandem scan: " + r.message()));
        FindingWriter writer = new FindingWriter(
                out,
                TandemCommand.rawStdout(spec.commandLine().getOut()),
                err,
                format == OutputFormat.jsonl,
                reveal,
                new ScopeCounter(minConfidence));
        writer.beforeProblem(() -> progressLine.clear());
        boolean showProgress = progress || interactive();
        progressLine = showProgress ? new ProgressLine(err, totalSize(distinct)) : ProgressLine.NONE;
        PiiScanner.Report report;
        try {
            int workerNice =
                    niceFor(nice, options.threads(), Runtime.getRuntime().availableProcessors());
            report = new PiiScanner(options, () -> {
                        if (workerNice > 0) ThreadNice.set(workerNice);
                    })
                    .scanPaths(distinct, writer, progressLine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("tandem scan: interrupted");
            return TandemCommand.EXIT_USAGE;
        }
        progressLine.clear();
        Scope found = writer.finish(report);
        String hint = unplacedHint(report.unplacedPhones(), regionCode);
        if (hint != null) err.println(hint);
        ThreadCpu.reportIfAsked();
        if (report.fatalProblem()) return TandemCommand.EXIT_USAGE;
        // findings below the threshold are printed, but are not what the check found
        return found.counts().isEmpty() ? TandemCommand.EXIT_OK : TandemCommand.EXIT_FOUND;
    }

    /**
     * The hint on stderr, after the output, when phone column values looked like national numbers
     * that neither the region nor their record's country placed (docs/pii-scanner.md, "Region"):
     * they are no findings, and a region names their country. Said for the default region only: one
     * given was chosen for the numbers.
     */
    static @Nullable String unplacedHint(long unplaced, String region) {
        // a region other than the NANP's default was chosen for these numbers: nothing to suggest
        if (unplaced == 0 || !"US".equals(region)) return null;
        return "tandem scan: " + String.format(Locale.ROOT, "%,d", unplaced)
                + (unplaced == 1 ? " number looks" : " numbers look")
                + " like national phone numbers (a leading 0, as 020 7946 0958) that region " + region
                + " does not place; give --region GB (or the country) to scan them as phones";
    }

    private ProgressLine progressLine = ProgressLine.NONE;

    private static boolean interactive() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    private static long totalSize(List<Path> paths) {
        long total = 0;
        for (Path p : paths) {
            try {
                for (FolderWalk.Entry e : FolderWalk.of(p)) {
                    if (e.error() != null) continue; // reported by the scan itself
                    try {
                        total += Files.size(e.path());
                    } catch (IOException ignored) {
                        // reported by the scan itself
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                // reported by the scan itself
            }
        }
        return total;
    }

    /** "scanned 1.2 GB of 4.0 GB (30%), 310 MB/s", rewritten in place at most four times a second. */
    static class ProgressLine implements ScanProgress {
        static final ProgressLine NONE = new ProgressLine(null, 0);
        private final PrintWriter err;
        private final long total;
        private final long started = System.nanoTime();
        private long lastPrint;
        private boolean shown;

        ProgressLine(PrintWriter err, long total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public void bytesDone(long done) {
            if (err == null) return;
            long now = System.nanoTime();
            if (now - lastPrint < 250_000_000L) return;
            lastPrint = now;
            double secs = Math.max(1e-3, (now - started) / 1e9);
            String line = String.format(
                    Locale.ROOT,
                    "\rscanned %.1f MB of %.1f MB (%d%%), %.0f MB/s ",
                    done / 1e6,
                    total / 1e6,
                    total == 0 ? 100 : Math.min(100, done * 100 / total),
                    done / 1e6 / secs);
            err.print(line);
            err.flush();
            shown = true;
        }

        void clear() {
            if (err != null && shown) {
                err.print("\r" + " ".repeat(70) + "\r");
                err.flush();
                shown = false;
            }
        }
    }
}
