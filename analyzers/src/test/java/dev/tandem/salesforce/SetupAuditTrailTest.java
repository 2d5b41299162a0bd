package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Problem;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.SetupAuditTrail.Classified;
import dev.tandem.salesforce.SetupAuditTrail.Opens;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SetupAuditTrailTest {

    /** An org-wide default opened names its object, after the model or before it. */
    @Test
    void namesTheObjectOfAnOpenedDefaultWhereverTheTextPutsIt() {
        assertThat(SetupAuditTrail.classify(
                        "Changed Contact sharing model from Private to Public Read/Write", "Sharing Defaults"))
                .isEqualTo(new Classified(Opens.SHARING_OPENED, "Contact", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed Account External Access Level from Private to Public Read Only", "Sharing Defaults"))
                .isEqualTo(new Classified(Opens.SHARING_OPENED, "Account", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed sharing model for Lead from Private to Public Read Only", "Sharing Defaults"))
                .isEqualTo(new Classified(Opens.SHARING_OPENED, "Lead", false, ""));
        // closed again, or no object named at all
        assertThat(SetupAuditTrail.classify(
                        "Changed Lead sharing model from Public Read/Write to Private", "Sharing Defaults"))
                .isNull();
        assertThat(SetupAuditTrail.classify(
                        "Changed the sharing model from Private to Public Read Only", "Sharing Defaults"))
                .isEqualTo(new Classified(Opens.SHARING_OPENED, "", false, ""));
    }

    @Test
    void readsTheChangesThatOpenDataAsTheAuditTrailWordsThem() {
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Integration User Profile: system permission View All Data was changed from"
                                + " disabled to enabled",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.VIEW_ALL_DATA, "Integration User Profile", true, ""));
        assertThat(SetupAuditTrail.classify(
                        "Permission set Integration_Full_Access: Modify All Data was changed from False to True",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.MODIFY_ALL_DATA, "Integration_Full_Access", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Permission set Data_Export_Access: assigned to user Dana Whitfield (dana.whitfield@shopco.com)",
                        "Manage Users"))
                .isEqualTo(new Classified(
                        Opens.PERMISSION_SET_ASSIGNED, "Data_Export_Access", false, "dana.whitfield@shopco.com"));
        assertThat(SetupAuditTrail.classify(
                        "Assigned permission set group Bulk_Export to user sam@shop.example", "Manage Users"))
                .isEqualTo(new Classified(Opens.PERMISSION_SET_ASSIGNED, "Bulk_Export", false, "sam@shop.example"));
        assertThat(SetupAuditTrail.classify(
                        "Changed profile for user sam@shop.example from Standard User to System Administrator",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.PROFILE_ASSIGNED, "System Administrator", true, "sam@shop.example"));
        assertThat(SetupAuditTrail.classify(
                        "Changed Connected App Policy for Data Loader Bulk: IP Relaxation changed from Enforce IP"
                                + " restrictions to Relax IP restrictions",
                        "Connected Apps"))
                .isEqualTo(new Classified(Opens.OAUTH_IP_RELAXED, "Data Loader Bulk", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed Connected App Policy for Data Loader Bulk: Permitted Users changed from Admin approved"
                                + " users are pre-authorized to All users may self-authorize",
                        "Connected Apps"))
                .isEqualTo(new Classified(Opens.OAUTH_ALL_USERS, "Data Loader Bulk", false, ""));
        assertThat(SetupAuditTrail.classify("Created connected app Quick Export", "Connected Apps"))
                .isEqualTo(new Classified(Opens.CONNECTED_APP, "Quick Export", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed Contact sharing model from Private to Public Read Only", "Sharing Defaults"))
                .extracting(Classified::opens)
                .isEqualTo(Opens.SHARING_OPENED);
        assertThat(SetupAuditTrail.classify("Created Sharing Rule Share_All_Contacts for Contact", "Sharing Rules"))
                .isEqualTo(new Classified(Opens.SHARING_OPENED, "Share_All_Contacts", false, ""));
    }

    /**
     * Action texts as real trails word them (docs/leak-patterns.md, "Setup Audit Trail wording"):
     * a custom profile is named {@code Custom: <name>}; a profile's permissions are "administrative"
     * or "general user" ones; a connected app is enabled or disabled for a profile.
     */
    @Test
    void readsTheWordingOfRealTrails() {
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Custom: Sales Profile: administrative permission View All Data was changed"
                                + " from disabled to enabled",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.VIEW_ALL_DATA, "Sales Profile", true, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Sales Development Manager: general user permission API Enabled was changed"
                                + " from disabled to enabled",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.API_ENABLED, "Sales Development Manager", true, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed profile for user dana@shop.example from Custom: Support Profile to Custom: Admin Copy",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.PROFILE_ASSIGNED, "Admin Copy", true, "dana@shop.example"));
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Sales Development Manager: Force.com IDE connected app is enabled",
                        "Manage Users"))
                .isEqualTo(new Classified(Opens.CONNECTED_APP, "Force.com IDE", false, ""));
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Custom: Sales Profile: Data Loader connected app is enabled", "Manage Users"))
                .isEqualTo(new Classified(Opens.CONNECTED_APP, "Data Loader", false, ""));
        // access taken away, and changes that open no data, as real trails word them
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Sales Development Manager: Force.com IDE connected app is disabled",
                        "Manage Users"))
                .isNull();
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Custom: Sales Profile: administrative permission View All Data was changed"
                                + " from enabled to disabled",
                        "Manage Users"))
                .isNull();
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Standard Platform User: Analytics tab was changed from Default On to Default"
                                + " Off",
                        "Manage Users"))
                .isNull();
        assertThat(SetupAuditTrail.classify("Created permission set MAD: with user license Salesforce", "Manage Users"))
                .isNull();
    }

    @Test
    void changesThatCloseOrOpenNothingAreNotKept() {
        assertThat(SetupAuditTrail.classify(
                        "Changed profile Custom Admin: system permission View All Data was changed from enabled to"
                                + " disabled",
                        "Manage Users"))
                .isNull();
        assertThat(SetupAuditTrail.classify(
                        "Changed Connected App Policy for Data Loader Bulk: IP Relaxation changed from Relax IP"
                                + " restrictions to Enforce IP restrictions",
                        "Connected Apps"))
                .isNull();
        assertThat(SetupAuditTrail.classify("Deleted Sharing Rule Old_Rule for Contact", "Sharing Rules"))
                .isNull();
        assertThat(SetupAuditTrail.classify("Changed Account page layout Account Layout", "Customize Accounts"))
                .isNull();
        assertThat(SetupAuditTrail.classify(
                        "Changed Contact sharing model from Public Read Only to Private", "Sharing Defaults"))
                .isNull();
    }

    @Test
    void namesRowsWithoutAReadableDateOrActionByFileAndLine() throws Exception {
        String csv = "\"Date\",\"User\",\"Source Namespace Prefix\",\"Action\",\"Section\",\"Delegate User\"\n"
                + "\"3/26/2025, 2:40:11 AM GMT\",\"bob@shop.example\",\"\",\"Permission set Ops: View All Data was"
                + " changed from False to True\",\"Manage Users\",\"\"\n"
                + "\"yesterday\",\"bob@shop.example\",\"\",\"Created connected app X\",\"Connected Apps\",\"\"\n"
                + "\"2025-03-26 03:00:00 PDT\",\"bob@shop.example\",\"\",\"\",\"Manage Users\",\"\"\n"
                + "\"2025-03-26T04:00:00Z\",\"bob@shop.example\",\"\",\"Changed password policy\",\"Security\",\"\"\n";
        Problems problems = new Problems(10);
        SetupAuditTrail trail = new SetupAuditTrail();
        try (CsvTable t =
                CsvTable.open("trail.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), problems)) {
            trail.read("trail.csv", t, problems);
        }
        assertThat(trail.rows()).isEqualTo(4);
        assertThat(trail.changes()).singleElement().satisfies(c -> {
            assertThat(c.opens()).isEqualTo(Opens.VIEW_ALL_DATA);
            assertThat(c.line()).isEqualTo(2);
            assertThat(java.time.Instant.ofEpochMilli(c.millis())).hasToString("2025-03-26T02:40:11Z");
        });
        assertThat(problems.all())
                .extracting(Problem::file, Problem::line, Problem::kind, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "trail.csv",
                                3L,
                                Problem.Kind.MALFORMED_ROW,
                                "unreadable Date \"yesterday\" (column 1; ISO 8601, or M/d/yyyy or d/M/yyyy h:mm:ss [AM] [zone])"),
                        org.assertj.core.groups.Tuple.tuple(
                                "trail.csv", 4L, Problem.Kind.MALFORMED_ROW, "setup change without Action (column 4)"),
                        org.assertj.core.groups.Tuple.tuple(
                                "trail.csv", 0L, Problem.Kind.MALFORMED_ROWS_SKIPPED, "2 malformed row(s) skipped"));
    }

    private static SetupAuditTrail readTrail(String file, byte[] content, Problems problems) throws Exception {
        SetupAuditTrail trail = new SetupAuditTrail();
        try (CsvTable t = CsvTable.open(file, new ByteArrayInputStream(content), problems)) {
            assertThat(SetupAuditTrail.isSetupAuditTrail(t.header())).isTrue();
            trail.read(file, t, problems);
        }
        return trail;
    }

    private static SetupAuditTrail readWithoutProblems(String file, String csv) throws Exception {
        Problems problems = new Problems(10);
        SetupAuditTrail trail = readTrail(file, csv.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(problems.all()).isEmpty();
        return trail;
    }

    /**
     * A Data Loader export of {@code SELECT Id, CreatedDate, CreatedBy.Username, Action, Section,
     * Display, DelegateUser FROM SetupAuditTrail}: field names in capitals, every value quoted, CRLF
     * line ends, a UTF-8 BOM (as Excel saves it back), ISO times in GMT; Display holds commas,
     * quotes and a line break, DelegateUser is mostly empty; Action is a code.
     */
    @Test
    void readsADataLoaderExportOfTheObject() throws Exception {
        String csv = "\uFEFF\"ID\",\"CREATEDDATE\",\"CREATEDBY.USERNAME\",\"ACTION\",\"SECTION\",\"DISPLAY\","
                + "\"DELEGATEUSER\"\r\n"
                + "\"0Ym5g00000AbCd1CAA\",\"2025-03-10T03:15:00.000Z\",\"dana@shop.example\",\"PermSetAssign\","
                + "\"Manage Users\",\"Permission set Bulk_Export: assigned to user Dana Whitfield, Ops"
                + " (dana@shop.example)\",\"\"\r\n"
                + "\"0Ym5g00000AbCd2CAA\",\"2025-03-02T16:00:00.000Z\",\"bob@shop.example\",\"PermSetEnableUserPerm\","
                + "\"Manage Users\",\"Permission set Ops: View All Data was changed from False to True\","
                + "\"admin@support.example\"\r\n"
                + "\"0Ym5g00000AbCd3CAA\",\"2025-03-03T16:00:00.000Z\",\"bob@shop.example\",\"layoutChanged\","
                + "\"Customize Accounts\",\"Changed \"\"Account Layout\"\" page layout,\r\nAccount\",\"\"\r\n"
                + "\"0Ym5g00000AbCd4CAA\",\"2025-03-01T16:00:00.000Z\",\"bob@shop.example\",\"connectedAppPolicy\","
                + "\"Connected Apps\",\"Changed Connected App Policy for Data Loader: IP Relaxation changed from"
                + " Enforce IP restrictions to Relax IP restrictions\",\"\"\r\n";
        SetupAuditTrail trail = readWithoutProblems("SetupAuditTrail.csv", csv);
        assertThat(trail.rows()).isEqualTo(4);
        assertThat(trail.changes())
                .extracting(
                        SetupAuditTrail.Change::line,
                        c -> java.time.Instant.ofEpochMilli(c.millis()).toString(),
                        SetupAuditTrail.Change::user,
                        SetupAuditTrail.Change::delegate,
                        SetupAuditTrail.Change::opens,
                        SetupAuditTrail.Change::holder,
                        SetupAuditTrail.Change::forUser)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                6L,
                                "2025-03-01T16:00:00Z",
                                "bob@shop.example",
                                "",
                                Opens.OAUTH_IP_RELAXED,
                                "Data Loader",
                                ""),
                        org.assertj.core.groups.Tuple.tuple(
                                3L,
                                "2025-03-02T16:00:00Z",
                                "bob@shop.example",
                                "admin@support.example",
                                Opens.VIEW_ALL_DATA,
                                "Ops",
                                ""),
                        org.assertj.core.groups.Tuple.tuple(
                                2L,
                                "2025-03-10T03:15:00Z",
                                "dana@shop.example",
                                "",
                                Opens.PERMISSION_SET_ASSIGNED,
                                "Bulk_Export",
                                "dana@shop.example"));
        // the text shown for the change is the Display, not the Action code
        assertThat(trail.changes().getLast().action())
                .isEqualTo("Permission set Bulk_Export: assigned to user Dana Whitfield, Ops (dana@shop.example)");
    }

    /**
     * {@code sf data query --result-format csv} and Workbench: field names as written in the query,
     * only the values that need it quoted, times with a {@code +0000} offset; a query without
     * CreatedBy.Username names the user by CreatedById until the User export names them.
     */
    @Test
    void readsACommandLineExportAndNamesUsersGivenByIdOnly() throws Exception {
        String csv = "CreatedDate,CreatedById,Action,Section,Display,DelegateUser,ResponsibleNamespacePrefix\n"
                + "2025-03-10T03:15:00.000+0000,0055g00000DaNa1AAA,changedprofileforuser,Manage Users,"
                + "\"Changed profile for user dana@shop.example from Standard User to System Administrator\",,\n"
                + "2025-03-10T05:15:00.000+0200,0055g00000BoB01AAA,PermSetAssign,Manage Users,"
                + "Permission set Bulk_Export: assigned to user sam@shop.example,,\n";
        SetupAuditTrail trail = readWithoutProblems("audit.csv", csv);
        trail.nameUsers(id -> id.startsWith("0055g00000DaNa1") ? "dana@shop.example" : null);
        assertThat(trail.changes())
                .extracting(
                        c -> java.time.Instant.ofEpochMilli(c.millis()).toString(),
                        SetupAuditTrail.Change::user,
                        SetupAuditTrail.Change::opens)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-03-10T03:15:00Z", "dana@shop.example", Opens.PROFILE_ASSIGNED),
                        // a user left unnamed keeps the id in its 15-character form, as the event logs give it
                        org.assertj.core.groups.Tuple.tuple(
                                "2025-03-10T03:15:00Z", "0055g00000BoB01", Opens.PERMISSION_SET_ASSIGNED));
    }

    @Test
    void namesTheRowsOfAQueryExportWithoutATimeOrAnyTextByFileLineAndColumn() throws Exception {
        String csv = "Id,CreatedDate,CreatedBy.Name,Action,Section,Display,DelegateUser\r\n"
                + "0Ym1,10 mars 2025,Dana Whitfield,PermSetAssign,Manage Users,"
                + "Permission set X: assigned to user sam@shop.example,\r\n"
                + "0Ym2,2025-03-10T03:16:00.000Z,Dana Whitfield,PermSetAssign,Manage Users,,\r\n"
                + "0Ym3,2025-03-10T03:17:00.000Z,Dana Whitfield,,,,\r\n"
                + "0Ym4,2025-03-10T03:18:00.000Z,Dana Whitfield,PermSetAssign,Manage Users,"
                + "Permission set X: assigned to user sam@shop.example,\r\n";
        Problems problems = new Problems(10);
        SetupAuditTrail trail = readTrail("trail-export.csv", csv.getBytes(StandardCharsets.UTF_8), problems);
        assertThat(trail.changes()).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(5);
            assertThat(c.user()).isEqualTo("Dana Whitfield");
        });
        assertThat(problems.all())
                .extracting(Problem::file, Problem::line, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "trail-export.csv",
                                2L,
                                "unreadable CreatedDate \"10 mars 2025\" (column 2; ISO 8601, or M/d/yyyy or"
                                        + " d/M/yyyy h:mm:ss [AM] [zone])"),
                        org.assertj.core.groups.Tuple.tuple(
                                "trail-export.csv", 4L, "setup change without Display or Action (column 6)"),
                        org.assertj.core.groups.Tuple.tuple("trail-export.csv", 0L, "2 malformed row(s) skipped"));
        // the row with an Action code and a null Display is counted, as the changes that open nothing are
        assertThat(trail.rows()).isEqualTo(4);
    }

    @Test
    void namesAJsonRecordWithoutAReadableTimeByFileAndLine() {
        Problems problems = new Problems(10);
        SetupAuditTrail trail = new SetupAuditTrail();
        trail.readRecord(
                "trail.json",
                3,
                java.util.Map.of(
                        "CreatedDate", "yesterday",
                        "Action", "PermSetAssign",
                        "Display", "Permission set X: assigned to user sam@shop.example"),
                problems);
        trail.readRecord(
                "trail.json",
                4,
                java.util.Map.of(
                        "CreatedDate", "2025-03-10T03:15:00.000+0000",
                        "CreatedBy.Name", "Dana Whitfield",
                        "Action", "PermSetAssign",
                        "Section", "Manage Users",
                        "Display", "Permission set X: assigned to user sam@shop.example"),
                problems);
        assertThat(trail.changes()).singleElement().satisfies(c -> {
            assertThat(c.line()).isEqualTo(4);
            assertThat(c.user()).isEqualTo("Dana Whitfield");
            assertThat(c.forUser()).isEqualTo("sam@shop.example");
        });
        assertThat(problems.all())
                .extracting(Problem::file, Problem::line, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "trail.json",
                                3L,
                                "unreadable CreatedDate \"yesterday\" (ISO 8601, or M/d/yyyy or d/M/yyyy h:mm:ss [AM] [zone])"));
    }

    @Test
    void readsTheTimesOfTheSetupDownloads() {
        assertThat(SetupTimes.parse("3/15/2025, 10:12:44 AM PDT")).isEqualTo(iso("2025-03-15T17:12:44Z"));
        assertThat(SetupTimes.parse("3/15/2025 10:12 PM GMT")).isEqualTo(iso("2025-03-15T22:12:00Z"));
        assertThat(SetupTimes.parse("2025-03-15 17:12:44 UTC")).isEqualTo(iso("2025-03-15T17:12:44Z"));
        assertThat(SetupTimes.parse("2025-03-15T17:12:44.000+0000")).isEqualTo(iso("2025-03-15T17:12:44Z"));
        assertThat(SetupTimes.parse("3/15/2025 17:12:44")).isEqualTo(iso("2025-03-15T17:12:44Z"));
        // written with dots, a date is only ever day first (German, Russian, Czech …)
        assertThat(SetupTimes.parse("15.03.2025 17:12")).isEqualTo(iso("2025-03-15T17:12:00Z"));
        // a month's name, as French writes it: day first
        assertThat(SetupTimes.parse("15 mars 2025 17:12")).isEqualTo(iso("2025-03-15T17:12:00Z"));
        assertThat(SetupTimes.parse("")).isEqualTo(Timestamps.UNKNOWN);
    }

    /**
     * Chinese, Japanese and Korean put the half of the day before the time (CLDR: {@code y/M/d ah:mm},
     * Korean {@code y. M. d. a h:mm}), with or without a space after it.
     */
    @Test
    void readsTheHalfOfTheDayWrittenBeforeTheTime() {
        assertThat(SetupTimes.parse("2026/12/3 下午2:15")).isEqualTo(iso("2026-12-03T14:15:00Z"));
        assertThat(SetupTimes.parse("2026/12/3 下午 10:16:20 GMT+08:00")).isEqualTo(iso("2026-12-03T14:16:20Z"));
        assertThat(SetupTimes.parse("2026/12/3 上午12:05")).isEqualTo(iso("2026-12-03T00:05:00Z"));
        assertThat(SetupTimes.parse("2026/12/03 午後2:15")).isEqualTo(iso("2026-12-03T14:15:00Z"));
        assertThat(SetupTimes.parse("2026. 12. 3. 오후 2:15:16")).isEqualTo(iso("2026-12-03T14:15:16Z"));
        assertThat(SetupTimes.parse("2026. 12. 3. 오전 9:02")).isEqualTo(iso("2026-12-03T09:02:00Z"));
        // a half of the day with an hour past 12, two of them, a Korean date without its last dot: no time
        assertThat(SetupTimes.parse("2026. 12. 3. 오후 14:15")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(SetupTimes.parse("2026/12/3 下午 2:15 PM")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(SetupTimes.parse("2026. 12. 3 오후 2:15")).isEqualTo(Timestamps.UNKNOWN);
    }

    /**
     * A download is written in the time zone of the user who downloaded it, with its abbreviation:
     * each stands for one offset, whatever the season (Phoenix keeps MST in July, Brisbane AEST in
     * January), and the ones java.time reads as another zone (BST as GMT, IST as GMT) or not at all
     * (SGT, BRT) are read as the zones Salesforce users have.
     */
    @Test
    void readsAZoneAbbreviationAsTheOneOffsetItStandsFor() {
        String[][] cases = {
            {"7/15/2025, 3:00:00 AM MST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 4:00:00 AM MDT", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 3:00:00 AM PDT", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 5:00:00 AM CDT", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 4:00:00 AM CST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 5:00:00 AM EST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 11:00:00 AM BST", "2025-07-15T10:00:00Z"},
            {"2025-07-15 11:00:00 BST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 12:00:00 PM CEST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 3:30:00 PM IST", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 6:00:00 PM SGT", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 7:00:00 AM BRT", "2025-07-15T10:00:00Z"},
            {"7/15/2025, 8:00:00 PM AEST", "2025-07-15T10:00:00Z"},
            {"1/15/2025, 8:00:00 PM AEST", "2025-01-15T10:00:00Z"},
            {"1/15/2025, 9:00:00 PM AEDT", "2025-01-15T10:00:00Z"},
            {"1/15/2025, 2:00:00 AM pst", "2025-01-15T10:00:00Z"}
        };
        for (String[] c : cases) {
            assertThat(SetupTimes.parse(c[0])).as(c[0]).isEqualTo(iso(c[1]));
        }
        long tenUtc = iso("2025-07-15T10:00:00Z");
        // offsets and GMT as before
        assertThat(SetupTimes.parse("7/15/2025, 10:00:00 AM GMT")).isEqualTo(tenUtc);
        assertThat(SetupTimes.parse("7/15/2025, 11:00:00 AM GMT+01:00")).isEqualTo(tenUtc);
        assertThat(SetupTimes.parse("7/15/2025, 10:00:00 AM XYZT")).isEqualTo(Timestamps.UNKNOWN);
        assertThat(SetupTimes.parse("7/15/2025, 25:00:00 AM BST")).isEqualTo(Timestamps.UNKNOWN);
    }

    private static long iso(String s) {
        return java.time.Instant.parse(s).toEpochMilli();
    }
}
