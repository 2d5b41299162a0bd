package dev.tandem.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A form's date-time field shows what is stored, so a form sent back unchanged changes nothing. */
class TimesInputTest {
    final Times times = new Times();
    final ZoneId berlin = ZoneId.of("Europe/Berlin");

    @Test
    void keepsSecondsWhenTheTimeHasThemAndReadsBackTheSameInstant() {
        Instant determined = Instant.parse("2026-12-05T01:50:29Z");
        String shown = times.input(determined, berlin);
        assertThat(shown).isEqualTo("2026-12-05T02:50:29");
        assertThat(Times.fromForm(shown, berlin, "determinedAt").toInstant()).isEqualTo(determined);
        assertThat(times.input(Instant.parse("2026-12-05T01:50:00Z"), berlin)).isEqualTo("2026-12-05T02:50");
        // the API takes fractions of a second: shown to the millisecond, read back the same
        Instant exact = Instant.parse("2026-12-05T01:50:29.250Z");
        assertThat(Times.fromForm(times.input(exact, berlin), berlin, "determinedAt")
                        .toInstant())
                .isEqualTo(exact);
    }

    /** Shown times always name their zone: a bare UTC offset reads "UTC", never "Z". */
    @Test
    void aShownTimeNamesItsZone() {
        Instant t = Instant.parse("2026-12-05T13:00:00Z");
        assertThat(times.show(t, berlin)).isEqualTo("2026-12-05 14:00 CET (UTC+01:00)");
        assertThat(times.show(t, java.time.ZoneOffset.UTC)).isEqualTo("2026-12-05 13:00 UTC");
        assertThat(times.show(t, ZoneId.of("UTC"))).isEqualTo("2026-12-05 13:00 UTC");
        assertThat(times.show(t, java.time.ZoneOffset.ofHours(2))).isEqualTo("2026-12-05 15:00 UTC+02:00");
        assertThat(Times.words(t.plusSeconds(7), null)).isEqualTo("2026-12-05 13:00:07 UTC");
    }

    /**
     * Tex. Bus. & Com. Code 521.053(i): the last day is 4 January in Texas; shown only in Berlin it
     * would read 5 January. A deadline is shown where its days end, then in the incident's zone.
     */
    @Test
    void aDeadlineIsShownOnItsLastDayWhereItsDaysEnd() {
        Instant due = Instant.parse("2027-01-05T05:59:59Z");
        assertThat(times.deadline(due, "America/Chicago", berlin))
                .isEqualTo("2027-01-04 23:59:59 CST (UTC-06:00), America/Chicago;"
                        + " 2027-01-05 06:59 CET (UTC+01:00) in Europe/Berlin");
        assertThat(times.deadline(due, ZoneId.of("America/Chicago"), ZoneId.of("America/Chicago")))
                .isEqualTo("2027-01-04 23:59:59 CST (UTC-06:00), America/Chicago");
        assertThat(times.deadline(due, null, berlin)).isEqualTo("2027-01-05 06:59:59 CET (UTC+01:00)");
        assertThat(times.deadline(null, "America/Chicago", berlin)).isEmpty();
    }

    /** A text from the API shown in a page: its RFC 3339 times told in the zone, the rest as it was. */
    @Test
    void timesInATextAreToldInTheZone() {
        assertThat(times.within("72 hours (absolute time) after 2026-12-05T20:18:21Z", berlin))
                .isEqualTo("72 hours (absolute time) after 2026-12-05 21:18:21 CET (UTC+01:00)");
        assertThat(times.within("from 2026-07-01T10:00+02:00 to 2026-07-02T10:00:00.5Z", berlin))
                .isEqualTo("from 2026-07-01 10:00 CEST (UTC+02:00) to 2026-07-02 12:00:00 CEST (UTC+02:00)");
        assertThat(times.within("15 days after the notice (2026-12-01)", berlin))
                .isEqualTo("15 days after the notice (2026-12-01)");
        assertThat(times.within(null, berlin)).isEmpty();
    }
}
