package dev.tandem.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DueDatesTest {
    private static final HolidayCalendars CALENDARS =
            new HolidayCalendars(Map.of("BR", "br", "US-FEDERAL", "us-federal"));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void seventyTwoHoursAcrossTheEndOfSummerTimeShowOneHourEarlierOnTheWallClock() {
        var spec = new Rule.DeadlineSpec(Rule.DeadlineKind.HOURS, 72, null, Rule.ClockStart.AWARENESS, "72 h");
        Instant aware = ZonedDateTime.of(2026, 10, 23, 10, 0, 0, 0, BERLIN).toInstant();
        Instant due = DueDates.due(spec, aware, BERLIN, CALENDARS);
        assertThat(due).isEqualTo(Instant.parse("2026-10-26T08:00:00Z"));
        assertThat(due.atZone(BERLIN).toLocalTime()).hasToString("09:00");
        assertThat(java.time.Duration.between(aware, due)).hasHours(72);
    }

    @Test
    void calendarDaysEndAtTheLastSecondOfTheLastDayLocally() {
        var spec = new Rule.DeadlineSpec(Rule.DeadlineKind.CALENDAR_DAYS, 1, null, Rule.ClockStart.AWARENESS, "1 d");
        Instant aware = Instant.parse("2026-03-02T23:30:00Z"); // 2026-03-02 17:30 in Chicago
        assertThat(DueDates.due(spec, aware, ZoneId.of("America/Chicago"), CALENDARS))
                .isEqualTo(Instant.parse("2026-03-04T05:59:59Z"));
    }

    @Test
    void whereTheDayOfAwarenessIsDayOneThePeriodEndsADayEarlier() {
        // PPC guidelines (general rules) 3-5-3-4: the day the operator became aware is day 1 of the
        // 30 days of the final report; aware on 2026-05-04 in Tokyo: day 30 is June 2
        var counted = new Rule.DeadlineSpec(
                Rule.DeadlineKind.CALENDAR_DAYS,
                30,
                null,
                Rule.ClockStart.AWARENESS,
                "30 d",
                Rule.DeadlineSpec.END_OF_DAY,
                false,
                null,
                true);
        var usual = new Rule.DeadlineSpec(Rule.DeadlineKind.CALENDAR_DAYS, 30, null, Rule.ClockStart.AWARENESS, "30 d");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        Instant aware = Instant.parse("2026-05-04T00:00:00Z"); // 09:00 in Tokyo
        assertThat(DueDates.due(counted, aware, tokyo, CALENDARS)).isEqualTo(Instant.parse("2026-06-02T14:59:59Z"));
        assertThat(DueDates.due(usual, aware, tokyo, CALENDARS)).isEqualTo(Instant.parse("2026-06-03T14:59:59Z"));
        assertThat(DueDates.explain(counted, aware, tokyo)).contains("counting 2026-05-04 (Asia/Tokyo) as day 1");
    }

    @Test
    void newYearOnASaturdayIsObservedOnDecember31() {
        // January 1, 2028 is a Saturday: the federal holiday is Friday, December 31, 2027 (5 U.S.C. 6103(b))
        assertThat(CALENDARS.isBusinessDay("US-FEDERAL", java.time.LocalDate.of(2027, 12, 31)))
                .isFalse();
        assertThat(CALENDARS.isBusinessDay("US-FEDERAL", java.time.LocalDate.of(2027, 12, 30)))
                .isTrue();
        assertThat(CALENDARS.isBusinessDay("US-FEDERAL", java.time.LocalDate.of(2026, 12, 31)))
                .isTrue();
        var spec = new Rule.DeadlineSpec(
                Rule.DeadlineKind.BUSINESS_DAYS, 4, "US-FEDERAL", Rule.ClockStart.AWARENESS, "4 bd");
        Instant decided = Instant.parse("2027-12-27T15:00:00Z"); // Monday, 10:00 in New York
        assertThat(DueDates.due(spec, decided, ZoneId.of("America/New_York"), CALENDARS))
                .isEqualTo(Instant.parse("2028-01-04T04:59:59Z")); // Monday, January 3, end of day
    }

    @Test
    void awarenessOnASaturdayCountsBusinessDaysFromMonday() {
        var spec = new Rule.DeadlineSpec(
                Rule.DeadlineKind.BUSINESS_DAYS, 1, "US-FEDERAL", Rule.ClockStart.AWARENESS, "1 bd");
        Instant aware = Instant.parse("2026-11-07T15:00:00Z");
        assertThat(DueDates.due(spec, aware, ZoneId.of("America/New_York"), CALENDARS))
                .isEqualTo(Instant.parse("2026-11-10T04:59:59Z"));
    }

    @Test
    void observedFederalHolidayIsSkipped() {
        // 2027-12-25 is a Saturday: observed on Friday 2027-12-24.
        var spec = new Rule.DeadlineSpec(
                Rule.DeadlineKind.BUSINESS_DAYS, 1, "US-FEDERAL", Rule.ClockStart.AWARENESS, "1 bd");
        Instant aware = Instant.parse("2027-12-23T15:00:00Z");
        assertThat(DueDates.due(spec, aware, ZoneId.of("America/New_York"), CALENDARS))
                .isEqualTo(Instant.parse("2027-12-28T04:59:59Z"));
    }

    @Test
    void noFixedTimeHasNoDue() {
        var spec = new Rule.DeadlineSpec(
                Rule.DeadlineKind.NONE, 0, null, Rule.ClockStart.AWARENESS, "without undue delay");
        assertThat(DueDates.due(spec, Instant.EPOCH, BERLIN, CALENDARS)).isNull();
    }
}
