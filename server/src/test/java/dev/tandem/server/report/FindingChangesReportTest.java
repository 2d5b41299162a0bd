package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The incident report's findings name the changes requested from them and the one that closed them. */
class FindingChangesReportTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ReportEntry entry(long index, String type, String body) {
        return new ReportEntry(index, type, "2026-11-26T09:00:00Z", "ada", JSON.readTree(body), null, null);
    }

    private static ReportEntry sealed(long index, String type, String body) {
        return new ReportEntry(index, type, "2026-11-26T09:00:00Z", "ada", JSON.readTree(body), "c0ffee", null);
    }

    @Test
    void aVerifiedClosureClosesTheFindingAndARejectedChangeSaysSo() {
        var changes = IncidentReport.changesOfFindings(List.of(
                entry(1, "change.requested", "{\"change\":\"c1\",\"title\":\"Revoke\",\"finding\":\"f1\"}"),
                entry(2, "change.requested", "{\"change\":\"c2\",\"title\":\"Deactivate\",\"finding\":\"f1\"}"),
                entry(3, "change.requested", "{\"change\":\"c3\",\"title\":\"By hand\"}"),
                entry(4, "change.decided", "{\"change\":\"c2\",\"decision\":\"REJECT\"}"),
                entry(5, "change.executed", "{\"change\":\"c1\"}"),
                entry(6, "change.verified", "{\"change\":\"c1\",\"finding\":\"f1\",\"closed\":true}")));
        assertThat(changes).containsOnlyKeys("f1");
        var f1 = changes.get("f1");
        assertThat(f1).extracting(c -> c.id).containsExactly("c1", "c2");
        assertThat(f1.get(0).state).isEqualTo("executed");
        assertThat(f1.get(0).closed).isTrue();
        assertThat(f1.get(0).cites).containsExactly(1L, 5L, 6L);
        assertThat(f1.get(1).state).isEqualTo("rejected");
        assertThat(f1.get(1).closed).isFalse();
    }

    @Test
    void aSealedVerificationTellsNothing() {
        var changes = IncidentReport.changesOfFindings(List.of(
                entry(1, "change.requested", "{\"change\":\"c1\",\"title\":\"Revoke\",\"finding\":\"f1\"}"),
                entry(2, "change.executed", "{\"change\":\"c1\"}"),
                sealed(3, "change.verified", "{}")));
        assertThat(changes.get("f1").getFirst().closed).isFalse();
        assertThat(changes.get("f1").getFirst().state).isEqualTo("executed");
    }
}
