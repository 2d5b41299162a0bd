package dev.tandem.pii.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PhoneNumbersCacheTest {

    @Test
    void cachedVerdictsAreTheVerdictsOfAFreshLookUpAcrossTheTableBeingEmptied() {
        SplittableRandom r = new SplittableRandom(9);
        List<String> numbers = new ArrayList<>();
        String[] prefixes = {"49", "1", "44", "33", "81", "61", "55", "91", "049", "0", "7"};
        for (int n = 0; n < 30000; n++) {
            StringBuilder sb = new StringBuilder(prefixes[r.nextInt(prefixes.length)]);
            int len = r.nextInt(6, 18);
            while (sb.length() < len) sb.append((char) ('0' + r.nextInt(10)));
            numbers.add(sb.toString());
        }
        PhoneNumbers cached = new PhoneNumbers("DE");
        int valid = 0;
        // twice over more distinct numbers than the table keeps: hits, misses and a refill
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < numbers.size(); i += pass == 0 ? 1 : 7) {
                String d = numbers.get(i);
                PhoneNumbers.Valid fresh = new PhoneNumbers("DE").validateInternational(d);
                assertThat(cached.validateInternational(new StringBuilder(d)))
                        .as(d)
                        .isEqualTo(fresh);
                if (fresh != null) valid++;
            }
        }
        assertThat(valid).as("valid numbers among the samples").isGreaterThan(100);
        assertThat(cached.validateInternational("4930901820")).isEqualTo(new PhoneNumbers.Valid("+4930901820", "DE"));
        assertThat(cached.validateInternational("04930901820")).isNull();
        assertThat(cached.validateInternational("")).isNull();
    }
}
