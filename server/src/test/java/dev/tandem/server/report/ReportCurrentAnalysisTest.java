package dev.tandem.server.report;

import static dev.tandem.server.report.ReportModelTest.open;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The incident report's scope checks read the findings of the current analysis (ADR 148), found from
 * the snapshot's public {@code job.queued} and {@code analysis.completed} entries, without Spring.
 */
class ReportCurrentAnalysisTest {
    private final List<ReportEntry> entries = new ArrayList<>();

    private void analysis(String job, String items, String finding, long records) {
        long i = entries.size();
        entries.add(open(
                i,
                "job.queued",
                "commander",
                "{\"job\":\"" + job + "\",\"kind\":\"LEAK_ANALYSIS\",\"input\":{\"evidence\":[" + items + "]}}"));
        entries.add(open(
                i + 1,
                "leak.finding",
                "commander",
                "{\"analysis\":\"" + job + "\",\"finding\":\"" + job
                        + "-1\",\"pattern\":\"ADMIN_SESSION_BULK_EXTRACTION\"," + "\"title\":\"" + finding
                        + "\",\"records\":" + records + "}"));
        entries.add(open(i + 2, "analysis.completed", "commander", "{\"analysis\":\"" + job + "\",\"findings\":1}"));
    }

    private List<String> checks(ReportEntry scope) {
        return IncidentReport.scopeChecks(entries, scope, Narration.Names.of(entries)).stream()
                .map(Report.Line::text)
                .toList();
    }

    @Test
    void aNarrowReRunsFindingsAreNotCheckedAgainstTheScopeAndAWiderAnalysisTakesOver() {
        ReportEntry scope =
                open(0, "scope.updated", "counsel", "{\"subjects\":{\"DE\":1000},\"data\":[],\"encrypted\":false}");
        entries.add(scope);
        analysis("full", "\"a\",\"b\"", "Full analysis finding", 5_000);
        // a re-run of one item finds a larger count in it: not the current analysis, not checked
        analysis("narrow", "\"b\"", "Narrow re-run finding", 9_000);
        assertThat(IncidentReport.currentAnalysis(entries)).contains("full");
        assertThat(checks(scope))
                .anySatisfy(l -> assertThat(l).contains("The findings count 5,000 records", "Full analysis finding"))
                .noneSatisfy(l -> assertThat(l).contains("9,000"));

        // an analysis of every item the full one read, and more, replaces it
        analysis("wider", "\"a\",\"b\",\"c\"", "Wider analysis finding", 200);
        assertThat(IncidentReport.currentAnalysis(entries)).contains("wider");
        assertThat(checks(scope)).noneSatisfy(l -> assertThat(l).contains("records"));
    }

    @Test
    void withoutAnyAnalysisThereIsNoCurrentOne() {
        assertThat(IncidentReport.currentAnalysis(List.of())).isEmpty();
    }
}
