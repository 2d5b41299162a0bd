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
}
