package dev.tandem.salesforce;

/**
 * Parses the two timestamp forms of Salesforce event data without allocating: the Event Log File
 * {@code TIMESTAMP} ({@code yyyyMMddHHmmss.SSS}, GMT) and ISO 8601 instants as in
 * {@code TIMESTAMP_DERIVED} and real-time {@code EventDate} ({@code 2024-03-01T10:15:30.123Z},
 * also with a {@code +0000} or {@code +00:00} offset). Always UTC; never the default time zone.
 */
public final class Timestamps {
    /** Returned when a value cannot be read. */
    public static final long UNKNOWN = Long.MIN_VALUE;

    private Timestamps() {}

    public static long parse(String s) {
        int n = s.length();
        if (n >= 14 && Character.isDigit(s.charAt(4))) {
            return compact(s);
        }
        if (n >= 19 && s.charAt(4) == '-') {
            return iso(s);
        }
        return UNKNOWN;
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static long compact(String s) {
        int y = digits(s, 0, 4), mo = digits(s, 4, 2), d = digits(s, 6, 2);
        int h = digits(s, 8, 2), mi = digits(s, 10, 2), se = digits(s, 12, 2);
        int ms = 0;
        if (s.length() >= 18 && s.charAt(14) == '.') {
            ms = digits(s, 15, 3);
        }
        return assemble(y, mo, d, h, mi, se, ms, 0);
    }

    private static long iso(String s) {
        int y = digits(s, 0, 4), mo = digits(s, 5, 2), d = digits(s, 8, 2);
        char t = s.charAt(10);
        if (t != 'T' && t != ' ') {
            return UNKNOWN;
        }
        int h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
        int i = 19;
        int ms = 0;
        if (i < s.length() && s.charAt(i) == '.') {
            int start = ++i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            int len = Math.min(3, i - start);
            ms = len == 0 ? 0 : digits(s, start, len);
            for (int k = len; k < 3; k++) {
                ms *= 10;
            }
        }
        int offsetMinutes = 0;
        if (i < s.length()) {
            char z = s.charAt(i);
            if (z == '+' || z == '-') {
                int oh = digits(s, i + 1, 2);
                int om;
                if (s.length() >= i + 6 && s.charAt(i + 3) == ':') {
                    om = digits(s, i + 4, 2);
                } else if (s.length() >= i + 5) {
                    om = digits(s, i + 3, 2);
                } else {
                    om = 0;
                }
                if (oh < 0 || om < 0) {
                    return UNKNOWN;
                }
                offsetMinutes = (z == '+' ? 1 : -1) * (oh * 60 + om);
            } else if (z != 'Z') {
                return UNKNOWN;
            }
        }
        return assemble(y, mo, d, h, mi, se, ms, offsetMinutes);
    }

    private static long assemble(int y, int mo, int d, int h, int mi, int se, int ms, int offsetMinutes) {
        if (y < 0
                || mo < 1
                || mo > 12
                || d < 1
                || d > daysIn(y, mo)
                || h < 0
                || h > 23
                || mi < 0
                || mi > 59
                || se < 0
                || se > 60
                || ms < 0) {
            return UNKNOWN;
        }
        long days = epochDay(y, mo, d);
        return ((days * 24 + h) * 60 + mi - offsetMinutes) * 60_000L + se * 1000L + ms;
    }

    /** The days of a month of the proleptic Gregorian calendar (February 31 is no date). */
    static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> java.time.Year.isLeap(year) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (the algorithm of LocalDate.toEpochDay). */
    static long epochDay(long year, int month, int day) {
        long total = 365 * year;
        if (year >= 0) {
            total += (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        } else {
            total -= year / -4 - year / -100 + year / -400;
        }
        total += (367 * month - 362) / 12;
        total += day - 1;
        if (month > 2) {
            total--;
            if (!java.time.Year.isLeap(year)) {
                total--;
            }
        }
        return total - 719528;
    }
}
