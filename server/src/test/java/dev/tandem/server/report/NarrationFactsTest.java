package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.ledger.fact.IncidentFactsSet;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The incident's facts in the reports (ADR 089): the incident report says when the breach was
 * determined and whether unauthorized access caused it; the audit report, as for the scope, only that
 * they were set.
 */
class NarrationFactsTest {
    private static final Narration.Names NAMES = new Narration.Names(Map.of());

    private static ReportEntry entry(IncidentFactsSet fact) {
        return new ReportEntry(7, fact.type(), "2026-11-28T09:00:00Z", "counsel", fact.body(), null, null);
    }

    @Test
    void theIncidentReportGivesTheValuesAndTheAuditReportOnlyThatTheyWereSet() {
        ReportEntry set = entry(new IncidentFactsSet("i", Instant.parse("2026-11-27T18:00:00Z"), true, null, null));
        assertThat(Narration.describe(set, NAMES, false))
                .startsWith("Incident facts set by counsel: breach determined at 2026-11-27")
                .endsWith(", caused by unauthorized access");
        assertThat(Narration.describe(set, NAMES, true)).isEqualTo("Incident facts set by counsel");

        ReportEntry cleared =
                entry(new IncidentFactsSet("i", null, false, Instant.parse("2026-11-27T18:00:00Z"), true));
        assertThat(Narration.describe(cleared, NAMES, false))
                .isEqualTo("Incident facts set by counsel: breach not yet determined");
    }
}
