package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.intake.Problem;
import dev.tandem.payload.ScannerPayloadInspector;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class LeakAnalyzerTest {
    private static AnalysisInput text(String name, String content) {
        return AnalysisInput.of(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static AnalysisResult analyze(AnalysisInput... inputs) throws InterruptedException {
        return new LeakAnalyzer().analyze(List.of(inputs), ProgressListener.NONE);
    }

    private static final String USERS = """
            Id,Username,UserType,Profile.Name
            0055g00000Sales1AAA,sam@shop.example,Standard,Standard User
            0055g00000Guest1AAA,guest@site.example,Guest,Guest Profile
            """;

    /** Report runs of a few rows on ordinary days, then one export of a large report. */
    private static String reportLogs(int bigRows) {
        StringBuilder b = new StringBuilder(
                "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,REPORT_ID,ROW_COUNT\n");
        for (int d = 1; d <= 9; d++) {
            b.append("Report,2025-03-0")
                    .append(d)
                    .append("T10:00:00Z,0055g00000Sales1,s")
                    .append(d)
                    .append(",l")
                    .append(d)
                    .append(",198.51.100.7,Contact,00Oa,40\n");
        }
        b.append("Report,2025-03-10T10:00:00Z,0055g00000Sales1,s10,l10,198.51.100.7,Contact,00Obig,")
                .append(bigRows)
                .append('\n');
        return b.toString();
    }

    private static final String EXPORT_LOG = """
            EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,REPORT_ID,CLIENT_INFO
            ReportExport,2025-03-10T10:01:00Z,0055g00000Sales1,s10,l10,198.51.100.7,00Obig,CSV
            """;

    @Test
    void joinsAReportExportToItsReportRunAcrossFiles() throws Exception {
        AnalysisResult r = analyze(
                text("data/User.csv", USERS),
                text("elf/Report.csv", reportLogs(12_000)),
                text("elf/ReportExport.csv", EXPORT_LOG));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.UNENCRYPTED_EXPORT);
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.USER, "sam@shop.example"));
            assertThat(f.records()).isEqualTo(12_000L);
            assertThat(f.evidence())
                    .contains(new EvidenceRef("elf/ReportExport.csv", 2), new EvidenceRef("elf/Report.csv", 11));
            assertThat(f.controls()).containsExactly("CC6.1", "CC6.7", "CC7.2");
        });
    }

    @Test
    void anHourlyAndADailyLogOfTheSameHoursCountTheirRowsOnce() throws Exception {
        String runs = reportLogs(12_000)
                .replace("ROW_COUNT\n", "ROW_COUNT,REQUEST_ID\n")
                .replace("\n", ",\n");
        runs = runs.replaceFirst(",\n", "\n"); // the header has its REQUEST_ID already
        runs = runs.replace("00Obig,12000,", "00Obig,12000,4Zr1Big");
        String header =
                "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,REPORT_ID,CLIENT_INFO,REQUEST_ID\n";
        String export = "ReportExport,2025-03-10T10:01:00Z,0055g00000Sales1,s10,l10,198.51.100.7,00Obig,CSV,4Zr1Exp\n";
        for (int threads : new int[] {1, 2}) {
            AnalysisResult r = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), threads)
                    .analyze(
                            List.of(
                                    text("data/User.csv", USERS),
                                    text("elf/daily/Report.csv", runs),
                                    text("elf/daily/ReportExport.csv", header + export),
                                    // the hour of 10:00 collected again, hourly: the same export and run
                                    text("elf/hourly/ReportExport-10.csv", header + export),
                                    text(
                                            "elf/hourly/Report-10.csv",
                                            runs.substring(0, runs.indexOf('\n') + 1)
                                                    + runs.lines()
                                                            .filter(l -> l.contains("4Zr1Big"))
                                                            .findFirst()
                                                            .orElseThrow()
                                                    + "\n")),
                            ProgressListener.NONE);
            assertThat(r.findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.records()).isEqualTo(12_000L));
            assertThat(r.problems())
                    .extracting(Problem::file, Problem::kind, Problem::message)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "elf/hourly/ReportExport-10.csv",
                                    Problem.Kind.REPEATED_ROWS,
                                    "1 row(s) already read from elf/daily/ReportExport.csv (same REQUEST_ID, EVENT_TYPE"
                                            + " and TIMESTAMP: an hourly and a 24-hour log of the same hours); counted once"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "elf/hourly/Report-10.csv",
                                    Problem.Kind.REPEATED_ROWS,
                                    "1 row(s) already read from elf/daily/Report.csv (same REQUEST_ID, EVENT_TYPE"
                                            + " and TIMESTAMP: an hourly and a 24-hour log of the same hours); counted once"));
            assertThat(r.stats().events()).isEqualTo(11);
        }
    }

    /** One report run daily, 50 rows a day and 48,000 on the last; each run exported in its session but the last if {@code all} is false. */
    private static List<AnalysisInput> sameReportDaily(boolean exportTheBigRun) {
        StringBuilder runs = new StringBuilder(
                "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,REPORT_ID,ROW_COUNT\n");
        StringBuilder exports = new StringBuilder(
                "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,SESSION_KEY,LOGIN_KEY,CLIENT_IP,REPORT_ID,CLIENT_INFO\n");
        for (int d = 1; d <= 10; d++) {
            String day = "2025-06-%02d".formatted(d);
            runs.append("Report,%sT10:00:00Z,0055g00000Sales1,S%d,L%d,198.51.100.7,Contact,00O5g000001AbCd,%d\n"
                    .formatted(day, d, d, d == 10 ? 48_000 : 50));
            if (d < 10 || exportTheBigRun) {
                exports.append("ReportExport,%sT10:01:00Z,0055g00000Sales1,S%d,L%d,198.51.100.7,00O5g000001AbCd,CSV\n"
                        .formatted(day, d, d));
            }
        }
        return List.of(
                text("data/User.csv", USERS),
                text("elf/Report.csv", runs.toString()),
                text("elf/ReportExport.csv", exports.toString()));
    }

    @Test
    void countsEachExportAtItsOwnRunNotTheUsersLargestRunOfTheReport() throws Exception {
        AnalysisResult r = analyze(sameReportDaily(true).toArray(AnalysisInput[]::new));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.UNENCRYPTED_EXPORT);
            assertThat(f.records()).isEqualTo(48_000L);
            assertThat(f.evidence())
                    .contains(new EvidenceRef("elf/Report.csv", 11), new EvidenceRef("elf/ReportExport.csv", 11))
                    .doesNotContain(new EvidenceRef("elf/ReportExport.csv", 2));
        });
        // the large run was never exported: nine exports of 50 rows are nobody's leak
        assertThat(analyze(sameReportDaily(false).toArray(AnalysisInput[]::new)).findings())
                .isEmpty();
    }

    @Test
    void anExportCountsTheRunBeforeItNotALargerRunLaterInTheSameSession() throws Exception {
        String runs = reportLogs(35).replace("00Obig,35", "00Obig,35")
                + "Report,2025-03-10T10:05:00Z,0055g00000Sales1,s10,l10,198.51.100.7,Contact,00Obig,48000\n";
        // the export at 10:01 wrote the 35-row run of 10:00; the 48,000-row run at 10:05 was never exported
        AnalysisResult r = analyze(
                text("data/User.csv", USERS), text("elf/Report.csv", runs), text("elf/ReportExport.csv", EXPORT_LOG));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void leavesASmallExportAlone() throws Exception {
        AnalysisResult r = analyze(
                text("data/User.csv", USERS),
                text("elf/Report.csv", reportLogs(35)),
                text("elf/ReportExport.csv", EXPORT_LOG));
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void thresholdsAreConfigurable() throws Exception {
        Thresholds strict = Thresholds.defaults().withMinExportRecords(20);
        AnalysisResult r = new LeakAnalyzer(strict, new dev.tandem.payload.JsonPayloadInspector())
                .analyze(
                        List.of(
                                text("data/User.csv", USERS),
                                text("elf/Report.csv", reportLogs(500)),
                                text("elf/ReportExport.csv", EXPORT_LOG)),
                        ProgressListener.NONE);
        assertThat(r.findings()).extracting(Finding::pattern).containsExactly(LeakPattern.UNENCRYPTED_EXPORT);
    }

    @Test
    void reportsDataExportFilesHoldingPersonalData() throws Exception {
        StringBuilder csv = new StringBuilder("Id,FirstName,LastName,Email\n");
        for (int i = 0; i < 1500; i++) {
            csv.append("003").append(i).append(",Ann,Lee,ann").append(i).append("@example.org\n");
        }
        AnalysisResult r = analyze(text("found/Contact_dump.csv", csv.toString()));
        assertThat(r.inputs()).containsExactly(new AnalyzedInput("found/Contact_dump.csv", "data-export-csv"));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.FILE, "found/Contact_dump.csv"));
            assertThat(f.records()).isEqualTo(1500L);
            assertThat(f.containment())
                    .extracting(ContainmentAction::action)
                    .containsExactly(ContainmentAction.Action.QUARANTINE_FILE);
        });
    }

    /**
     * Card numbers in clear text are what counsel asks about first (PCI DSS): a column whose name says
     * card is read by its values, so a custom field holding whole numbers counts and one holding the
     * last four digits or a token does not.
     */
    @Test
    void namesTheCardColumnsOfAnExportByTheirValuesAndRaisesTheFinding() throws Exception {
        StringBuilder csv = new StringBuilder("Id,FirstName,Email,Last_Card_Number__c,Card_Last4__c,Card_Token__c\n");
        String[] cards = {"4111 1111 1111 1111", "5555-5555-5555-4444", "378282246310005"};
        for (int i = 0; i < 1500; i++) {
            csv.append("003")
                    .append(i)
                    .append(",Ann,ann")
                    .append(i)
                    .append("@example.org,")
                    .append(i % 2 == 0 ? cards[i % 3] : "")
                    .append(",1111,tok_")
                    .append(i)
                    .append('\n');
        }
        AnalysisResult r = analyze(text("found/Contact_cards.csv", csv.toString()));
        // the same export without whole card numbers stays HIGH and names no card column
        AnalysisResult masked = analyze(text(
                "found/Contact_masked.csv",
                csv.toString()
                        .replace("4111 1111 1111 1111", "")
                        .replace("5555-5555-5555-4444", "")
                        .replace("378282246310005", "")));
        assertCardColumnJudged(r, masked, "records with personal data in clear text, 750 with card numbers");
    }

    /**
     * {@code cards} CRITICAL, naming {@code Last_Card_Number__c} with its 750 rows and not the columns
     * holding a last four or a token; {@code masked}, the same without whole numbers, HIGH with no card
     * column named.
     */
    private static void assertCardColumnJudged(AnalysisResult cards, AnalysisResult masked, String title) {
        assertThat(cards.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.title()).endsWith(title);
            assertThat(f.rationale())
                    .contains("columns with personal data: FirstName, Email, Last_Card_Number__c")
                    .contains("card numbers (13 to 19 digits passing the Luhn check) in Last_Card_Number__c (750"
                            + " rows): cardholder data in clear text (PCI DSS)")
                    .doesNotContain("Card_Last4__c")
                    .doesNotContain("Card_Token__c");
        });
        assertThat(masked.findings()).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.rationale()).doesNotContain("card numbers").doesNotContain("Last_Card_Number__c");
        });
    }

    /**
     * A JSON export (a REST or Bulk API query result, JSON Lines) is judged as a CSV one: a field whose
     * name says card is read by its values, whole numbers as strings or as JSON numbers.
     */
    @Test
    void namesTheCardFieldsOfAJsonExportByTheirValuesAndRaisesTheFinding() throws Exception {
        String[] cards = {"\"4111 1111 1111 1111\"", "\"5555-5555-5555-4444\"", "378282246310005"};
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            lines.append("""
                    {"attributes": {"type": "Contact"}, "Id": "003%d", "FirstName": "Ann", "Email": "ann%d@example.org", \
                    "Last_Card_Number__c": %s, "Card_Last4__c": "1111", "Card_Token__c": "tok_%d"}
                    """.formatted(i, i, i % 2 == 0 ? cards[i % 3] : "null", i));
        }
        AnalysisResult r = analyze(text("found/Contact_cards.jsonl", lines.toString()));
        assertThat(r.inputs()).containsExactly(new AnalyzedInput("found/Contact_cards.jsonl", "data-export-json"));
        // the same export without whole card numbers stays HIGH and names no card field
        String masked = lines.toString();
        for (String card : cards) {
            masked = masked.replace(card, "null");
        }
        assertCardColumnJudged(
                r,
                analyze(text("found/Contact_masked.jsonl", masked)),
                "Contact records with personal data in clear text, 750 with card numbers");
    }

    @Test
    void reportsAnOrgWideDefaultOpenToExternalUsersWithWhatTheyRead() throws Exception {
        String object = """
                <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
                    <externalSharingModel>Read</externalSharingModel>
                    <sharingModel>Private</sharingModel>
                </CustomObject>
                """;
        String guestReads = """
                EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,ENTITY_NAME,ROWS_PROCESSED,METHOD,CLIENT_IP
                RestApi,2025-03-10T10:00:00Z,0055g00000Guest1,Contact,200,GET,45.83.1.1
                RestApi,2025-03-10T11:00:00Z,0055g00000Guest1,Contact,150,GET,45.83.1.2
                """;
        AnalysisResult r = analyze(
                text("data/User.csv", USERS),
                text("md/objects/Contact/Contact.object-meta.xml", object),
                text("elf/RestApi.csv", guestReads));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.SHARING_RULE_EXPOSURE);
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.OBJECT, "Contact"));
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.records()).isEqualTo(350L);
            assertThat(f.containment().getFirst().configItem()).isEqualTo("CustomObject:Contact#externalSharingModel");
        });
    }

    @Test
    void oneConfigurationInTwoSnapshotsIsOneFindingWithNoRecordCount() throws Exception {
        // a pre- and a post-change snapshot analysed together: the same metadata-only finding twice,
        // neither with a record count (merging them unboxed a null and failed the analysis)
        String rules = """
                <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                    <sharingGuestRules>
                        <fullName>Share_Contacts_With_Site_Guests</fullName>
                        <accessLevel>Read</accessLevel>
                        <label>Share Contacts With Site Guests</label>
                        <sharedTo><guestUser>Customer_Portal_Site_Guest_User</guestUser></sharedTo>
                    </sharingGuestRules>
                </SharingRules>
                """;
        AnalysisResult r = analyze(
                text("pre/sharingRules/Contact.sharingRules-meta.xml", rules),
                text("post/sharingRules/Contact.sharingRules-meta.xml", rules));
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.SHARING_RULE_EXPOSURE);
            assertThat(f.records()).isNull();
            assertThat(f.evidence()).hasSize(2);
        });
    }

    @Test
    void aPlainHttpEndpointOnItsOwnPortIsBlockedOnThatPort() throws Exception {
        String credential = """
                <NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata">
                    <label>ERP</label>
                    <namedCredentialParameters>
                        <parameterName>Url</parameterName>
                        <parameterType>Url</parameterType>
                        <parameterValue>HTTP://erp.partner-example.com:8080/api</parameterValue>
                    </namedCredentialParameters>
                </NamedCredential>
                """;
        AnalysisResult r = analyze(text("md/namedCredentials/ERP.namedCredential-meta.xml", credential));
        assertThat(r.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.containment())
                        .extracting(ContainmentAction::configItem)
                        .contains("Egress:erp.partner-example.com:8080"));
        assertThat(Hosts.egressItem("h", java.util.List.of())).isEqualTo("Egress:h:80");
        assertThat(Hosts.egressItem("h", java.util.List.of(8080, 80))).isEqualTo("Egress:h:80,8080");
        assertThat(Hosts.httpPort("http://h/x")).isEqualTo(80);
    }

    @Test
    void salesforcesOwnTrafficHasNoAddress() {
        var e = new dev.tandem.salesforce.ActivityEvent(
                "Login.csv",
                2,
                "Login",
                dev.tandem.salesforce.ActivityKind.LOGIN,
                0L,
                "",
                "0055g00000Admin1",
                "",
                "",
                "",
                "",
                "Salesforce.com IP",
                "",
                -1,
                "",
                "",
                "LOGIN_NO_ERROR",
                "",
                "",
                "",
                -1,
                "",
                "",
                "",
                "");
        assertThat(e.ip()).isEmpty();
    }

    @Test
    void mergedRecordCountsAddWhatIsKnown() {
        assertThat(Rules.sum(null, null)).isNull();
        assertThat(Rules.sum(null, 5L)).isEqualTo(5L);
        assertThat(Rules.sum(7L, null)).isEqualTo(7L);
        assertThat(Rules.sum(7L, 5L)).isEqualTo(12L);
    }

    @Test
    void readsRealTimeEventsAsJsonAndCsv() throws Exception {
        String json = """
                {"totalSize": 1, "done": true, "records": [
                  {"attributes": {"type": "ReportEvent"}, "EventDate": "2025-03-10T10:00:00.000+0000",
                   "UserId": "0055g00000Sales1AAA", "Username": "sam@shop.example", "SessionKey": "s1",
                   "LoginKey": "l1", "SourceIp": "198.51.100.7", "ReportId": "00Obig", "RowsProcessed": 9000,
                   "Operation": "ReportExported", "QueriedEntities": "Contact"}
                ]}
                """;
        String csv = """
                EventDate,EventIdentifier,UserId,Username,SourceIp,LoginKey,SessionKey,Status,LoginType
                2025-03-10T09:59:00.000Z,e1,0055g00000Sales1AAA,sam@shop.example,198.51.100.7,l1,s1,Success,Application
                """;
        AnalysisResult r = analyze(text("rtem/ReportEvent.json", json), text("rtem/LoginEvent.csv", csv));
        assertThat(r.inputs())
                .containsExactly(
                        new AnalyzedInput("rtem/ReportEvent.json", "salesforce-event-json:ReportEvent"),
                        new AnalyzedInput("rtem/LoginEvent.csv", "salesforce-event:LoginEvent"));
        assertThat(r.stats().events()).isEqualTo(2);
        assertThat(r.stats().sessions()).isEqualTo(1);
        assertThat(r.problems()).isEmpty();
    }

    private static String reportEvent(String day, String execution, int sequence, String operation, int rows) {
        return """
                {"attributes": {"type": "ReportEvent"}, "EventDate": "%sT10:00:00.000+0000",
                 "EventIdentifier": "%s-%d", "ExecutionIdentifier": "%s", "Sequence": %d,
                 "UserId": "0055g00000Sales1AAA", "Username": "sam@shop.example", "SessionKey": "s%s",
                 "LoginKey": "l%s", "SourceIp": "198.51.100.7", "ReportId": "00O5g000001AbCd",
                 "RowsProcessed": %d, "Operation": "%s", "QueriedEntities": "Contact"}
                """.formatted(day, execution, sequence, execution, sequence, day, day, rows, operation);
    }

    @Test
    void aReportExportSplitIntoChunksCountsItsRowsOnce() throws Exception {
        List<String> records = new ArrayList<>();
        for (int d = 1; d <= 9; d++) {
            records.add(reportEvent("2025-03-0" + d, "run" + d, 1, "ReportRunFromLightning", 40));
        }
        // one export of 12,000 rows, which ReportEvent splits into three chunks, each repeating RowsProcessed
        for (int sequence = 1; sequence <= 3; sequence++) {
            records.add(reportEvent("2025-03-10", "export", sequence, "ReportExported", 12_000));
        }
        String json = "{\"totalSize\": " + records.size() + ", \"done\": true, \"records\": ["
                + String.join(",", records) + "]}";
        AnalysisResult r = analyze(text("data/User.csv", USERS), text("rtem/ReportEvent.json", json));
        assertThat(r.problems()).isEmpty();
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.UNENCRYPTED_EXPORT);
            assertThat(f.records()).isEqualTo(12_000L);
            assertThat(f.rationale()).startsWith("1 report export(s) in one session totalling 12,000 rows");
        });
    }

    @Test
    void opensMetadataApiZipsAndNamesEntriesInsideThem() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("unpackaged/sharingRules/Contact.sharingRules"));
            z.write("""
                    <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                      <sharingOwnerRules><fullName>All_Partners</fullName><accessLevel>Edit</accessLevel>
                        <sharedTo><allPartnerUsers></allPartnerUsers></sharedTo></sharingOwnerRules>
                    </SharingRules>
                    """.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("../escape.xml"));
            z.write("<x/>".getBytes(StandardCharsets.UTF_8));
        }
        AnalysisResult r = analyze(AnalysisInput.of("retrieve.zip", new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(r.inputs())
                .extracting(AnalyzedInput::format)
                .containsExactly("zip", "salesforce-metadata:SharingRules");
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.SHARING_RULE, "Contact.All_Partners"));
            assertThat(f.evidence())
                    .containsExactly(new EvidenceRef("retrieve.zip!/unpackaged/sharingRules/Contact.sharingRules", 2));
            assertThat(f.records()).isNull();
        });
        assertThat(r.problems()).extracting(Problem::kind).containsExactly(Problem.Kind.UNSAFE_ARCHIVE_ENTRY);
    }

    @Test
    void readsEventLogsSavedGzipped() throws Exception {
        AnalysisResult plain = analyze(
                text("data/User.csv", USERS),
                text("elf/Report.csv", reportLogs(12_000)),
                text("elf/ReportExport.csv", EXPORT_LOG));
        AnalysisResult gzipped = analyze(
                text("data/User.csv", USERS),
                AnalysisInput.of("elf/Report.csv.gz", new ByteArrayInputStream(gzip(reportLogs(12_000)))),
                AnalysisInput.of("elf/ReportExport.csv.gz", new ByteArrayInputStream(gzip(EXPORT_LOG))));
        assertThat(plain.findings()).extracting(Finding::pattern).containsExactly(LeakPattern.UNENCRYPTED_EXPORT);
        assertThat(gzipped.findings())
                .extracting(Finding::pattern, Finding::records)
                .isEqualTo(plain.findings().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(f.pattern(), f.records()))
                        .toList());
        assertThat(gzipped.findings().getFirst().evidence())
                .extracting(EvidenceRef::file)
                .allMatch(f -> f.startsWith("elf/") && f.contains(".csv.gz!/"));
        assertThat(gzipped.inputs()).extracting(AnalyzedInput::format).contains("gzip");
        assertThat(gzipped.problems()).isEqualTo(plain.problems());
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    @Test
    void badInputsBecomeProblemsAndTheRestIsStillAnalyzed() throws Exception {
        String xxe =
                "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<Profile>&x;</Profile>\n";
        String truncatedHar = "{\"log\": {\"version\": \"1.2\", \"entries\": [{\"request\": {\"method\": \"GET\"";
        AnalysisResult r = analyze(
                text("md/profiles/Evil.profile-meta.xml", xxe),
                text("har/cut.har", truncatedHar),
                AnalysisInput.of("bin.dat", new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 0, 0})),
                new AnalysisInput("gone.csv", () -> {
                    throw new IOException("No such file");
                }),
                text("data/User.csv", USERS),
                text("elf/Report.csv", reportLogs(12_000)),
                text("elf/ReportExport.csv", EXPORT_LOG));
        assertThat(r.findings()).extracting(Finding::pattern).containsExactly(LeakPattern.UNENCRYPTED_EXPORT);
        assertThat(r.problems())
                .extracting(Problem::file, Problem::kind)
                .contains(
                        org.assertj.core.groups.Tuple.tuple(
                                "md/profiles/Evil.profile-meta.xml", Problem.Kind.XML_DOCTYPE_REFUSED),
                        org.assertj.core.groups.Tuple.tuple("har/cut.har", Problem.Kind.TRUNCATED),
                        org.assertj.core.groups.Tuple.tuple("bin.dat", Problem.Kind.UNKNOWN_FORMAT),
                        org.assertj.core.groups.Tuple.tuple("gone.csv", Problem.Kind.UNREADABLE));
        assertThat(r.hasUnreadableInput()).isTrue();
    }

    @Test
    void utf8TextWithNonAsciiLettersOrAByteOrderMarkIsReadAsCsv() throws Exception {
        // a Salesforce user list with Japanese names, and a tiny one that is mostly its BOM and header
        String jpUsers = "\uFEFF\"ID\",\"USERNAME\",\"NAME\",\"PROFILE.NAME\",\"USERTYPE\",\"ISACTIVE\"\r\n"
                + "\"0055g00000AdMiNAAR\",\"bob.admin@shop.example.com\",\"管理者 ボブ\",\"System Administrator\","
                + "\"Standard\",\"true\"\r\n"
                + "\"0055g00000GuEsTAA1\",\"guest@shop.example.force.com\",\"ストアフロント ゲスト\",\"Storefront Profile\","
                + "\"Guest\",\"true\"\r\n";
        String tiny = "\uFEFF\"Id\",\"Username\",\"Profile.Name\"\r\n"
                + "\"0055g00000AdMiNAAR\",\"bob.admin@shop.example.com\",\"System Administrator\"\r\n";
        // a Data Export service file in UTF-8, accented names on every row
        StringBuilder contacts = new StringBuilder("\"Id\",\"FirstName\",\"LastName\",\"Email\"\r\n");
        String[] first = {"José", "Zoë", "Jürgen", "François"};
        for (int i = 0; i < 1_500; i++) {
            contacts.append("\"0035g0000")
                    .append(String.format("%06d", i))
                    .append("AAA\",\"")
                    .append(first[i % first.length])
                    .append("\",\"Müller\",\"c")
                    .append(i)
                    .append("@mail.example\"\r\n");
        }
        for (int threads : new int[] {1, 2}) {
            AnalysisResult r = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), threads)
                    .analyze(
                            List.of(
                                    text("jp/users.csv", jpUsers),
                                    text("tiny/users.csv", tiny),
                                    text("WE_00D5g000004XyZaEAK_1.ZIP!/Contact.csv", contacts.toString())),
                            ProgressListener.NONE);
            assertThat(r.problems()).isEmpty();
            assertThat(r.inputs())
                    .extracting(AnalyzedInput::format)
                    .containsExactly("salesforce-users", "salesforce-users", "data-export-csv");
            assertThat(r.findings())
                    .singleElement()
                    .satisfies(f -> assertThat(f.records()).isEqualTo(1_500L));
        }
        assertThat(LeakAnalyzer.looksLikeText("\uFEFFId\r\n".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
        assertThat(LeakAnalyzer.looksLikeText(new byte[] {1, 2, 3, 'a'})).isFalse();
    }

    @Test
    void namesSalesforceFilesAsWhatTheyAreInsteadOfTakingThemForDataExports() throws Exception {
        String loginHistory = "\"Login Time\",\"Username\",\"Source IP\",\"Login Type\",\"Status\",\"Browser\","
                + "\"Platform\",\"Application\",\"Client Version\",\"API Type\",\"API Version\",\"Login URL\"\n"
                + "\"11/30/2026 10:40:00 PM PST\",\"rep13@shop.example.com\",\"204.14.238.199\",\"Application\","
                + "\"Success\",\"Chrome 119\",\"Windows 10\",\"Browser Login\",\"N/A\",\"N/A\",\"N/A\","
                + "\"login.salesforce.com\"\n";
        String auditTrail = "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\",\"Delegate User\"\n"
                + "\"11/29/2026, 11:58:03 PM PST\",\"bob.admin@shop.example.com\",\"\",\"Changed profile Integration User"
                + " Profile: system permission View All Data was changed from disabled to enabled\",\"Manage Users\",\"\"\n";
        String eventLogObject = "\"Id\",\"Timestamp\",\"RequestIdentifier\",\"UserId\",\"LoginKey\",\"SessionKey\","
                + "\"ClientIp\",\"JobIdentifier\",\"OperationType\",\"EntityType\"\n"
                + "\"0Xz5g0000000001\",\"2026-11-30T02:01:00.000Z\",\"TID1\",\"0055g00000AdMiNAAR\",\"lk1\",\"sk1\","
                + "\"45.155.205.233\",\"7505g00000JoBiD\",\"query\",\"Contact\"\n";
        // an Event Log File whose header a spreadsheet relabelled
        String relabelled = "Event Type,Timestamp,User ID\nAPI,20261130015512.345,0055g00000AdMiN\n";
        AnalysisResult r = analyze(
                text("LoginHistory1701388800000.csv", loginHistory),
                text("SetupAuditTrail.csv", auditTrail),
                text("BulkApi2EventLog.csv", eventLogObject),
                text("renamed-header.csv", relabelled));
        assertThat(r.inputs())
                .extracting(AnalyzedInput::format)
                .containsExactly(
                        "salesforce-login-history",
                        "salesforce-setup-audit-trail",
                        "salesforce-event-log-object",
                        "salesforce-elf:API");
        // Login History and the Setup Audit Trail are read (LoginAndSetupTrailTest), in Los Angeles' winter time,
        // which Manila writes PST too; the Event Log Object is named only
        String pst = ": PST read as UTC-08:00; Asia/Manila (UTC+08:00) write it too: if the download was made by a user"
                + " set to one of those, download it again set to GMT";
        assertThat(r.problems())
                .extracting(Problem::file, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("LoginHistory1701388800000.csv", "Login Time" + pst),
                        org.assertj.core.groups.Tuple.tuple("SetupAuditTrail.csv", "Date" + pst),
                        org.assertj.core.groups.Tuple.tuple(
                                "BulkApi2EventLog.csv",
                                "recognised as an Event Log Object query result (camel-case fields: Timestamp,"
                                        + " UserId) but not analysed: 1 row(s) skipped; export the Event Log File"
                                        + " (EVENT_TYPE, TIMESTAMP, USER_ID …) instead"));
        // the profile given View All Data, with nothing in the logs to tie it to
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.DATA_ACCESS_GRANT);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.PROFILE, "Integration User Profile"));
            assertThat(f.evidence()).containsExactly(new EvidenceRef("SetupAuditTrail.csv", 2));
        });
        assertThat(r.stats().events()).isEqualTo(1);
    }

    private static final String ALICE_USERS = """
            "Id","Username","Profile.Name","UserType"
            "0055g00000AlIcEAAJ","alice.sales@shop.example.com","Standard User","Standard"
            """;

    /**
     * A Report event log (columns of the Object Reference's Report event type) with nine days of 50-row
     * runs of report 00O5g000001AbCd, then the day's run given ({@code time}, {@code origin}, 35,000
     * rows) in session lkBig; with or without REPORT_ID_DERIVED.
     */
    private static String reportLog(String time, String origin, boolean derivedId) {
        StringBuilder b =
                new StringBuilder("\"EVENT_TYPE\",\"TIMESTAMP\",\"REQUEST_ID\",\"ORGANIZATION_ID\",\"USER_ID\","
                        + "\"SESSION_KEY\",\"LOGIN_KEY\",\"ENTITY_NAME\",\"REPORT_ID\",\"ROW_COUNT\",\"ORIGIN\",\"CLIENT_IP\","
                        + "\"TIMESTAMP_DERIVED\",\"USER_ID_DERIVED\"" + (derivedId ? ",\"REPORT_ID_DERIVED\"" : "")
                        + "\n");
        for (int d = 16; d <= 25; d++) {
            boolean big = d == 25;
            String iso = big ? "2026-11-" + d + "T" + time + ".000Z" : "2026-11-" + d + "T14:08:00.000Z";
            String compact =
                    iso.replace("-", "").replace("T", "").replace(":", "").replace("Z", "");
            b.append("\"Report\",\"")
                    .append(compact)
                    .append("\",\"R")
                    .append(d)
                    .append("\",\"00D5g000004XyZa\",\"0055g00000AlIcE\",\"sk")
                    .append(big ? "Big" : d)
                    .append("\",\"lk")
                    .append(big ? "Big" : d)
                    .append("\",\"Contact\",\"00O5g000001AbCd\",\"")
                    .append(big ? 35_000 : 50)
                    .append("\",\"")
                    .append(big ? origin : "ReportRunFromLightning")
                    .append("\",\"203.0.113.25\",\"")
                    .append(iso)
                    .append("\",\"0055g00000AlIcEAAJ\"")
                    .append(derivedId ? ",\"00O5g000001AbCdEAW\"" : "")
                    .append('\n');
        }
        return b.toString();
    }

    /** A ReportExport event log with one export of report 00O5g000001AbCd at 14:08:40 in session lkBig. */
    private static final String REPORT_EXPORT_LOG = """
            "EVENT_TYPE","TIMESTAMP","REQUEST_ID","ORGANIZATION_ID","USER_ID","CLIENT_IP","URI","CLIENT_INFO",\
            "TIMESTAMP_DERIVED","USER_ID_DERIVED","SESSION_KEY","LOGIN_KEY","REPORT_ID","REPORT_ID_DERIVED"
            "ReportExport","20261125140840.000","X1","00D5g000004XyZa","0055g00000AlIcE","203.0.113.25",\
            "/00O5g000001AbCd","Mozilla/5.0","2026-11-25T14:08:40.000Z","0055g00000AlIcEAAJ","skBig","lkBig",\
            "00O5g000001AbCd","00O5g000001AbCdEAW"
            """;

    private static void exportsOfAlice(AnalysisResult r, long rows) {
        assertThat(r.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.UNENCRYPTED_EXPORT);
            // what an administrator acts on: which report, when, from where
            assertThat(f.rationale())
                    .contains("report(s) 00O5g000001AbCd exported 2026-11-25T14:08:")
                    .contains(" from IP 203.0.113.25 in session lkBig");
            assertThat(f.subject()).isEqualTo(new Subject(SubjectKind.USER, "alice.sales@shop.example.com"));
            assertThat(f.records()).isEqualTo(rows);
        });
    }

    @Test
    void aReportRunWhoseOriginSaysItWasExportedIsAnExport() throws Exception {
        // a Formatted Report or XLSX export: the ReportExport log does not capture it, the Report log's ORIGIN does
        for (String origin :
                List.of("ReportExported", "ReportExportedAsynchronously", "ReportExportedUsingExcelConnector")) {
            exportsOfAlice(
                    analyze(text("User.csv", ALICE_USERS), text("Report.csv", reportLog("14:08:00", origin, true))),
                    35_000);
        }
        // logged both ways (its ReportExport row too): one export of one run
        exportsOfAlice(
                analyze(
                        text("User.csv", ALICE_USERS),
                        text("Report.csv", reportLog("14:08:00", "ReportExported", true)),
                        text("ReportExport.csv", REPORT_EXPORT_LOG)),
                35_000);
    }

    @Test
    void anExportIsJoinedToTheRunItWroteThoughThatRunIsLoggedAfterIt() throws Exception {
        // the run 2 s after the export; the report's earlier runs (50 rows, days before) are not the one
        exportsOfAlice(
                analyze(
                        text("User.csv", ALICE_USERS),
                        text("ReportExport.csv", REPORT_EXPORT_LOG),
                        text("Report.csv", reportLog("14:08:42", "ReportRunFromLightning", true))),
                35_000);
    }

    @Test
    void anExportWithAnEighteenCharacterReportIdIsJoinedToARunWithFifteen() throws Exception {
        exportsOfAlice(
                analyze(
                        text("User.csv", ALICE_USERS),
                        text("Report.csv", reportLog("14:08:00", "ReportRunFromLightning", false)),
                        text("ReportExport.csv", REPORT_EXPORT_LOG)),
                35_000);
    }

    @Test
    void anExportWithoutItsReportRunIsSaidToHaveAnUnknownRowCount() throws Exception {
        AnalysisResult r = analyze(text("User.csv", ALICE_USERS), text("ReportExport.csv", REPORT_EXPORT_LOG));
        assertThat(r.findings()).isEmpty();
        assertThat(r.problems())
                .extracting(Problem::file, Problem::line, Problem::kind, Problem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "ReportExport.csv",
                        2L,
                        Problem.Kind.REPORT_ROWS_UNKNOWN,
                        "export of report 00O5g000001AbCd with no run of that report in the logs read: its row count"
                                + " is unknown (add the Report event log of the same day)"));
        assertThat(r.hasUnreadableInput()).isFalse();
    }

    private static final String INTEGRATION_PROFILE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Profile xmlns="http://soap.sforce.com/2006/04/metadata">
                <custom>true</custom>
                <userLicense>Salesforce Integration</userLicense>
                <userPermissions><enabled>true</enabled><name>ApiUserOnly</name></userPermissions>
                <userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions>
            </Profile>
            """;

    private static final String MULESOFT_APP = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>MuleSoft Sync</label>
                <oauthPolicy><ipRelaxation>ENFORCE</ipRelaxation></oauthPolicy>
                <profileName>Integration User Profile</profileName>
            </ConnectedApp>
            """;

    /**
     * A RestApi event log (its documented CONNECTED_APP_ID and CLIENT_NAME columns): two weeks of the
     * integration's nightly 300 Contacts through MuleSoft Sync, then 48,000 through another app.
     */
    private static String restApiThroughAnotherApp() {
        StringBuilder b = new StringBuilder("\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"REQUEST_ID\",\"ORGANIZATION_ID\","
                + "\"USER_ID\",\"SESSION_KEY\",\"LOGIN_KEY\",\"ENTITY_NAME\",\"METHOD\",\"USER_AGENT\",\"ROWS_PROCESSED\","
                + "\"CLIENT_IP\",\"CONNECTED_APP_ID\",\"CLIENT_NAME\"\n");
        for (int d = 16; d <= 29; d++) {
            b.append("\"RestApi\",\"2026-11-")
                    .append(d)
                    .append("T02:06:29.370Z\",\"R")
                    .append(d)
                    .append("\",\"00D5g000004XyZa\",\"0055g00000AbCdE\",\"s")
                    .append(d)
                    .append("\",\"l")
                    .append(d)
                    .append("\",\"Contact\",\"GET\",\"MuleSoft-Salesforce-Connector\",\"300\",\"52.14.200.10\","
                            + "\"0H45g000000AbCd\",\"MuleSoft Sync\"\n");
        }
        for (int i = 0; i < 24; i++) {
            b.append("\"RestApi\",\"2026-11-30T03:")
                    .append(12 + i / 2)
                    .append(i % 2 == 0 ? ":05" : ":35")
                    .append(".123Z\",\"X")
                    .append(i)
                    .append("\",\"00D5g000004XyZa\",\"0055g00000AbCdE\",\"sX\",\"lX\",")
                    .append("\"Contact\",\"GET\",\"python-requests/2.31.0\",\"2000\",\"185.220.101.47\",")
                    .append("\"0H45g000000ZzZz\",\"My Ticket Portal\"\n");
        }
        return b.toString();
    }

    @Test
    void containmentNamesTheConnectedAppTheExtractionCameThrough() throws Exception {
        String users = """
                "Id","Username","Profile.Name","UserType"
                "0055g00000AbCdEAAZ","mulesoft.integration@shop.example.com","Integration User Profile","Standard"
                """;
        for (boolean withApp : new boolean[] {true, false}) {
            List<AnalysisInput> in = new ArrayList<>(List.of(
                    text("users.csv", users),
                    text("meta/profiles/Integration User Profile.profile-meta.xml", INTEGRATION_PROFILE),
                    text("elf/RestApi.csv", restApiThroughAnotherApp())));
            if (withApp) {
                in.add(text("meta/connectedApps/MuleSoft_Sync.connectedApp-meta.xml", MULESOFT_APP));
            }
            AnalysisResult r = new LeakAnalyzer().analyze(in, ProgressListener.NONE);
            Finding f = r.findings().stream()
                    .filter(x -> x.pattern() == LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC)
                    .findFirst()
                    .orElseThrow();
            // the extraction's session only: the nightly syncs through MuleSoft Sync are not it
            assertThat(f.rationale())
                    .contains("; its reads came through connected app My Ticket Portal (0H45g000000ZzZz)")
                    .contains("; extraction sessions lX from 2026-11-30T03:12:05.123Z to 2026-11-30T03:23:35.123Z")
                    .doesNotContain("MuleSoft Sync (");
            List<String> apps = f.containment().stream()
                    .filter(a -> a.action() == ContainmentAction.Action.REVOKE_CONNECTED_APP_TOKENS)
                    .map(a -> a.target().id())
                    .toList();
            // the app used first, then the one the metadata configures for the user
            if (withApp) {
                assertThat(apps).containsExactly("My Ticket Portal", "MuleSoft_Sync");
            } else {
                assertThat(apps).containsExactly("My Ticket Portal");
            }
        }
    }

    /**
     * An integration user's RestApi log for the 35 days from Sunday 2026-11-01, at 02:00 from one IP
     * through one app: 300 Contacts a day, 50,000 on Sundays, and the extra days' rows given.
     */
    private static String weeklySync(java.util.Map<Integer, Integer> extra) {
        StringBuilder b = new StringBuilder("\"EVENT_TYPE\",\"TIMESTAMP_DERIVED\",\"REQUEST_ID\",\"ORGANIZATION_ID\","
                + "\"USER_ID\",\"SESSION_KEY\",\"LOGIN_KEY\",\"ENTITY_NAME\",\"METHOD\",\"ROWS_PROCESSED\",\"CLIENT_IP\","
                + "\"CONNECTED_APP_ID\",\"CLIENT_NAME\"\n");
        java.time.LocalDate first = java.time.LocalDate.of(2026, 11, 1);
        for (int i = 0; i < 35; i++) {
            java.time.LocalDate day = first.plusDays(i);
            int rows = day.getDayOfWeek() == java.time.DayOfWeek.SUNDAY ? 50_000 : 300;
            rows += extra.getOrDefault(i, 0);
            b.append("\"RestApi\",\"")
                    .append(day)
                    .append("T02:00:05.000Z\",\"Q")
                    .append(i)
                    .append("\",\"00D5g000004XyZa\",\"0055g00000AbCdE\",\"SK")
                    .append(i)
                    .append("\",\"LK")
                    .append(i)
                    .append("\",\"Contact\",\"GET\",\"")
                    .append(rows)
                    .append("\",\"52.14.200.10\",\"0H45g000000AbCd\",\"MuleSoft Sync\"\n");
        }
        return b.toString();
    }

    @Test
    void aWeeklyFullSyncIsRoutineAndAnExtractionCountsItsLargestDayOnce() throws Exception {
        String users = """
                "Id","Username","Profile.Name","UserType"
                "0055g00000AbCdEAAZ","mulesoft.integration@shop.example.com","Integration User Profile","Standard"
                """;
        String profile = "meta/profiles/Integration User Profile.profile-meta.xml";
        AnalysisResult weekly = analyze(
                text("users.csv", users),
                text(profile, INTEGRATION_PROFILE),
                text("elf/RestApi.csv", weeklySync(java.util.Map.of())));
        assertThat(weekly.findings()).isEmpty();
        // a Tuesday and the Wednesday after it far above any weekday's habit: the same customers
        // read twice, counted at the larger day
        AnalysisResult extraction = analyze(
                text("users.csv", users),
                text(profile, INTEGRATION_PROFILE),
                text("elf/RestApi.csv", weeklySync(java.util.Map.of(30, 60_000, 31, 70_000))));
        assertThat(extraction.findings()).singleElement().satisfies(f -> {
            assertThat(f.pattern()).isEqualTo(LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC);
            assertThat(f.records()).isEqualTo(70_300L);
        });
    }

    @Test
    void aReportExportFileNamedAfterItsTimeNamesNoObject() {
        assertThat(LeakAnalyzer.objectOfExport("exports/report1701388800000.csv"))
                .isEmpty();
        assertThat(LeakAnalyzer.objectOfExport("exports/Contact_admin_export.csv"))
                .isEqualTo("Contact");
        assertThat(LeakAnalyzer.objectOfExport("WE_00D5g000004XyZaEAK_1.ZIP!/Contact.csv"))
                .isEqualTo("Contact");
    }

    @Test
    void reportsProgressAndStopsWhenInterrupted() throws Exception {
        List<ProgressListener.Progress> seen = new ArrayList<>();
        new LeakAnalyzer().analyze(List.of(text("data/User.csv", USERS)), seen::add);
        assertThat(seen)
                .extracting(ProgressListener.Progress::phase)
                .containsExactly(
                        ProgressListener.Phase.READING,
                        ProgressListener.Phase.CORRELATING,
                        ProgressListener.Phase.DONE);

        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> analyze(text("data/User.csv", USERS))).isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aStreamInputCanBeReadOnlyOnce() throws Exception {
        AnalysisInput once = text("x.csv", "a,b\n1,2\n");
        once.source().open().close();
        AnalysisResult r = analyze(once);
        assertThat(r.problems())
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("already read"));
    }

    /** Event logs with malformed rows and unsupported types, beside inputs of other kinds. */
    private static List<AnalysisInput> mixedInputs() {
        StringBuilder big = new StringBuilder(reportLogs(12_000));
        for (int i = 0; i < 9000; i++) {
            // more rows than a batch handed between threads; malformed rows and an unknown type among them
            big.append(
                            i % 997 == 0
                                    ? "Report,broken\n"
                                    : i % 1013 == 0
                                            ? "Mystery,2025-03-11T10:00:00Z,0055g00000Sales1,s1,l1,198.51.100.7,Contact,00Oa,1\n"
                                            : "")
                    .append("Report,2025-03-11T1")
                    .append(i % 10)
                    .append(":00:00Z,0055g00000Sales1,s")
                    .append(i % 50)
                    .append(",l1,198.51.100.")
                    .append(i % 200)
                    .append(",Contact,00Oa,")
                    .append(i % 300)
                    .append('\n');
        }
        return List.of(
                text("data/User.csv", USERS),
                text("elf/Big.csv", big.toString()),
                new AnalysisInput("gone.csv", () -> {
                    throw new IOException("No such file");
                }),
                text("elf/Empty.csv", "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID\n"),
                text("elf/NoUser.csv", "EVENT_TYPE,TIMESTAMP_DERIVED\nReport,2025-03-10T10:00:00Z\n"),
                AnalysisInput.of("bin.dat", new ByteArrayInputStream(new byte[] {0, 1, 2, 3, 0, 0})),
                text("elf/Report.csv", reportLogs(12_000)),
                text("elf/ReportExport.csv", EXPORT_LOG));
    }

    @Test
    void readingOnSeveralThreadsGivesWhatOneThreadGives() throws Exception {
        AnalysisResult one = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), 1)
                .analyze(mixedInputs(), ProgressListener.NONE);
        for (int threads : new int[] {2, 3, 8}) {
            AnalysisResult many = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), threads)
                    .analyze(mixedInputs(), ProgressListener.NONE);
            assertThat(many.findings()).isEqualTo(one.findings());
            assertThat(many.inputs()).isEqualTo(one.inputs());
            assertThat(many.problems()).isEqualTo(one.problems());
            assertThat(many.stats()).isEqualTo(one.stats());
        }
        assertThat(one.findings()).isNotEmpty();
        assertThat(one.problems())
                .extracting(Problem::kind)
                .contains(
                        Problem.Kind.MALFORMED_ROW,
                        Problem.Kind.MALFORMED_ROWS_SKIPPED,
                        Problem.Kind.UNSUPPORTED_EVENT_TYPE,
                        Problem.Kind.MISSING_COLUMNS,
                        Problem.Kind.UNREADABLE);
        assertThat(one.stats().events()).isGreaterThan(ReadAhead.BATCH * 3L);
    }

    @Test
    void severalThreadsStopWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), 4)
                            .analyze(mixedInputs(), ProgressListener.NONE))
                    .isInstanceOf(InterruptedException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void refusesFewerThanOneThread() {
        assertThatThrownBy(() -> new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    /**
     * An input is recognised when something in it feeds the analysis: a header or root element it
     * reads, a data export with a column of personal data, an archive member that is one of them.
     * The others are named in {@code unrecognised}, in the order given, with one or several threads.
     */
    @Test
    void namesTheInputsNothingInWhichWasRecognised() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zipped)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("just notes\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("User.csv"));
            z.write(USERS.getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream notes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(notes)) {
            z.putNextEntry(new ZipEntry("notes.txt"));
            z.write("just notes\n".getBytes(StandardCharsets.UTF_8));
        }
        for (int threads : new int[] {1, 3}) {
            List<AnalysisInput> inputs = List.of(
                    text("README.md", "# Notes\n\nsome, text\n"),
                    text("User.csv", USERS),
                    text("numbers.csv", "a,b,c\n1,2,3\n"),
                    text("Contact.csv", "Id,Email\n003A,jane@example.com\n"),
                    text("Opportunity.json", "[{\"Id\":\"006A\",\"Amount\":100}]"),
                    text("pom.xml", "<project><modelVersion>4.0.0</modelVersion></project>"),
                    text("Admin.profile-meta.xml", "<Profile><userLicense>Salesforce</userLicense></Profile>"),
                    text("API.csv", "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID\n"),
                    text("empty.csv", ""),
                    AnalysisInput.of("both.zip", new ByteArrayInputStream(zipped.toByteArray())),
                    AnalysisInput.of("notes.zip", new ByteArrayInputStream(notes.toByteArray())));
            AnalysisResult r = new LeakAnalyzer(Thresholds.defaults(), new ScannerPayloadInspector(), threads)
                    .analyze(inputs, ProgressListener.NONE);
            assertThat(r.unrecognised())
                    .as("threads %d", threads)
                    .containsExactly(
                            "README.md", "numbers.csv", "Opportunity.json", "pom.xml", "empty.csv", "notes.zip");
        }
        assertThat(analyze(text("numbers.csv", "a,b\n1,2\n")).unrecognised()).containsExactly("numbers.csv");
        assertThat(analyze(text("User.csv", USERS)).unrecognised()).isEmpty();
    }
}
