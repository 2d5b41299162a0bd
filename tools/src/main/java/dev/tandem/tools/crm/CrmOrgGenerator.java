package dev.tandem.tools.crm;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a realistic org for seed {@code N}: the same seed gives the same bytes. The injected
 * incidents and look-alikes are always present, whatever the scale; {@code users} and
 * {@code rows} set the volume of ordinary activity around them.
 */
public final class CrmOrgGenerator {
    public static final String DOMAIN = "shopco.com";
    public static final String PROD_ORG = "00D5g000004ShpA";
    public static final String SANDBOX_ORG = "00D7z000000UatB";

    /** The subjects of the injected incidents (the labels file lists them too). */
    public static final String INTEGRATION_USER = "integration.sync@shopco.com";

    public static final String INTEGRATION_PERMSET = "Integration_Full_Access";
    public static final String HIJACKED_ADMIN = "dana.whitfield@shopco.com";
    public static final String GUEST_RULE = "Contact.Share_Contacts_With_Site_Guests";
    public static final String CLEARTEXT_HOST = "ingest.metricsbay.io";
    public static final String TAG_HOST = "collect.tagpixel-analytics.net";
    public static final String LEAKY_ENDPOINT = "GET api.shopco.com/v1/products/{id}/recommendations";

    /** Generation settings. */
    public record Settings(long seed, int users, long rows, int days, LocalDate start, boolean eventLogsOnly) {
        public Settings {
            if (users < 20 || days < 7 || rows < 0) {
                throw new IllegalArgumentException("need at least 20 users and 7 days");
            }
        }

        /** The first day of the canonical org: every start a whole number of weeks from it gives the same org, dated otherwise. */
        public static final LocalDate START = LocalDate.of(2025, 3, 1);

        public static Settings of(long seed, int users, long rows) {
            return new Settings(seed, users, rows, 30, START, false);
        }

        /**
         * The canonical org moved by whole weeks so that its incident day (the integration's
         * extraction, 4 days before the end) falls in the week up to {@code incidentDay}: the same
         * weekdays, so the same random draws and the same findings as {@link #of}, with recent dates.
         */
        public static Settings endingNear(long seed, int users, long rows, LocalDate incidentDay) {
            int length = 30;
            long days = java.time.temporal.ChronoUnit.DAYS.between(START.plusDays(length - 4), incidentDay);
            return new Settings(seed, users, rows, length, START.plusWeeks(Math.floorDiv(days, 7)), false);
        }
    }

    /** What was written. */
    public record Summary(long files, long eventRows, long eventBytes, int users, List<Label> labels) {}

    enum Type {
        Login,
        LoginAs,
        Logout,
        API,
        RestApi,
        BulkApi,
        BulkApi2,
        Report,
        ReportExport,
        URI,
        DocumentAttachmentDownloads,
        Sites,
        ApexCallout
    }

    private static final Map<Type, List<String>> HEADERS = new EnumMap<>(Type.class);

