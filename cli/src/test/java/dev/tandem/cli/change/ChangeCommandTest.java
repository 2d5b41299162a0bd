package dev.tandem.cli.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.StubServer;
import dev.tandem.cli.StubServer.Received;
import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** {@code tandem change} against a stand-in server: what each subcommand sends, prints and exits with. */
class ChangeCommandTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    StubServer server;

    final List<Received> received = new ArrayList<>();

    /** A stand-in server that answers every request with {@code status} and {@code body}, recording it. */
    String serve(int status, String body) throws IOException {
        server = StubServer.recording(status, body, received);
        return server.url();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    static CliRun change(String url, String... args) {
        List<String> all = new ArrayList<>(List.of("change"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", url, "--token", "tok"));
        return CliRun.run(all.toArray(String[]::new));
    }

    /** A labelled line of a change's text. */
    static String row(String label, String value) {
        return "  " + label + " ".repeat(23 - label.length()) + value;
    }

    static String problem(int status, String code, String detail) {
        return "{\"type\":\"urn:tandem:problem:" + code + "\",\"title\":\"T\",\"status\":" + status + ",\"detail\":\""
                + detail + "\"}";
    }

    /** A change as the server answers it: requested, one approval, an unmatched item, a retest preview. */
    static final String CHANGE = """
            {"id":"CH1","incident":"INC-1","status":"REQUESTED","title":"Revoke ViewAllData",
             "system":"Salesforce production","description":"","kind":"ACCESS_RESTRICTION","risk":"MEDIUM",
             "configItems":["PermissionSet:Integration_Sync#ViewAllData","Profile:Admn"],"controls":["CC6.3"],
             "preSnapshots":["EV1"],"rollbackPlan":"Redeploy the pre-change permission set","emergency":false,
             "auditorAccess":null,"businessProcesses":["Nightly marketing sync"],"finding":null,
             "requestedAt":"2026-12-06T10:00:00Z","requestedBy":"responder","ledgerIndex":12,"approved":false,
             "approvedAt":null,
             "approvals":[{"role":"INCIDENT_COMMANDER","person":"ic","decision":"APPROVE","comment":"ok",
                           "at":"2026-12-06T10:05:00Z","ledgerIndex":13}],
             "acknowledgements":[],"executedAt":null,"executedBy":null,"postSnapshots":[],"executionNotes":null,
             "executionIndex":null,"diffs":[],"verification":null,"openRisk":false,"processesVerifiedAt":null,
             "processesVerifiedBy":null,"executionNotesWithheld":false,"touchedItems":[],"unapprovedItems":[],
             "snapshotsBeforeApproval":[],"unchangedItems":[],"withdrawnAt":null,"withdrawnBy":null,
             "withdrawalReason":null,"unmatchedItems":["Profile:Admn"],
             "retestPreview":{"retests":[{"control":"CC6.3","configItem":"PermissionSet:Integration_Sync",
                 "testedOn":"2026-09-14","tester":"Audrey Blake","reason":"the change names it"}],
                 "notInRegister":["CC9.2"],"outsidePeriod":false,"registerImported":true,
                 "fee":{"low":12000,"high":24000,"currency":"EUR","lowShare":0.15,"highShare":0.30}},
             "emergencyApprovalWindow":null,"liaisonApprovalSuffices":false,
             "segregationOfDuties":"ic approved the change and carried it out","sameItemsAs":
             [{"change":"CH0","title":"Revoke it","status":"REJECTED","decision":"rejected by ic: wrong snapshot"}],
             "openAlongside":[]}
            """;

    /** The same change executed, with a diff. */
    static final String EXECUTED = CHANGE.replace("\"status\":\"REQUESTED\"", "\"status\":\"EXECUTED\"")
            .replace(
                    "\"executedAt\":null,\"executedBy\":null",
                    "\"executedAt\":\"2026-12-06T11:00:00Z\",\"executedBy\":\"responder\"")
            .replace("\"postSnapshots\":[]", "\"postSnapshots\":[\"EV2\"]")
            .replace("\"executionNotes\":null", "\"executionNotes\":\"deployed\"")
            .replace("\"executionIndex\":null", "\"executionIndex\":15")
            .replace(
                    "\"diffs\":[]",
                    "\"diffs\":[{\"pre\":\"EV1\",\"post\":\"EV2\",\"format\":\"SALESFORCE_METADATA\",\"count\":1,"
                            + "\"truncated\":false,\"withheld\":false,\"differences\":[{\"kind\":\"REMOVED\","
                            + "\"path\":\"PermissionSet/userPermissions[name=ViewAllData]\",\"before\":\"ViewAllData\","
                            + "\"after\":null,\"description\":\"removed userPermissions ViewAllData\"}]}]")
            .replace("\"touchedItems\":[]", "\"touchedItems\":[\"PermissionSet:Integration_Sync#ViewAllData\"]");

    @Test
    void aRequestSendsEachOptionAsItsFieldAndPrintsTheChange() throws IOException {
        String url = serve(201, CHANGE);
        CliRun r = change(
                url,
                "request",
                "--incident",
                "INC 1",
                "--title",
                "Revoke ViewAllData",
                "--system",
                "Salesforce production",
                "--kind",
                "ACCESS_RESTRICTION",
                "--item",
                "PermissionSet:Integration_Sync#ViewAllData",
                "--item",
                "Profile:Admn",
                "--pre-snapshot",
                "EV1",
                "--rollback-plan",
                "Redeploy the pre-change permission set",
                "--business-process",
                "Nightly marketing sync");
        assertThat(r.exit()).as(r.err()).isZero();
        Received q = received.getFirst();
        assertThat(q.method()).isEqualTo("POST");
        assertThat(q.path()).isEqualTo("/api/v1/incidents/INC%201/changes");
        assertThat(q.authorization()).isEqualTo("Bearer tok");
        assertThat(q.contentType()).isEqualTo("application/json");
        assertThat(q.json()).isEqualTo(JSON.readTree("""
                        {"title":"Revoke ViewAllData","system":"Salesforce production","kind":"ACCESS_RESTRICTION",
                         "configItems":["PermissionSet:Integration_Sync#ViewAllData","Profile:Admn"],
                         "preSnapshots":["EV1"],"rollbackPlan":"Redeploy the pre-change permission set",
                         "emergency":false,"businessProcesses":["Nightly marketing sync"]}
                        """));
        assertThat(r.out())
                .startsWith("requested change CH1; it is now REQUESTED")
                .contains(row("no register row", "Profile:Admn (no audited control matches)"))
                .contains("INCIDENT_COMMANDER ic approved 2026-12-06T10:05:00Z (ledger entry #13): ok")
                .contains(row("awaiting", "the approval of the audit liaison"))
                .contains(row("segregation of duties", "ic approved the change and carried it out"))
                .contains(row("same items as", "CH0 \"Revoke it\" (rejected: rejected by ic: wrong snapshot)"))
                .contains("retest cost if carried out now:")
                .contains("  CC6.3 PermissionSet:Integration_Sync, tested 2026-09-14 by Audrey Blake: the change")
                .contains("  CC9.2: not in the register")
                .contains("  fee estimate: EUR 12,000.00 to 24,000.00 (15% to 30% of the audit fee)");
    }

    @Test
    void aFindingsContainmentFillsWhatIsLeftOutAndAContainmentWithoutAFindingIsAUsageError() throws IOException {
        String url = serve(201, CHANGE);
        CliRun r = change(
                url,
                "request",
                "--incident",
                "INC-1",
                "--finding",
                "F1",
                "--containment",
                "1",
                "--business-process",
                "Sync",
                "--emergency");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree("{\"emergency\":true,\"businessProcesses\":[\"Sync\"],"
                        + "\"finding\":\"F1\",\"containment\":1}"));
        CliRun alone = change(url, "request", "--incident", "INC-1", "--containment", "1");
        assertThat(alone.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(alone.err())
                .isEqualTo("tandem change request: --containment N names a containment of a finding:"
                        + " give --finding too" + System.lineSeparator());
        assertThat(received).hasSize(1);
    }

    @Test
    void approveRejectAcknowledgeExecuteWithdrawAndVerifyPostTheirBodies() throws IOException {
        String url = serve(201, EXECUTED);
        record Case(String[] args, String path, String body, String headline) {}
        List<Case> cases = List.of(
                new Case(
                        new String[] {"approve", "CH1", "--comment", "ok"},
                        "/api/v1/changes/CH1/approvals",
                        "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}",
                        "approved change CH1; it is now EXECUTED"),
                new Case(
                        new String[] {"approve", "CH1"},
                        "/api/v1/changes/CH1/approvals",
                        "{\"decision\":\"APPROVE\"}",
                        "approved change CH1"),
                new Case(
                        new String[] {"refuse", "CH1", "--reason", "wrong snapshot"},
                        "/api/v1/changes/CH1/approvals",
                        "{\"decision\":\"REJECT\",\"comment\":\"wrong snapshot\"}",
                        "rejected change CH1"),
                new Case(
                        new String[] {"acknowledge", "CH1"},
                        "/api/v1/changes/CH1/acknowledgements",
                        "{}",
                        "acknowledged change CH1"),
                new Case(
                        new String[] {"execute", "CH1", "--post-snapshot", "EV2", "--notes", "deployed"},
                        "/api/v1/changes/CH1/execution",
                        "{\"postSnapshots\":[\"EV2\"],\"notes\":\"deployed\"}",
                        "executed change CH1"),
                new Case(
                        new String[] {"withdraw", "CH1", "--reason", "superseded"},
                        "/api/v1/changes/CH1/withdrawal",
                        "{\"reason\":\"superseded\"}",
                        "withdrew change CH1"),
                new Case(
                        new String[] {"verify-processes", "CH1", "--process", "Nightly marketing sync"},
                        "/api/v1/changes/CH1/process-verifications",
                        "{\"processes\":[\"Nightly marketing sync\"]}",
                        "verified the business processes of change CH1"));
        for (Case c : cases) {
            received.clear();
            CliRun r = change(url, c.args());
            String as = String.join(" ", c.args());
            assertThat(r.exit()).as(as + r.err()).isZero();
            assertThat(received).as(as).hasSize(1);
            assertThat(received.getFirst().method()).as(as).isEqualTo("POST");
            assertThat(received.getFirst().path()).as(as).isEqualTo(c.path());
            assertThat(received.getFirst().json()).as(as).isEqualTo(JSON.readTree(c.body()));
            assertThat(r.out()).as(as).startsWith(c.headline());
        }
        CliRun noReason = change(url, "reject", "CH1");
        assertThat(noReason.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(noReason.err()).contains("Missing required option: '--comment=TEXT'");
        server.close();
        url = serve(200, EXECUTED);
        CliRun executed = change(url, "show", "CH1");
        assertThat(executed.out())
                .contains(row("executed", "2026-12-06T11:00:00Z by responder (ledger entry #15)"))
                .contains(row("diff", "EV1 -> EV2 (SALESFORCE_METADATA): 1 difference"))
                .contains("removed userPermissions ViewAllData  at PermissionSet/userPermissions[name=ViewAllData]")
                .contains(row("changed (diffs)", "PermissionSet:Integration_Sync#ViewAllData"))
                .contains(row("notes", "deployed"));
    }

    /** An approver given the role after the request: the exception in words, with its two entries (ADR 139). */
    @Test
    void aRoleGivenAfterTheRequestIsShownAsASegregationException() throws IOException {
        String exception = "segregation-of-duties exception (SOC 2 CC8.1): counsel approved change CH1 as the audit"
                + " liaison, a role ic gave them at 2026-12-06T10:06:00.000Z, after the change was requested";
        String url = serve(
                200,
                CHANGE.replace(
                        "\"openAlongside\":[]",
                        "\"openAlongside\":[],\"segregationExceptions\":[{\"approver\":\"counsel\","
                                + "\"role\":\"AUDIT_LIAISON\",\"givenBy\":\"ic\",\"givenAt\":"
                                + "\"2026-12-06T10:06:00.000Z\",\"givenIndex\":14,\"approvalIndex\":16,"
                                + "\"exception\":\"" + exception + "\"}]"));
        CliRun r = change(url, "show", "CH1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(row("segregation exception", exception + " (ledger entries #14, #16)"));
        server.close();
        url = serve(200, CHANGE);
        assertThat(change(url, "show", "CH1").out()).doesNotContain("segregation exception");
    }

    /** An access item requested under another kind: the server's question shown to the approvers (ADR 140). */
    @Test
    void anAccessItemUnderAnotherKindIsShownAsAQuestion() throws IOException {
        String question = "configItems: PermissionSet:Integration_Sync#ViewAllData is an access item (who may see or"
                + " do what), but the change is requested as CONFIGURATION";
        String url = serve(
                200,
                CHANGE.replace("\"openAlongside\":[]", "\"openAlongside\":[],\"kindQuestion\":\"" + question + "\""));
        CliRun r = change(url, "show", "CH1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains(row("kind in question", question));
        server.close();
        url = serve(200, CHANGE.replace("\"openAlongside\":[]", "\"openAlongside\":[],\"kindQuestion\":null"));
        assertThat(change(url, "show", "CH1").out()).doesNotContain("kind in question");
    }

    @Test
    void jsonIsTheServersAnswerAsItCame() throws IOException {
        String url = serve(200, CHANGE);
        CliRun r = change(url, "show", "CH1", "--format", "json");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo(CHANGE);
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/changes/CH1");
        CliRun bad = change(url, "show", "CH1", "--format", "yaml");
        assertThat(bad.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(bad.err())
                .isEqualTo("tandem change show: unknown --format 'yaml' (text, json)" + System.lineSeparator());
        assertThat(received).hasSize(1);
    }

    @Test
    void aRefusalIsOneLineWithTheServersReasonAndTheProblemType() throws IOException {
        String url =
                serve(409, problem(409, "change-not-approved", "change CH1 lacks the approval of the audit liaison"));
        CliRun r = change(url, "execute", "CH1", "--post-snapshot", "EV2");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo("tandem change execute: the server answered 409: change CH1 lacks the approval of the audit"
                        + " liaison (change-not-approved)" + System.lineSeparator());
        server.close();
        url = serve(403, problem(403, "self-approval", "the requester may not approve their own change"));
        r = change(url, "approve", "CH1");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .isEqualTo("tandem change approve: not allowed for this token's user (403): the requester may not"
                        + " approve their own change (self-approval)" + System.lineSeparator());
        server.close();
        url = serve(422, problem(422, "bad-config-item", "configItems: \\\"Admin profile\\\" is not Type:Name"));
        r = change(url, "request", "--incident", "INC-1", "--item", "Admin profile");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .contains("the server answered 422: configItems: \"Admin profile\" is not Type:Name"
                        + " (bad-config-item; option --item)");
        server.close();
        url = serve(401, problem(401, "unauthorized", "unknown token"));
        r = change(url, "list", "--incident", "INC-1");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err())
                .isEqualTo("tandem change list: the server refused the token (401): unknown token (unauthorized); check"
                        + " --token or TANDEM_TOKEN" + System.lineSeparator());
        server.close();
        url = serve(502, "<html>Bad Gateway</html>");
        r = change(url, "list", "--incident", "INC-1");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err())
                .isEqualTo("tandem change list: the server answered 502: <html>Bad Gateway</html>"
                        + System.lineSeparator());
    }

    @Test
    void anUnreachableServerIsOneLineAndExitsThree() throws IOException {
        String url = StubServer.unreachable();
        CliRun r = change(url, "retests", "--incident", "INC-1");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_UNREACHABLE);
        assertThat(r.err())
                .startsWith("tandem change retests: cannot reach " + url + "/: connection refused")
                .doesNotContain("null")
                .hasLineCount(1);
    }

    @Test
    void theListIsATableOfTheIncidentsChanges() throws IOException {
        String url = serve(200, "[" + CHANGE + "," + EXECUTED.replace("\"CH1\"", "\"CH2\"") + "]");
        CliRun r = change(url, "list", "--incident", "INC-1");
        assertThat(r.exit()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/changes");
        assertThat(r.out().lines().toList())
                .containsExactly(
                        "ID   STATUS     TITLE               ITEMS"
                                + " ".repeat("PermissionSet:Integration_Sync#ViewAllData, Profile:Admn".length() - 3)
                                + "REQUESTED BY  APPROVALS",
                        "CH1  REQUESTED  Revoke ViewAllData  PermissionSet:Integration_Sync#ViewAllData, Profile:Admn"
                                + "  responder     approved by ic (INCIDENT_COMMANDER)",
                        "CH2  EXECUTED   Revoke ViewAllData  PermissionSet:Integration_Sync#ViewAllData, Profile:Admn"
                                + "  responder     approved by ic (INCIDENT_COMMANDER)",
                        "2 change requests");
        server.close();
        url = serve(200, "[]");
        assertThat(change(url, "list", "--incident", "INC-1").out())
                .isEqualTo("no change requests in incident INC-1" + System.lineSeparator());
    }

    static final String RETESTS = """
            {"retests":[
              {"control":"CC6.3","configItem":"PermissionSet:Integration_Sync","testedOn":"2026-09-14",
               "tester":"Audrey Blake","change":"CH1","changeTitle":"Revoke","executedAt":"2026-12-06T11:00:00Z",
               "reason":"the change modified PermissionSet:Integration_Sync#ViewAllData","closedOn":null,"closedBy":null},
              {"control":"CC6.3","configItem":"PermissionSet:Integration_Sync","testedOn":"2026-09-14",
               "tester":"Audrey Blake","change":"CH2","changeTitle":"Again","executedAt":"2026-12-06T12:00:00Z",
               "reason":"the change modified it too","closedOn":null,"closedBy":null},
              {"control":"CC6.1","configItem":"Profile:Admin","testedOn":"2026-09-15",
               "tester":"Audrey Blake","change":"CH2","changeTitle":"Again","executedAt":"2026-12-06T12:00:00Z",
               "reason":"the change modified Profile:Admin","closedOn":"2026-12-07","closedBy":"Robin Kim"}],
             "fee":{"low":12000.00,"high":24000.00,"currency":"EUR","lowShare":0.15,"highShare":0.30}}
            """;

    @Test
    void retestsAreCountedAsThePagesCountThemWithTheFeeAndCsvIsTheAuditFirmsList() throws IOException {
        String url = serve(200, RETESTS);
        CliRun r = change(url, "retests", "--incident", "INC-1");
        assertThat(r.exit()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/retests");
        assertThat(r.out())
                .contains("CC6.3    PermissionSet:Integration_Sync  2026-09-14  Audrey Blake  CH1     "
                        + "2026-12-06T11:00:00Z  outstanding")
                .contains("    the change modified PermissionSet:Integration_Sync#ViewAllData")
                .contains("done: tested 2026-12-07 by Robin Kim")
                .contains("2 retest items outstanding (1 control test, 2 changes), 1 done")
                .contains("fee estimate: EUR 12,000.00 to 24,000.00 (15% to 30% of the audit fee)");
        server.close();
        received.clear();
        String csv = "control,configItem,testedOn,tester,change\r\nCC6.3,PermissionSet:X,2026-09-14,A,CH1\r\n";
        url = serve(200, csv);
        r = change(url, "retests", "--incident", "INC-1", "--format", "csv");
        assertThat(r.exit()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/retests?format=csv");
        assertThat(r.out()).isEqualTo(csv);
        server.close();
        url = serve(
                200,
                "{\"retests\":[],\"fee\":{\"low\":null,\"high\":null,\"currency\":\"USD\","
                        + "\"lowShare\":0.15,\"highShare\":0.30}}");
        assertThat(change(url, "retests", "--incident", "INC-1").out())
                .isEqualTo("nothing to retest in incident INC-1" + System.lineSeparator()
                        + "fee estimate: none: no audit fee configured on the server (tandem.audit.fee)"
                        + System.lineSeparator());
    }

    /** {@code list --format csv} asks for the changes' CSV and prints it as it came (docs/contracts.md §4). */
    @Test
    void listAsCsvIsTheServersPopulationAsItCame() throws IOException {
        String csv = "id,title,kind,risk\r\nCH1,\"Revoke, then verify\",ACCESS_RESTRICTION,HIGH\r\n";
        String url = serve(200, csv);
        CliRun r = change(url, "list", "--incident", "INC-1", "--format", "csv");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/changes?format=csv");
        assertThat(r.out()).isEqualTo(csv);
        CliRun unknown = change(url, "list", "--incident", "INC-1", "--format", "xlsx");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown --format 'xlsx' (text, json, csv)");
    }

    /** On the process's standard output the CSV is the server's UTF-8 bytes, whatever the terminal's encoding. */
    @Test
    void csvOnStandardOutputIsTheServersBytes() throws IOException {
        String csv = "control,configItem,testedOn,tester\r\nCC6.3,PermissionSet:X,2026-09-14,Zoë Åkesson\r\n";
        String url = serve(200, csv);
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stdout = System.out;
        int exit;
        System.setOut(new java.io.PrintStream(captured, true, StandardCharsets.ISO_8859_1));
        try {
            exit = TandemCommand.commandLine()
                    .execute(
                            "change", "retests", "--server", url, "--token", "t", "--incident", "I", "--format", "csv");
        } finally {
            System.setOut(stdout);
        }
        assertThat(exit).isZero();
        assertThat(captured.toByteArray()).isEqualTo(csv.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void thePeriodIsReadAndSetWithTwoDays() throws IOException {
        String url = serve(200, "{\"start\":null,\"end\":null,\"setAt\":null,\"setBy\":null,\"ledgerIndex\":null}");
        CliRun none = change(url, "period", "--incident", "INC-1");
        assertThat(none.out())
                .isEqualTo("no observation period set for incident INC-1 (set it with --set START END)"
                        + System.lineSeparator());
        assertThat(received.getFirst().method()).isEqualTo("GET");
        server.close();
        received.clear();
        url = serve(
                200,
                "{\"start\":\"2026-01-01\",\"end\":\"2026-12-31\",\"setAt\":\"2026-12-06T10:00:00Z\","
                        + "\"setBy\":\"liaison\",\"ledgerIndex\":40}");
        CliRun set = change(url, "period", "--incident", "INC-1", "--set", "2026-01-01", "2026-12-31");
        assertThat(set.exit()).isZero();
        assertThat(received.getFirst().method()).isEqualTo("PUT");
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/observation-period");
        assertThat(received.getFirst().json())
                .isEqualTo(JSON.readTree("{\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}"));
        assertThat(set.out())
                .isEqualTo("observation period 2026-01-01 to 2026-12-31, set 2026-12-06T10:00:00Z by liaison"
                        + " (ledger entry #40)" + System.lineSeparator());
        CliRun one = change(url, "period", "--incident", "INC-1", "--set", "2026-01-01");
        assertThat(one.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(received).hasSize(1);
    }

    @Test
    void theRegisterIsListedAndImportedFromAFile() throws IOException {
        Path csv = Files.writeString(
                dir.resolve("register.csv"),
                "control,configItem,testedOn,tester,sample\nCC6.3,PermissionSet:X,2026-09-14,Audrey Blake,25\n");
        String url = serve(
                201,
                "{\"imported\":1,\"skipped\":0,\"id\":\"R1\",\"evidence\":\"EV9\",\"sha256\":\"ab12\","
                        + "\"ledgerIndex\":7}");
        CliRun r = change(url, "register", "--incident", "INC-1", "--import", csv.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        Received q = received.getFirst();
        assertThat(q.path()).isEqualTo("/api/v1/control-tests?incident=INC-1&name=register.csv");
        assertThat(q.contentType()).isEqualTo("text/csv");
        assertThat(q.body()).isEqualTo(Files.readString(csv));
        assertThat(r.out())
                .isEqualTo("imported 1 rows into the register, 0 already there; the file is AUDIT evidence EV9"
                        + " (SHA-256 ab12) (ledger entry #7)" + System.lineSeparator());
        CliRun missing = change(
                url,
                "register",
                "--incident",
                "INC-1",
                "--import",
                dir.resolve("no.csv").toString());
        assertThat(missing.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(missing.err()).contains("cannot read --import").contains("no such file");
        assertThat(received).hasSize(1);
    }

    @Test
    void aRegisterWithheldFromTheCallerIsPrintedAsItsItemAndCount() throws IOException {
        String url = serve(
                200,
                "[{\"control\":\"CC7.2\",\"configItem\":\"SIEM:Events\",\"testedOn\":\"2026-09-16\","
                        + "\"tester\":\"Ben Ode\",\"sample\":\"30\",\"line\":2},"
                        + "{\"evidence\":\"EV9\",\"repository\":\"FORENSIC\",\"pulledBack\":57,\"withheld\":2}]");
        CliRun r = change(url, "register", "--incident", "INC-1");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(received.getFirst().path()).isEqualTo("/api/v1/incidents/INC-1/control-tests");
        assertThat(r.out())
                .contains("Ben Ode")
                .contains("1 control test" + System.lineSeparator())
                .endsWith("register EV9 pulled back to FORENSIC (ledger entry #57): 2 tests withheld"
                        + System.lineSeparator());
        assertThat(r.out().lines().filter(l -> l.startsWith("CC"))).hasSize(1);
    }

    @Test
    void noSubcommandIsAUsageError() {
        CliRun r = CliRun.run("change");
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err()).contains("Missing command");
        assertThat(CliRun.run("change", "--help").out()).contains("request", "approve", "retests", "period");
    }
}
