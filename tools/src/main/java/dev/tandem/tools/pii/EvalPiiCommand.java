package dev.tandem.tools.pii;

import dev.tandem.cli.TandemCommand;
import dev.tandem.pii.ScanOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem eval pii}: generates a labeled corpus (with the commerce look-alikes of a
 * retailer's data), scans it, prints precision, recall and F2 per entity over the findings in
 * scope, and how many findings the threshold left out. Exit 0 when every validated entity
 * reaches 0.995 precision and recall, 1 otherwise.
 */
@Command(
        name = "pii",
        mixinStandardHelpOptions = true,
        description = "Precision, recall and F2 of the PII scanner on a generated labeled corpus.")
public final class EvalPiiCommand implements Callable<Integer> {
    static final double TARGET = 0.995;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "20MB",
            converter = Sizes.Converter.class,
            description = "Corpus size (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Use (or generate into) this corpus folder instead of a temporary one.")
    Path dir;

    @Option(
            names = "--min-confidence",
            paramLabel = "C",
            defaultValue = "0.5",
            description =
                    "Findings below this confidence are left out, as the scope leaves them out (default: ${DEFAULT-VALUE}).")
    double minConfidence;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path corpus = dir != null ? dir : Files.createTempDirectory("tandem-eval-pii");
        try {
            if (!Files.exists(corpus.resolve("labels.jsonl"))) new CorpusGenerator(seed).generate(corpus, size, true);
            long t0 = System.nanoTime();
            Evaluation.Result r = Evaluation.evaluate(corpus, ScanOptions.defaults(), minConfidence);
            double secs = (System.nanoTime() - t0) / 1e9;
            out.printf("corpus %s (seed %d, %d bytes), scanned in %.1f s%n", corpus, seed, size, secs);
            out.printf(
                    "%-15s %8s %8s %8s %8s %9s %9s %9s  %s%n",
                    "entity", "labels", "found", "correct", "left out", "precision", "recall", "F2", "target");
            boolean ok = true;
            for (Evaluation.Score s : r.scores()) {
                boolean met = s.precision() >= TARGET && s.recall() >= TARGET;
                if (s.entity().validated()) ok &= met;
                out.printf(
                        "%-15s %8d %8d %8d %8d %9.4f %9.4f %9.4f  %s%n",
                        s.entity(),
                        s.labels(),
                        s.found(),
                        s.truePositives(),
                        s.leftOut(),
                        s.precision(),
                        s.recall(),
                        s.f2(),
                        s.entity().validated()
                                ? (met ? "met (>= 0.995)" : "MISSED (>= 0.995)")
                                : "context-based, no target");
            }
            if (!r.missed().isEmpty())
                out.println("some misses: "
                        + r.missed().subList(0, Math.min(5, r.missed().size())));
            if (!r.falseAlarms().isEmpty()) {
                out.println("some false alarms (raw, synthetic data): "
                        + r.falseAlarms().subList(0, Math.min(5, r.falseAlarms().size())));
            }
            out.flush();
            return ok ? TandemCommand.EXIT_OK : TandemCommand.EXIT_FOUND;
        } finally {
            if (dir == null) delete(corpus);
        }
    }

    static void delete(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(x);
        }
    }
}
