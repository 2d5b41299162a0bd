package dev.tandem.pii.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.pii.Entity;
import dev.tandem.pii.ScanOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @Test
    void generatedCorpusIsReproducibleForASeed(@TempDir Path dir) throws Exception {
        var a = new CorpusGenerator(42).generate(dir.resolve("a"), 300_000, true);
        var b = new CorpusGenerator(42).generate(dir.resolve("b"), 300_000, true);
        assertThat(a).isEqualTo(b);
        assertThat(Files.readString(dir.resolve("a/labels.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("b/labels.jsonl")));
    }

    @Test
    void scannerReachesTheAccuracyTargetOnASmallCorpus(@TempDir Path dir) throws Exception {
        new CorpusGenerator(7).generate(dir, 3_000_000, true);
        Evaluation.Result r = Evaluation.evaluate(dir, ScanOptions.defaults());
        for (Evaluation.Score s : r.scores()) {
            assertThat(s.labels()).as("labels of " + s.entity()).isGreaterThan(20);
            if (s.entity().validated()) {
                assertThat(s.precision())
                        .as(s.entity() + " precision; false alarms " + r.falseAlarms())
                        .isGreaterThanOrEqualTo(0.99);
                assertThat(s.recall())
                        .as(s.entity() + " recall; missed " + r.missed())
                        .isGreaterThanOrEqualTo(0.99);
            } else {
                assertThat(s.f2())
                        .as(s.entity() + " F2; missed " + r.missed() + " false " + r.falseAlarms())
                        .isGreaterThanOrEqualTo(0.95);
            }
        }
        assertThat(r.scores()).extracting(Evaluation.Score::entity).containsExactly(Entity.values());
    }
}
