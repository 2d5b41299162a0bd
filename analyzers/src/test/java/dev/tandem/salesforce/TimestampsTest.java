package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void readsEventLogFileCompactTimestampsAsUtc() {
        assertThat(Timestamps.parse("20130715233322.670"))
                .isEqualTo(Instant.parse("2013-07-15T23:33:22.670Z").toEpochMilli());
    }

    @Test
    void readsIsoInstantsWithAndWithoutOffsets() {
        long expected = Instant.parse("2024-02-29T10:15:30.123Z").toEpochMilli();
        assertThat(Timestamps.parse("2024-02-29T10:15:30.123Z")).isEqualTo(expected);
        assertThat(Timestamps.parse("2024-02-29T11:15:30.123+0100")).isEqualTo(expected);
        assertThat(Timestamps.parse("2024-02-29T05:15:30.123-05:00")).isEqualTo(expected);
        assertThat(Timestamps.parse("2024-02-29T10:15:30.1234567Z")).isEqualTo(expected);
    }

    @Test
    void agreesWithLocalDateOnEpochDays() {
        for (LocalDate d = LocalDate.of(1999, 12, 25); d.isBefore(LocalDate.of(2101, 3, 5)); d = d.plusDays(17)) {
            assertThat(Timestamps.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()))
                    .isEqualTo(d.toEpochDay());
        }
    }

    @Test
    void rejectsWhatIsNoTimestamp() {
        assertThat(Timestamps.parse("")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("yesterday at noon")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("20131315233322.670")).isEqualTo(Timestamps.UNKNOWN);
        // days a month does not have: February 31, April 31, February 29 outside a leap year
        assertThat(Timestamps.parse("20250231081927.080")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("2025-04-31T10:00:00Z")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("20250229081927.080")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("20240229081927.080")).isNotEqualTo(Timestamps.UNKNOWN);
        assertThat(Timestamps.parse("19000229000000.000")).isEqualTo(Timestamps.UNKNOWN);
    }

    @Test
    void knowsTheLengthOfEveryMonthAsLocalDateDoes() {
        for (int y = 1896; y <= 2104; y++) {
            for (int m = 1; m <= 12; m++) {
                assertThat(Timestamps.daysIn(y, m))
                        .isEqualTo(java.time.YearMonth.of(y, m).lengthOfMonth());
            }
        }
    }
}
