package dev.tandem.timeline;

import java.time.Duration;
import java.util.Locale;

/**
 * How two events are matched, with its thresholds (docs/timeline-comparison.md). For an event of
 * ours {@code o} and one of theirs {@code t}:
 *
 * <pre>
 *   Δ     = distance from t's time to o's time (to the span o.at … o.at + o.precision)
 *   time  = max(0, 1 − Δ / window)
 *   text  = cosine similarity of the two descriptions' bags of word stems ({@link Similarity})
 *   score = textWeight · text + (1 − textWeight) · time
 * </pre>
 *
 * A pair is a candidate when {@code Δ ≤ window}, {@code text ≥ minText} and {@code score ≥
 * minScore}: times alone never match two events. Candidates are assigned greedily, best score first
 * ({@link TimelineComparator}); a matched pair whose Δ exceeds {@code tolerance} is reported as
 * differing in time.
 */
public record Method(Duration tolerance, Duration window, double textWeight, double minText, double minScore) {
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(15);
    public static final Duration MIN_WINDOW = Duration.ofHours(2);
    public static final Duration MAX_TOLERANCE = Duration.ofDays(7);

    public Method {
        if (tolerance.isNegative() || tolerance.isZero() || tolerance.compareTo(MAX_TOLERANCE) > 0) {
            throw new IllegalArgumentException("tolerance must be more than zero and at most 7 days: " + tolerance);
        }
        if (window.compareTo(tolerance) <= 0) {
            throw new IllegalArgumentException("window must be wider than the tolerance");
        }
    }

    /**
     * The method with its default weights and thresholds for a tolerance: the window is four
     * tolerances, at least two hours, so that a time off by several tolerances is still matched and
     * reported as differing rather than as missing on both sides.
     */
    public static Method withTolerance(Duration tolerance) {
        Duration four = tolerance.multipliedBy(4);
        return new Method(tolerance, four.compareTo(MIN_WINDOW) < 0 ? MIN_WINDOW : four, 0.6, 0.3, 0.5);
    }

    public static Method defaults() {
        return withTolerance(DEFAULT_TOLERANCE);
    }

    /** The method in one paragraph, for the answer's {@code "method"}. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "score = %.2f × text + %.2f × time, where text is the cosine similarity of the two"
                        + " descriptions' word stems (lower-cased words of letters and digits, common"
                        + " English words dropped, each cut to its first %d characters) and time ="
                        + " max(0, 1 − |Δ| / %s); a pair is a candidate when |Δ| ≤ %s, text ≥ %.2f and"
                        + " score ≥ %.2f; candidates are matched one to one, greedily, best score first"
                        + " (ties: smaller |Δ|, then ledger index, then line); a match differs in time"
                        + " when |Δ| > %s",
                textWeight,
                1 - textWeight,
                Similarity.STEM,
                window,
                window,
                minText,
                minScore,
                tolerance);
    }
}
