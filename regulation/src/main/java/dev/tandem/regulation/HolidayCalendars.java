package dev.tandem.regulation;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public-holiday calendars for business-day deadlines, from Jollyday: a built-in calendar
 * ({@code br}, or {@code us/vt} for a subdivision) or one of Tandem's own Jollyday files under
 * {@code holidays/Holidays_<name>.xml} ({@code us-federal}).
 *
 * <p>Opening a calendar reads its XML through JAXB, which costs more than the rest of an
 * assessment; calendars are therefore opened either all at construction (a rule file counsel
 * supplies: a bad spec fails at load time, not mid-incident) or each on first use (the rule file
 * shipped with Tandem, whose calendars its tests open), see {@link #lazy(Map)}.
 */
public final class HolidayCalendars {
    private record Calendar(HolidayManager manager, String[] subdivisions) {}

    private final Map<String, String> specs;
    private final Map<String, Calendar> open = new ConcurrentHashMap<>();

    /** @param specs calendar id to Jollyday spec; every calendar is opened now */
    HolidayCalendars(Map<String, String> specs) {
        this(specs, true);
    }

    private HolidayCalendars(Map<String, String> specs, boolean now) {
        this.specs = Map.copyOf(specs);
        if (now) {
            openAll();
        }
    }

    /** Calendars opened on first use: for the shipped rule file only, whose specs are tested. */
    static HolidayCalendars lazy(Map<String, String> specs) {
        return new HolidayCalendars(specs, false);
    }

    /** Opens every calendar not yet open; a bad spec throws {@link RuleBookException}. */
    void openAll() {
        specs.keySet().forEach(this::calendar);
    }

    private Calendar calendar(String id) {
        String spec = specs.get(id);
        if (spec == null) {
            throw new IllegalArgumentException("no calendar " + id);
        }
        return open.computeIfAbsent(id, k -> open(k, spec));
    }

    private static Calendar open(String id, String spec) {
        String[] parts = spec.split("/");
        URL own = HolidayCalendars.class.getResource("holidays/Holidays_" + parts[0] + ".xml");
        try {
            HolidayManager m = own != null
                    ? HolidayManager.getInstance(ManagerParameters.create(own))
                    : HolidayManager.getInstance(ManagerParameters.create(parts[0]));
            // Touch the calendar now, so that a bad spec fails when it is opened, not mid-incident.
            m.getHolidays(java.time.Year.of(2026), Arrays.copyOfRange(parts, 1, parts.length));
            return new Calendar(m, Arrays.copyOfRange(parts, 1, parts.length));
        } catch (RuntimeException e) {
            throw new RuleBookException(
                    "calendar " + id + ": Jollyday cannot open '" + spec + "': " + e.getMessage(), e);
        }
    }

    public boolean contains(String id) {
        return specs.containsKey(id);
    }

    /** Monday to Friday and not a public holiday (observed date) of the calendar. */
    public boolean isBusinessDay(String id, LocalDate d) {
        if (!specs.containsKey(id)) {
            throw new IllegalArgumentException("no calendar " + id);
        }
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        Calendar c = calendar(id);
        if (c.manager().isHoliday(d, de.focus_shift.jollyday.core.HolidayType.PUBLIC_HOLIDAY, c.subdivisions())) {
            return false;
        }
        // Jollyday computes a year's holidays alone: a New Year's Day on a Saturday is observed on the
        // Friday before (5 U.S.C. 6103(b)), December 31, which only the next year's holidays hold
        return !(d.getMonth() == java.time.Month.DECEMBER && d.getDayOfMonth() == 31 && observedFromNextYear(c, d));
    }

    private static boolean observedFromNextYear(Calendar c, LocalDate d) {
        for (de.focus_shift.jollyday.core.Holiday h : c.manager()
                .getHolidays(
                        java.time.Year.of(d.getYear() + 1),
                        de.focus_shift.jollyday.core.HolidayType.PUBLIC_HOLIDAY,
                        c.subdivisions())) {
            if (h.getDate().equals(d) || h.getObservedDate().filter(d::equals).isPresent()) return true;
        }
        return false;
    }
}
