package dev.tandem.cli.incident;

import dev.tandem.cli.ServerCommand;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One call of the incident API with {@code --format text|json}: text for people, the server's answer
 * as it came for programs (docs/adr/118-incidents-timeline-and-obligations-from-the-command-line.md).
 */
abstract class IncidentCall extends ServerCommand.TextOrJson {
    /** The options of this command by the field or parameter of the API they give ({@code awareAt}: {@code --aware-at}). */
    Map<String, String> options() {
        return Map.of();
    }

    /** The option that gives the field a refusal's detail starts with ({@code title is required…}: {@code --title}). */
    @Override
    protected @Nullable String option(String detail) {
        int end = 0;
        while (end < detail.length() && Character.isJavaIdentifierPart(detail.charAt(end))) end++;
        return options().get(detail.substring(0, end));
    }

    /** {@code value} of {@code option}, not blank; else a usage error naming the option. */
    static String text(String option, String value) throws Usage {
        if (value.isBlank()) throw new Usage(option + ": must not be blank");
        return value;
    }

    /**
     * {@code value} of {@code option} as RFC 3339 with an offset, as the server takes times (null stays
     * null); else a usage error naming the option.
     */
    static @Nullable String time(String option, @Nullable String value) throws Usage {
        if (value == null) return null;
        try {
            OffsetDateTime.parse(value);
        } catch (DateTimeException e) {
            throw new Usage(
                    option + ": must be an RFC 3339 time with an offset (e.g. 2026-11-26T07:00:00Z), got " + value);
        }
        return value;
    }

    /** {@code value} of {@code option} as one of {@code allowed} in capitals (null stays null); else a usage error. */
    static @Nullable String oneOf(String option, @Nullable String value, List<String> allowed) throws Usage {
        if (value == null) return null;
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new Usage(option + ": must be one of " + String.join(", ", allowed) + ", got " + value);
        }
        return v;
    }
}
