package dev.tandem.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo's samples tell of the days before the demo started: their dates are moved, nothing else. */
class DemoDatesTest {
    @Test
    void movesDashedDatesAndSalesforceCompactTimestampsAndNothingElse() {
        String row = "\"BulkApi\",\"20261125021402.118\",\"4mXq1aB0cD9kSc1\",\"250000\",\"2026-11-25T02:14:02.118Z\"";
        assertThat(DemoData.redate(row, 11))
                .isEqualTo(
                        "\"BulkApi\",\"20261206021402.118\",\"4mXq1aB0cD9kSc1\",\"250000\",\"2026-12-06T02:14:02.118Z\"");
        assertThat(DemoData.redate("EventLogFile-BulkApi-2026-11-25.csv", 40))
                .isEqualTo("EventLogFile-BulkApi-2027-01-04.csv");
        assertThat(DemoData.redate("Intake note, 2026-11-26 07:40 CET", -400))
                .isEqualTo("Intake note, 2025-10-22 07:40 CET");
        // ids and counts with eight digits are no dates
        assertThat(DemoData.redate("job 20261125 rows 202611250 id 00D5g000004XYZa", 3))
                .isEqualTo("job 20261125 rows 202611250 id 00D5g000004XYZa");
        assertThat(DemoData.redate("2026-11-25", 0)).isEqualTo("2026-11-25");
    }

    @Test
    void thePrivilegedWordsNameTheDatedLogByItsUndatedPart() {
        assertThat(DemoData.privilegedWords())
                .contains("EventLogFile-BulkApi-", "checkout-capture.har", "intake-memo-privileged.md")
                .noneMatch(w -> w.matches(".*\\d{4}-\\d\\d-\\d\\d.*"));
    }
}
