package dev.tandem.regulation;

import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.net.URL;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Public-holiday calendars for business-day deadlines, from Jollyday: a built-in calendar
 * ({@code br}, or {@code us/vt} for a subdivision) or one of Tandem's own Jollyday files under
 * {@code holidays/Holidays_<name>.xml} ({@code us-federal}).
 */
public final class HolidayCalendars {
    private record Calendar(HolidayManager manager, String[] subdivisions) {}

    private final Map<String, Calendar> calendars = new HashMap<>();

    /** @param specs calendar id to Jollyday spec */
    HolidayCalendars(Map<String, String> specs) {
        specs.forEach((id, spec) -> calendars.put(id, open(id, spec)));
    }

    private static Calendar open(String id, String spec) {
        String[] parts = spec.split("/");
        URL own = HolidayCalendars.class.getResource("holidays/Holidays_" + parts[0] + ".xml");
        try {
            HolidayManager m = own != null
                    ? HolidayManager.getInstance(ManagerParameters.create(own))
                    : HolidayManager.getInstance(ManagerParameters.create(parts[0]));
            // Touch the calendar now, so that a bad spec fails at load time, not mid-incident.
            m.getHolidays(java.time.Year.of(2026), Arrays.copyOfRange(parts, 1, parts.length));
            return new Calendar(m, Arrays.copyOfRange(parts, 1, parts.length));
        } catch (RuntimeException e) {
            throw new RuleBookException(
                    "calendar " + id + ": Jollyday cannot open '" + spec + "': " + e.getMessage(), e);
        }
    }

    public boolean contains(String id) {
        return calendars.containsKey(id);
    }

    /** Monday to Friday and not a public holiday (observed date) of the calendar. */
    public boolean isBusinessDay(String id, LocalDate d) {
        Calendar c = calendars.get(id);
        if (c == null) {
            throw new IllegalArgumentException("no calendar " + id);
        }
        if (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        return !c.manager().isHoliday(d, de.focus_shift.jollyday.core.HolidayType.PUBLIC_HOLIDAY, c.subdivisions());
    }
}
