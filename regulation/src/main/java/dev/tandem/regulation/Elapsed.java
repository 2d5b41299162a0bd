package dev.tandem.regulation;

import java.time.Duration;
import java.time.Instant;

/**
 * The time since a clock started, for an obligation the law gives no deadline (GDPR Art. 33(4): the
 * information may follow "without undue further delay"): shown instead of a due date nobody may make up.
 */
public final class Elapsed {
    private Elapsed() {}

    /** "2 d 3 h", "5 h 12 min", "40 min", or "less than a minute", from {@code start} to {@code now}. */
    public static String span(Instant start, Instant now) {
        return span(Duration.between(start, now).abs());
    }

    /** A non-negative duration in the same words. */
    public static String span(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 1) {
            return "less than a minute";
        }
        long days = minutes / (60 * 24);
        long hours = (minutes / 60) % 24;
        long mins = minutes % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        return hours > 0 ? hours + " h " + mins + " min" : mins + " min";
    }
}
