package dev.tandem.tools.pii;

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
                        .isGreaterThanOrEqualTo(0.995);
                assertThat(s.recall())
                        .as(s.entity() + " recall; missed " + r.missed())
                        .isGreaterThanOrEqualTo(0.995);
            } else {
                assertThat(s.f2())
                        .as(s.entity() + " F2; missed " + r.missed() + " false " + r.falseAlarms())
                        .isGreaterThanOrEqualTo(0.95);
            }
        }
        assertThat(r.scores()).extracting(Evaluation.Score::entity).containsExactly(Entity.values());
        // the look-alikes were there, were found as doubtful cards, and were left out
        Evaluation.Score cards = r.scores().get(Entity.CREDIT_CARD.ordinal());
        assertThat(cards.leftOut()).isGreaterThan(20);
    }

    @Test
    void theCorpusHoldsEachCommerceLookAlike(@TempDir Path dir) throws Exception {
        new CorpusGenerator(3).generate(dir, 1_000_000, true);
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile)
                    .filter(p -> !p.toString().endsWith(".zip") && !p.toString().endsWith(".gz"))
                    .toList()) {
                all.append(Files.readString(p));
            }
        }
        String text = all.toString();
        assertThat(text)
                .contains("USPS tracking 9", "UPS 1Z", "FedEx tracking ", "DHL waybill ", "ean 40", "acct ")
                .contains("sku,gtin,upc,isbn,title,price,order_number,tracking_number,supplier_ref")
                .contains("\"OrderNumber\":\"", "\"TrackingNumber\":\"");
    }

    @Test
    void lookAlikesAreWhatTheyClaimToBe() {
        Values v = new Values(11);
        for (int i = 0; i < 200; i++) {
            String ean = v.gtinLikeACard();
            assertThat(ean).hasSize(13);
            assertThat(dev.tandem.pii.detect.CommerceNumbers.gs1Valid(ean)).isTrue();
            assertThat(dev.tandem.pii.detect.PaymentCards.isValid(ean)).isTrue();
            assertThat(dev.tandem.pii.detect.PaymentCards.isValid(v.numberLikeACard()))
                    .isTrue();
            String iban = v.ibanShapedReference().replace(" ", "");
            assertThat(dev.tandem.pii.detect.Ibans.isValid(iban)).isFalse();
            String usps = v.usps().replace(" ", "");
            assertThat(usps).hasSize(22);
            assertThat(dev.tandem.pii.detect.CommerceNumbers.gs1Valid(usps)).isTrue();
        }
    }
}
