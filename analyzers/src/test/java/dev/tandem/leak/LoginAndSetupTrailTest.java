package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.Problem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The Login History and the Setup Audit Trail joined to the extractions the event logs show. */
class LoginAndSetupTrailTest {
    private static final String USERS = """
            "Id","Username","Profile.Name","UserType"
            "0055g00000DaNa1AAA","dana@shop.example","System Administrator","Standard"
            "0055g00000SyNc1AAA","integration.sync@shop.example","Integration User","Standard"
            "0055g00000SaM01AAA","sam@shop.example","Standard User","Standard"
            """;

    /** Nine days of 200 Contacts a day, then 60,000 in a night session; no CLIENT_IP logged. */
    private static String apiLog() {
        StringBuilder b = new StringBuilder(
                "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,USER_NAME,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,"
                        + "ROWS_PROCESSED,METHOD_NAME\n");
        for (int d = 1; d <= 9; d++) {
            b.append("API,2025-03-0")
                    .append(d)
                    .append("T09:30:00Z,0055g00000DaNa1,dana@shop.example,s")
                    .append(d)
                    .append(",l")
                    .append(d)
                    .append(",,Contact,200,query\n");
        }
        for (int k = 0; k < 3; k++) {
            b.append("API,2025-03-10T03:2")
                    .append(k)
                    .append(":00Z,0055g00000DaNa1,dana@shop.example,s10,l10,,")
                    .append("Contact,20000,query\n");
        }
        return b.toString();
    }

    private static final String LOGIN_HEADER = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\","
            + "\"Browser\",\"Platform\",\"Application\",\"Client Version\",\"API Type\",\"API Version\",\"Login URL\","
            + "\"Country Code\"\n";

    private static String login(String time, String user, String type, String ip, String status, String country) {
        return "\"" + time + "\",\"" + user + "\",\"" + type + "\",\"" + ip + "\",\"" + status
                + "\",\"Firefox 128\",\"Linux\",\"Browser Login\",\"N/A\",\"N/A\",\"N/A\",\"login.salesforce.com\",\""
                + country + "\"\n";
    }

    private static String loginHistory() {
        StringBuilder b = new StringBuilder(LOGIN_HEADER);
        for (int d = 1; d <= 9; d++) {
            b.append(login(
                    "3/" + d + "/2025, 9:00:00 AM GMT",
                    "dana@shop.example",
                    "Application",
                    "198.51.100.7",
                    "Success",
                    "US"));
        }
        for (int k = 0; k < 4; k++) {
            b.append(login(
                    "3/10/2025, 3:0" + (2 + k) + ":00 AM GMT",
                    "dana@shop.example",
                    "Application",
                    "185.220.101.47",
                    "Invalid Password",
                    "RO"));
        }
        b.append(login(
                "3/10/2025, 3:10:00 AM GMT", "dana@shop.example", "Application", "185.220.101.47", "Success", "RO"));
        // the integration user, at a browser, with no extraction in the logs
        b.append(login(
                "3/9/2025, 11:45:00 PM GMT",
                "integration.sync@shop.example",
                "Application",
                "203.0.113.9",
                "Success",
                "US"));
        // a sales rep working from home once: a new IP, the usual country
        for (int d = 1; d <= 5; d++) {
            b.append(login(
                    "3/" + d + "/2025, 8:00:00 AM GMT",
                    "sam@shop.example",
                    "Application",
                    "198.51.100.20",
                    "Success",
                    "US"));
        }
        b.append(login("3/6/2025, 8:00:00 AM GMT", "sam@shop.example", "Application", "192.0.2.55", "Success", "US"));
        return b.toString();
    }

    private static final String TRAIL = "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\","
            + "\"Delegate User\"\n"
            + "\"3/1/2025, 4:00:00 PM GMT\",\"bob@shop.example\",\"\",\"Changed Connected App Policy for Data Loader:"
            + " IP Relaxation changed from Enforce IP restrictions to Relax IP restrictions\",\"Connected Apps\",\"\"\n"
            + "\"3/2/2025, 4:00:00 PM GMT\",\"bob@shop.example\",\"\",\"Permission set Ops: View All Data was changed"
            + " from False to True\",\"Manage Users\",\"\"\n"
            + "\"3/3/2025, 4:00:00 PM GMT\",\"bob@shop.example\",\"\",\"Changed Account page layout\","
            + "\"Customize Accounts\",\"\"\n"
            + "\"3/10/2025, 3:15:00 AM GMT\",\"dana@shop.example\",\"\",\"Permission set Bulk_Export: assigned to user"
            + " Dana Whitfield (dana@shop.example)\",\"Manage Users\",\"\"\n";

