package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A bulk extraction by a user who is no administrator, and a grant after a suspicious login with no
 * event logs (docs/leak-patterns.md, ADMIN_SESSION_BULK_EXTRACTION and DATA_ACCESS_GRANT;
 * docs/adr/130-bulk-extraction-by-any-users-session-and-grants-after-a-suspicious-login.md).
 */
class UserSessionExtractionTest {
    private static final String USERS = """
            "Id","Username","FirstName","LastName","Email","IsActive","UserType","Profile.Name"
            "0058d00000JcArTAAA","james.carter@shopuk.co.uk","James","Carter","james.carter@shopuk.co.uk","true","Standard","System Administrator"
            "0058d00000PsHaHAAA","priya.shah@shopuk.co.uk","Priya","Shah","priya.shah@shopuk.co.uk","true","Standard","Standard User"
            "0058d00000TeVaNAAA","tom.evans@shopuk.co.uk","Tom","Evans","tom.evans@shopuk.co.uk","true","Standard","Standard User"
            "0058d00000AnNaBAAA","anna.berg@shopuk.co.uk","Anna","Berg","anna.berg@shopuk.co.uk","true","Standard","Standard User"
            """;

    private static final String[][] STAFF = {
        {"0058d00000TeVaN", "tom.evans@shopuk.co.uk", "81.2.69.162", "34"},
        // priya reads through the Outlook integration every day: her usual app, her usual IP
        {"0058d00000PsHaH", "priya.shah@shopuk.co.uk", "81.2.69.161", "60"},
        {"0058d00000AnNaB", "anna.berg@shopuk.co.uk", "81.2.69.163", "40"},
    };

    private static final String LOGIN_ELF =
            "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,USER_NAME,SESSION_KEY,LOGIN_KEY,SOURCE_IP,LOGIN_TYPE,LOGIN_STATUS\n";
    private static final String API_ELF =
            "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID,USER_NAME,SESSION_KEY,LOGIN_KEY,CLIENT_IP,ENTITY_NAME,ROWS_PROCESSED,"
                    + "METHOD_NAME,CONNECTED_APP_ID\n";

    /** Twelve working days, 3 to 14 March 2025: a morning login and five small reads each. */
    private static String loginLog() {
        StringBuilder b = new StringBuilder(LOGIN_ELF);
        for (int d = 3; d <= 14; d++) {
            for (String[] u : STAFF) {
                b.append("Login,2025-03-%02dT09:%02d:00Z,%s,%s,s%s%d,l%s%d,%s,Application,LOGIN_NO_ERROR\n"
                        .formatted(d, 10 + d, u[0], u[1], u[0], d, u[0], d, u[2]));
            }
        }
        // the vishing call: tom authorises "My Ticket Portal", whose caller logs in with its token from Tor
        b.append("Login,2025-03-15T22:12:44Z,0058d00000TeVaN,tom.evans@shopuk.co.uk,vSeSsIoNkEy00001,"
                + "vLoGiNkEy0000001,185.220.101.5,Remote Access 2.0,LOGIN_NO_ERROR\n");
        return b.toString();
    }

    private static String apiLog() {
        StringBuilder b = new StringBuilder(API_ELF);
        for (int d = 3; d <= 14; d++) {
            for (String[] u : STAFF) {
                boolean outlook = u[1].startsWith("priya");
                for (int k = 0; k < 5; k++) {
                    b.append("API,2025-03-%02dT09:%02d:00Z,%s,%s,s%s%d,l%s%d,%s,Contact,%s,query,%s\n"
                            .formatted(
                                    d,
                                    20 + 7 * k,
                                    u[0],
                                    u[1],
                                    u[0],
                                    d,
                                    u[0],
                                    d,
                                    u[2],
                                    // priya's busiest day: 400 rows, a few hundred as on any day
                                    outlook && d == 12 ? "80" : u[3],
                                    outlook ? "0H48d000000OuTlK" : ""));
                }
            }
        }
        // anna's one big day: 8,000 rows of her own accounts, at her desk, in her morning session
        b.append("API,2025-03-14T11:00:00Z,0058d00000AnNaB,anna.berg@shopuk.co.uk,s0058d00000AnNaB14,"
                + "l0058d00000AnNaB14,81.2.69.163,Contact,8000,query,\n");
        return b.toString();
    }

    /** 40 queries of 2,000 Contacts in 13 minutes through the app tom never used. */
    private static String restApiLog() {
        StringBuilder b = new StringBuilder(API_ELF.replace("METHOD_NAME", "METHOD"));
        for (int k = 0; k < 40; k++) {
            long s = 60 + k * 20L;
            b.append("RestApi,2025-03-15T22:%02d:%02dZ,0058d00000TeVaN,tom.evans@shopuk.co.uk,vSeSsIoNkEy00001,"
                            .formatted(12 + (44 + s) / 60, (44 + s) % 60))
                    .append("vLoGiNkEy0000001,185.220.101.5,Contact,2000,GET,0H48d000000DlOaD\n");
        }
        return b.toString();
    }

