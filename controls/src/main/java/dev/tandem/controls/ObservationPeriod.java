package dev.tandem.controls;

import java.time.LocalDate;

/**
 * The observation period of a SOC 2 Type II examination: the first and last day (inclusive) over
 * which the auditors test that the controls operated. Register rows are tests of the period, and
 * only a change executed in it undoes a test of it (docs/change-control.md "Observation period").
 */
public record ObservationPeriod(LocalDate start, LocalDate end) {
    /** The longest period accepted: a Type II period runs 3 to 12 months; two years is a typing error. */
    public static final int MAX_DAYS = 2 * 366;

    public ObservationPeriod {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException(
                    "the observation period ends (" + end + ") before it starts (" + start + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new IllegalArgumentException("the observation period " + start + " to " + end
                    + " is longer than two years; a SOC 2 Type II period runs 3 to 12 months");
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }

    /** Where {@code day} falls: "in", "before" or "after" the period. */
    public String place(LocalDate day) {
        return day.isBefore(start) ? "before" : day.isAfter(end) ? "after" : "in";
    }

    /** "2026-01-01 to 2026-12-31". */
    public String words() {
        return start + " to " + end;
    }
}
