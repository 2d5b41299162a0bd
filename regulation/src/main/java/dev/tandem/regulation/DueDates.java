package dev.tandem.regulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Deadline arithmetic (docs/adr/041-deadline-arithmetic.md).
 *
 * <ul>
 *   <li>Hours are absolute time: 72 hours are 72 real hours even across a daylight-saving change.
 *   <li>"N days" follow the usual rule for periods of time (e.g. Fed. R. Civ. P. 6(a)(1); Regulation
 *       (EEC, Euratom) 1182/71 Art. 3(1)): the day of the event is not counted, day 1 is the next
 *       calendar day in the rule's zone, and the period ends at the last second (23:59:59) of day N
 *       there. A period ending on a weekend or holiday is not extended: the earlier date is the safe one.
 *       Where the authority counts the day of the event as day 1 (Japan's PPC), the rule says so
 *       ({@code startDayCounts}) and the period ends a day earlier.
 *   <li>Business days skip Saturdays, Sundays and the public holidays of the rule's calendar; day 1
 *       is the first business day after the day of the event.
 *   <li>Months end on the same day of the month N months later (or that month's last day).
 *   <li>A rule may end its last day earlier than 23:59:59: an EDGAR filing made after 17:30 Eastern
 *       counts as filed the next business day (17 CFR 232.13(a)(2)), so a Form 8-K is due by 17:30.
 * </ul>
 */
public final class DueDates {
    private DueDates() {}

    /** The due instant, or null where the law sets no fixed time. */
    public static Instant due(Rule.DeadlineSpec spec, Instant start, ZoneId zone, HolidayCalendars calendars) {
        return switch (spec.kind()) {
            case HOURS -> start.plus(spec.amount(), ChronoUnit.HOURS);
            case CALENDAR_DAYS ->
                endOfDay(
                        start.atZone(zone).toLocalDate().plusDays(spec.amount() - (spec.startDayCounts() ? 1 : 0)),
                        spec,
                        zone);
            case MONTHS -> endOfDay(start.atZone(zone).toLocalDate().plusMonths(spec.amount()), spec, zone);
            case BUSINESS_DAYS -> {
                LocalDate d = start.atZone(zone).toLocalDate();
                int counted = 0;
                while (counted < spec.amount()) {
                    d = d.plusDays(1);
                    if (calendars.isBusinessDay(spec.calendar(), d)) {
                        counted++;
                    }
                }
                yield endOfDay(d, spec, zone);
            }
            case NONE -> null;
        };
    }

    /** How the due instant was computed, for people to check. */
    public static String explain(Rule.DeadlineSpec spec, Instant start, ZoneId zone) {
        return switch (spec.kind()) {
            case HOURS -> spec.amount() + " hours (absolute time) after " + start;
            case CALENDAR_DAYS -> {
                String day = start.atZone(zone).toLocalDate() + " (" + zone + ")";
                yield spec.amount() + " calendar days "
                        + (spec.startDayCounts() ? "counting " + day + " as day 1" : "after " + day) + ", ending "
                        + spec.dayEnds() + " local time";
            }
            case MONTHS ->
                spec.amount() + " month(s) after " + start.atZone(zone).toLocalDate() + " (" + zone + "), ending "
                        + spec.dayEnds() + " local time";
            case BUSINESS_DAYS ->
                spec.amount() + " business days (calendar " + spec.calendar() + ") after "
                        + start.atZone(zone).toLocalDate() + " (" + zone + "), ending " + spec.dayEnds()
                        + " local time";
            case NONE -> "no fixed time";
        };
    }

    private static Instant endOfDay(LocalDate d, Rule.DeadlineSpec spec, ZoneId zone) {
        return ZonedDateTime.of(d, spec.dayEnds(), zone).toInstant();
    }
}
