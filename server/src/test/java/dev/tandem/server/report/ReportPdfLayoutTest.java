package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.report.Report.Line;
import dev.tandem.server.report.Report.Row;
import dev.tandem.server.report.Report.Section;
import dev.tandem.server.report.Report.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The PDF's tables (docs/reports.md): every cell readable and nothing cut, with long citation lists
 * beside dates, control ids and names, and with as many columns as the reports' widest tables.
 */
class ReportPdfLayoutTest {
    private static final String UUID = "01a24c31-3c7c-7785-96f3-e2569b4670ec";
    private static final String SHA = "cbc639261291fc81151d67c800a2e69933ae93faa0b8a329315cfb78b9ec72a7";

    private static List<Long> cites(long from, int n) {
        return LongStream.range(from, from + n).boxed().toList();
    }

    private static Report report() {
        List<Row> requests = List.of(
                new Row(
                        List.of(
                                "2026-12-06 16:30:22 UTC by auditor",
                                "Access review of the integration user before and after containment (controls: CC6.2,"
                                        + " CC6.3, A.5.26, A.16.1.5; due: 2026-12-22)",
                                "OPEN, OVERDUE at the checkpoint",
                                "none since it was reopened",
                                "2026-12-06 16:30:22 UTC ANSWERED by liaison with access-review-policy.md (added at"
                                        + " #28): The policy sets the review's scope [#53]; 2026-12-06 16:30:22 UTC"
                                        + " REOPENED by auditor: The policy is not the review [#54]"),
                        cites(28, 40)),
                new Row(
                        List.of("2026-12-06 by auditor", "Short", "ANSWERED", "Answered", "filed only"),
                        List.of(28L, 50L, 51L)));
        List<Row> retests = List.of(new Row(
                List.of(
                        "CC6.3",
                        "PermissionSet:Integration_Full_Access#ViewAllData",
                        "2026-09-22",
                        "Audrey Blake",
                        UUID + " (Revoke View All Data from permission set Integration_Full_Access)",
                        "2026-12-06 16:30:27 UTC",
                        "the change modified PermissionSet:Integration_Full_Access#ViewAllData, which the test of"
                                + " CC6.3 on 2026-09-22 covered"),
                List.of(71L, 73L, 75L, 76L, 77L, 83L, 85L)));
        List<Row> evidence = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            evidence.add(new Row(
                    List.of(
                            "2026-12-06 16:30:15 UTC",
                            "Integration_Sync.permissionset-meta.xml",
                            "CONFIG_SNAPSHOT",
                            "AUDIT repository",
                            SHA,
                            "28770",
                            "commander",
                            "12 (auditor, liaison, responder)"),
                    cites(27 + i, 25)));
        }
        List<Row> obligations = List.of(new Row(
                List.of("eu-gdpr-34-individuals", "EU", "INDIVIDUALS", "CONDITIONAL", "without undue delay", "PENDING"),
                List.of(30L)));
        return auditContinuity(List.of(
                new Section(
                        "what-happened",
                        "What happened and when",
                        List.of(),
                        List.of(new Line(
                                "2026-12-05 20:30:14 UTC", "Findings rest on privileged evidence", cites(100, 80))),
                        null),
                new Section(
                        "evidence",
                        "Evidence",
                        List.of(),
                        List.of(),
                        new Table(AuditContinuityReport.EVIDENCE_COLUMNS, evidence)),
                new Section(
                        "evidence-requests",
                        "Evidence requests",
                        List.of(),
                        List.of(),
                        new Table(List.of("Filed", "Request", "State", "Answer or refusal", "History"), requests)),
                new Section(
                        "retests",
                        "Retests",
                        List.of(),
                        List.of(),
                        new Table(
                                List.of(
                                        "Control",
                                        "Configuration item",
                                        "Tested on",
                                        "Tester",
                                        "Change",
                                        "Executed",
                                        "Reason"),
                                retests)),
                new Section(
                        "obligations",
                        "Obligations",
                        List.of(),
                        List.of(),
                        new Table(
                                List.of("Rule", "Jurisdiction", "Recipient", "Requirement", "Due", "Status"),
                                obligations))));
    }

    /** An audit-continuity report of {@code sections}. */
    private static Report auditContinuity(List<Section> sections) {
        return new Report(
                "audit-continuity",
                "Audit-continuity report",
                "Auditors and every member of the incident",
                "i-1",
                "Customer records synced to a sandbox",
                ReportCheckpoint.of(ReportModelTest.NOTE),
                sections,
                java.time.ZoneOffset.UTC);
    }

    @Test
    void everyCitationDateControlIdAndNameIsWholeInThePdfAndNothingIsCut() throws Exception {
        Renderer renderer = new Renderer();
        String html = renderer.html(report());
        byte[] pdf = renderer.pdf(html);
        assertThat(PdfLayout.problems(html, pdf)).isEmpty();
    }

    /**
     * The retest table as the demo's export bag holds it: nine columns (the "Retest" column among
     * them), the execution time in the incident's zone with its offset, and a reason naming two
     * configuration items and the test's date. The columns' words do not all fit the page: no date,
     * control id or short word may be broken for it.
     */
    @Test
    void theDemosRetestRowKeepsItsDateWholeInTheReasonColumn() throws Exception {
        Report r = auditContinuity(List.of(new Section(
                "retests",
                "Retests",
                List.of(),
                List.of(),
                new Table(
                        ChangeControl.RETEST_COLUMNS,
                        List.of(new Row(
                                List.of(
                                        "CC6.3",
                                        "PermissionSet:Integration_Full_Access",
                                        "2026-09-23",
                                        "Audrey Blake",
                                        UUID + " (Revoke View All Data from permission set"
                                                + " Integration_Full_Access)",
                                        "2026-12-07 03:01:58 CET (UTC+01:00)",
                                        "the change modified PermissionSet:Integration_Full_Access#ViewAllData,"
                                                + " PermissionSet:Integration_Full_Access#ViewAllRecords/Contact,"
                                                + " which the test of CC6.3 on 2026-09-23 covered",
                                        "outstanding"),
                                List.of(81L, 83L, 85L, 86L, 87L, 90L, 92L, 79L)))))));
        Renderer renderer = new Renderer();
        String html = renderer.html(r);
        assertThat(PdfLayout.problems(html, renderer.pdf(html))).isEmpty();
    }

    /**
     * The audit-continuity report's evidence table, nine columns at the page's width, with a long file
     * name, a long configuration item's name and a pulled-back row with counsel's reason beside a hash:
     * no word of up to twelve letters of any column is split, and nothing is past the right margin.
     */
    @Test
    void theWideEvidenceTableKeepsShortWordsWholeBesideLongNames() throws Exception {
        String pulledBack =
                "FORENSIC repository (privileged): pulled back from AUDIT by counsel; no longer auditor evidence;"
                        + " reason (entry #57): \"Counsel's work product, filed to AUDIT by mistake: privileged, not"
                        + " audit evidence\"";
        List<Row> rows = List.of(
                new Row(
                        List.of(
                                "2026-12-06 16:30:15 UTC",
                                "Integration_Full_Access_Sandbox_Refresh_Quarterly.permissionset-meta.xml",
                                "CONFIG_SNAPSHOT",
                                "AUDIT repository",
                                SHA,
                                "1287700",
                                "commander",
                                "12 (auditor, liaison, responder)"),
                        cites(27, 25)),
                new Row(
                        List.of(
                                "2026-12-06 16:31:02 UTC",
                                "PermissionSet:Integration_Full_Access#ViewAllRecords/Opportunity_Line_Item",
                                "CONFIG_SNAPSHOT",
                                "AUDIT repository",
                                SHA,
                                "28770",
                                "responder",
                                "not read"),
                        List.of(29L)),
                new Row(
                        List.of(
                                "2026-12-06 16:32:40 UTC",
                                "draft-notification-to-customers-and-regulators.docx",
                                "COMMUNICATION",
                                pulledBack,
                                SHA,
                                "451234",
                                "liaison",
                                "2 (auditor, responder)"),
                        List.of(30L, 41L, 42L, 57L)));
        Report r = auditContinuity(List.of(new Section(
                "evidence",
                "Evidence",
                List.of(),
                List.of(),
                new Table(AuditContinuityReport.EVIDENCE_COLUMNS, rows))));
        Renderer renderer = new Renderer();
        String html = renderer.html(r);
        // too wide for its words at the body's size, it is set smaller; a table of fewer columns is not
        assertThat(java.util.Objects.requireNonNull(r.sections().getFirst().table())
                        .sizeClass())
                .isEqualTo("small");
        assertThat(java.util.Objects.requireNonNull(report().sections().get(4).table())
                        .sizeClass())
                .isNull();
        assertThat(PdfLayout.problems(html, renderer.pdf(html))).isEmpty();
    }

    /**
     * A token longer than the page is wide and with no separator to break after (a session key, a
     * signature, a user agent run together) wraps inside a section's line and inside a table cell,
     * and an e-mail address in a narrow column breaks after its separators: every character of them
     * is in the PDF, no short word of them is cut, nothing is past the right margin.
     */
    @Test
    void aLongUnbrokenTokenWrapsInLinesAndCellsAndNothingOfItIsCut() throws Exception {
        String token = "vMASKIU6AxEr" + "Q".repeat(40) + "9f8e7d6c5b4a" + "Z".repeat(60) + "end0fToken";
        String login = "Login History: login at 2025-03-10 03:10 UTC with session " + token + " from a new IP";
        Report r = new Report(
                "incident",
                "Incident report",
                "The response team and counsel",
                "i-1",
                "Customer records extracted",
                ReportCheckpoint.of(ReportModelTest.NOTE),
                List.of(new Section(
                        "what-happened",
                        "What happened and when",
                        List.of("Setup Audit Trail: " + token),
                        List.of(new Line("2025-03-10 03:10:00 UTC", login, cites(40, 3))),
                        new Table(
                                List.of("Time", "Kind", "User", "Source IP", "What"),
                                List.of(new Row(
                                        List.of(
                                                "2025-03-10 03:10:00 UTC",
                                                "login",
                                                "dana.whitfield@shopco.com",
                                                "185.220.101.47",
                                                login),
                                        List.of(41L)))))),
                java.time.ZoneOffset.UTC);
        Renderer renderer = new Renderer();
        String html = renderer.html(r);
        byte[] pdf = renderer.pdf(html);
        assertThat(PdfLayout.problems(html, pdf)).isEmpty();
        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc).replaceAll("\\s+", "");
        }
        // the note, the line and the cell: three times whole once the line breaks are taken out
        assertThat(text.split(java.util.regex.Pattern.quote(token), -1)).hasSize(4);
    }

    @Test
    void linesBreakBetweenWordsAndInsideLongWordsOnlyAfterTheirSeparators() {
        Renderer.SpaceBreaker breaker = new Renderer.SpaceBreaker();
        breaker.setText("2026-12-06 16:30:22 UTC A.16.1.5 Integration_Full_Access#ViewAllData");
        List<Integer> at = new ArrayList<>();
        for (int i = breaker.next(); i != -1; i = breaker.next()) {
            at.add(i);
        }
        // 2026-12-06 |16:30:22 |UTC |A.16.1.5 |Integration_|Full_|Access#|ViewAllData
        assertThat(at).containsExactly(11, 20, 24, 33, 45, 50, 57, 68);
        // an address breaks after its @ too, never inside its domain's words
        breaker.setText("by dana.whitfield@shopco.com");
        at.clear();
        for (int i = breaker.next(); i != -1; i = breaker.next()) {
            at.add(i);
        }
        // by |dana.|whitfield@|shopco.|com
        assertThat(at).containsExactly(3, 8, 18, 25, 28);
    }

    @Test
    void eachColumnIsAtLeastAsWideAsItsLongestShortWordAndTheWidthsFillTheTable() {
        Table t = java.util.Objects.requireNonNull(report().sections().get(3).table());
        List<Double> widths = t.widths();
        assertThat(widths).hasSize(8);
        assertThat(widths.stream().mapToDouble(Double::doubleValue).sum()).isBetween(99.5, 100.5);
        double tested = widths.get(2) / 100 * Columns.PAGE - Columns.PADDING;
        assertThat(tested).isGreaterThanOrEqualTo(Columns.helvetica("2026-09-22"));
        double control = widths.get(0) / 100 * Columns.PAGE - Columns.PADDING;
        assertThat(control).isGreaterThanOrEqualTo(Columns.helvetica("Control") * 1.1);
        // a long citation list takes no more than its share: the request's text keeps the most room
        List<Double> requests = java.util.Objects.requireNonNull(
                        report().sections().get(2).table())
                .widths();
        assertThat(requests.get(5)).isLessThan(requests.get(1));
    }
}
