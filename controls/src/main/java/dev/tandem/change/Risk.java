package dev.tandem.change;

import java.util.Locale;
import java.util.Optional;

/** The requester's judgement of what the change may break. */
public enum Risk {
    LOW,
    MEDIUM,
    HIGH;

    public static Optional<Risk> parse(String s) {
        for (Risk r : values()) {
            if (r.name().equals(s.strip().toUpperCase(Locale.ROOT))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