    private static final String LOGIN_HEADER = "\"Login Time\",\"Username\",\"Login Type\",\"Source IP\",\"Status\","
            + "\"Browser\",\"Platform\",\"Application\",\"Client Version\",\"API Type\",\"API Version\",\"Login URL\","
            + "\"Country Code\"\n";

    private static String login(
            String time, String user, String type, String ip, String status, String app, String country) {
        return "\"" + time + "\",\"" + user + "\",\"" + type + "\",\"" + ip + "\",\"" + status
                + "\",\"Chrome 124\",\"Windows 11\",\"" + app
                + "\",\"N/A\",\"N/A\",\"N/A\",\"shopuk.my.salesforce.com\",\""
                + country + "\"\n";
    }

    /** The Setup download, newest first: the staff's morning logins, and the two nights'. */
    private static String loginHistory(boolean vishing, boolean hijack) {
        List<String> rows = new ArrayList<>();
        for (int d = 3; d <= 14; d++) {
            for (String[] u : STAFF) {
                rows.add(login(
                        "%02d/03/2025, 09:%02d:00 GMT".formatted(d, 10 + d),
                        u[1],
                        "Application",
                        u[2],
                        "Success",
                        "Browser Login",
                        "GB"));
            }
            rows.add(login(
                    "%02d/03/2025, 08:%02d:00 GMT".formatted(d, 10 + d),
                    "james.carter@shopuk.co.uk",
                    "Application",
                    "81.2.69.160",
                    "Success",
                    "Browser Login",
                    "GB"));
        }
        if (vishing) {
            rows.add(login(
                    "15/03/2025, 22:12:44 GMT",
                    "tom.evans@shopuk.co.uk",
                    "Remote Access 2.0",
                    "185.220.101.5",
                    "Success",
                    "My Ticket Portal",
                    "DE"));
        }
        if (hijack) {
            for (int m : new int[] {57, 0, 3, 6}) {
                rows.add(login(
                        (m == 57 ? "15/03/2025, 21:" : "15/03/2025, 22:") + "%02d:44 GMT".formatted(m),
                        "james.carter@shopuk.co.uk",
                        "Application",
                        "45.83.64.10",
                        "Invalid Password",
                        "Browser Login",
                        "NL"));
            }
            rows.add(login(
                    "15/03/2025, 22:12:44 GMT",
                    "james.carter@shopuk.co.uk",
                    "Application",
                    "45.83.64.10",
                    "Success",
                    "Browser Login",
                    "NL"));
        }
        StringBuilder b = new StringBuilder(LOGIN_HEADER);
        for (int i = rows.size() - 1; i >= 0; i--) {
            b.append(rows.get(i));
        }
        return b.toString();
    }

    private static final String TRAIL = "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\","
            + "\"Delegate User\"\n"
            + "\"15/03/2025, 22:13:34 GMT\",\"james.carter@shopuk.co.uk\",\"\",\"Permission set Data_Export_All:"
            + " assigned to user James Carter (james.carter@shopuk.co.uk)\",\"Manage Users\",\"\"\n"
            + "\"10/03/2025, 14:02:11 GMT\",\"james.carter@shopuk.co.uk\",\"\",\"Changed password policy: minimum"
            + " password length changed from 8 to 12\",\"Security Controls\",\"\"\n";

    private static AnalysisInput text(String name, String content) {
        return LoginAndSetupTrailTest.text(name, content);
    }

    private static AnalysisResult analyze(List<AnalysisInput> in) throws InterruptedException {
        return new LeakAnalyzer(Thresholds.defaults(), (body, type) -> dev.tandem.payload.PayloadPii.NONE, 1)
                .analyze(in, ProgressListener.NONE);
    }

    private static AnalysisResult withEventLogs(boolean loginHistory) throws InterruptedException {
        List<AnalysisInput> in = new ArrayList<>(List.of(
                text("User.csv", USERS),
                text("Login.csv", loginLog()),
                text("API.csv", apiLog()),
                text("RestApi.csv", restApiLog())));
        if (loginHistory) {
            in.add(text("LoginHistory.csv", loginHistory(true, false)));
        }
        return analyze(in);
    }

    private static Finding only(AnalysisResult r, LeakPattern p, String subject) {
        return LoginAndSetupTrailTest.only(r, p, subject);
    }

