package dev.tandem.salesforce;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The times of the Setup pages' CSV downloads (Login History's {@code Login Time}, the Setup Audit
 * Trail's {@code Date}): ISO 8601 and the Event Log File form as {@link Timestamps} reads them, and
 * the US-English forms the downloads are written in ({@code 3/15/2025, 10:12:44 AM PDT},
 * {@code 3/15/2025 10:12 AM GMT}, {@code 2025-03-15 17:12:44 PDT}) and those of other locales
 * ({@code 15/03/2025 22:12}, {@code 15.03.2025}, a month's name: {@code 15 mars 2025 14:03},
 * {@code Mar 15, 2025 2:03 PM}), in the time zone of the user who downloaded them: an abbreviation
 * stands for one offset ({@link #ABBREVIATIONS}), never for a region whose summer time would shift it. A time without a zone is GMT, as
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
    private static final java.util.Map<String, ZoneOffset> ABBREVIATIONS;

    /**
     * Each abbreviation of {@link #ABBREVIATIONS} that another of the zones writes at another offset
     * ({@code IST}, {@code CST}, {@code PST} …), and those zones with their offsets.
     */
    private static final java.util.Map<String, List<String>> AMBIGUOUS;

    /**
     * For each abbreviation of {@link #AMBIGUOUS}, the others the zone it is read as writes in the
     * other season ({@code PST}: {@code PDT}): a file that holds one of those too was written in that
     * zone.
     */
    private static final java.util.Map<String, java.util.Set<String>> SEASON_PARTNERS;

    /**
     * For each abbreviation, the zones that write it at the offset it is read as, with the seasons
     * they write it in: {@code BST} London's in summer, {@code MST} Denver's in winter and Phoenix's
     * all year (Phoenix keeps no summer time).
     */
    private static final java.util.Map<String, List<Writer>> WRITERS;

    /**
     * A zone that writes an abbreviation, and whether it does so in summer time ({@code true}), in
     * standard time ({@code false}) or both: a zone's name for a moment follows its summer time.
     */
    private record Writer(java.time.zone.ZoneRules rules, java.util.Set<Boolean> inSummerTime) {}

    /** One abbreviation a zone wrote at one of the sample moments, in one language. */
    private record Named(String abbreviation, ZoneOffset offset, java.time.ZoneId zone, boolean summerTime) {}

    /**
     * Whether a zone that writes {@code abbreviation} (upper case) wrote it at {@code millis}: no zone
     * writes {@code BST} in February or {@code PDT} in January, so a date that would put it there is
     * read the other way. True for an abbreviation no listed zone writes (the older Java names).
     */
    static boolean inUse(String abbreviation, long millis) {
        List<Writer> writers = WRITERS.get(abbreviation);
        if (writers == null) {
            return true;
        }
        java.time.Instant at = java.time.Instant.ofEpochMilli(millis);
        for (Writer w : writers) {
            if (w.inSummerTime().contains(w.rules().isDaylightSavings(at))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The languages a download's zone abbreviation is looked up in after US English, which comes
     * first: German writes {@code MEZ} and {@code MESZ} for CET and CEST, Brazilian Portuguese
     * {@code BRT}; the others write what US English writes, or an offset.
     */
    private static final List<Locale> LANGUAGES = List.of(
            Locale.US,
            Locale.UK,
            Locale.GERMANY,
            Locale.FRANCE,
            Locale.ITALY,
            Locale.of("es", "ES"),
            Locale.of("nl", "NL"),
            Locale.of("pt", "BR"),
            Locale.JAPAN);

    static {
        java.util.Map<String, ZoneOffset> out = new java.util.HashMap<>();
        java.util.Map<String, java.util.Map<ZoneOffset, String>> writers = new java.util.HashMap<>();
        java.util.Map<String, String> readAs = new java.util.HashMap<>();
        java.util.Map<String, java.util.Set<String>> writtenBy = new java.util.HashMap<>();
        List<Named> named = new java.util.ArrayList<>();
        java.time.Instant[] seasons = {
            java.time.Instant.parse("2025-01-15T12:00:00Z"), java.time.Instant.parse("2025-07-15T12:00:00Z")
        };
        java.util.Set<String> known = java.time.ZoneId.getAvailableZoneIds();
        for (Locale language : LANGUAGES) {
            DateTimeFormatter name = DateTimeFormatter.ofPattern("z", language);
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
                        ZoneOffset offset = zone.getRules().getOffset(at);
                        named.add(new Named(
                                abbreviation, offset, zone, zone.getRules().isDaylightSavings(at)));
                        boolean added = out.putIfAbsent(abbreviation, offset) == null;
                        if (added) {
                            readAs.put(abbreviation, id);
                        }
                        // which zones write an abbreviation, from US English only: other languages
                        // only add names of their own (Java's German writes New York's summer time as
                        // EST, a name no US-English download has for it)
                        if (added || language.equals(Locale.US)) {
                            writtenBy
                                    .computeIfAbsent(id, k -> new java.util.TreeSet<>())
                                    .add(abbreviation);
                            writers.computeIfAbsent(abbreviation, k -> new java.util.LinkedHashMap<>())
                                    .putIfAbsent(offset, id);
                        }
                    }
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
        java.util.Map<String, List<String>> ambiguous = new java.util.HashMap<>();
        writers.forEach((abbreviation, byOffset) -> {
            ZoneOffset read = out.get(abbreviation);
            List<String> others = byOffset.entrySet().stream()
                    .filter(e -> !e.getKey().equals(read))
                    .map(e -> e.getValue() + " (UTC" + e.getKey().getId().replace("Z", "+00:00") + ")")
                    .toList();
            if (!others.isEmpty()) {
                ambiguous.put(abbreviation, others);
            }
        });
        java.util.Map<String, java.util.Set<String>> partners = new java.util.HashMap<>();
        for (String abbreviation : ambiguous.keySet()) {
            java.util.Set<String> others = new java.util.TreeSet<>(writtenBy.get(readAs.get(abbreviation)));
            others.remove(abbreviation);
            partners.put(abbreviation, java.util.Set.copyOf(others));
        }
        java.util.Map<String, java.util.Map<java.time.ZoneId, java.util.Set<Boolean>>> seasonsOf =
                new java.util.HashMap<>();
        for (Named n : named) {
            if (n.offset().equals(out.get(n.abbreviation()))) {
                seasonsOf
                        .computeIfAbsent(n.abbreviation(), k -> new java.util.LinkedHashMap<>())
                        .computeIfAbsent(n.zone(), k -> new java.util.HashSet<>())
                        .add(n.summerTime());
            }
        }
        java.util.Map<String, List<Writer>> writersOf = new java.util.HashMap<>();
        seasonsOf.forEach((abbreviation, zones) -> writersOf.put(
                abbreviation,
                zones.entrySet().stream()
                        .map(z -> new Writer(z.getKey().getRules(), java.util.Set.copyOf(z.getValue())))
                        .toList()));
        WRITERS = java.util.Map.copyOf(writersOf);
        ABBREVIATIONS = java.util.Map.copyOf(out);
        AMBIGUOUS = java.util.Map.copyOf(ambiguous);
        SEASON_PARTNERS = java.util.Map.copyOf(partners);
    }

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

    /**
     * Epoch millis, or {@link Timestamps#UNKNOWN} when the value is no time these files hold: a date
     * that reads either way is read month first, as US English writes it ({@link #read} gives both
     * readings, for a whole file to decide: {@link FileTimes}).
     */
    public static long parse(String value) {
        return read(value).usual();
    }

    /**
     * A time as a download writes it, read month first ({@code 3/4/2025}: March 4, US English) and
     * day first (April 3, as British English, French, German and most other locales write it), each
     * {@link Timestamps#UNKNOWN} where the date cannot be read so ({@code 15/3/2025} is no month
     * first date; {@code 15.03.2025}, written with dots, is only ever day first); the two are the
     * same where the date says which is which (ISO 8601, {@code 2025/03/15}, a day past the 12th
     * or the same number twice). A reading that puts the zone abbreviation on a date its zone does
     * not write it on ({@code 02/04/2025 23:13 BST} read as February 4) is unknown too. A month's
     * name reads one way only, the way its place tells: {@code 5 mars 2025} day first,
     * {@code Mar 5, 2025} month first, so that it settles the order of the file it is in.
     *
     * @param abbreviation the zone abbreviation the time was written with, upper case, or null
     * @param dayFirstStyle a date that reads either way written as day-first locales write dates and US
     *     English does not: its first number and its hour with a leading zero, the time on 24 hours
     *     ({@code 02/04/2025, 09:13:34}; US English writes {@code 2/4/2025, 9:13:34 AM})
     */
    public record Reading(
            long monthFirst, long dayFirst, @Nullable String abbreviation, boolean dayFirstStyle) {
        static final Reading NONE = new Reading(Timestamps.UNKNOWN, Timestamps.UNKNOWN, null, false);

        Reading(long t) {
            this(t, t, null, false);
        }

        /** Month first where the date reads so, else day first ({@link Timestamps#UNKNOWN} for neither). */
        public long usual() {
            return monthFirst != Timestamps.UNKNOWN ? monthFirst : dayFirst;
        }

        public boolean readable() {
            return monthFirst != Timestamps.UNKNOWN || dayFirst != Timestamps.UNKNOWN;
        }

        /** Read one way only: the date tells its order. */
        public boolean onlyMonthFirst() {
            return monthFirst != Timestamps.UNKNOWN && dayFirst == Timestamps.UNKNOWN;
        }

        public boolean onlyDayFirst() {
            return dayFirst != Timestamps.UNKNOWN && monthFirst == Timestamps.UNKNOWN;
        }

        /** Read both ways, to two different times: the file must tell which. */
        public boolean eitherWay() {
            return monthFirst != Timestamps.UNKNOWN && dayFirst != Timestamps.UNKNOWN && monthFirst != dayFirst;
        }
    }

    /** Both readings of {@code value} ({@link Reading}); {@link Reading#readable()} false when it is no time at all. */
    public static Reading read(String value) {
        String s = value.replace('\u202f', ' ').replace('\u00a0', ' ').strip();
        long t = Timestamps.parse(s);
        if (t != Timestamps.UNKNOWN) {
            return new Reading(t);
        }
        if (s.isEmpty() || !Character.isLetterOrDigit(s.charAt(0))) {
            return Reading.NONE;
        }
        Reading written = new Written(s).read();
        if (written != null) {
            return written;
        }
        return Character.isDigit(s.charAt(0)) ? new Reading(parseByPattern(s)) : Reading.NONE;
    }

    /** The forms {@link Written} does not read, by the US-English patterns: month first. */
    private static long parseByPattern(String s) {
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

    /**
     * The other zones that write {@code abbreviation} at another offset than the one it is read as
     * ({@code IST}: Europe/Dublin and Asia/Jerusalem, where it is read as India's), empty when it
     * stands for one offset only.
     */
    public static List<String> othersWriting(String abbreviation) {
        return AMBIGUOUS.getOrDefault(abbreviation.toUpperCase(Locale.ROOT), List.of());
    }

    /**
     * The abbreviations that, in the same file as the ambiguous {@code abbreviation}, show it was
     * written in the zone it is read as: that zone's name in the other season ({@code PDT} beside
     * {@code PST}); empty for a zone without summer time ({@code IST}, India's).
     */
    public static java.util.Set<String> seasonPartners(String abbreviation) {
        return SEASON_PARTNERS.getOrDefault(abbreviation.toUpperCase(Locale.ROOT), java.util.Set.of());
    }

    /** The offset {@code abbreviation} is read as, or null when it is none these files are written with. */
    public static @Nullable ZoneOffset offsetOf(String abbreviation) {
        return ABBREVIATIONS.get(abbreviation.toUpperCase(Locale.ROOT));
    }

    /**
     * The languages whose month names and abbreviations a download's dates are read in: English and
     * the major European languages a Salesforce user's locale writes dates in with the month as a
     * word ({@code Mar 15, 2025}, {@code 15 mars 2025}, {@code 15. März 2025}, {@code 15 de mar. de
     * 2025}), as the JDK's CLDR data, which Salesforce's ICU locale formats follow, writes them.
     */
    private static final List<Locale> MONTH_LANGUAGES = java.util.stream.Stream.of(
                    "en-US", "en-GB", "en-AU", "fr-FR", "fr-CA", "de-DE", "de-AT", "it-IT", "es-ES", "es-MX", "nl-NL",
                    "pt-PT", "pt-BR", "sv-SE", "da-DK", "nb-NO", "pl-PL")
            .map(Locale::forLanguageTag)
            .toList();

    /**
     * Each month's names and abbreviations in {@link #MONTH_LANGUAGES} ({@code mars}, {@code févr},
     * {@code märz}, {@code sept}, {@code marca}), lower case and without the dot CLDR closes some
     * abbreviations with, with the month (1 to 12); and each without its accents ({@code fevr},
     * {@code marz}) where no other month is written so. A word two languages give two months would be
     * left out (none of these does).
     */
    private static final java.util.Map<String, Integer> MONTHS;

    /**
     * The words CLDR writes between a date's day, month and year in these languages, from the JDK's
     * date patterns ({@code de}: {@code d 'de' MMMM 'de' y}, {@code 15 de marzo de 2025}).
     */
    private static final java.util.Set<String> DATE_WORDS;

    static {
        java.util.Map<String, Integer> exact = new java.util.HashMap<>();
        java.util.Set<String> clash = new java.util.HashSet<>();
        java.util.Set<String> words = new java.util.HashSet<>();
        for (Locale language : MONTH_LANGUAGES) {
            java.text.DateFormatSymbols symbols = java.text.DateFormatSymbols.getInstance(language);
            for (String[] names : new String[][] {symbols.getMonths(), symbols.getShortMonths()}) {
                for (int m = 0; m < 12; m++) {
                    String name = monthKey(names[m]);
                    Integer before = exact.putIfAbsent(name, m + 1);
                    if (before != null && before != m + 1) {
                        clash.add(name);
                    }
                }
            }
            for (java.time.format.FormatStyle style : java.time.format.FormatStyle.values()) {
                String pattern = DateTimeFormatterBuilder.getLocalizedDateTimePattern(
                        style, null, java.time.chrono.IsoChronology.INSTANCE, language);
                String[] quoted = pattern.split("'", -1);
                for (int q = 1; q < quoted.length; q += 2) {
                    for (String w : quoted[q].strip().split(" ")) {
                        if (!w.isEmpty()) {
                            words.add(w.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        exact.keySet().removeAll(clash);
        java.util.Map<String, Integer> months = new java.util.HashMap<>(exact);
        java.util.Set<String> plainClash = new java.util.HashSet<>();
        exact.forEach((name, month) -> {
            String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "");
            if (!plain.equals(name)) {
                Integer before = months.putIfAbsent(plain, month);
                if (before != null && !before.equals(month)) {
                    plainClash.add(plain);
                }
            }
        });
        // a plain form two months share reads neither; one that is another month's own name stays its
        plainClash.forEach(p -> {
            if (!exact.containsKey(p)) {
                months.remove(p);
            }
        });
        MONTHS = java.util.Map.copyOf(months);
        DATE_WORDS = java.util.Set.copyOf(words);
    }

    /** A month's name as {@link #MONTHS} holds it: lower case, without a closing dot. */
    private static String monthKey(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    /**
     * A date as a download writes it, an optional comma, a time ({@code 10:12}, {@code 10:12:44}, with
     * AM or PM or on 24 hours) and an optional zone: an abbreviation ({@link #ABBREVIATIONS}), GMT or
     * UTC, or an offset after them ({@code GMT+01:00}, {@code UTC−03:00} with a minus sign,
     * {@code GMT-3}). The date is three numbers ({@code 3/15/2025}, {@code 15/03/2025},
     * {@code 15.03.2025}, {@code 15-03-2025}, {@code 2025/03/15}; a year of two digits is this
     * century's), or a month's name ({@link #MONTHS}) after the day ({@code 15 mars 2025},
     * {@code 15. März 2025}, {@code 15-Mar-2025}, {@code 15 de mar. de 2025}: day first) or before it
     * ({@code Mar 15, 2025}: month first), with a word between date and time as CLDR's long forms
     * write one ({@code at}, {@code um}, {@code à}). Null for any other form.
     */
    private static final class Written {
        private final String s;
        private int i;

        private int hour;
        private int minute;
        private int second;
        /** 1 for AM, 2 for PM, 0 for a time on 24 hours. */
        private int half;

        private boolean twoDigitHour;
        private @Nullable String abbreviation;
        private ZoneOffset offset = ZoneOffset.UTC;

        Written(String s) {
            this.s = s;
        }

        @Nullable
        Reading read() {
            if (Character.isLetter(s.charAt(0))) {
                return monthFirst();
            }
            int a0 = i;
            int a = number(4);
            int aDigits = i - a0;
            if (a < 0 || i >= s.length()) {
                return null;
            }
            char sep = s.charAt(i);
            if (aDigits == 4 && sep == '.' && i + 1 < s.length() && s.charAt(i + 1) == ' ') {
                return yearDotted(a);
            }
            boolean numeric = (sep == '/' || sep == '.' || sep == '-')
                    && i + 1 < s.length()
                    && Character.isDigit(s.charAt(i + 1));
            if (!numeric) {
                return aDigits <= 2 ? dayFirst(a) : null;
            }
            i++;
            int b = number(2);
            if (b < 0 || i >= s.length() || s.charAt(i) != sep) {
                return null;
            }
            i++;
            int c0 = i;
            int c = number(4);
            int cDigits = i - c0;
            if (c < 0 || !timeAndZone(false)) {
                return null;
            }
            java.time.LocalTime time = java.time.LocalTime.of(hour, minute, second);
            if (aDigits == 4) {
                long t = millis(a, b, c, time, offset);
                return new Reading(t, t, abbreviation, false);
            }
            int year = year(c, cDigits);
            if (year < 0 || aDigits > 2) {
                return null;
            }
            long monthFirst = sep == '.' ? Timestamps.UNKNOWN : millis(year, a, b, time, offset);
            long dayFirst = millis(year, b, a, time, offset);
            if (abbreviation != null
                    && monthFirst != Timestamps.UNKNOWN
                    && dayFirst != Timestamps.UNKNOWN
                    && monthFirst != dayFirst) {
                boolean month = inUse(abbreviation, monthFirst);
                boolean day = inUse(abbreviation, dayFirst);
                if (month && !day) {
                    dayFirst = Timestamps.UNKNOWN;
                } else if (day && !month) {
                    monthFirst = Timestamps.UNKNOWN;
                }
            }
            boolean dayFirstStyle = aDigits == 2 && s.charAt(a0) == '0' && half == 0 && twoDigitHour;
            return new Reading(monthFirst, dayFirst, abbreviation, dayFirstStyle);
        }

        /**
         * {@code 2026. 12. 3. 오후 2:15} (Korean, CLDR's {@code y. M. d. a h:mm}): year, month and day,
         * each closed by a dot and a space, the year read already; one way only.
         */
        private @Nullable Reading yearDotted(int year) {
            at('.');
            if (!spaces()) {
                return null;
            }
            int month = number(2);
            if (month < 0 || !at('.') || !spaces()) {
                return null;
            }
            int day = number(2);
            if (day < 0 || !at('.') || !timeAndZone(false)) {
                return null;
            }
            long t = millis(year, month, day, java.time.LocalTime.of(hour, minute, second), offset);
            return new Reading(t, t, abbreviation, false);
        }

        /** {@code Mar 15, 2025}, {@code March 15, 2025}: read month first only, as the name says. */
        private @Nullable Reading monthFirst() {
            int month = monthName();
            if (month == 0 || !spaces()) {
                return null;
            }
            int day = number(2);
            if (day < 0) {
                return null;
            }
            at(',');
            if (!spaces()) {
                return null;
            }
            int y0 = i;
            int year = year(number(4), i - y0);
            if (year < 0 || !timeAndZone(true)) {
                return null;
            }
            long t = millis(year, month, day, java.time.LocalTime.of(hour, minute, second), offset);
            return new Reading(t, Timestamps.UNKNOWN, abbreviation, false);
        }

        /**
         * {@code 15 mars 2025}, {@code 15. März 2025}, {@code 15-Mar-2025}, {@code 15 de mar. de 2025},
         * the day read already: read day first only, as the name says.
         */
        private @Nullable Reading dayFirst(int day) {
            at('.');
            if (!separator()) {
                return null;
            }
            dateWord();
            int month = monthName();
            if (month == 0 || !separator()) {
                return null;
            }
            dateWord();
            int y0 = i;
            int year = year(number(4), i - y0);
            if (year < 0 || !timeAndZone(true)) {
                return null;
            }
            long t = millis(year, month, day, java.time.LocalTime.of(hour, minute, second), offset);
            return new Reading(Timestamps.UNKNOWN, t, abbreviation, false);
        }

        /** The month of the word at {@code i} and its closing dot, if any ({@link #MONTHS}); 0 for none. */
        private int monthName() {
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i == start) {
                return 0;
            }
            int month = MONTHS.getOrDefault(s.substring(start, i).toLowerCase(Locale.ROOT), 0);
            at('.');
            return month;
        }

        /** Spaces, or a dash or slash ({@code 15-Mar-2025}) between the parts of a date with a month's name. */
        private boolean separator() {
            return spaces() || at('-') || at('/');
        }

        /** Skips a word of {@link #DATE_WORDS} and the spaces after it ({@code de }), if one is at {@code i}. */
        private void dateWord() {
            int start = i;
            while (i < s.length() && Character.isLetter(s.charAt(i))) {
                i++;
            }
            if (i > start
                    && i < s.length()
                    && s.charAt(i) == ' '
                    && DATE_WORDS.contains(s.substring(start, i).toLowerCase(Locale.ROOT))) {
                spaces();
            } else {
                i = start;
            }
        }

        /** A year of four digits, or of two (this century's); -1 for none. */
        private static int year(int digits, int count) {
            return digits < 0 ? -1 : count == 4 ? digits : count == 2 ? 2000 + digits : -1;
        }

        /**
         * After the date: an optional comma, the time, AM or PM, and the zone, to the end of the value,
         * into the fields; false when they are not there. {@code words}: one or two short words may
         * stand before the time ({@code at}, {@code um}, {@code à}, CLDR's long forms).
         */
        private boolean timeAndZone(boolean words) {
            at(',');
            if (!spaces()) {
                return false;
            }
            for (int w = 0; words && w < 2 && i < s.length() && Character.isLetter(s.charAt(i)); w++) {
                int start = i;
                while (i < s.length() && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                if (i - start > 4 || !spaces()) {
                    return false;
                }
            }
            // Chinese, Japanese and Korean write the half of the day before the time: 下午2:15, 오후 2:15
            int before = halfDayBefore();
            int h0 = i;
            hour = number(2);
            twoDigitHour = i - h0 == 2;
            if (hour < 0 || !at(':')) {
                return false;
            }
            minute = number(2);
            if (minute < 0) {
                return false;
            }
            if (at(':')) {
                second = number(2);
                if (second < 0) {
                    return false;
                }
            }
            int mark = i;
            boolean spaced = spaces();
            half = before != 0 ? before : halfDay();
            if (half == 0) {
                i = mark;
                spaced = spaces();
            } else {
                if (hour < 1 || hour > 12) {
                    return false;
                }
                hour = hour % 12 + (half == 2 ? 12 : 0);
                if (before == 0) {
                    spaced = spaces(); // after the mark; one before the time left them to the zone
                }
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return false;
            }
            if (i < s.length()) {
                if (!spaced) {
                    return false;
                }
                String zone = s.substring(i).toUpperCase(Locale.ROOT);
                ZoneOffset named = ABBREVIATIONS.get(zone);
                ZoneOffset written = named != null ? named : offset(zone);
                if (written == null) {
                    return false;
                }
                abbreviation = named != null ? zone : null;
                offset = written;
            }
            return true;
        }

        /** Up to {@code max} digits as a number, -1 when there is none. */
        private int number(int max) {
            int start = i;
            int n = 0;
            while (i < s.length() && i - start < max && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                n = n * 10 + (s.charAt(i++) - '0');
            }
            if (i == start || (i < s.length() && Character.isDigit(s.charAt(i)))) {
                return -1;
            }
            return n;
        }

        private boolean at(char c) {
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private boolean spaces() {
            int start = i;
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            return i > start;
        }

        /** 1 for AM, 2 for PM ({@code am}, {@code a.m.} too), 0 for neither. */
        private int halfDay() {
            for (int h = 0; h < HALF_DAYS.length; h++) {
                String mark = HALF_DAYS[h];
                if (s.regionMatches(true, i, mark, 0, mark.length())
                        && (i + mark.length() == s.length() || s.charAt(i + mark.length()) == ' ')) {
                    i += mark.length();
                    return h % 2 + 1;
                }
            }
            return 0;
        }

        /** 1 for a morning mark before the time, 2 for an afternoon one ({@link #HALF_DAYS_BEFORE}), 0 for none. */
        private int halfDayBefore() {
            for (int h = 0; h < HALF_DAYS_BEFORE.length; h++) {
                if (s.startsWith(HALF_DAYS_BEFORE[h], i)) {
                    i += HALF_DAYS_BEFORE[h].length();
                    spaces();
                    return h % 2 + 1;
                }
            }
            return 0;
        }

        /**
         * The marks CLDR's Chinese, Japanese and Korean put before the time: the morning (even places)
         * and the afternoon (odd).
         */
        private static final String[] HALF_DAYS_BEFORE = {"上午", "下午", "午前", "午後", "오전", "오후"};

        /** The marks of the morning (even places) and the afternoon (odd), the dotted ones first. */
        private static final String[] HALF_DAYS = {"A.M.", "P.M.", "AM", "PM"};

        /** The hours and minutes of an offset after GMT or UTC: {@code 1}, {@code 01:00}, {@code 0530}. */
        private static final java.util.regex.Pattern OFFSET_DIGITS =
                java.util.regex.Pattern.compile("\\d{1,2}(:?\\d{2})?");

        /** {@code GMT}, {@code UTC}, {@code Z}, or an offset after GMT or UTC; null for another zone. */
        private static @Nullable ZoneOffset offset(String zone) {
            String z = zone.replace('\u2212', '-');
            if (z.equals("GMT") || z.equals("UTC") || z.equals("Z")) {
                return ZoneOffset.UTC;
            }
            if (!(z.startsWith("GMT") || z.startsWith("UTC")) || z.length() < 5) {
                return null;
            }
            String o = z.substring(3);
            if (o.charAt(0) != '+' && o.charAt(0) != '-') {
                return null;
            }
            String digits = o.substring(1);
            if (!OFFSET_DIGITS.matcher(digits).matches()) {
                return null;
            }
            int colon = digits.indexOf(':');
            String hh = colon >= 0
                    ? digits.substring(0, colon)
                    : digits.length() > 2 ? digits.substring(0, digits.length() - 2) : digits;
            String mm = colon >= 0
                    ? digits.substring(colon + 1)
                    : digits.length() > 2 ? digits.substring(digits.length() - 2) : "0";
            int hours = Integer.parseInt(hh);
            int minutes = Integer.parseInt(mm);
            if (hours > 18 || minutes > 59) {
                return null;
            }
            int sign = o.charAt(0) == '-' ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }

        private static long millis(int year, int month, int day, java.time.LocalTime time, ZoneOffset offset) {
            try {
                return java.time.LocalDate.of(year, month, day)
                        .atTime(time)
                        .toInstant(offset)
                        .toEpochMilli();
            } catch (java.time.DateTimeException e) {
                return Timestamps.UNKNOWN;
            }
        }
    }

    /**
     * The problem of a value {@link #parse} cannot read: the field's name, the value, where it is
     * ({@code "column 2; "}, or empty in a JSON record) and the forms read.
     */
    static String unreadable(String field, String value, String where) {
        String v = value.length() <= 40 ? value : value.substring(0, 40) + "…";
        return "unreadable " + field + " \"" + v + "\" (" + where
                + "ISO 8601, or M/d/yyyy or d/M/yyyy h:mm:ss [AM] [zone])";
    }
}