    static AnalysisInput text(String name, String content) {
        return AnalysisInput.of(name, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    private static AnalysisResult analyze(boolean withSetupFiles, int threads) throws InterruptedException {
        return withSetupFiles ? analyze(loginHistory(), TRAIL, threads) : analyze(null, null, threads);
    }

    private static AnalysisResult analyze(@Nullable String logins, @Nullable String trail, int threads)
            throws InterruptedException {
        List<AnalysisInput> setup = new ArrayList<>();
        if (logins != null) {
            setup.add(text("LoginHistory.csv", logins));
        }
        if (trail != null) {
            setup.add(text("SetupAuditTrail.csv", trail));
        }
        return analyze(setup, threads);
    }

    /** The users, the API log and the given Setup files. */
    private static AnalysisResult analyze(List<AnalysisInput> setup, int threads) throws InterruptedException {
        List<AnalysisInput> in = new ArrayList<>(List.of(text("User.csv", USERS), text("API.csv", apiLog())));
        in.addAll(setup);
        return new LeakAnalyzer(Thresholds.defaults(), (body, type) -> dev.tandem.payload.PayloadPii.NONE, threads)
                .analyze(in, ProgressListener.NONE);
    }

    /** The user ids of USERS, and of bob, whom no User export names. */
    private static final Map<String, String> IDS = Map.of(
            "dana@shop.example", "0055g00000DaNa1AAA",
            "integration.sync@shop.example", "0055g00000SyNc1AAA",
            "sam@shop.example", "0055g00000SaM01AAA",
            "bob@shop.example", "0055g00000BoB01AAA");

    /** The fields of a download's rows, every one quoted. */
    private static List<List<String>> rows(String download) {
        return download.lines()
                .skip(1)
                .map(l -> List.of(l.substring(1, l.length() - 1).split("\",\"", -1)))
                .toList();
    }

    private static String iso(String setupTime) {
        return java.time.Instant.ofEpochMilli(dev.tandem.salesforce.SetupTimes.parse(setupTime))
                .toString()
                .replace("Z", ".000+0000");
    }

    /**
     * The same logins as {@code sf data query ... FROM LoginHistory --result-format csv} gives them:
     * API names, ISO times, the user by id, only values with a comma quoted; saved back with a BOM
     * and CRLF line ends.
     */
    private static String queriedLoginHistory() {
        StringBuilder b = new StringBuilder("\uFEFFLoginTime,UserId,LoginType,SourceIp,Status,Browser,Platform,"
                + "Application,ClientVersion,ApiType,ApiVersion,LoginUrl,CountryIso\r\n");
        for (List<String> f : rows(loginHistory())) {
            List<String> out = new ArrayList<>(f);
            out.set(0, iso(f.get(0)));
            out.set(1, IDS.get(f.get(1)));
            b.append(String.join(",", out)).append("\r\n");
        }
        return b.toString();
    }

    /**
     * The same trail as a Data Loader export of {@code SELECT Id, CreatedDate, CreatedById, Action,
     * Section, Display, DelegateUser FROM SetupAuditTrail}: capitals, every value quoted, the text
     * in Display, a code in Action.
     */
    private static String queriedTrail() {
        StringBuilder b = new StringBuilder(
                "\"ID\",\"CREATEDDATE\",\"CREATEDBYID\",\"ACTION\",\"SECTION\",\"DISPLAY\",\"DELEGATEUSER\"\n");
        int n = 0;
        for (List<String> f : rows(TRAIL)) {
            b.append("\"0Ym5g00000Trl")
                    .append(++n)
                    .append("AAA\",\"")
                    .append(iso(f.get(0)).replace("+0000", "Z"))
                    .append("\",\"")
                    .append(IDS.get(f.get(1)))
                    .append("\",\"")
                    .append(f.get(3).contains("assigned") ? "PermSetAssign" : "changed")
                    .append("\",\"")
                    .append(f.get(4))
                    .append("\",\"")
                    .append(f.get(3))
                    .append("\",\"")
                    .append(f.get(5))
                    .append("\"\n");
        }
        return b.toString();
    }

    private static void assertReadWithoutProblems(AnalysisResult r) {
        assertThat(r.problems()).isEmpty();
        assertReadAsFourInputs(r);
    }

    /**
     * The downloads' dates (3/1/2025 to 3/10/2025) all read month or day first: each download says
     * it read them month first (docs/leak-patterns.md), and that is all it says.
     */
    private static void assertDownloadsReadMonthFirst(AnalysisResult r) {
        assertThat(r.problems())
                .extracting(Problem::file, Problem::kind, p -> p.message().contains("every date reads either way"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("LoginHistory.csv", Problem.Kind.TIMES_ASSUMED, true),
                        org.assertj.core.groups.Tuple.tuple("SetupAuditTrail.csv", Problem.Kind.TIMES_ASSUMED, true));
        assertReadAsFourInputs(r);
    }

    private static void assertReadAsFourInputs(AnalysisResult r) {
        assertThat(r.inputs())
                .extracting(AnalyzedInput::format)
                .containsExactly(
                        "salesforce-users",
                        "salesforce-elf:API",
                        "salesforce-login-history",
                        "salesforce-setup-audit-trail");
    }

    static Finding only(AnalysisResult r, LeakPattern p, String subject) {
        return r.findings().stream()
                .filter(f -> f.pattern() == p && f.subject().id().equals(subject))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + p + " finding on " + subject + ": " + r.findings()));
    }

    /**
     * Without event logs, the users are those the Login History and the Setup Audit Trail name (dana,
     * the integration user and sam log in; bob and dana change the setup), once each, and each input
     * counts its own; the User export names the org's users, not what they did. With the event logs
     * too, dana is still one user.
     */
    @Test
    void theUsersCountedAreThoseTheSetupDownloadsName() throws Exception {
        List<AnalysisInput> in = List.of(
                text("User.csv", USERS), text("LoginHistory.csv", loginHistory()), text("SetupAuditTrail.csv", TRAIL));
        AnalysisResult r = new LeakAnalyzer(
                        Thresholds.defaults(), (body, type) -> dev.tandem.payload.PayloadPii.NONE, 1)
                .analyze(in, ProgressListener.NONE);
        assertThat(r.stats().events()).isZero();
        assertThat(r.stats().users()).isEqualTo(4);
        assertThat(r.contributions().statsOf(i -> i == 0).users()).isZero();
        assertThat(r.contributions().statsOf(i -> i == 1).users()).isEqualTo(3);
        assertThat(r.contributions().statsOf(i -> i == 2).users()).isEqualTo(2);
        assertThat(analyze(true, 1).stats().users()).isEqualTo(4);
        assertThat(analyze(false, 1).stats().users()).isEqualTo(1);
    }

    @Test
    void theLoginAnExtractionCameThroughAndTheGrantBeforeItMakeItCritical() throws Exception {
        Finding alone = only(analyze(false, 1), LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "dana@shop.example");
        assertThat(alone.severity()).isEqualTo(Severity.HIGH);

        for (int threads : new int[] {1, 2}) {
            AnalysisResult r = analyze(true, threads);
            assertDownloadsReadMonthFirst(r);
            Finding f = only(r, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "dana@shop.example");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rationale())
                    .contains("Login History: login at 2025-03-10 03:10 UTC from IP 185.220.101.47, never used in the"
                            + " user's 9 earlier successful logins")
                    .contains("Login History: 4 failed logins (Invalid Password) in the hour before the successful"
                            + " login at 2025-03-10 03:10 UTC")
                    .contains("Login History: login from country RO, outside the user's usual US")
                    .contains("Setup Audit Trail: permission set assigned (\"Permission set Bulk_Export: assigned to"
                            + " user Dana Whitfield (dana@shop.example)\") by dana@shop.example at 2025-03-10 03:15 UTC,"
                            + " 5 min before the extraction");
            // the successful login and the grant are lines of the finding, kept by the cap on evidence
            assertThat(f.evidence())
                    .contains(new EvidenceRef("LoginHistory.csv", 15), new EvidenceRef("SetupAuditTrail.csv", 5));
            assertThat(f.sources()).contains("LoginHistory.csv", "SetupAuditTrail.csv");

            Finding grant = only(r, LeakPattern.DATA_ACCESS_GRANT, "dana@shop.example");
            assertThat(grant.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(grant.title())
                    .isEqualTo("Permission set Bulk_Export assigned to dana@shop.example by dana@shop.example at"
                            + " 2025-03-10 03:15 UTC, 5 min before the extraction by dana@shop.example");
            assertThat(grant.rationale()).contains("what it grants is not in the metadata read");
            assertThat(grant.containment())
                    .extracting(ContainmentAction::action)
                    .containsExactly(ContainmentAction.Action.REMOVE_PERMISSION_SET_ASSIGNMENT);
            assertThat(only(r, LeakPattern.DATA_ACCESS_GRANT, "Data Loader").severity())
                    .isEqualTo(Severity.HIGH);
            Finding ops = only(r, LeakPattern.DATA_ACCESS_GRANT, "Ops");
            assertThat(ops.severity()).isEqualTo(Severity.HIGH);
            assertThat(ops.subject().kind()).isEqualTo(SubjectKind.PERMISSION_SET);
            assertThat(ops.containment().getFirst().configItem()).isEqualTo("PermissionSet:Ops#ViewAllData");

            // the takeover's login is cited by the extraction, not reported again; the integration user at a
            // browser is a finding of its own; a rep's one login from home is nothing
            Finding integration = only(r, LeakPattern.SUSPICIOUS_LOGIN, "integration.sync@shop.example");
            assertThat(integration.severity()).isEqualTo(Severity.HIGH);
            assertThat(integration.rationale())
                    .contains("the integration user logged in interactively at 2025-03-09 23:45 UTC (Login Type"
                            + " Application, browser Firefox 128)");
            assertThat(r.findings())
                    .filteredOn(x -> x.pattern() == LeakPattern.SUSPICIOUS_LOGIN)
                    .extracting(x -> x.subject().id())
                    .containsExactly("integration.sync@shop.example");
            assertThat(r.findings()).noneMatch(x -> x.subject().id().equals("sam@shop.example"));

            assertThat(r.timeline())
                    .extracting(e -> e.at().toString(), TimelineEntry::kind, TimelineEntry::subject)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("2025-03-01T16:00:00Z", "setup-change", "Data Loader"),
                            org.assertj.core.groups.Tuple.tuple("2025-03-02T16:00:00Z", "setup-change", "Ops"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "2025-03-09T23:45:00Z", "login", "integration.sync@shop.example"),
                            org.assertj.core.groups.Tuple.tuple("2025-03-10T03:10:00Z", "login", "dana@shop.example"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "2025-03-10T03:15:00Z", "setup-change", "dana@shop.example"),
                            org.assertj.core.groups.Tuple.tuple(
                                    "2025-03-10T03:20:00Z", "extraction", "dana@shop.example"));
            // the source IP: a login's from Login History; none for a setup change (the trail has no IP
            // column) nor for this extraction (its event logs logged no CLIENT_IP)
            assertThat(r.timeline())
                    .extracting(TimelineEntry::ip)
                    .containsExactly("", "", "203.0.113.9", "185.220.101.47", "", "");
        }
    }

