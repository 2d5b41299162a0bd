package dev.tandem.server.report;

import static dev.tandem.server.report.ReportModelTest.open;
import static dev.tandem.server.report.ReportModelTest.privileged;
import static dev.tandem.server.report.ReportModelTest.section;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Evidence requests in the audit-continuity report (ADR 088), from hand-made entries without Spring:
 * one request in each state, what each answer handed over (AUDIT items only), the history after a
 * reopening, and overdue measured at the checkpoint's time in the incident's zone.
 */
class RequestHistoryTest {
    static final String NOTE =
            "tandem/test\n40\nq83vEDg8yvmsTRqJl5BHcMJ/3gKxE4MEEg1TpJqQrbY=\n\n— tandem/test AAAAAA==\n";
    static final String POLICY_SHA = "cd".repeat(32);

    static List<ReportEntry> entries() {
        List<ReportEntry> e = new ArrayList<>();
        e.add(open(
                0,
                "incident.opened",
                "commander",
                "{\"id\":\"i-1\",\"title\":\"Sandbox sync\",\"severity\":\"HIGH\",\"timeZone\":\"Europe/Berlin\"}"));
        e.add(privileged(
                1,
                "evidence.added",
                ReportModelTest.MEMO_COMMITMENT,
                "{\"evidence\":\"e-1\",\"repository\":\"FORENSIC\",\"kind\":\"DOCUMENT\",\"name\":\"secret-memo.md\","
                        + "\"sha256\":\"" + "ab".repeat(32) + "\",\"size\":10}"));
        e.add(open(
                2,
                "evidence.added",
                "liaison",
                "{\"evidence\":\"e-2\",\"repository\":\"AUDIT\",\"kind\":\"DOCUMENT\",\"name\":\"policy.md\","
                        + "\"sha256\":\"" + POLICY_SHA + "\",\"size\":20}"));
        e.add(filed(3, "r-open", "Firewall logs of the week", "\"2026-11-30\"", "[\"CC7.2\"]"));
        e.add(filed(4, "r-answered", "The access review policy", "null", "[\"CC6.2\",\"CC6.3\"]"));
        e.add(step(5, "answered", "r-answered", "ANSWERED", "[\"e-2\"]", "as published", "liaison"));
        e.add(filed(6, "r-declined", "Personnel files of the administrators", "null", "[]"));
        e.add(step(7, "declined", "r-declined", "DECLINED", null, "HR records are out of scope", "commander"));
        e.add(filed(8, "r-accepted", "Incident response plan", "\"2026-11-29\"", "[\"CC7.3\"]"));
        // e-1 is FORENSIC: the rules refuse it, and were it there the report would still not name it
        e.add(step(9, "answered", "r-accepted", "ANSWERED", "[\"e-2\",\"e-1\"]", "", "liaison"));
        e.add(step(10, "accepted", "r-accepted", "ACCEPTED", null, "fine", "auditor"));
        e.add(filed(11, "r-reopened", "Access review records", "\"2026-11-29\"", "[\"CC6.2\"]"));
        e.add(step(12, "answered", "r-reopened", "ANSWERED", "[\"e-2\"]", "the policy sets the scope", "liaison"));
        e.add(step(13, "reopened", "r-reopened", "OPEN", null, "the policy is not the review", "auditor"));
        return e;
    }

    static ReportEntry filed(long i, String id, String text, String due, String controls) {
        return open(
                i,
                "evidence-request.filed",
                "auditor",
                "{\"request\":\"" + id + "\",\"text\":\"" + text + "\",\"due\":" + due + ",\"controls\":" + controls
                        + "}");
    }

    static ReportEntry step(long i, String step, String id, String status, String evidence, String text, String by) {
        return open(
                i,
                "evidence-request." + step,
                by,
                "{\"request\":\"" + id + "\",\"status\":\"" + status + "\""
                        + (evidence == null ? "" : ",\"evidence\":" + evidence) + ",\"text\":\"" + text + "\"}");
    }

    static Snapshot at(String checkpointAt) {
        return new Snapshot("i-1", ReportCheckpoint.of(NOTE).at(checkpointAt), entries());
    }