    /** The timeline entries about a user: time and kind. */
    private static List<String> timelineOf(AnalysisResult r, String subject) {
        return r.timeline().stream()
                .filter(e -> e.subject().equals(subject))
                .map(e -> e.at() + " " + e.kind())
                .toList();
    }

    @Test
    void aStandardUsersSessionThroughANewConnectedAppFromANewIpReadingFarBeyondHabitIsCritical() throws Exception {
        for (boolean loginHistory : new boolean[] {false, true}) {
            AnalysisResult r = withEventLogs(loginHistory);
            Finding f = only(r, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "tom.evans@shopuk.co.uk");
            assertThat(f.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(f.records()).isEqualTo(80_000L);
            assertThat(f.title())
                    .startsWith("User tom.evans@shopuk.co.uk extracted 80,000 Contact records in one session from new"
                            + " IP 185.220.101.5")
                    .contains("through connected app 0H48d000000DlOaD that none of the user's other sessions used");
            assertThat(f.rationale())
                    .startsWith("user (profile Standard User, not an administrator: a user session) read 80,000"
                            + " customer rows in one session against a usual 170 a day (threshold: 5,000 rows and"
                            + " 10.0x usual, 3 days of history); from new IP 185.220.101.5")
                    .contains("at an unusual hour (2025-03-15 22:12 UTC)");
            assertThat(f.evidence()).contains(new EvidenceRef("Login.csv", 38), new EvidenceRef("RestApi.csv", 2));
            assertThat(f.containment())
                    .extracting(ContainmentAction::action, ContainmentAction::configItem)
                    .contains(org.assertj.core.groups.Tuple.tuple(
                            ContainmentAction.Action.REVOKE_CONNECTED_APP_TOKENS, "ConnectedApp:0H48d000000DlOaD"));
            // the login is the extraction's: not a finding of its own
            assertThat(r.findings()).noneMatch(x -> x.pattern() == LeakPattern.SUSPICIOUS_LOGIN);
            if (loginHistory) {
                assertThat(f.rationale())
                        .contains("Login History: login at 2025-03-15 22:12 UTC through My Ticket Portal (Login Type"
                                + " Remote Access 2.0), an application none of the user's 12 earlier successful logins"
                                + " came through")
                        .contains("Login History: login from country DE, outside the user's usual GB");
                assertThat(f.evidence()).contains(new EvidenceRef("LoginHistory.csv", 2));
                assertThat(timelineOf(r, "tom.evans@shopuk.co.uk"))
                        .containsExactly("2025-03-15T22:12:44Z login", "2025-03-15T22:13:44Z extraction");
            }
        }
    }

    @Test
    void aStandardUsersOrdinaryApiReadsAreNothingAndOneBigDayAtHerDeskIsMedium() throws Exception {
        AnalysisResult r = withEventLogs(true);
        // a few hundred rows a day, through her usual app from her usual IP, her busiest day too
        assertThat(r.findings()).noneMatch(f -> f.subject().id().equals("priya.shah@shopuk.co.uk"));
        assertThat(r.findings()).noneMatch(f -> f.subject().id().equals("james.carter@shopuk.co.uk"));
        // 8,000 rows in her morning session, far beyond her 200 a day, with no sign of takeover
        Finding anna = only(r, LeakPattern.ADMIN_SESSION_BULK_EXTRACTION, "anna.berg@shopuk.co.uk");
        assertThat(anna.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(anna.title())
                .isEqualTo("User anna.berg@shopuk.co.uk extracted 8,200 Contact records in one session");
        assertThat(r.findings())
                .extracting(f -> f.subject().id())
                .containsExactlyInAnyOrder("tom.evans@shopuk.co.uk", "anna.berg@shopuk.co.uk");
    }

    @Test
    void aSelfGrantAfterASuspiciousLoginIsReportedWithoutEventLogs() throws Exception {
        AnalysisResult r = analyze(List.of(
                text("User.csv", USERS),
                text("LoginHistory.csv", loginHistory(false, true)),
                text("SetupAuditTrail.csv", TRAIL)));
        Finding login = only(r, LeakPattern.SUSPICIOUS_LOGIN, "james.carter@shopuk.co.uk");
        assertThat(login.severity()).isEqualTo(Severity.HIGH);
        Finding grant = only(r, LeakPattern.DATA_ACCESS_GRANT, "james.carter@shopuk.co.uk");
        assertThat(grant.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(grant.title())
                .isEqualTo("Permission set Data_Export_All assigned to james.carter@shopuk.co.uk by"
                        + " james.carter@shopuk.co.uk at 2025-03-15 22:13 UTC, 50 s after the suspicious login of"
                        + " james.carter@shopuk.co.uk");
        assertThat(grant.rationale())
                .contains("made 50 s after the suspicious login of james.carter@shopuk.co.uk at 2025-03-15 22:12 UTC"
                        + " from 45.83.64.10, by that user (Login History: login at 2025-03-15 22:12 UTC from IP"
                        + " 45.83.64.10, never used in the user's 12 earlier successful logins; Login History: 4 failed"
                        + " logins (Invalid Password) in the hour before the successful login at 2025-03-15 22:12 UTC")
                .contains("what it grants is not in the metadata read")
                .contains("window: 24 h before an extraction to its end, 2 h after a suspicious login");
        assertThat(grant.evidence())
                .containsExactly(new EvidenceRef("LoginHistory.csv", 2), new EvidenceRef("SetupAuditTrail.csv", 2));
        assertThat(grant.containment())
                .extracting(ContainmentAction::action)
                .containsExactly(ContainmentAction.Action.REMOVE_PERMISSION_SET_ASSIGNMENT);
        assertThat(r.timeline()).allMatch(e -> e.subject().equals("james.carter@shopuk.co.uk"));
        assertThat(timelineOf(r, "james.carter@shopuk.co.uk"))
                .containsExactly("2025-03-15T22:12:44Z login", "2025-03-15T22:13:34Z setup-change");

        // the same assignment three hours later, or after an ordinary login, is not the takeover's
        AnalysisResult later = analyze(List.of(
                text("User.csv", USERS),
                text("LoginHistory.csv", loginHistory(false, true)),
                text("SetupAuditTrail.csv", TRAIL.replace("15/03/2025, 22:13:34", "16/03/2025, 01:13:34"))));
        assertThat(later.findings()).noneMatch(f -> f.pattern() == LeakPattern.DATA_ACCESS_GRANT);
        AnalysisResult ordinary = analyze(List.of(
                text("User.csv", USERS),
                text("LoginHistory.csv", loginHistory(false, false)),
                text("SetupAuditTrail.csv", TRAIL.replace("15/03/2025, 22:13:34", "14/03/2025, 08:25:00"))));
        assertThat(ordinary.findings()).isEmpty();
    }

    /** The problems that say a bulk read was not judged: file, line and message. */
    private static List<String> notJudged(AnalysisResult r) {
        return r.problems().stream()
                .filter(p -> p.kind() == dev.tandem.intake.Problem.Kind.BULK_READ_NOT_JUDGED)
                .map(p -> p.file() + ":" + p.line() + " " + p.message())
                .toList();
    }

    @Test
    void aBulkReadWithoutTheUserExportIsSaidToBeNotJudged() throws Exception {
        // the event logs alone: 80,000 Contacts in one session, and nothing that says who tom is
        AnalysisResult r = analyze(List.of(text("Login.csv", loginLog()), text("RestApi.csv", restApiLog())));
        assertThat(r.findings())
                .noneMatch(f -> f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION
                        || f.pattern() == LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC);
        assertThat(notJudged(r))
                .containsExactly("RestApi.csv:2 session vLoGiNkEy0000001 of tom.evans@shopuk.co.uk read 80,000"
                        + " customer rows (80,000 Contact) and was not judged: no User export names the user, so"
                        + " whether it is an administrator, an integration or another user is unknown (add the User"
                        + " export, with Profile.Name); no finding about it does not mean it was benign");
        // its reason rests on inputs other than the session's: the server treats it as privileged if any is
        assertThat(r.problems())
                .filteredOn(p -> p.kind() == dev.tandem.intake.Problem.Kind.BULK_READ_NOT_JUDGED)
                .allMatch(p -> "".equals(p.related()));
    }

    @Test
    void aUsersBulkReadWithoutDaysOfHistoryIsSaidToBeNotJudged() throws Exception {
        AnalysisResult r = analyze(List.of(text("User.csv", USERS), text("RestApi.csv", restApiLog())));
        assertThat(r.findings()).noneMatch(f -> f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION);
        assertThat(notJudged(r))
                .containsExactly("RestApi.csv:2 session vLoGiNkEy0000001 of tom.evans@shopuk.co.uk read 80,000"
                        + " customer rows (80,000 Contact) and was not judged: the logs read hold 0 other days of"
                        + " the user's activity, and its usual volume needs 3 (add the event logs of the days"
                        + " before); no finding about it does not mean it was benign");
    }

    @Test
    void aBulkReadThatWasJudgedIsNotSaidToBeNotJudged() throws Exception {
        // the same session with the User export and twelve days of habit: a finding, and no such problem
        AnalysisResult r = withEventLogs(false);
        assertThat(r.findings())
                .anyMatch(f -> f.pattern() == LeakPattern.ADMIN_SESSION_BULK_EXTRACTION
                        && f.subject().id().equals("tom.evans@shopuk.co.uk"));
        assertThat(notJudged(r)).isEmpty();
    }
}
