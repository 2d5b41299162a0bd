package dev.tandem.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Times as the pages show them: always with their zone (the incident's), e.g. {@code 2026-11-26
 * 09:00 CET (UTC+01:00)}, and in a {@code <time datetime>} attribute as RFC 3339 UTC. Templates
 * reach it as {@code @times}.
 */
@Component("times")
public class Times {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("z", Locale.ENGLISH);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT);
    private static final DateTimeFormatter INPUT_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter INPUT_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS", Locale.ROOT);

    /** {@code 2026-11-26 09:00 CET (UTC+01:00)} in the zone; empty for no time. */
    public String show(@Nullable Object time, @Nullable ZoneId zone) {
        return show(time, zone, SHOWN);
    }

    /** {@code 2026-11-26 09:00:07 CET (UTC+01:00)}: to the second, where minutes do not tell two apart. */
    public String seconds(@Nullable Object time, @Nullable ZoneId zone) {
        return show(time, zone, SECONDS);
    }

    /**
     * A time written into words (the timeline's sentences): as {@link #show}, to the second when it
     * has seconds, so a reader never takes a UTC time for a local one; with no zone, in UTC, saying so.
     */
    public static String words(Instant time, @Nullable ZoneId zone) {
        return show(time, zone, time.getEpochSecond() % 60 == 0 && time.getNano() == 0 ? SHOWN : SECONDS);
    }

    private static String show(@Nullable Object time, @Nullable ZoneId zone, DateTimeFormatter format) {
        Instant t = instant(time);
        if (t == null) {
            return "";
        }
        ZonedDateTime at = t.atZone(zone == null ? ZoneOffset.UTC : zone);
        String offset = at.getOffset().getTotalSeconds() == 0
                ? "UTC"
                : "UTC" + at.getOffset().getId();
        // a bare offset's name is the offset itself ("Z", "+01:00"): then the offset says it all
        String name = at.getZone() instanceof ZoneOffset ? offset : ZONE_NAME.format(at);
        return format.format(at) + " " + name + (name.equals(offset) ? "" : " (" + offset + ")");
    }

    /**
     * A deadline where its days end, to the second ("2027-01-04 23:59:59 CST (UTC-06:00),
     * America/Chicago"), then in the incident's zone where that reads differently: a day-based
     * deadline shown only in another zone can fall on the next calendar day (docs/regulation.md,
     * Deadlines). {@code ruleZone} is an IANA id or a {@link ZoneId}; without one, in the zone.
     */
    public String deadline(@Nullable Object due, @Nullable Object ruleZone, @Nullable ZoneId zone) {
        Instant t = instant(due);
        if (t == null) {
            return "";
        }
        ZoneId where = ruleZone instanceof ZoneId z
                ? z
                : ruleZone instanceof String id && !id.isBlank() ? ZoneId.of(id) : null;
        if (where == null) {
            return show(t, zone, SECONDS);
        }
        String shown = show(t, where, SECONDS) + ", " + where.getId();
        if (zone == null
                || t.atZone(zone).toLocalDateTime().equals(t.atZone(where).toLocalDateTime())) {
            return shown;
        }
        return shown + "; " + show(t, zone, SHOWN) + " in " + zone.getId();
    }

    private static final java.util.regex.Pattern RFC_3339 = java.util.regex.Pattern.compile(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d(?:\\.\\d+)?)?(?:Z|[+-]\\d\\d:\\d\\d)");

    /**
     * A text from the API shown in a page (an obligation's clock, "72 hours after
     * 2026-12-05T20:18:21Z"), each RFC 3339 time in it told as {@link #words} tells it, in the zone.
     */
    public String within(@Nullable String text, @Nullable ZoneId zone) {
        if (text == null) {
            return "";
        }
        return RFC_3339.matcher(text)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        words(OffsetDateTime.parse(m.group()).toInstant(), zone)));
    }

    /** RFC 3339 in UTC, for {@code <time datetime>} and the countdown script. */
    public String iso(@Nullable Object time) {
        Instant t = instant(time);
        return t == null ? "" : t.toString();
    }

    /** The value of a {@code datetime-local} input showing the time in the zone. */
    public String input(@Nullable Object time, @Nullable ZoneId zone) {
        Instant t = instant(time);
        if (t == null) {
            return "";
        }
        // with its seconds (and milliseconds) when it has any, so a form sent back unchanged keeps the
        // time it showed (the field has step="0.001")
        var local = t.atZone(zone == null ? ZoneOffset.UTC : zone);
        if (local.getNano() != 0) return INPUT_MILLIS.format(local);
        return local.getSecond() == 0 ? INPUT.format(local) : INPUT_SECONDS.format(local);
    }

    /** "in 3 h 20 min" or "4 h 5 min ago", from now; a page refresh or the script keeps it current. */
    public String relative(@Nullable Object time, Instant now) {
        Instant t = instant(time);
        if (t == null) {
            return "";
        }
        Duration d = Duration.between(now, t);
        String span = span(d.abs());
        return d.isNegative() ? span + " ago" : "in " + span;
    }

    static String span(Duration d) {
        return dev.tandem.regulation.Elapsed.span(d);
    }

    /**
     * A form's time: RFC 3339 with an offset as typed, or a {@code datetime-local} value read in the
     * zone (the page names the zone beside the field). Null for an empty field.
     *
     * @throws IllegalArgumentException naming the field, for anything else
     */
    public static @Nullable OffsetDateTime fromForm(@Nullable String value, ZoneId zone, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(
                        field + ": must be a date and time such as 2026-11-26T09:30, got " + v);
            }
        }
    }

    private static @Nullable Instant instant(@Nullable Object time) {
        return switch (time) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            case ZonedDateTime z -> z.toInstant();
            case String s when !s.isBlank() -> OffsetDateTime.parse(s).toInstant();
            default -> null;
        };
    }
}
