package dev.tandem.tools.pii;

import dev.tandem.pii.Entity;
import dev.tandem.pii.Finding;
import dev.tandem.pii.PiiScanner;
import dev.tandem.pii.ScanOptions;
import dev.tandem.pii.ScanProgress;
import dev.tandem.pii.ScanSink;
import dev.tandem.pii.ScopeCounter;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Precision, recall and F2 per entity of the scanner on a labeled corpus. A finding counts as
 * true only when file, start, end and entity all equal a label's: a half-found card is a miss
 * and a false alarm. Only findings in scope count (confidence at or above the threshold, as
 * {@link ScopeCounter} counts them); the others are counted per entity as left out, and a
 * labeled value left out is a miss.
 */
public final class Evaluation {
    /** Scores for one entity; F2 weighs recall twice as much as precision (a missed person matters more). */
    public record Score(Entity entity, long labels, long found, long truePositives, long leftOut) {
        public double precision() {
            return found == 0 ? 1.0 : (double) truePositives / found;
        }

        public double recall() {
            return labels == 0 ? 1.0 : (double) truePositives / labels;
        }

        public double f2() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 5 * p * r / (4 * p + r);
        }
    }

    /** Scores and, for diagnosis, a few misses and false alarms. */
    public record Result(List<Score> scores, List<String> missed, List<String> falseAlarms) {}

    private static final Pattern LABEL =
            Pattern.compile("\\{\"file\":\"(.*)\",\"start\":(\\d+),\"end\":(\\d+),\"entity\":\"([A-Z_]+)\"}");

    private Evaluation() {}

    public static Result evaluate(Path corpus, ScanOptions options) throws IOException, InterruptedException {
        return evaluate(corpus, options, ScopeCounter.DEFAULT_MIN_CONFIDENCE);
    }

    public static Result evaluate(Path corpus, ScanOptions options, double minConfidence)
            throws IOException, InterruptedException {
        ScopeCounter threshold = new ScopeCounter(minConfidence);
        Set<String> labels = new HashSet<>();
        Map<Entity, long[]> counts = new EnumMap<>(Entity.class);
        for (Entity e : Entity.values()) counts.put(e, new long[4]);
        try (BufferedReader r = Files.newBufferedReader(corpus.resolve("labels.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = LABEL.matcher(line);
                if (!m.matches()) throw new IOException("bad label line: " + line);
                labels.add(key(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), m.group(4)));
                counts.get(Entity.valueOf(m.group(4)))[0]++;
            }
        }
        String prefix = corpus.toString() + "/";
        Set<String> matched = new HashSet<>();
        List<String> falseAlarms = new ArrayList<>();
        List<Path> inputs;
        try (var s = Files.list(corpus)) {
            inputs = s.filter(p -> !p.getFileName().toString().equals("labels.jsonl"))
                    .sorted()
                    .toList();
        }
        new PiiScanner(options)
                .scanPaths(
                        inputs,
                        new ScanSink() {
                            @Override
                            public void finding(Finding f) {
                                String file =
                                        f.file().startsWith(prefix) ? f.file().substring(prefix.length()) : f.file();
                                String k =
                                        key(file, f.start(), f.end(), f.entity().name());
                                long[] c = counts.get(f.entity());
                                if (!threshold.inScope(f)) {
                                    c[3]++;
                                    return;
                                }
                                c[1]++;
                                if (labels.contains(k)) {
                                    c[2]++;
                                    matched.add(k);
                                } else if (falseAlarms.size() < 20) {
                                    falseAlarms.add(k + " " + f.value());
                                }
                            }
                        },
                        ScanProgress.NONE);
        List<String> missed = new ArrayList<>();
        for (String l : labels) {
            if (!matched.contains(l) && missed.size() < 20) missed.add(l);
        }
        List<Score> scores = new ArrayList<>();
        for (Entity e : Entity.values()) {
            long[] c = counts.get(e);
            scores.add(new Score(e, c[0], c[1], c[2], c[3]));
        }
        return new Result(scores, missed, falseAlarms);
    }

    private static String key(String file, long start, long end, String entity) {
        return file + "|" + start + "|" + end + "|" + entity;
    }
}