    /**
     * An analyst who queried the objects instead of downloading from Setup (docs/leak-patterns.md,
     * "What is read"): the same logins and changes give the same findings, evidence lines and
     * timeline, the users the exports name by id named by the User export; bob, whom it does not
     * name, stays an id.
     */
    @Test
    void queryExportsOfTheObjectsGiveWhatTheDownloadsGive() throws Exception {
        AnalysisResult downloads = analyze(true, 1);
        for (int threads : new int[] {1, 2}) {
            AnalysisResult r = analyze(queriedLoginHistory(), queriedTrail(), threads);
            assertReadWithoutProblems(r);
            assertThat(r.findings())
                    .extracting(Finding::pattern, f -> f.subject().id(), Finding::severity, Finding::evidence)
                    .containsExactlyElementsOf(downloads.findings().stream()
                            .map(f -> org.assertj.core.groups.Tuple.tuple(
                                    f.pattern(), f.subject().id(), f.severity(), f.evidence()))
                            .toList());
            assertThat(r.timeline())
                    .isEqualTo(downloads.timeline().stream()
                            .map(e -> new TimelineEntry(
                                    e.at(),
                                    e.kind(),
                                    e.subject(),
                                    e.ip(),
                                    e.text().replace("bob@shop.example", "0055g00000BoB01"),
                                    e.source()))
                            .toList());
            Finding f = only(r, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "dana@shop.example");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.rationale())
                    .isEqualTo(only(downloads, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "dana@shop.example")
                            .rationale());
            assertThat(only(r, LeakPattern.DATA_ACCESS_GRANT, "Ops").rationale())
                    .contains("by 0055g00000BoB01;");
        }
    }

    /** A JSON string of a value of the fixtures (no quotes or backslashes in them). */
    private static String json(String v) {
        return v.isEmpty() ? "null" : "\"" + v + "\"";
    }

    /**
     * The same logins and changes as {@code sf data query --json} gives them: the records under
     * {@code result.records}, each with its {@code attributes.type}, relationship fields nested,
     * nulls for empty values; one record a line, so that a record's line is its row's in the CSV.
     */
    private static String queriedJson(
            String type, String download, java.util.function.Function<List<String>, String> record) {
        StringBuilder b = new StringBuilder("{\"status\":0,\"result\":{\"records\":[\n");
        List<List<String>> rows = rows(download);
        for (int i = 0; i < rows.size(); i++) {
            b.append("{\"attributes\":{\"type\":\"")
                    .append(type)
                    .append("\",\"url\":\"/services/data/v62.0/sobjects/")
                    .append(type)
                    .append("/r")
                    .append(i)
                    .append("\"},")
                    .append(record.apply(rows.get(i)))
                    .append(i + 1 < rows.size() ? "},\n" : "}\n");
        }
        return b.append("],\"totalSize\":")
                .append(rows.size())
                .append(",\"done\":true}}\n")
                .toString();
    }

    @Test
    void jsonQueryResultsOfTheObjectsGiveWhatTheDownloadsGive() throws Exception {
        String logins = queriedJson(
                "LoginHistory",
                loginHistory(),
                f -> "\"LoginTime\":" + json(iso(f.get(0))) + ",\"UserId\":" + json(IDS.get(f.get(1)))
                        + ",\"LoginType\":" + json(f.get(2)) + ",\"SourceIp\":" + json(f.get(3)) + ",\"Status\":"
                        + json(f.get(4)) + ",\"Browser\":" + json(f.get(5)) + ",\"Application\":" + json(f.get(7))
                        + ",\"CountryIso\":" + json(f.get(12)));
        String trail = queriedJson(
                "SetupAuditTrail",
                TRAIL,
                f -> "\"CreatedDate\":" + json(iso(f.get(0))) + ",\"CreatedBy\":{\"attributes\":{\"type\":\"User\"},"
                        + "\"Username\":" + json(f.get(1)) + "},\"Action\":\"changed\",\"Section\":" + json(f.get(4))
                        + ",\"Display\":" + json(f.get(3)) + ",\"DelegateUser\":" + json(f.get(5)));
        AnalysisResult downloads = analyze(true, 1);
        AnalysisResult r = analyze(List.of(text("LoginHistory.json", logins), text("SetupAuditTrail.json", trail)), 1);
        assertReadWithoutProblems(r);
        assertThat(r.findings())
                .extracting(Finding::pattern, f -> f.subject().id(), Finding::severity, Finding::title)
                .containsExactlyElementsOf(downloads.findings().stream()
                        .map(f -> org.assertj.core.groups.Tuple.tuple(
                                f.pattern(), f.subject().id(), f.severity(), f.title()))
                        .toList());
        Finding f = only(r, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "dana@shop.example");
        assertThat(f.evidence())
                .contains(new EvidenceRef("LoginHistory.json", 15), new EvidenceRef("SetupAuditTrail.json", 5));
        assertThat(r.timeline())
                .extracting(TimelineEntry::text)
                .isEqualTo(
                        downloads.timeline().stream().map(TimelineEntry::text).toList());
    }

    /** Without a User export, the event logs' USER_ID and USER_NAME name the users the exports give by id. */
    @Test
    void theEventLogsNameTheUsersAQueryExportGivesByIdWhenNoUserExportDoes() throws Exception {
        AnalysisResult r = new LeakAnalyzer(
                        Thresholds.defaults(), (body, type) -> dev.tandem.payload.PayloadPii.NONE, 1)
                .analyze(
                        List.of(
                                text("API.csv", apiLog()),
                                text("LoginHistory.csv", queriedLoginHistory()),
                                text("SetupAuditTrail.csv", queriedTrail())),
                        ProgressListener.NONE);
        // nothing unreadable; the extraction itself is not judged without the User export, and is said so
        assertThat(r.problems())
                .extracting(Problem::file, Problem::line, Problem::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("API.csv", 11L, Problem.Kind.BULK_READ_NOT_JUDGED));
        assertThat(r.problems().getFirst().message())
                .startsWith("session l10 of dana@shop.example read 60,000 customer rows (60,000 Contact) and was"
                        + " not judged: no User export names the user");
        // the takeover's login, by the name the API log gives the id's first 15 characters
        assertThat(r.findings())
                .filteredOn(f -> f.pattern() == LeakPattern.SUSPICIOUS_LOGIN)
                .extracting(f -> f.subject().id())
                .containsExactly("dana@shop.example");
        assertThat(r.findings()).noneMatch(f -> f.title().contains("0055g00000DaNa1"));
        // bob made no API call: his changes stay by his id, in its 15-character form (ADR 152)
        assertThat(only(r, LeakPattern.DATA_ACCESS_GRANT, "Ops").title()).contains("by 0055g00000BoB01 at");
    }
}
