package dev.tandem.salesforce;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * The times of the Setup pages' CSV downloads (Login History's {@code Login Time}, the Setup Audit
 * Trail's {@code Date}): ISO 8601 and the Event Log File form as {@link Timestamps} reads them, and
 * the US-English forms the downloads are written in ({@code 3/15/2025, 10:12:44 AM PDT},
 * {@code 3/15/2025 10:12 AM GMT}, {@code 2025-03-15 17:12:44 PDT}). A time without a zone is GMT, as
 * the LoginHistory object's LoginTime is (Object Reference, "LoginHistory"). These files are small:
 * this is not the event logs' allocation-free path.
 */
public final class SetupTimes {
    private static final List<DateTimeFormatter> ZONED = formatters(true);
    private static final List<DateTimeFormatter> LOCAL = formatters(false);

    private SetupTimes() {}

    private static List<DateTimeFormatter> formatters(boolean zoned) {
        String[] patterns = {
            "M/d/yyyy, h:mm:ss a",
            "M/d/yyyy h:mm:ss a",
            "M/d/yyyy, h:mm a",
            "M/d/yyyy h:mm a",
            "M/d/yyyy, H:mm:ss",
            "M/d/yyyy H:mm:ss",
            "M/d/yyyy H:mm",
            "yyyy-MM-dd HH:mm:ss",
            "yyyy-MM-dd HH:mm"
        };
        return java.util.Arrays.stream(patterns)
                .map(p -> new DateTimeFormatterBuilder()
                        .parseCaseInsensitive()
                        .appendPattern(p + (zoned ? " z" : ""))
                        .toFormatter(Locale.US))
                .toList();
    }

    /** Epoch millis, or {@link Timestamps#UNKNOWN} when the value is no time these files hold. */
    public static long parse(String value) {
        String s = value.strip();
        long t = Timestamps.parse(s);
        if (t != Timestamps.UNKNOWN) {
            return t;
        }
        if (s.isEmpty() || !Character.isDigit(s.charAt(0))) {
            return Timestamps.UNKNOWN;
        }
        for (DateTimeFormatter f : ZONED) {
            try {
                return ZonedDateTime.parse(s, f).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        for (DateTimeFormatter f : LOCAL) {
            try {
                return LocalDateTime.parse(s, f).toInstant(ZoneOffset.UTC).toEpochMilli();
            } catch (DateTimeParseException e) {
                // the next form
            }
        }
        return Timestamps.UNKNOWN;
    }

    /** The problem of a row whose time {@link #parse} cannot read: the column's name, the value and its position. */
    public static String unreadable(String column, String value, int index) {
        String v = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        return "unreadable " + column + " \"" + v + "\" (column " + (index + 1)
                + "; ISO 8601 or M/d/yyyy h:mm:ss AM zone)";
    }
}
