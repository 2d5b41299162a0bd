package dev.tandem.server.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A time known to the day is any time that day, in the incident's zone: containment that day is not before it. */
class OccurrencePrecisionTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void theEarliestInstantOfATimeIsTheStartOfItsDayHourOrMinuteInTheIncidentsZone() {
        Instant noon = Instant.parse("2026-11-20T11:00:00Z"); // 12:00 in Berlin
        assertThat(Incidents.earliest(noon, Precision.DAY, BERLIN)).isEqualTo(Instant.parse("2026-11-19T23:00:00Z"));
        assertThat(Incidents.earliest(noon, Precision.DAY, ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
        Instant late = Instant.parse("2026-11-20T11:47:31Z");
        assertThat(Incidents.earliest(late, Precision.HOUR, BERLIN)).isEqualTo(Instant.parse("2026-11-20T11:00:00Z"));
        assertThat(Incidents.earliest(late, Precision.MINUTE, BERLIN)).isEqualTo(Instant.parse("2026-11-20T11:47:00Z"));
        assertThat(Incidents.earliest(late, Precision.EXACT, BERLIN)).isEqualTo(late);
        assertThat(Incidents.earliest(late, null, BERLIN)).isEqualTo(late);
    }
}
