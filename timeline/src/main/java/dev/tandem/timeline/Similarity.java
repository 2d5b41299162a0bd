package dev.tandem.timeline;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.text.similarity.CosineSimilarity;

/**
 * The two halves of a match's score. Text: cosine similarity (Apache Commons Text) of the bags of
 * word stems, {@code Σ a_i·b_i / (‖a‖·‖b‖)} over stem counts, so that word order and repetition
 * matter little and "attacker exported the customer table" is close to "customer table exports by
 * the attacker". A stem is a lower-cased run of letters and digits (after NFKC normalization), with
 * common English words and single letters dropped, cut to its first {@link #STEM} characters: a crude, language-blind
 * stemmer that makes "exported", "exporting" and "exports" one word. Time: linear decay over the
 * window.
 */
public final class Similarity {
    /** Characters kept of each word. */
    public static final int STEM = 5;

    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Set<String> STOP = Set.of(
            "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "with", "from", "was", "were",
            "is", "are", "be", "been", "has", "have", "had", "this", "that", "it", "its", "as", "into", "via", "we",
            "our", "they", "their", "us");
    private static final CosineSimilarity COSINE = new CosineSimilarity();

    private Similarity() {}

    /** The bag of stems of a description: what {@link #text} compares. */
    public static Map<CharSequence, Integer> stems(String description) {
        Map<CharSequence, Integer> bag = new HashMap<>();
        String normal = Normalizer.normalize(description, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        for (String word : WORDS.split(normal)) {
            if (word.isEmpty() || STOP.contains(word) || (word.length() == 1 && !Character.isDigit(word.charAt(0)))) {
                continue;
            }
            String stem = word.length() > STEM ? word.substring(0, STEM) : word;
            bag.merge(stem, 1, Integer::sum);
        }
        return bag;
    }

    /** Cosine similarity of two bags of stems, 0 when either is empty. */
    public static double text(Map<CharSequence, Integer> a, Map<CharSequence, Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Double c = COSINE.cosineSimilarity(a, b);
        return c == null || c.isNaN() ? 0 : Math.min(1, c);
    }

    public static double text(String a, String b) {
        return text(stems(a), stems(b));
    }

    /**
     * How far {@code theirs} lies from our event: zero inside the span {@code [at, at + precision]}
     * our event's precision allows, else the distance to its nearer end.
     */
    public static Duration distance(Instant ours, Duration precision, Instant theirs) {
        if (theirs.isBefore(ours)) {
            return Duration.between(theirs, ours);
        }
        Instant end = ours.plus(precision);
        return theirs.isAfter(end) ? Duration.between(end, theirs) : Duration.ZERO;
    }

    /** {@code max(0, 1 − distance / window)}. */
    public static double time(Duration distance, Duration window) {
        return Math.max(0, 1 - (double) distance.toMillis() / window.toMillis());
    }
}