    @Test
    void eachRequestWithItsStateAnswerAndHistory() {
        List<RequestHistory.Request> requests = RequestHistory.of(at("2026-11-28T09:00:00.000Z"));
        assertThat(requests)
                .extracting(RequestHistory.Request::id)
                .containsExactly("r-open", "r-answered", "r-declined", "r-accepted", "r-reopened");
        assertThat(requests)
                .extracting(RequestHistory.Request::status)
                .containsExactly("OPEN", "ANSWERED", "DECLINED", "ACCEPTED", "OPEN");
        RequestHistory.Request open = requests.get(0);
        assertThat(open.due()).isEqualTo(LocalDate.parse("2026-11-30"));
        assertThat(open.controls()).containsExactly("CC7.2");
        assertThat(open.requestedBy()).isEqualTo("auditor");
        assertThat(open.history()).isEmpty();
        assertThat(open.cites()).containsExactly(3L);
        assertThat(requests.get(1).evidence()).singleElement().satisfies(i -> {
            assertThat(i.name()).isEqualTo("policy.md");
            assertThat(i.sha256()).isEqualTo(POLICY_SHA);
            assertThat(i.ledgerIndex()).isEqualTo(2);
        });
        assertThat(requests.get(2).standing().text()).isEqualTo("HR records are out of scope");
        assertThat(requests.get(2).evidence()).isEmpty();
        RequestHistory.Request accepted = requests.get(3);
        assertThat(accepted.standing().step()).isEqualTo("ANSWERED");
        assertThat(accepted.evidence()).extracting(RequestHistory.Item::name).containsExactly("policy.md");
        assertThat(accepted.standing().unnamed()).isEqualTo(1);
        RequestHistory.Request reopened = requests.get(4);
        assertThat(reopened.standing()).isNull();
        assertThat(reopened.evidence()).isEmpty();
        assertThat(reopened.history()).extracting(RequestHistory.Step::step).containsExactly("ANSWERED", "REOPENED");
        assertThat(reopened.history().getFirst().evidence())
                .extracting(RequestHistory.Item::name)
                .containsExactly("policy.md");
        assertThat(reopened.cites()).containsExactly(11L, 12L, 13L);
    }

    /** A webhook reminder of a request is in the ledger but is no step: the request reads as without it. */
    @Test
    void aReminderIsNoStepOfTheRequest() {
        List<ReportEntry> e = new ArrayList<>(entries());
        e.add(open(
                14,
                "evidence-request.reminded",
                "tandem",
                "{\"request\":\"r-open\",\"dueOn\":\"2026-11-30\",\"due\":\"2026-11-30T23:00:00Z\","
                        + "\"leadTime\":\"PT24H\",\"webhookStatus\":200,\"covers\":[\"PT24H\"]}"));
        String checkpointAt = "2026-11-28T09:00:00.000Z";
        List<RequestHistory.Request> with =
                RequestHistory.of(new Snapshot("i-1", ReportCheckpoint.of(NOTE).at(checkpointAt), e));
        assertThat(with.getFirst().status()).isEqualTo("OPEN");
        assertThat(with.getFirst().history()).isEmpty();
        assertThat(with).isEqualTo(RequestHistory.of(at(checkpointAt)));
    }

    @Test
    void overdueIsAnOpenRequestPastItsDueDayInTheIncidentsZoneAtTheCheckpointsTime() {
        // 2026-11-30 23:30 in Berlin: r-open's due day has not ended; r-reopened's (11-29) has
        assertThat(RequestHistory.of(at("2026-11-30T22:30:00.000Z")))
                .extracting(RequestHistory.Request::overdue)
                .containsExactly(false, false, false, false, true);
        // 2026-12-01 00:30 in Berlin, still 11-30 in UTC: both open ones are overdue, the accepted one never
        assertThat(RequestHistory.of(at("2026-11-30T23:30:00.000Z")))
                .extracting(RequestHistory.Request::overdue)
                .containsExactly(true, false, false, false, true);
        // the checkpoint's time, not the reader's clock: early enough, nothing is overdue
        assertThat(RequestHistory.of(at("2026-11-28T09:00:00.000Z")))
                .extracting(RequestHistory.Request::overdue)
                .containsOnly(false);
    }

