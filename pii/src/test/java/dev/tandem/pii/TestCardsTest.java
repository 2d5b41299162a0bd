package dev.tandem.pii;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Payment providers' published test card numbers are tests, not cardholders' cards (docs/pii-scanner.md, "Confidence"). */
class TestCardsTest {
    private static final ScanOptions ONE = ScanOptions.defaults().withThreads(1);

    @Test
    void publishedTestNumbersAreReportedWithADoubtAndLeftOutOfTheScope() throws Exception {
        String[] published = {"4242 4242 4242 4242", "4111 1111 1111 1111", "5555 5555 5555 4444", "4000 0025 0000 3155"
        };
        String text = "QA checkout test on staging: " + String.join(", ", published) + " (all approved)\n"
                + "card=4111111111111111 and a customer's 4539 5787 6362 1486\n";
        List<String> found = Collected.scan(ONE, text.getBytes(UTF_8), "qa.log").confidences();
        assertThat(found).hasSize(6).endsWith("4111111111111111 0.1 test-card", "4539 5787 6362 1486 0.85 -");
        for (String n : published) assertThat(found).contains(n + " 0.1 test-card");
        Scope s = Collected.scan(ONE, text.getBytes(UTF_8), "qa.log").scope();
        assertThat(s.counts()).containsEntry(Entity.CREDIT_CARD, 1L);
        assertThat(s.leftOut().get(Entity.CREDIT_CARD)).containsEntry("test-card", 5L);
        // a test number is no one's identity: only the real card's holder is a person
        assertThat(s.people()).isEqualTo(1);
    }

    @Test
    void aCardColumnDoesNotMakeATestNumberReal() throws Exception {
        String csv = "Email,CardNumber\nqa@example.com,4242424242424242\njane@example.com,4539578763621486\n";
        Collected c = Collected.scan(ONE, csv.getBytes(UTF_8), "payments.csv");
        assertThat(c.findings)
                .filteredOn(f -> f.entity() == Entity.CREDIT_CARD)
                .extracting(f -> f.value() + " " + f.confidence())
                .containsExactly("4242424242424242 0.1", "4539578763621486 0.99");
    }
}
