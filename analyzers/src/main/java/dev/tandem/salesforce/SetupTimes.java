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
 * {@code 3/15/2025 10:12 AM GMT}, {@code 2025-03-15 17:12:44 PDT}), in the time zone of the user who
 * downloaded them: an abbreviation stands for one offset ({@link #ABBREVIATIONS}), never for a
 * region whose summer time would shift it. A time without a zone is GMT, as
 * the LoginHistory object's LoginTime is (Object Reference, "LoginHistory"). These files are small:
 * this is not the event logs' allocation-free path.
 */
public final class SetupTimes {
    private static final List<DateTimeFormatter> ZONED = formatters(true);
    private static final List<DateTimeFormatter> LOCAL = formatters(false);

    /**
     * The time zones of a Salesforce user's Locale settings (Setup › Personal Information, Time
     * Zone), in the order an abbreviation several of them write is read: the United States' before
     * others (CST is Chicago's, not Shanghai's; PST Los Angeles', not Manila's), India's IST before
     * Ireland's and Israel's.
     */
    private static final List<String> USER_ZONES = List.of(
            "America/Los_Angeles",
            "America/Denver",
            "America/Phoenix",
            "America/Chicago",
            "America/New_York",
            "America/Anchorage",
            "Pacific/Honolulu",
            "America/Halifax",
            "America/St_Johns",
            "America/Puerto_Rico",
            "America/Mexico_City",
            "America/Mazatlan",
            "America/Tijuana",
            "America/El_Salvador",
            "America/Panama",
            "America/Bogota",
            "America/Lima",
            "America/Caracas",
            "America/Santiago",
            "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires",
            "Atlantic/Azores",
            "Atlantic/Cape_Verde",
            "Europe/London",
            "Europe/Lisbon",
            "Europe/Paris",
            "Europe/Berlin",
            "Europe/Amsterdam",
            "Europe/Brussels",
            "Europe/Rome",
            "Europe/Prague",
            "Africa/Casablanca",
            "Africa/Algiers",
            "Europe/Athens",
            "Europe/Helsinki",
            "Europe/Bucharest",
            "Africa/Cairo",
            "Africa/Johannesburg",
            "Europe/Istanbul",
            "Europe/Moscow",
            "Europe/Minsk",
            "Africa/Nairobi",
            "Asia/Riyadh",
            "Asia/Baghdad",
            "Asia/Tehran",
            "Asia/Dubai",
            "Asia/Baku",
            "Asia/Tbilisi",
            "Asia/Yerevan",
            "Asia/Kabul",
            "Asia/Karachi",
            "Asia/Tashkent",
            "Asia/Yekaterinburg",
            "Asia/Kolkata",
            "Asia/Colombo",
            "Asia/Kathmandu",
            "Asia/Dhaka",
            "Asia/Rangoon",
            "Asia/Bangkok",
            "Asia/Ho_Chi_Minh",
            "Asia/Jakarta",
            "Asia/Singapore",
            "Asia/Kuala_Lumpur",
            "Asia/Hong_Kong",
            "Asia/Shanghai",
            "Asia/Taipei",
            "Asia/Manila",
            "Australia/Perth",
            "Asia/Tokyo",
            "Asia/Seoul",
            "Australia/Darwin",
            "Australia/Adelaide",
            "Australia/Brisbane",
            "Australia/Sydney",
            "Australia/Lord_Howe",
            "Pacific/Guadalcanal",
            "Pacific/Norfolk",
            "Asia/Kamchatka",
            "Pacific/Fiji",
            "Pacific/Auckland",
            "Pacific/Chatham",
            "Pacific/Tongatapu",
            "Pacific/Kiritimati",
            "Europe/Dublin",
            "Asia/Jerusalem");

    /**
     * Each zone abbreviation those zones are written with (in US English, in winter and in summer,
     * and as older Java releases named the ones java.time writes as an offset) and the one offset it
     * stands for: {@code MST} is always UTC-7, Phoenix's in July too, where a
     * zone name's own rules would read it as Denver's daylight time, and {@code BST} UTC+1, where
     * java.time reads it as GMT.
     */
    private static final java.util.Map<String, ZoneOffset> ABBREVIATIONS = abbreviations();

    private SetupTimes() {}

    private static java.util.Map<String, ZoneOffset> abbreviations() {
        java.util.Map<String, ZoneOffset> out = new java.util.HashMap<>();
        DateTimeFormatter name = DateTimeFormatter.ofPattern("z", Locale.US);
        java.time.Instant[] seasons = {
            java.time.Instant.parse("2025-01-15T12:00:00Z"), java.time.Instant.parse("2025-07-15T12:00:00Z")
        };
        java.util.Set<String> known = java.time.ZoneId.getAvailableZoneIds();
        for (String id : USER_ZONES) {
            if (!known.contains(id)) {
                continue;
            }
            java.time.ZoneId zone = java.time.ZoneId.of(id);
            for (java.time.Instant at : seasons) {
                String abbreviation = name.format(at.atZone(zone)).toUpperCase(Locale.ROOT);
                if (Character.isLetter(abbreviation.charAt(0))
                        && !abbreviation.startsWith("GMT")
                        && !abbreviation.startsWith("UTC")) {
                    out.putIfAbsent(abbreviation, zone.getRules().getOffset(at));
                }
            }
        }
        // the names older Java releases gave the zones that java.time now writes as GMT+08:00 and the like
        String[] older = {
            "SGT +08:00", "MYT +08:00", "PHT +08:00", "ICT +07:00", "MMT +06:30", "NPT +05:45", "UZT +05:00",
            "YEKT +05:00", "AFT +04:30", "GST +04:00", "AZT +04:00", "GET +04:00", "IRST +03:30", "TRT +03:00",
            "BRT -03:00", "ART -03:00", "CLST -03:00", "CLT -04:00", "VET -04:00", "COT -05:00", "PET -05:00",
            "FJT +12:00", "TOT +13:00"
        };
        for (String o : older) {
            out.putIfAbsent(o.substring(0, o.indexOf(' ')), ZoneOffset.of(o.substring(o.indexOf(' ') + 1)));
        }
        return java.util.Map.copyOf(out);
    }

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
        int space = s.lastIndexOf(' ');
        ZoneOffset abbreviated =
                space < 0 ? null : ABBREVIATIONS.get(s.substring(space + 1).toUpperCase(Locale.ROOT));
        if (abbreviated != null) {
            String local = s.substring(0, space).strip();
            for (DateTimeFormatter f : LOCAL) {
                try {
                    return LocalDateTime.parse(local, f).toInstant(abbreviated).toEpochMilli();
                } catch (DateTimeParseException e) {
                    // the next form
                }
            }
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
        return unreadable(column, value, "column " + (index + 1) + "; ");
    }

    /**
     * The problem of a value {@link #parse} cannot read: the field's name, the value, where it is
     * ({@code "column 2; "}, or empty in a JSON record) and the forms read.
     */
    static String unreadable(String field, String value, String where) {
        String v = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        return "unreadable " + field + " \"" + v + "\" (" + where + "ISO 8601 or M/d/yyyy h:mm:ss AM zone)";
    }
}
