package dev.tandem.pii.detect;

import dev.tandem.pii.Doubt;
import dev.tandem.pii.Entity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test helper: what the candidate scanner reports for a text, as "ENTITY value" strings. */
final class Found {
    private Found() {}

    static final CandidateScanner SCANNER = new CandidateScanner(new PhoneNumbers("US"));

    record Hit(
            Entity entity,
            int start,
            int end,
            String value,
            String normalized,
            String jurisdiction,
            double confidence,
            Doubt doubt) {
        @Override
        public String toString() {
            return entity + " " + value;
        }
    }

    static List<Hit> hits(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        List<Hit> out = new ArrayList<>();
        SCANNER.scan(b, 0, b.length, (e, s, en, v, n, j, c, d) -> out.add(new Hit(e, s, en, v, n, j, c, d)));
        return out;
    }

    static List<String> in(String text) {
        return hits(text).stream().map(Hit::toString).toList();
    }
}