    @Test
    void theReportListsEveryRequestAndNamesAuditItemsOnly() {
        Report report = AuditContinuityReport.of(at("2026-11-30T23:30:00.000Z"), ReportModelTest.SETTINGS);
        Report.Section s = section(report, "evidence-requests");
        assertThat(s.table().rows()).hasSize(5);
        List<String> open = s.table().rows().get(0).cells();
        assertThat(open)
                .containsExactly(
                        "2026-11-26 10:00:03 CET (UTC+01:00) by auditor",
                        "Firewall logs of the week (controls: CC7.2; due: 2026-11-30)",
                        "OPEN, OVERDUE at the checkpoint",
                        "not answered yet",
                        "filed only");
        assertThat(s.table().rows().get(1).cells().get(3))
                .isEqualTo("Answered by liaison with policy.md (added at #2); note: as published");
        assertThat(s.table().rows().get(2).cells().get(2)).isEqualTo("DECLINED");
        assertThat(s.table().rows().get(2).cells().get(3))
                .isEqualTo("Declined by commander: HR records are out of scope");
        assertThat(s.table().rows().get(3).cells().get(2)).isEqualTo("ACCEPTED");
        assertThat(s.table().rows().get(3).cells().get(3)).contains("policy.md").contains("1 item not named");
        assertThat(s.table().rows().get(3).cells().get(4)).contains("ACCEPTED by auditor: fine [#10]");
        List<String> reopened = s.table().rows().get(4).cells();
        assertThat(reopened.get(2)).isEqualTo("OPEN, OVERDUE at the checkpoint");
        assertThat(reopened.get(3)).isEqualTo("none since it was reopened");
        assertThat(reopened.get(4))
                .contains("ANSWERED by liaison with policy.md (added at #2): the policy sets the scope [#12]")
                .contains("REOPENED by auditor: the policy is not the review [#13]");
        // a row cites the request's entries and the entries that added the items its answers linked
        assertThat(s.table().rows().get(4).cites()).containsExactly(2L, 11L, 12L, 13L);
        assertThat(s.table().rows().get(0).cites()).containsExactly(3L);
        assertThat(s.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.text())
                        .isEqualTo("5 evidence requests: 1 ACCEPTED, 1 ANSWERED, 1 DECLINED, 2 OPEN; 2 overdue"));
        assertThat(s.notes())
                .anySatisfy(
                        n -> assertThat(n).contains("Europe/Berlin").contains("2026-12-01 00:30:00 CET (UTC+01:00)"));
        // the requests have their own section, not rows of "what was changed"
        assertThat(section(report, "changes").table().rows())
                .noneSatisfy(r -> assertThat(String.join(" ", r.cells())).contains("evidence-request"));
        String html = new Renderer().html(report);
        assertThat(html)
                .doesNotContain("secret-memo.md")
                .contains("id=\"evidence-requests\"")
                .contains("<span id=\"checkpoint-time\">2026-12-01 00:30:00 CET (UTC+01:00)</span>");
        assertThat(report.cited()).contains(3L, 5L, 7L, 10L, 13L);
    }

    /** The PDF's columns are wide enough that no state or word is broken inside (a table of fixed widths). */
    @Test
    void thePdfKeepsTheTableReadable() throws Exception {
        Renderer renderer = new Renderer();
        byte[] pdf = renderer.pdf(
                renderer.html(AuditContinuityReport.of(at("2026-11-30T23:30:00.000Z"), ReportModelTest.SETTINGS)));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertThat(text)
                    .contains("Filed Request State Answer or refusal History Ledger")
                    .contains("OPEN, OVERDUE")
                    .contains("ANSWERED Answered by liaison with policy.md")
                    .contains("DECLINED Declined by commander: HR records are out of scope")
                    .contains("ACCEPTED Answered by liaison with policy.md");
        }
    }

    @Test
    void withoutTheCheckpointsTimeNothingIsOverdue() {
        Snapshot unknown = new Snapshot("i-1", ReportCheckpoint.of(NOTE), entries());
        assertThat(RequestHistory.of(unknown))
                .extracting(RequestHistory.Request::overdue)
                .containsOnly(false);
        assertThat(section(AuditContinuityReport.of(unknown, ReportModelTest.SETTINGS), "evidence-requests")
                        .notes())
                .anySatisfy(n -> assertThat(n).contains("the checkpoint's time is not known"));
    }

    @Test
    void withoutRequestsTheSectionSaysSo() {
        Report report = AuditContinuityReport.of(
                new Snapshot("i-1", ReportCheckpoint.of(NOTE), entries().subList(0, 3)), ReportModelTest.SETTINGS);
        Report.Section s = section(report, "evidence-requests");
        assertThat(s.notes()).first().isEqualTo("No evidence requests were filed.");
        assertThat(s.table().rows()).isEmpty();
        assertThat(s.lines()).isEmpty();
    }
}
