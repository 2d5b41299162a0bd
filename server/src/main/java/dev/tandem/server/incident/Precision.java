package dev.tandem.server.incident;

import java.util.Locale;
import java.util.Optional;

/** How precisely a claimed time is known: to the instant, the minute, the hour or the day. */
public enum Precision {
    EXACT,
    MINUTE,
    HOUR,
    DAY;

    public static Optional<Precision> parse(String value) {
        for (Precision p : values()) {
            if (p.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