    static {
        List<String> common =
                List.of("EVENT_TYPE", "TIMESTAMP", "REQUEST_ID", "ORGANIZATION_ID", "USER_ID", "RUN_TIME", "CPU_TIME");
        HEADERS.put(
                Type.Login,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "LOGIN_TYPE",
                        "BROWSER_TYPE",
                        "API_TYPE",
                        "API_VERSION",
                        "USER_NAME",
                        "TLS_PROTOCOL",
                        "CIPHER_SUITE",
                        "LOGIN_STATUS",
                        "SOURCE_IP",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.LoginAs,
                cat(
                        common,
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "DELEGATED_USER_ID",
                        "DELEGATED_USER_NAME",
                        "SOURCE_IP",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.Logout,
                cat(
                        common,
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "SESSION_LEVEL",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.API,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "API_TYPE",
                        "API_VERSION",
                        "CLIENT_NAME",
                        "METHOD_NAME",
                        "ENTITY_NAME",
                        "ROWS_PROCESSED",
                        "REQUEST_SIZE",
                        "RESPONSE_SIZE",
                        "QUERY",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.RestApi,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "METHOD",
                        "MEDIA_TYPE",
                        "STATUS_CODE",
                        "ROWS_PROCESSED",
                        "ENTITY_NAME",
                        "REQUEST_SIZE",
                        "RESPONSE_SIZE",
                        "CONNECTED_APP_ID",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.BulkApi,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "JOB_ID",
                        "BATCH_ID",
                        "ENTITY_TYPE",
                        "OPERATION_TYPE",
                        "ROWS_PROCESSED",
                        "NUMBER_FAILURES",
                        "SUCCESS",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.BulkApi2,
                cat(
                        common,
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "JOB_ID",
                        "ENTITY_TYPE",
                        "OPERATION_TYPE",
                        "JOB_STATUS",
                        "RECORDS_PROCESSED",
                        "RECORDS_FAILED",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.Report,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "ENTITY_NAME",
                        "DISPLAY_TYPE",
                        "RENDERING_TYPE",
                        "REPORT_ID",
                        "ROW_COUNT",
                        "NUMBER_COLUMNS",
                        "ORIGIN",
                        "IS_SCHEDULED",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP",
                        "REPORT_ID_DERIVED"));
        HEADERS.put(
                Type.ReportExport,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "CLIENT_INFO",
                        "REPORT_ID",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP",
                        "REPORT_ID_DERIVED"));
        HEADERS.put(
                Type.URI,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "REFERRER_URI",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.DocumentAttachmentDownloads,
                cat(
                        common,
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "ENTITY_ID",
                        "FILE_NAME",
                        "FILE_TYPE",
                        "FILE_PREVIEW_TYPE",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.Sites,
                cat(
                        common,
                        "URI",
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "USER_TYPE",
                        "REQUEST_STATUS",
                        "HTTP_METHOD",
                        "SITE_ID",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
        HEADERS.put(
                Type.ApexCallout,
                cat(
                        common,
                        "SESSION_KEY",
                        "LOGIN_KEY",
                        "TYPE",
                        "METHOD",
                        "SUCCESS",
                        "TIME",
                        "REQUEST_SIZE",
                        "RESPONSE_SIZE",
                        "URL",
                        "TIMESTAMP_DERIVED",
                        "USER_ID_DERIVED",
                        "CLIENT_IP"));
    }

    private static List<String> cat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;
    private static final String[] FIRST = {
        "olivia", "liam", "emma", "noah", "ava", "elijah", "sophia", "lucas", "mia", "mateo", "isabella", "levi",
        "amelia", "ezra", "harper", "james", "evelyn", "leo", "luna", "aiden", "chloe", "kai", "nora", "ethan"
    };
    private static final String[] LAST = {
        "garcia", "smith", "johnson", "brown", "jones", "miller", "davis", "rodriguez", "martinez", "lopez", "wilson",
        "anderson", "thomas", "taylor", "moore", "jackson", "martin", "lee", "perez", "thompson", "white", "harris"
    };
    private static final String[] OBJECTS = {"Account", "Contact", "Opportunity", "Case", "Lead", "Product2", "Task"};
    private static final String ID_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** A generated user. */
    record User(
            String id15,
            String username,
            String first,
            String last,
            String profile,
            String userType,
            List<String> permissionSets,
            String officeIp,
            String homeIp,
            int startHour,
            Role role) {
        String id18() {
            return id15 + checksum(id15);
        }
    }

    enum Role {
        REGULAR,
        ADMIN,
        HIJACKED_ADMIN,
        SMALL_EXPORT_ADMIN,
        INTEGRATION,
        SCOPED_ANALYTICS,
        MARKETING_OPS,
        GUEST
    }

    private final Settings s;
    final SplittableRandom rnd;
    private final List<User> users = new ArrayList<>();
    private final Map<String, User> bySpecial = new LinkedHashMap<>();
    private long files;
    /** The production org's Setup › Login History download, written as logins are; null for event logs only. */
    private @org.jspecify.annotations.Nullable CsvOut loginHistory;
    /** The production org's Setup Audit Trail rows: time, user, action, section. */
    private final List<String[]> setupChanges = new ArrayList<>();

    private long eventRows;
    private long eventBytes;

    private CrmOrgGenerator(Settings s) {
        this.s = s;
        this.rnd = new SplittableRandom(s.seed());
    }

    /** Writes the org under {@code dir} and returns what was written. */
    public static Summary generate(Settings settings, Path dir) {
        CrmOrgGenerator g = new CrmOrgGenerator(settings);
        try {
            Files.createDirectories(dir);
            g.planUsers();
            List<Label> labels = labels();
            if (!settings.eventLogsOnly()) {
                g.writeMetadata(dir.resolve("metadata/force-app/main/default"));
                g.writeDirectory(dir.resolve("data"));
                g.writeHar(dir.resolve("har"));
                g.writeExports(dir.resolve("exports"));
                g.writeLabels(dir.resolve("labels.json"), labels);
            }
            if (!settings.eventLogsOnly()) {
                g.loginHistory = new CsvOut(dir.resolve("setup/LoginHistory.csv"), LOGIN_HISTORY);
                g.files++;
            }
            try {
                g.writeEventLogs(dir.resolve("eventlogs"));
            } finally {
                if (g.loginHistory != null) {
                    g.loginHistory.close();
                }
            }
            if (!settings.eventLogsOnly()) {
                g.writeSetupAuditTrail(dir.resolve("setup/SetupAuditTrail.csv"));
            }
            return new Summary(g.files, g.eventRows, g.eventBytes, g.users.size(), labels);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The injected incidents and the look-alikes, one class each, in the order they write: the
     * incidents first, one per leak pattern, then the look-alikes, then the login incident the Login
     * History shows (last, and drawing no random numbers, so that the org is otherwise the same).
     */
    static final List<Scenario> SCENARIOS = List.of(
            new IntegrationSandboxSync(),
            new GuestSharingRule(),
            new CleartextAnalyticsFeed(),
            new HijackedAdminSession(),
            new CheckoutMarketingTag(),
            new LeakyRecommendationsApi(),
            new ScopedAnalyticsSync(),
            new SmallAdminExport(),
            new FirstPartyCheckout(),
            new PaymentProcessor(),
            new CheckoutFonts(),
            new ProductSearch(),
            new InternalRoleSharingRule(),
            new AnalyticsLoginAtABrowser());

    /** The expected findings and the look-alikes that must not be reported, from every scenario. */
    public static List<Label> labels() {
        return SCENARIOS.stream().flatMap(sc -> sc.labels().stream()).toList();
    }

    // ---------------------------------------------------------------- people

    String id15(String prefix) {
        StringBuilder b = new StringBuilder(prefix);
        while (b.length() < 15) {
            b.append(ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    /** The 3-character suffix that makes a 15-character Salesforce id case-insensitive-unique. */
    static String checksum(String id15) {
        String map = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        StringBuilder out = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int flags = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    flags |= 1 << i;
                }
            }
            out.append(map.charAt(flags));
        }
        return out.toString();
    }

    String ip(String prefix) {
        return prefix + rnd.nextInt(1, 255);
    }

    /** A user of a scenario, by the key it was planned under. */
    User special(String key) {
        User u = bySpecial.get(key);
        if (u == null) {
            throw new IllegalStateException("no user planned as " + key);
        }
        return u;
    }

    int days() {
        return s.days();
    }

    /** The day of the integration's extraction and sandbox load. */
    int incidentDay() {
        return s.days() - 4;
    }

    private void special(String key, User u) {
        users.add(u);
        bySpecial.put(key, u);
    }

    private void planUsers() {
        String[] offices = new String[12];
        for (int i = 0; i < offices.length; i++) {
            offices[i] = "198.51.100." + (10 + i);
        }
        special(
                "hijacked",
                new User(
                        id15("0055g00000"),
                        HIJACKED_ADMIN,
                        "Dana",
                        "Whitfield",
                        "System Administrator",
                        "Standard",
                        List.of(),
                        offices[0],
                        ip("203.0.113."),
                        8,
                        Role.HIJACKED_ADMIN));
        special(
                "itadmin",
                new User(
                        id15("0055g00000"),
                        "it.admin@" + DOMAIN,
                        "Ira",
                        "Tanaka",
                        "System Administrator",
                        "Standard",
                        List.of(),
                        offices[1],
                        ip("203.0.113."),
                        9,
                        Role.SMALL_EXPORT_ADMIN));
        for (int i = 0; i < 3; i++) {
            special(
                    "admin" + i,
                    new User(
                            id15("0055g00000"),
                            "admin" + (i + 1) + "@" + DOMAIN,
                            FIRST[i],
                            LAST[i],
                            "System Administrator",
                            "Standard",
                            List.of(),
                            offices[2 + i],
                            ip("203.0.113."),
                            8,
                            Role.ADMIN));
        }
        special(
                "integration",
                new User(
                        id15("0055g00000"),
                        INTEGRATION_USER,
                        "Integration",
                        "Sync",
                        "Integration User",
                        "Standard",
                        List.of(INTEGRATION_PERMSET),
                        "34.120.15.7",
                        "34.120.15.7",
                        2,
                        Role.INTEGRATION));
        special(
                "analytics",
                new User(
                        id15("0055g00000"),
                        "analytics.sync@" + DOMAIN,
                        "Analytics",
                        "Sync",
                        "Analytics Integration",
                        "Standard",
                        List.of("Analytics_Read_Scoped"),
                        "52.14.88.20",
                        "52.14.88.20",
                        1,
                        Role.SCOPED_ANALYTICS));
        special(
                "marketing",
                new User(
                        id15("0055g00000"),
                        "marketing.ops@" + DOMAIN,
                        "Mara",
                        "Okafor",
                        "Marketing User",
                        "Standard",
                        List.of("Marketing_Campaigns"),
                        offices[5],
                        ip("203.0.113."),
                        9,
                        Role.MARKETING_OPS));
        special(
                "guest",
                new User(
                        id15("0055g00000"),
                        "customerportal@shopco.force.com",
                        "Customer Portal",
                        "Site Guest User",
                        "Customer Portal Profile",
                        "Guest",
                        List.of(),
                        "",
                        "",
                        0,
                        Role.GUEST));
        int regular = s.users() - users.size();
        String[] profiles = {
            "Standard User", "Standard User", "Standard User", "Custom: Support Profile", "Marketing User"
        };
        for (int i = 0; i < regular; i++) {
            String f = FIRST[rnd.nextInt(FIRST.length)];
            String l = LAST[rnd.nextInt(LAST.length)];
            List<String> sets = rnd.nextInt(4) == 0 ? List.of("Sales_Console") : List.of();
            users.add(new User(
                    id15("0055g00000"),
                    f + "." + l + i + "@" + DOMAIN,
                    cap(f),
                    cap(l),
                    profiles[rnd.nextInt(profiles.length)],
                    "Standard",
                    sets,
                    offices[rnd.nextInt(offices.length)],
                    ip("100.64." + rnd.nextInt(256) + "."),
                    7 + rnd.nextInt(4),
                    Role.REGULAR));
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    // ---------------------------------------------------------------- metadata

    void xml(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body, StandardCharsets.UTF_8);
        files++;
    }

    private static String perms(String... names) {
        StringBuilder b = new StringBuilder();
        for (String n : names) {
            b.append("    <userPermissions>\n        <enabled>true</enabled>\n        <name>")
                    .append(n)
                    .append("</name>\n    </userPermissions>\n");
        }
        return b.toString();
    }

    private static String objectPerm(String object, boolean read, boolean viewAll) {
        return "    <objectPermissions>\n        <allowCreate>false</allowCreate>\n        <allowDelete>false</allowDelete>\n"
                + "        <allowEdit>false</allowEdit>\n        <allowRead>" + read + "</allowRead>\n"
                + "        <modifyAllRecords>false</modifyAllRecords>\n        <object>" + object + "</object>\n"
                + "        <viewAllRecords>" + viewAll + "</viewAllRecords>\n    </objectPermissions>\n";
    }

    private static String profile(String perms) {
        return "<Profile xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <custom>false</custom>\n" + perms
                + "    <userLicense>Salesforce</userLicense>\n</Profile>\n";
    }

    private static String permissionSet(String label, String body) {
        return "<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <description>" + label
                + "</description>\n    <hasActivationRequired>false</hasActivationRequired>\n    <label>" + label
                + "</label>\n" + body + "</PermissionSet>\n";
    }

    private void writeMetadata(Path root) throws IOException {
        Path p = root.resolve("profiles");
        xml(
                p.resolve("Admin.profile-meta.xml"),
                profile(perms(
                        "ApiEnabled",
                        "CustomizeApplication",
                        "ExportReport",
                        "ManageUsers",
                        "ModifyAllData",
                        "ViewAllData",
                        "ViewSetup")));
        xml(
                p.resolve("Standard.profile-meta.xml"),
                profile(perms("ApiEnabled", "RunReports")
                        + objectPerm("Contact", true, false)
                        + objectPerm("Account", true, false)));
        xml(
                p.resolve("MarketingProfile.profile-meta.xml"),
                profile(perms("ApiEnabled", "ExportReport", "RunReports")
                        + objectPerm("Contact", true, false)
                        + objectPerm("Lead", true, false)));
        xml(
                p.resolve("Custom%3A Support Profile.profile-meta.xml"),
                profile(perms("RunReports") + objectPerm("Case", true, false) + objectPerm("Contact", true, false)));
        xml(
                p.resolve("Integration User.profile-meta.xml"),
                profile(perms("ApiEnabled", "ApiUserOnly") + objectPerm("Account", true, false)));
        xml(p.resolve("Analytics Integration.profile-meta.xml"), profile(perms("ApiEnabled", "ApiUserOnly")));
        xml(
                p.resolve("Customer Portal Profile.profile-meta.xml"),
                profile(objectPerm("Product2", true, false) + objectPerm("Contact", true, false)));
        Path ps = root.resolve("permissionsets");
        xml(
                ps.resolve(INTEGRATION_PERMSET + ".permissionset-meta.xml"),
                permissionSet(
                        "Integration Full Access",
                        perms("ApiEnabled", "ViewAllData") + objectPerm("Contact", true, true)));
        xml(
                ps.resolve("Analytics_Read_Scoped.permissionset-meta.xml"),
                permissionSet(
                        "Analytics Read (scoped)",
                        objectPerm("Account", true, false) + objectPerm("Contact", true, false)));
        xml(
                ps.resolve("Marketing_Campaigns.permissionset-meta.xml"),
                permissionSet(
                        "Marketing Campaigns",
                        objectPerm("Campaign", true, false) + objectPerm("Contact", true, false)));
        xml(
                ps.resolve("Sales_Console.permissionset-meta.xml"),
                permissionSet("Sales Console", objectPerm("Opportunity", true, false)));
        Path ob = root.resolve("objects");
        for (String[] o : new String[][] {
            {"Contact", "Private", "Private"}, {"Account", "Private", "Private"}, {"Product2", "Read", "Read"}
        }) {
            xml(
                    ob.resolve(o[0] + "/" + o[0] + ".object-meta.xml"),
                    "<CustomObject xmlns=\"http://soap.sforce.com/2006/04/metadata\">\n    <enableHistory>false</enableHistory>\n"
                            + "    <externalSharingModel>" + o[2] + "</externalSharingModel>\n    <sharingModel>" + o[1]
                            + "</sharingModel>\n</CustomObject>\n");
        }
        Path ca = root.resolve("connectedApps");
        xml(ca.resolve("DataSync_Connector.connectedApp-meta.xml"), """
                <ConnectedApp xmlns="http://soap.sforce.com/2006/04/metadata">
                    <contactEmail>integrations@shopco.com</contactEmail>
                    <label>DataSync Connector</label>
                    <oauthConfig>
                        <callbackUrl>https://sync.datasync-partner.example/oauth/callback</callbackUrl>
                        <scopes>Full</scopes>
                        <scopes>RefreshToken</scopes>
                    </oauthConfig>
                    <oauthPolicy>
                        <ipRelaxation>BYPASS</ipRelaxation>
                        <refreshTokenPolicy>infinite</refreshTokenPolicy>
                    </oauthPolicy>
                    <permissionSetName>Integration_Full_Access</permissionSetName>
                </ConnectedApp>
                """);
        xml(root.resolve("extlClntAppOauthPolicies/Acme_BI.ecaOauthPlcy-meta.xml"), """
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                    <clientCredentialsFlowUser>analytics.sync@shopco.com</clientCredentialsFlowUser>
                    <externalClientApplication>Acme_BI</externalClientApplication>
                    <ipRelaxationPolicyType>Enforce</ipRelaxationPolicyType>
                    <isClientCredentialsFlowEnabled>true</isClientCredentialsFlowEnabled>
                    <label>Acme BI</label>
                    <permittedUsersPolicyType>AdminApprovedPreAuthorized</permittedUsersPolicyType>
                    <refreshTokenPolicyType>SpecificLifetime</refreshTokenPolicyType>
                </ExtlClntAppOauthConfigurablePolicies>
                """);
        for (Scenario sc : SCENARIOS) {
            sc.metadata(this, root);
        }
    }

    // ---------------------------------------------------------------- users and assignments

    private void writeDirectory(Path dir) {
        try (CsvOut u = new CsvOut(
                dir.resolve("User.csv"),
                List.of("Id", "Username", "FirstName", "LastName", "Email", "IsActive", "UserType", "Profile.Name"))) {
            for (User x : users) {
                u.row(
                        x.id18(),
                        x.username(),
                        x.first(),
                        x.last(),
                        x.role() == Role.GUEST ? "" : x.username(),
                        "true",
                        x.userType(),
                        x.profile());
            }
        }
        files++;
        try (CsvOut a = new CsvOut(
                dir.resolve("PermissionSetAssignment.csv"),
                List.of(
                        "Id",
                        "AssigneeId",
                        "Assignee.Username",
                        "PermissionSetId",
                        "PermissionSet.Name",
                        "PermissionSet.IsOwnedByProfile"))) {
            for (User x : users) {
                a.row(
                        id15("0Pa5g00000") + "AAA",
                        x.id18(),
                        x.username(),
                        id15("0PS5g00000") + "AAA",
                        "X00e" + x.id15().substring(5),
                        "true");
                for (String ps : x.permissionSets()) {
                    a.row(id15("0Pa5g00000") + "AAA", x.id18(), x.username(), id15("0PS5g00000") + "AAA", ps, "false");
                }
            }
        }
        files++;
    }

    // ---------------------------------------------------------------- event logs

    /** The open Event Log File writers of one org and day. */
    final class Day implements AutoCloseable {
        final Path dir;
        final String org;
        final Map<Type, CsvOut> out = new EnumMap<>(Type.class);

        Day(Path dir, String org) {
            this.dir = dir;
            this.org = org;
        }

        void row(
                Type type,
                long millis,
                User u,
                String sessionKey,
                String loginKey,
                String ip,
                Map<String, String> values) {
            CsvOut w = out.computeIfAbsent(type, t -> {
                files++;
                return new CsvOut(dir.resolve(t.name() + ".csv"), HEADERS.get(t));
            });
            List<String> header = HEADERS.get(type);
            String[] row = new String[header.size()];
            for (int i = 0; i < row.length; i++) {
                String col = header.get(i);
                String v = values.get(col);
                if (v == null) {
                    v = switch (col) {
                        case "EVENT_TYPE" -> type.name();
                        case "TIMESTAMP" -> compact(millis);
                        case "TIMESTAMP_DERIVED" -> iso(millis);
                        case "REQUEST_ID" -> requestId();
                        case "ORGANIZATION_ID" -> org;
                        case "USER_ID" -> u.id15();
                        case "USER_ID_DERIVED" -> u.id18();
                        case "RUN_TIME" -> Integer.toString(rnd.nextInt(5, 900));
                        case "CPU_TIME" -> Integer.toString(rnd.nextInt(1, 300));
                        case "SESSION_KEY" -> sessionKey;
                        case "LOGIN_KEY" -> loginKey;
                        case "CLIENT_IP", "SOURCE_IP" -> ip;
                        case "USER_TYPE" -> u.userType();
                        case "REQUEST_STATUS" -> "S";
                        default -> "";
                    };
                }
                row[i] = v;
            }
            w.row(row);
            eventRows++;
        }

        @Override
        public void close() {
            for (CsvOut w : out.values()) {
                eventBytes += w.bytes;
                w.close();
            }
        }
    }

    private String requestId() {
        return key(22);
    }

    String key(int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(ID_CHARS.charAt(rnd.nextInt(ID_CHARS.length())));
        }
        return b.toString();
    }

    private static String compact(long millis) {
        var t = java.time.Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
        return String.format(
                Locale.ROOT,
                "%04d%02d%02d%02d%02d%02d.%03d",
                t.getYear(),
                t.getMonthValue(),
                t.getDayOfMonth(),
                t.getHour(),
                t.getMinute(),
                t.getSecond(),
                t.getNano() / 1_000_000);
    }

    private static String iso(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    static Map<String, String> v(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private void writeEventLogs(Path root) {
        // ordinary sessions: who is active on which day, then how many events each session has
        int days = s.days();
        boolean[][] active = new boolean[users.size()][days];
        long sessions = 0;
        for (int i = 0; i < users.size(); i++) {
            User u = users.get(i);
            for (int d = 0; d < days; d++) {
                int dow = s.start().plusDays(d).getDayOfWeek().getValue();
                boolean weekend = dow >= 6;
                active[i][d] = switch (u.role()) {
                    case REGULAR, MARKETING_OPS -> rnd.nextDouble() < (weekend ? 0.1 : 0.8);
                    case ADMIN, HIJACKED_ADMIN, SMALL_EXPORT_ADMIN -> !weekend;
                    case INTEGRATION, SCOPED_ANALYTICS -> true;
                    case GUEST -> false;
                };
                if (active[i][d] && u.role() != Role.INTEGRATION && u.role() != Role.SCOPED_ANALYTICS) {
                    sessions++;
                }
            }
        }
        long perSession = Math.max(3, s.rows() / Math.max(1, sessions));
        for (int d = 0; d < days; d++) {
            LocalDate date = s.start().plusDays(d);
            long dayStart = date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            try (Day day = new Day(root.resolve("production/" + DAY.format(date)), PROD_ORG)) {
                for (int i = 0; i < users.size(); i++) {
                    User u = users.get(i);
                    if (active[i][d]) {
                        switch (u.role()) {
                            case INTEGRATION -> integrationNight(day, u, dayStart);
                            case SCOPED_ANALYTICS -> {
                                // its scenario writes its nights
                            }
                            default -> humanSession(day, u, dayStart, perSession, d);
                        }
                    }
                }
                for (Scenario sc : SCENARIOS) {
                    sc.productionDay(this, day, d, dayStart);
                }
            }
            for (Scenario sc : SCENARIOS) {
                if (sc.writesSandbox(this, d)) {
                    try (Day sandbox = new Day(root.resolve("uat-sandbox/" + DAY.format(date)), SANDBOX_ORG)) {
                        sc.sandboxDay(this, sandbox, d, dayStart);
                    }
                }
            }
        }
    }

    long at(long dayStart, int hour, int minute) {
        return dayStart + hour * 3_600_000L + minute * 60_000L + rnd.nextInt(60_000);
    }

    /**
     * A Bulk API 2.0 query job on one object, logged as Salesforce logs it: one BulkApi2 event per
     * state change (Object Reference, "Bulk API 2.0 Event Type"), UploadComplete without records, an
     * InProgress processing update with the records so far, JobComplete with all of them. Returns
     * the time of the last event.
     */
    long bulkApi2Query(Day day, User u, long t, String sk, String lk, String ip, String object, long records) {
        String job = "7505g000" + key(7);
        String[][] states = {
            {"UploadComplete", ""}, {"InProgress", Long.toString(records / 2)}, {"JobComplete", Long.toString(records)}
        };
        for (String[] state : states) {
            t += 20_000 + rnd.nextInt(40_000);
            day.row(
                    Type.BulkApi2,
                    t,
                    u,
                    sk,
                    lk,
                    ip,
                    v(
                            "JOB_ID",
                            job,
                            "ENTITY_TYPE",
                            object,
                            "OPERATION_TYPE",
                            "query",
                            "JOB_STATUS",
                            state[0],
                            "RECORDS_PROCESSED",
                            state[1],
                            "RECORDS_FAILED",
                            state[1].isEmpty() ? "" : "0"));
        }
        return t;
    }

    void login(Day day, User u, long t, String sk, String lk, String ip, String loginType, String status) {
        boolean api = !loginType.equals("Application");
        if (day.org.equals(PROD_ORG)) {
            loginHistory(u, t, ip, loginType, status);
        }
        day.row(
                Type.Login,
                t,
                u,
                sk,
                lk,
                ip,
                v(
                        "URI",
                        api ? "/services/oauth2/token" : "/index.jsp",
                        "LOGIN_TYPE",
                        loginType,
                        "BROWSER_TYPE",
                        api ? "Java/17" : "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Chrome/124.0",
                        "API_TYPE",
                        api ? "E" : "",
                        "API_VERSION",
                        api ? "61.0" : "",
                        "USER_NAME",
                        u.username(),
                        "TLS_PROTOCOL",
                        "TLSv1.3",
                        "CIPHER_SUITE",
                        "TLS_AES_256_GCM_SHA384",
                        "LOGIN_STATUS",
                        status,
                        "CLIENT_IP",
                        ip));
    }

    /**
     * A row of the production org's Login History (none when writing event logs only). Draws no
     * random numbers: a scenario may write one without changing the rest of the org.
     */
    void loginHistory(User u, long t, String ip, String loginType, String status) {
        if (loginHistory == null) {
            return;
        }
        boolean api = !loginType.equals("Application");
        loginHistory.row(
                SETUP_TIME.format(java.time.Instant.ofEpochMilli(t)),
                u.username(),
                loginType,
                ip,
                status.equals("LOGIN_NO_ERROR")
                        ? "Success"
                        : status.equals("LOGIN_ERROR_INVALID_PASSWORD") ? "Invalid Password" : status,
                api ? "Java (Salesforce.com)" : "Chrome 124",
                api ? "Unknown" : "Mac OSX",
                api ? "N/A" : "Browser Login",
                "N/A",
                "N/A",
                "N/A",
                api ? "login.salesforce.com" : "shopco.my.salesforce.com",
                // the Tor exit the hijack comes from is in Germany; the company and its vendors in the US
                ip.startsWith("185.220.") ? "DE" : "US");
    }

    /** The times of the Setup pages' downloads, as an en_US user sees them, in GMT. */
    static final java.time.format.DateTimeFormatter SETUP_TIME = java.time.format.DateTimeFormatter.ofPattern(
                    "M/d/yyyy, h:mm:ss a 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    /** The columns of the Login History download (the LoginHistory object's fields by their labels). */
    static final List<String> LOGIN_HISTORY = List.of(
            "Login Time",
            "Username",
            "Login Type",
            "Source IP",
            "Status",
            "Browser",
            "Platform",
            "Application",
            "Client Version",
            "API Type",
            "API Version",
            "Login URL",
            "Country Code");

    /** A row of the production org's Setup Audit Trail. */
    void setupChange(long millis, String user, String action, String section) {
        setupChanges.add(new String[] {Long.toString(millis), user, action, section});
    }

    /**
     * The Setup Audit Trail download, newest first as Setup lists it: the scenarios' changes and the
     * administrators' routine ones (page layouts, a password policy), none of which opens data.
     */
    private void writeSetupAuditTrail(Path file) {
        List<String[]> rows = new ArrayList<>(setupChanges);
        long start = s.start().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String admin = "it.admin@" + DOMAIN;
        rows.add(new String[] {
            Long.toString(start + 2 * 86_400_000L + 15 * 3_600_000L),
            admin,
            "Changed Account page layout Account Layout",
            "Customize Accounts"
        });
        rows.add(new String[] {
            // after the 12th: a trail whose every date reads month or day first is said to be read
            // month first (docs/leak-patterns.md), which a month's trail of a real org never is
            Long.toString(start + 16 * 86_400_000L + 16 * 3_600_000L),
            admin,
            "Changed password policy: minimum password length changed from 8 to 12",
            "Security Controls"
        });
        rows.sort(java.util.Comparator.comparingLong((String[] r) -> Long.parseLong(r[0]))
                .reversed());
        try (CsvOut out = new CsvOut(
                file, List.of("Date", "User", "Source Namespace Prefix", "Action", "Section", "Delegate User"))) {
            for (String[] r : rows) {
                out.row(
                        SETUP_TIME.format(java.time.Instant.ofEpochMilli(Long.parseLong(r[0]))),
                        r[1],
                        "",
                        r[2],
                        r[3],
                        "");
            }
        }
        files++;
    }

    private void humanSession(Day day, User u, long dayStart, long perSession, int d) {
        String ip = rnd.nextInt(5) == 0 ? u.homeIp() : u.officeIp();
        String sk = key(16);
        String lk = key(16);
        long t = at(dayStart, u.startHour() + rnd.nextInt(2), rnd.nextInt(60));
        login(day, u, t, sk, lk, ip, "Application", "LOGIN_NO_ERROR");
        long n = perSession / 2 + rnd.nextLong(Math.max(1, perSession));
        boolean admin = u.role() != Role.REGULAR && u.role() != Role.MARKETING_OPS;
        for (long k = 0; k < n; k++) {
            t += rnd.nextInt(5_000, 120_000);
            int r = rnd.nextInt(100);
            String object = OBJECTS[rnd.nextInt(OBJECTS.length)];
            if (r < 55) {
                day.row(
                        Type.URI,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v(
                                "URI",
                                "/lightning/r/" + object + "/" + id15("003") + "/view",
                                "REFERRER_URI",
                                "/lightning/page/home"));
            } else if (r < 72) {
                int rows = rnd.nextInt(0, admin ? 120 : 40);
                day.row(
                        Type.RestApi,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v(
                                "URI",
                                "/services/data/v61.0/query",
                                "METHOD",
                                "GET",
                                "MEDIA_TYPE",
                                "application/json",
                                "STATUS_CODE",
                                "200",
                                "ROWS_PROCESSED",
                                Integer.toString(rows),
                                "ENTITY_NAME",
                                object,
                                "REQUEST_SIZE",
                                "0",
                                "RESPONSE_SIZE",
                                Integer.toString(rows * 700)));
            } else if (r < 85) {
                int rows = rnd.nextInt(0, 30);
                day.row(
                        Type.API,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v(
                                "URI",
                                "/services/Soap/u/61.0",
                                "API_TYPE",
                                "P",
                                "API_VERSION",
                                "61.0",
                                "CLIENT_NAME",
                                "",
                                "METHOD_NAME",
                                "query",
                                "ENTITY_NAME",
                                object,
                                "ROWS_PROCESSED",
                                Integer.toString(rows),
                                "QUERY",
                                "SELECT Id, Name FROM " + object + " WHERE OwnerId = '" + u.id15() + "' LIMIT 50"));
            } else if (r < 91) {
                String report = "00O5g00000" + key(5);
                int rows = rnd.nextInt(5, 300);
                day.row(
                        Type.Report,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v(
                                "URI",
                                "/lightning/r/Report/" + report + "/view",
                                "ENTITY_NAME",
                                object,
                                "DISPLAY_TYPE",
                                "D",
                                "RENDERING_TYPE",
                                "W",
                                "REPORT_ID",
                                report,
                                "ROW_COUNT",
                                Integer.toString(rows),
                                "NUMBER_COLUMNS",
                                "8",
                                "ORIGIN",
                                "ReportRunFromLightning",
                                "IS_SCHEDULED",
                                "false",
                                "REPORT_ID_DERIVED",
                                report + "AAA"));
                if (rnd.nextInt(30) == 0) {
                    day.row(
                            Type.ReportExport,
                            t + 20_000,
                            u,
                            sk,
                            lk,
                            ip,
                            v(
                                    "URI",
                                    "/" + report,
                                    "CLIENT_INFO",
                                    "Excel",
                                    "REPORT_ID",
                                    report,
                                    "REPORT_ID_DERIVED",
                                    report + "AAA"));
                }
            } else if (r < 94) {
                day.row(
                        Type.DocumentAttachmentDownloads,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v(
                                "ENTITY_ID",
                                id15("068"),
                                "FILE_NAME",
                                "proposal-" + rnd.nextInt(1000) + ".pdf",
                                "FILE_TYPE",
                                "PDF",
                                "FILE_PREVIEW_TYPE",
                                ""));
            } else if (admin && r < 95 && d % 7 == 1) {
                User target = users.get(rnd.nextInt(users.size()));
                if (target.role() == Role.REGULAR) {
                    day.row(
                            Type.LoginAs,
                            t,
                            target,
                            key(16),
                            key(16),
                            ip,
                            v("DELEGATED_USER_ID", u.id15(), "DELEGATED_USER_NAME", u.username()));
                }
            } else {
                day.row(
                        Type.URI,
                        t,
                        u,
                        sk,
                        lk,
                        ip,
                        v("URI", "/lightning/o/" + object + "/list", "REFERRER_URI", "/lightning/page/home"));
            }
        }
        if (rnd.nextInt(10) < 6) {
            day.row(Type.Logout, t + 60_000, u, sk, lk, ip, v("SESSION_LEVEL", "STANDARD"));
        }
    }

    private void integrationNight(Day day, User u, long dayStart) {
        String sk = key(16);
        String lk = key(16);
        String ip = u.officeIp();
        long t = at(dayStart, 2, 0);
        login(day, u, t, sk, lk, ip, "Remote Access 2.0", "LOGIN_NO_ERROR");
        int pages = 4 + rnd.nextInt(3);
        for (int k = 0; k < pages; k++) {
            t += 20_000;
            day.row(
                    Type.RestApi,
                    t,
                    u,
                    sk,
                    lk,
                    ip,
                    v(
                            "URI",
                            "/services/data/v61.0/query",
                            "METHOD",
                            "GET",
                            "MEDIA_TYPE",
                            "application/json",
                            "STATUS_CODE",
                            "200",
                            "ROWS_PROCESSED",
                            Integer.toString(400 + rnd.nextInt(100)),
                            "ENTITY_NAME",
                            "Account",
                            "CONNECTED_APP_ID",
                            "0H45g000000DsyA"));
        }
    }

    // ---------------------------------------------------------------- exports and HAR

    private void writeExports(Path dir) {
        for (Scenario sc : SCENARIOS) {
            sc.exports(this, dir);
        }
    }

    /** Of the administrator's export's customers, how many live in the UK (the last rows). */
    static final int ADMIN_EXPORT_GB = 5;

    /**
     * The administrator's small Contact export ({@link SmallAdminExport}): 35 customers, the last
     * {@value #ADMIN_EXPORT_GB} in London with UK numbers (Ofcom's drama range, 020 7946 0xxx), the
     * others in Oakland with 555 numbers; the same random draws for each row.
     */
    void adminExport(Path dir) {
        try (CsvOut x = new CsvOut(
                dir.resolve("Contact_admin_export.csv"),
                List.of("Id", "FirstName", "LastName", "Email", "Phone", "MailingCity"))) {
            for (int i = 0; i < 35; i++) {
                String f = cap(FIRST[rnd.nextInt(FIRST.length)]);
                String l = cap(LAST[rnd.nextInt(LAST.length)]);
                String id = id15("0035g00000") + "AAA";
                int line = rnd.nextInt(10_000);
                boolean uk = i >= 35 - ADMIN_EXPORT_GB;
                x.row(
                        id,
                        f,
                        l,
                        (f + "." + l + i + "@example.net").toLowerCase(Locale.ROOT),
                        uk
                                ? "+44 20 7946 0" + String.format(Locale.ROOT, "%03d", line % 1000)
                                : "+1 415 555 " + String.format(Locale.ROOT, "%04d", line),
                        uk ? "London" : "Oakland");
            }
        }
        files++;
    }

    /** HAR files as browsers save them: pretty-printed, so that evidence lines mean something. */
    private final ObjectWriter json = JsonMapper.builder().build().writer().withDefaultPrettyPrinter();

    interface HarBody {
        void write(JsonGenerator g);
    }

    /** When the captures were taken: the incident day (the integration's extraction), 14:02:{second} UTC. */
    private String harTime(int second) {
        return s.start()
                .plusDays(incidentDay())
                .atTime(14, 2, second)
                .toInstant(ZoneOffset.UTC)
                .toString()
                .replace("Z", ".000Z");
    }

    private void har(Path file, String pageUrl, HarBody entries) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream os = Files.newOutputStream(file);
                    JsonGenerator g = json.createGenerator(os, JsonEncoding.UTF8)) {
                g.writeStartObject();
                g.writeName("log");
                g.writeStartObject();
                g.writeStringProperty("version", "1.2");
                g.writeName("creator");
                g.writeStartObject();
                g.writeStringProperty("name", "Firefox");
                g.writeStringProperty("version", "125.0");
                g.writeEndObject();
                g.writeName("pages");
                g.writeStartArray();
                g.writeStartObject();
                g.writeStringProperty("startedDateTime", harTime(11));
                g.writeStringProperty("id", "page_1");
                g.writeStringProperty("title", pageUrl);
                g.writeEndObject();
                g.writeEndArray();
                g.writeName("entries");
                g.writeStartArray();
                // the entries' time, read by entry(): the scenarios write entries without the generator
                g.assignCurrentValue(harTime(12));
                entries.write(g);
                g.writeEndArray();
                g.writeEndObject();
                g.writeEndObject();
            }
            files++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void entry(
            JsonGenerator g,
            String page,
            String method,
            String url,
            String reqType,
            String reqBody,
            int status,
            String resType,
            String resBody,
            boolean base64) {
        Object at = g.currentValue();
        g.writeStartObject();
        g.writeStringProperty("pageref", "page_1");
        g.writeStringProperty("startedDateTime", at instanceof String t ? t : "2025-03-27T14:02:12.000Z");
        g.writeNumberProperty("time", 120);
        g.writeName("request");
        g.writeStartObject();
        g.writeStringProperty("method", method);
        g.writeStringProperty("url", url);
        g.writeStringProperty("httpVersion", "HTTP/2");
        g.writeName("headers");
        g.writeStartArray();
        g.writeStartObject();
        g.writeStringProperty("name", "Referer");
        g.writeStringProperty("value", page);
        g.writeEndObject();
        g.writeEndArray();
        if (!reqBody.isEmpty()) {
            g.writeName("postData");
            g.writeStartObject();
            g.writeStringProperty("mimeType", reqType);
            g.writeStringProperty("text", reqBody);
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeName("response");
        g.writeStartObject();
        g.writeNumberProperty("status", status);
        g.writeName("content");
        g.writeStartObject();
        g.writeStringProperty("mimeType", resType);
        if (base64) {
            g.writeStringProperty("encoding", "base64");
            g.writeStringProperty("text", Base64.getEncoder().encodeToString(resBody.getBytes(StandardCharsets.UTF_8)));
        } else {
            g.writeStringProperty("text", resBody);
        }
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    static String person(int i) {
        String f = cap(FIRST[(i * 7) % FIRST.length]);
        String l = cap(LAST[(i * 5) % LAST.length]);
        return "{\"email\":\"" + (f + "." + l + i).toLowerCase(Locale.ROOT) + "@example.org\",\"phone\":\"+1 212 555 "
                + String.format(Locale.ROOT, "%04d", 1000 + i) + "\",\"firstName\":\"" + f + "\",\"lastName\":\"" + l
                + "\"";
    }

    static final String CHECKOUT_SESSION = "checkout-session.har";
    static final String CHECKOUT_FIRST_PARTY = "checkout-firstparty.har";
    static final String PRODUCT_DISCOVERY = "product-discovery.har";
    static final String CHECKOUT_PAGE = "https://www.shopco.com/checkout/payment";
    static final String REVIEW_PAGE = "https://www.shopco.com/checkout/review";
    static final String PRODUCT_PAGE = "https://www.shopco.com/products/trail-shoe-42";

    /** The HAR captures, each a page and the entries the scenarios add to it, in their order. */
    static final class Captures {
        private final Map<String, List<HarBody>> entries = new LinkedHashMap<>();

        void add(String file, HarBody entry) {
            entries.computeIfAbsent(file, f -> new ArrayList<>()).add(entry);
        }
    }

    private void writeHar(Path dir) {
        Captures c = new Captures();
        for (Scenario sc : SCENARIOS) {
            sc.captures(c);
        }
        Map<String, String> pages = Map.of(
                CHECKOUT_SESSION, CHECKOUT_PAGE, CHECKOUT_FIRST_PARTY, REVIEW_PAGE, PRODUCT_DISCOVERY, PRODUCT_PAGE);
        for (var e : c.entries.entrySet()) {
            har(dir.resolve(e.getKey()), pages.get(e.getKey()), g -> {
                for (HarBody b : e.getValue()) {
                    b.write(g);
                }
            });
        }
    }

    private void writeLabels(Path file, List<Label> labels) {
        try (OutputStream os = Files.newOutputStream(file);
                JsonGenerator g = json.createGenerator(os, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeNumberProperty("seed", s.seed());
            g.writeName("labels");
            g.writeStartArray();
            for (Label l : labels) {
                g.writeStartObject();
                g.writeBooleanProperty("expected", l.expected());
                g.writeStringProperty("pattern", l.pattern());
                g.writeName("subject");
                g.writeStartObject();
                g.writeStringProperty("kind", l.subjectKind());
                g.writeStringProperty("id", l.subjectId());
                g.writeEndObject();
                g.writeStringProperty("description", l.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files++;
    }
}
