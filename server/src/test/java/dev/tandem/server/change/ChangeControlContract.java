package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import dev.tandem.server.regulation.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Change control end to end (docs/contracts.md §3): the register, requests, approvals, acknowledgement,
 * execution with diffs, retests and the fee, emergencies and their window; and every refusal of
 * "Bad input" with a problem naming the rule and nothing recorded. Run on H2 and PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + ChangeControlContract.ADMIN_TOKEN,
            "tandem.audit.fee=80000",
            "tandem.audit.currency=EUR",
            "logging.level.dev.tandem=WARN"
        })
@Import(ChangeClockConfiguration.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeControlContract {
    @Autowired
    Accounts accounts;

    static final String ADMIN_TOKEN = "change-control-admin-token-0123456789";

    static final String BEFORE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Integration Sync</label>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ViewAllData</name>
                </userPermissions>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ApiEnabled</name>
                </userPermissions>
            </PermissionSet>
            """;
    static final String AFTER = BEFORE.replace("""
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ViewAllData</name>
                </userPermissions>
            """, "");

    static final String REGISTER = "control,configItem,testedOn,tester,sample\n"
            + "CC6.3,PermissionSet:Integration_Sync,2026-09-14,Audrey Blake,25 of 180 assignments\n"
            + "CC6.1,Profile:System Administrator,2026-09-15,Audrey Blake,5 admins\n"
            + "CC8.1,Change:CAB,2026-10-01,Audrey Blake,all emergency changes\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    Api admin;
    Api ic;
    Api responder;
    Api liaison;
    Api auditor;
    Api counsel;
    String incident;

    /** The tag of the shared users' names. */
    String names;

    String responderName() {
        return "responder-" + names;
    }

    String liaisonName() {
        return "liaison-" + names;
    }

    String auditorName() {
        return "auditor-" + names;
    }

    @BeforeAll
    void setUp() {
        admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String tag = Long.toString(System.nanoTime(), 36);
        names = tag;
        ic = admin.as(user("ic-" + tag));
        responder = admin.as(user("responder-" + tag));
        liaison = admin.as(user("liaison-" + tag));
        auditor = admin.as(user("auditor-" + tag));
        counsel = admin.as(user("counsel-" + tag));
        Api.Response opened = ic.postJson("/api/v1/incidents", "{\"title\":\"Sandbox sync\",\"severity\":\"HIGH\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        incident = opened.json().path("id").asString();
        for (var m : Map.of(
                        "responder-" + tag, "RESPONDER",
                        "liaison-" + tag, "AUDIT_LIAISON",
                        "auditor-" + tag, "AUDITOR",
                        "counsel-" + tag, "LEGAL")
                .entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + incident + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(5));
    }

    // ------------------------------------------------------------------ the register

    /**
     * docs/contracts.md §3 posts the register without naming an incident: the caller's one incident where
     * they may import it is taken; with two, or none, the answer asks for {@code ?incident=} and lists
     * only incidents the caller may import into.
     */
    @Test
    void theRegisterPostedWithoutAnIncidentGoesToTheCallersOnlyIncident() {
        String tag = Long.toString(System.nanoTime(), 36);
        Api solo = admin.as(user("solo-liaison-" + tag));
        Api member = admin.as(user("solo-responder-" + tag));
        String first = openIncident("Register without an incident " + tag);
        String second = openIncident("A second incident " + tag);
        addMember(first, "solo-liaison-" + tag, "AUDIT_LIAISON");
        addMember(first, "solo-responder-" + tag, "RESPONDER");
        Api.Response none = member.send("POST", "/api/v1/control-tests", "text/csv", bytes(REGISTER));
        assertThat(none.status()).as(none.body()).isEqualTo(422);
        assertThat(none.json().path("type").asString()).endsWith("incident-required");
        assertThat(none.body()).doesNotContain(first).doesNotContain(second);

        Api.Response imported = solo.send("POST", "/api/v1/control-tests", "text/csv", bytes(REGISTER));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(3);
        assertThat(solo.get("/api/v1/incidents/" + first + "/control-tests").json())
                .hasSize(3);
        assertThat(ic.get("/api/v1/incidents/" + second + "/control-tests").json())
                .isEmpty();

        addMember(second, "solo-liaison-" + tag, "AUDIT_LIAISON");
        long size = treeSize();
        Api.Response two = solo.send("POST", "/api/v1/control-tests", "text/csv", bytes(REGISTER));
        assertThat(two.status()).as(two.body()).isEqualTo(422);
        assertThat(two.json().path("detail").asString())
                .contains("incident=<id>")
                .contains("2 incidents: " + first + ", " + second);
        assertThat(treeSize()).isEqualTo(size);
    }

    private String openIncident(String title) {
        Api.Response opened = ic.postJson("/api/v1/incidents", "{\"title\":\"" + title + "\",\"severity\":\"HIGH\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(1));
        return opened.json().path("id").asString();
    }

    private void addMember(String incidentId, String username, String role) {
        Api.Response put =
                ic.putJson("/api/v1/incidents/" + incidentId + "/members/" + username, "{\"role\":\"" + role + "\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The register is kept as evidence under its name: the name is checked as any item's. */
    @Test
    void aRegisterNamedWithALineBreakIsRefusedAndNothingIsRecorded() {
        long size = treeSize();
        int evidence = evidence();
        for (var bad : Map.of("register.csv%0D%0AX-Injected%3A%201", "U+000D", "a.zip!/b.csv", "!/")
                .entrySet()) {
            Api.Response r = liaison.send(
                    "POST",
                    "/api/v1/control-tests?incident=" + incident + "&name=" + bad.getKey(),
                    "text/csv",
                    bytes(REGISTER));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-name");
            assertThat(r.json().path("detail").asString()).contains(bad.getValue());
        }
        assertThat(treeSize()).isEqualTo(size);
        assertThat(evidence()).isEqualTo(evidence);
    }

    @Test
    void aRegisterWithAnUnknownControlOrABadDateIsRefusedNamingTheLineAndNothingIsRecorded() {
        long size = treeSize();
        int evidence = evidence();
        Api.Response unknown = importRegister(liaison, REGISTER + "CC6.9,Profile:Standard,2026-09-16,Blake,3\n");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.json().path("type").asString()).isEqualTo("urn:tandem:problem:unknown-control");
        assertThat(unknown.json().path("detail").asString())
                .startsWith("line 5, column control")
                .contains("CC6.9");
        Api.Response date = importRegister(
                liaison,
                "control,configItem,testedOn,tester,sample\n"
                        + "CC6.3,PermissionSet:Integration_Sync,14.09.2026,Blake,25\n");
        assertThat(date.status()).as(date.body()).isEqualTo(422);
        assertThat(date.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-date");
        assertThat(date.json().path("detail").asString()).startsWith("line 2, column testedOn");
        java.time.LocalDate later = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)
                .plusDays(2);
        Api.Response future = importRegister(liaison, REGISTER + "CC6.1,Profile:Standard," + later + ",Blake,3\n");
        assertThat(future.status()).as(future.body()).isEqualTo(422);
        assertThat(future.json().path("type").asString()).isEqualTo("urn:tandem:problem:future-date");
        assertThat(future.json().path("detail").asString())
                .startsWith("line 5, column testedOn")
                .contains("in the future");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(evidence()).isEqualTo(evidence);
        // and only the audit liaison (or an administrator) imports it
        assertThat(importRegister(responder, REGISTER).status()).isEqualTo(403);
        assertThat(importRegister(auditor, REGISTER).status()).isEqualTo(403);
        assertThat(treeSize()).isEqualTo(size);
    }

    // ------------------------------------------------------------------ requests

    @Test
    void aSnapshotThatIsNotAConfigSnapshotIsRefusedAndNothingRecorded() {
        String log = upload("LOG", "setup-audit-trail.csv", "Date,User,Action\n2026-11-26,admin,changed\n");
        clock.advance(Duration.ofMinutes(1));
        long size = treeSize();
        Api.Response r = request(responder, body(List.of(log), "CONFIGURATION", false, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:not-a-config-snapshot");
        assertThat(r.json().path("detail").asString()).contains(log).contains("CONFIG_SNAPSHOT");
        assertThat(treeSize()).isEqualTo(size);
    }

    @Test
    void aSnapshotReceivedAfterTheRequestIsRefusedAndNothingRecorded() {
        String late = upload("CONFIG_SNAPSHOT", "Late.permissionset-meta.xml", BEFORE);
        // the request is made (by the server's clock) an hour before the snapshot was received
        clock.advance(Duration.ofHours(-1));
        try {
            long size = treeSize();
            int changes = changes();
            Api.Response r = request(responder, body(List.of(late), "CONFIGURATION", false, ""));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-after-request");
            assertThat(treeSize()).isEqualTo(size);
            assertThat(changes()).isEqualTo(changes);
        } finally {
            clock.advance(Duration.ofHours(1).plusMinutes(1));
        }
    }

    @Test
    void isolationsAndAccessRestrictionsCarryTheirDuties() {
        String pre = pre();
        long size = treeSize();
        Api.Response isolation = request(responder, body(List.of(pre), "ISOLATION", false, ""));
        assertThat(isolation.json().path("type").asString()).isEqualTo("urn:tandem:problem:auditor-access-required");
        Api.Response restriction = request(responder, body(List.of(pre), "ACCESS_RESTRICTION", false, ""));
        assertThat(restriction.json().path("type").asString())
                .isEqualTo("urn:tandem:problem:business-processes-required");
        Api.Response emergency = request(responder, body(List.of(pre), "CONFIGURATION", true, ""));
        assertThat(emergency.status()).isEqualTo(403);
        assertThat(emergency.json().path("type").asString()).isEqualTo("urn:tandem:problem:emergency-by-commander");
        assertThat(treeSize()).isEqualTo(size);
        Api.Response ok = request(
                responder,
                body(List.of(pre), "ACCESS_RESTRICTION", false, ",\"businessProcesses\":[\"Nightly marketing sync\"]"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().path("openRisk").asBoolean()).isTrue();
        assertThat(ok.json().path("kindQuestion").isNull()).isTrue();
        // the same permission set requested as a configuration change: accepted, no open risk, and the
        // kind put to its approvers naming the item, in its answer and on its page (ADR 140)
        Api.Response configuration = request(responder, body(List.of(pre), "CONFIGURATION", false, ""));
        assertThat(configuration.status()).as(configuration.body()).isEqualTo(201);
        assertThat(configuration.json().path("openRisk").asBoolean()).isFalse();
        assertThat(configuration.json().path("kindQuestion").asString())
                .startsWith("configItems: PermissionSet:Integration_Sync#ViewAllData is an access item (who may see"
                        + " or do what), but the change is requested as CONFIGURATION");
        assertThat(auditor.get("/changes/" + configuration.json().path("id").asString())
                        .body())
                .contains("id=\"kind-question\"")
                .contains("PermissionSet:Integration_Sync#ViewAllData is an access item");
        Api.Response isolated = request(
                responder,
                body(
                        List.of(pre),
                        "ISOLATION",
                        false,
                        ",\"auditorAccess\":\"read-only auditor profile on the frozen org; exports kept in the vault\""));
        assertThat(isolated.status()).as(isolated.body()).isEqualTo(201);
    }

    // ------------------------------------------------------------------ approvals

    @Test
    void aSelfApprovalAndAnAuditorsApprovalAreRefusedAndNothingRecorded() {
        String id = requested(liaison);
        long size = treeSize();
        Api.Response self = approve(liaison, id);
        assertThat(self.status()).as(self.body()).isEqualTo(403);
        assertThat(self.json().path("type").asString()).isEqualTo("urn:tandem:problem:self-approval");
        Api.Response byAuditor = approve(auditor, id);
        assertThat(byAuditor.status()).as(byAuditor.body()).isEqualTo(403);
        assertThat(byAuditor.json().path("detail").asString()).startsWith("auditor independence");
        assertThat(approve(counsel, id).status()).isEqualTo(403);
        assertThat(treeSize()).isEqualTo(size);
        JsonNode change = ic.get("/api/v1/changes/" + id).json();
        assertThat(change.path("approvals")).isEmpty();
        assertThat(change.path("status").asString()).isEqualTo("REQUESTED");
        // the auditor acknowledges instead, which approves nothing; offered the step until they did
        assertThat(auditor.get("/changes/" + id).body()).contains("id=\"acknowledgement\"");
        Api.Response ack = auditor.postJson("/api/v1/changes/" + id + "/acknowledgements", "{\"comment\":\"noted\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(201);
        assertThat(ack.json().path("acknowledgements")).hasSize(1);
        assertThat(ack.json().path("approved").asBoolean()).isFalse();
        // a second acknowledgement by the same auditor is refused, not recorded twice
        long acknowledged = treeSize();
        Api.Response again =
                auditor.postJson("/api/v1/changes/" + id + "/acknowledgements", "{\"comment\":\"noted again\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("already acknowledged");
        assertThat(treeSize()).isEqualTo(acknowledged);
        assertThat(auditor.get("/changes/" + id).body())
                .as("acknowledged once, the auditor is not offered it again")
                .doesNotContain("id=\"acknowledgement\"")
                .doesNotContain(">Acknowledge</button>");
        assertThat(ic.get("/api/v1/changes/" + id).json().path("acknowledgements"))
                .hasSize(1);
    }

    @Test
    void aRejectionWithoutACommentIsRefusedNamingTheCommentAndNothingRecorded() {
        String id = requested(responder);
        long size = treeSize();
        Api.Response r =
                ic.postJson("/api/v1/changes/" + id + "/approvals", "{\"decision\":\"REJECT\",\"comment\":\" \"}");
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().path("detail").asString()).startsWith("comment:");
        assertThat(treeSize()).isEqualTo(size);
        Api.Response why = ic.postJson(
                "/api/v1/changes/" + id + "/approvals", "{\"decision\":\"REJECT\",\"comment\":\"not in this window\"}");
        assertThat(why.status()).as(why.body()).isEqualTo(201);
        assertThat(why.json().path("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void anUnapprovedNonEmergencyChangeIsNotExecutedAndNothingRecorded() {
        String id = requested(responder);
        assertThat(approve(ic, id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String post = upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        long size = treeSize();
        Api.Response r = execute(responder, id, post);
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:change-not-approved");
        assertThat(r.json().path("detail").asString()).contains("audit liaison");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(ic.get("/api/v1/changes/" + id).json().path("status").asString())
                .isEqualTo("REQUESTED");
    }

    // ------------------------------------------------------------------ privilege

    /** The auditor's timeline entry at {@code index}. */
    JsonNode auditorsEntry(long index) {
        for (JsonNode e :
                auditor.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("index").asLong() == index) return e;
        }
        throw new AssertionError("no entry " + index + " on the auditor's timeline");
    }

    @Test
    void aRequestOnForensicSnapshotsIsReadByAllButItsExecutionNotesOnlyByThoseWhoReadTheSnapshots() {
        Api.Response forensic = ic.postBytes(
                "/api/v1/incidents/" + incident
                        + "/evidence?repository=FORENSIC&kind=CONFIG_SNAPSHOT&name=Integration_Sync.permissionset-meta.xml",
                BEFORE.getBytes(StandardCharsets.UTF_8));
        assertThat(forensic.status()).as(forensic.body()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        Api.Response r =
                request(responder, body(List.of(forensic.json().path("id").asString()), "CONFIGURATION", false, ""));
        assertThat(r.status())
                .as("the responder may not read the FORENSIC snapshot: " + r.body())
                .isEqualTo(403);
        r = request(ic, body(List.of(forensic.json().path("id").asString()), "CONFIGURATION", false, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        // the request is the requester's statement for the audit track: in the clear on the ledger
        JsonNode requested = auditorsEntry(r.json().path("ledgerIndex").asLong());
        assertThat(requested.path("privileged").asBoolean()).isFalse();
        assertThat(requested.path("text").asString()).contains("Revoke ViewAllData");
        assertThat(approve(liaison, id).status()).isEqualTo(201);
        Api.Response second = counsel.postJson(
                "/api/v1/changes/" + id + "/approvals", "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}");
        assertThat(second.status())
                .as("LEGAL may not approve: " + second.body())
                .isEqualTo(403);
        String otherCommander = "ic2-" + Long.toString(System.nanoTime(), 36);
        Api ic2 = admin.as(user(otherCommander));
        assertThat(ic.putJson(
                                "/api/v1/incidents/" + incident + "/members/" + otherCommander,
                                "{\"role\":\"INCIDENT_COMMANDER\"}")
                        .status())
                .isEqualTo(200);
        assertThat(approve(ic2, id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        Api.Response post = ic.postBytes(
                "/api/v1/incidents/" + incident
                        + "/evidence?repository=FORENSIC&kind=CONFIG_SNAPSHOT&name=Integration_Sync.permissionset-meta.xml",
                AFTER.getBytes(StandardCharsets.UTF_8));
        Api.Response done = ic.postJson(
                "/api/v1/changes/" + id + "/execution",
                "{\"postSnapshots\":[\"" + post.json().path("id").asString()
                        + "\"],\"notes\":\"NOTES-ON-PRIVILEGED deployed from the forensic copy\"}");
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        assertThat(auditorsEntry(done.json().path("executionIndex").asLong())
                        .path("privileged")
                        .asBoolean())
                .isTrue();
        for (Api who : List.of(auditor, liaison, responder)) {
            JsonNode seen = who.get("/api/v1/changes/" + id).json();
            assertThat(seen.path("title").asString()).isEqualTo("Revoke ViewAllData");
            assertThat(seen.path("executionNotes").isNull()).isTrue();
            assertThat(seen.path("executionNotesWithheld").asBoolean()).isTrue();
            assertThat(who.get("/api/v1/incidents/" + incident + "/changes").body())
                    .doesNotContain("NOTES-ON-PRIVILEGED");
        }
        // the audit report tells that it ran (its retests and exceptions depend on it), not its notes
        String report = auditor.get("/api/v1/incidents/" + incident + "/reports/audit-continuity")
                .body();
        assertThat(report)
                .contains("its differences and notes rest on privileged snapshots")
                .doesNotContain("NOTES-ON-PRIVILEGED");
        JsonNode commanders = ic.get("/api/v1/changes/" + id).json();
        assertThat(commanders.path("executionNotes").asString()).startsWith("NOTES-ON-PRIVILEGED");
        assertThat(commanders.path("executionNotesWithheld").asBoolean()).isFalse();
    }

    /**
     * A privileged item named as a snapshot by someone who may not read it gets one answer, 403,
     * whatever its kind or time: a 422 naming its kind would tell what counsel's item is. At the
     * request (the audit liaison, a responder without a grant) and at execution alike.
     */
    @Test
    void aPrivilegedItemNamedAsASnapshotGetsOneAnswerWhateverItsKind() {
        String tag = Long.toString(System.nanoTime(), 36);
        Api otherLiaison = admin.as(user("snap-liaison-" + tag));
        Api ungranted = admin.as(user("snap-responder-" + tag));
        String inc = openIncident("Privileged snapshots " + tag);
        addMember(inc, "snap-liaison-" + tag, "AUDIT_LIAISON");
        addMember(inc, "snap-responder-" + tag, "RESPONDER");
        String name = "Integration_Sync.permissionset-meta.xml";
        String audit = uploadTo(inc, "AUDIT", "CONFIG_SNAPSHOT", name, BEFORE);
        String document = uploadTo(inc, "FORENSIC", "DOCUMENT", "counsel-memo.md", "Privileged memo");
        String snapshot = uploadTo(inc, "FORENSIC", "CONFIG_SNAPSHOT", name, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        String changes = "/api/v1/incidents/" + inc + "/changes";
        // the items are what they are: the commander, who reads them, is told the document's kind
        Api.Response toReader = ic.postJson(changes, body(List.of(document), "CONFIGURATION", false, ""));
        assertThat(toReader.status()).as(toReader.body()).isEqualTo(422);
        assertThat(toReader.json().path("type").asString()).endsWith("not-a-config-snapshot");
        long size = treeSize();
        for (Api who : List.of(otherLiaison, ungranted)) {
            Api.Response asDocument = who.postJson(changes, body(List.of(document), "CONFIGURATION", false, ""));
            Api.Response asSnapshot = who.postJson(changes, body(List.of(snapshot), "CONFIGURATION", false, ""));
            assertThat(asDocument.status()).as(asDocument.body()).isEqualTo(403);
            assertThat(answer(asDocument, document)).isEqualTo(answer(asSnapshot, snapshot));
            assertThat(asDocument.json().path("detail").asString())
                    .isEqualTo("preSnapshots: FORENSIC item " + document + " is privileged and not yours to read");
            assertThat(asDocument.body()).doesNotContain("DOCUMENT").doesNotContain("CONFIG_SNAPSHOT");
        }
        assertThat(treeSize()).isEqualTo(size);
        // execution: post-change snapshots received before the request (the document, the snapshot)
        // and after it, named by a responder without a grant
        Api.Response requested = ic.postJson(changes, body(List.of(audit), "CONFIGURATION", true, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        clock.advance(Duration.ofMinutes(1));
        String laterDocument = uploadTo(inc, "FORENSIC", "DOCUMENT", "counsel-memo-2.md", "Privileged memo");
        String laterSnapshot = uploadTo(inc, "FORENSIC", "CONFIG_SNAPSHOT", name, AFTER);
        size = treeSize();
        List<String> answers = new ArrayList<>();
        for (String post : List.of(document, snapshot, laterDocument, laterSnapshot)) {
            Api.Response r = execute(ungranted, id, post);
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.body()).doesNotContain("DOCUMENT").doesNotContain("CONFIG_SNAPSHOT");
            answers.add(answer(r, post));
        }
        assertThat(answers).containsOnly(answers.get(0));
        assertThat(treeSize()).isEqualTo(size);
        assertThat(ic.get("/api/v1/changes/" + id).json().path("status").asString())
                .isEqualTo("REQUESTED");
    }

    /** A refusal as its reader gets it, the item's id taken out. */
    static String answer(Api.Response r, String item) {
        JsonNode p = r.json();
        return r.status() + " " + p.path("type").asString() + " "
                + p.path("title").asString() + " " + p.path("detail").asString().replace(item, "<item>");
    }

    // ------------------------------------------------------------------ the whole path

    @Test
    void aChangeRunsFromRequestToRetestOnTheTimeline() throws Exception {
        Api.Response imported = importRegister(liaison, REGISTER);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(3);
        // the same file again adds nothing; a file with one new row adds that row and skips the rest
        long afterImport = treeSize();
        Api.Response twice = importRegister(liaison, REGISTER);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.json().path("detail").asString()).contains("all 3 rows are in the register already");
        assertThat(treeSize()).isEqualTo(afterImport);
        Api.Response more =
                importRegister(liaison, REGISTER + "CC7.2,Firewall:Edge,2026-09-20,Audrey Blake,all rules\n");
        assertThat(more.status()).as(more.body()).isEqualTo(201);
        assertThat(more.json().path("imported").asInt()).isEqualTo(1);
        assertThat(more.json().path("skipped").asInt()).isEqualTo(3);
        assertThat(liaison.get("/api/v1/incidents/" + incident + "/control-tests")
                        .json())
                .hasSize(4);
        JsonNode kept = liaison.get(
                        "/api/v1/evidence/" + imported.json().path("evidence").asString())
                .json();
        assertThat(kept.path("repository").asString()).isEqualTo("AUDIT");
        clock.advance(Duration.ofMinutes(1));
        // no controls named: suggested from the register by configuration item
        Api.Response requested = request(
                responder,
                "{\"title\":\"Revoke ViewAllData from Integration_Sync\",\"system\":\"Salesforce production\","
                        + "\"configItems\":[\"PermissionSet:Integration_Sync#ViewAllData\"],\"preSnapshots\":[\""
                        + pre()
                        + "\"],\"rollbackPlan\":\"Redeploy the pre-change permission set\",\"emergency\":false}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(requested.json().path("status").asString()).isEqualTo("REQUESTED");
        assertThat(strings(requested.json().path("controls"))).containsExactly("CC6.3");
        String id = requested.json().path("id").asString();
        assertThat(approve(ic, id).json().path("status").asString()).isEqualTo("REQUESTED");
        JsonNode approved = approve(liaison, id).json();
        assertThat(approved.path("status").asString()).isEqualTo("APPROVED");
        assertThat(approved.path("approvals")).hasSize(2);
        clock.advance(Duration.ofMinutes(10));
        String post = upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        Api.Response executed = execute(responder, id, post);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        JsonNode diff = executed.json().path("diffs").get(0);
        assertThat(diff.path("format").asString()).isEqualTo("SALESFORCE_METADATA");
        assertThat(diff.path("differences").get(0).path("description").asString())
                .isEqualTo("removed userPermissions ViewAllData");
        assertThat(diff.path("differences").get(0).path("path").asString())
                .isEqualTo("PermissionSet/userPermissions[name=ViewAllData]");
        Api.Response again = execute(responder, id, post);
        assertThat(again.status()).isEqualTo(409);

        JsonNode retests =
                auditor.get("/api/v1/incidents/" + incident + "/retests").json();
        List<String> controls = new ArrayList<>();
        retests.path("retests")
                .forEach(r -> controls.add(
                        r.path("control").asString() + " " + r.path("change").asString()));
        assertThat(controls).contains("CC6.3 " + id);
        JsonNode first = retests.path("retests").get(0);
        assertThat(first.path("testedOn").asString()).isEqualTo("2026-09-14");
        assertThat(first.path("configItem").asString()).isEqualTo("PermissionSet:Integration_Sync");
        assertThat(retests.path("fee").path("low").decimalValue()).isEqualByComparingTo("12000");
        assertThat(retests.path("fee").path("high").decimalValue()).isEqualByComparingTo("24000");
        assertThat(retests.path("fee").path("currency").asString()).isEqualTo("EUR");
        Api.Response csv = auditor.send("GET", "/api/v1/incidents/" + incident + "/retests?format=csv", null, null);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body())
                .startsWith("control,configItem,testedOn,tester,change,changeTitle,executedAt,reason")
                .contains("CC6.3,PermissionSet:Integration_Sync,2026-09-14,Audrey Blake," + id);
        changesCsvIsTheListsPopulation(id, approved, executed.json());

        List<String> types = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        auditor.get("/api/v1/incidents/" + incident + "/timeline").json().forEach(e -> {
            types.add(e.path("type").asString());
            texts.add(e.path("text").asString());
        });
        assertThat(types).contains("control-tests.imported", "change.requested", "change.decided", "change.executed");
        assertThat(texts).anyMatch(t -> t.contains("executed change " + id) && t.contains("to retest"));
        Api.Response report =
                auditor.send("GET", "/api/v1/incidents/" + incident + "/reports/audit-continuity", null, null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("Retests").contains("CC6.3").contains("12,000.00");
        // the change's row names each approver after the role (docs/contracts.md "Additions")
        for (JsonNode d : approved.path("approvals")) {
            assertThat(report.body())
                    .contains("approved by the "
                            + d.path("role")
                                    .asString()
                                    .toLowerCase(java.util.Locale.ROOT)
                                    .replace('_', ' ') + ", "
                            + d.path("person").asString() + ", ");
        }
    }

    /**
     * The changes as CSV (docs/contracts.md "Additions", ADR 140): asked for with {@code format=csv}
     * or {@code Accept: text/csv}, a download named after the incident, one row per change of the
     * JSON list with its decisions, acknowledgements, snapshots and retests; the same bytes on the
     * change-control page's download; a format that is neither is 400 {@code bad-format}.
     */
    private void changesCsvIsTheListsPopulation(String id, JsonNode approved, JsonNode executed) throws Exception {
        String path = "/api/v1/incidents/" + incident + "/changes";
        Api.Response ack = auditor.postJson("/api/v1/changes/" + id + "/acknowledgements", "{\"comment\":\"sampled\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(201);
        Api.Response csv = auditor.get(path + "?format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"incident-" + incident + "-changes.csv\"");
        assertThat(auditor.get(path, "text/csv").body()).isEqualTo(csv.body());
        assertThat(auditor.get("/incidents/" + incident + "/changes").body())
                .contains("href=\"/incidents/" + incident + "/changes/download\"");
        assertThat(auditor.get("/incidents/" + incident + "/changes/download").body())
                .isEqualTo(csv.body());
        assertThat(auditor.get(path + "?format=json").body())
                .isEqualTo(auditor.get(path).body());
        Api.Response bad = auditor.get(path + "?format=xlsx");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("type").asString()).endsWith("bad-format");

        List<List<String>> rows = new ArrayList<>();
        try (var r = de.siegmar.fastcsv.reader.CsvReader.builder().ofCsvRecord(csv.body())) {
            r.forEach(x -> rows.add(x.getFields()));
        }
        JsonNode list = auditor.get(path).json();
        assertThat(rows).hasSize(list.size() + 1);
        List<String> header = rows.getFirst();
        assertThat(header)
                .startsWith("id", "title", "kind", "risk", "system", "emergency", "status", "requestedAt")
                .contains("approvals", "acknowledgements", "preSnapshots", "postSnapshots", "controls", "retests")
                .contains("segregationExceptions", "ledgerIndex");
        List<String> row =
                rows.stream().filter(x -> x.getFirst().equals(id)).findFirst().orElseThrow();
        java.util.function.Function<String, String> cell = c -> row.get(header.indexOf(c));
        assertThat(cell.apply("title")).isEqualTo("Revoke ViewAllData from Integration_Sync");
        assertThat(cell.apply("status")).isEqualTo("EXECUTED");
        assertThat(cell.apply("emergency")).isEqualTo("false");
        assertThat(cell.apply("ledgerIndex"))
                .isEqualTo(String.valueOf(executed.path("ledgerIndex").asLong()));
        assertThat(cell.apply("requestedBy"))
                .isEqualTo(executed.path("requestedBy").asString());
        List<String> decisions = new ArrayList<>();
        approved.path("approvals")
                .forEach(d -> decisions.add(
                        d.path("person").asString() + " (" + d.path("role").asString() + ") approved at "
                                + d.path("at").asString() + ", entry "
                                + d.path("ledgerIndex").asLong()));
        assertThat(decisions).hasSize(2);
        assertThat(cell.apply("approvals")).isEqualTo(String.join("; ", decisions));
        assertThat(cell.apply("acknowledgements"))
                .startsWith(ack.json()
                                .path("acknowledgements")
                                .get(0)
                                .path("auditor")
                                .asString() + " at ");
        assertThat(cell.apply("executedBy"))
                .isEqualTo(executed.path("executedBy").asString());
        assertThat(cell.apply("preSnapshots"))
                .isEqualTo(executed.path("preSnapshots").get(0).asString());
        assertThat(cell.apply("postSnapshots"))
                .isEqualTo(executed.path("postSnapshots").get(0).asString());
        assertThat(cell.apply("controls")).isEqualTo("CC6.3");
        assertThat(cell.apply("unapprovedItems")).isEmpty();
        assertThat(cell.apply("retests")).isEqualTo("1");
        assertThat(cell.apply("retestsOutstanding")).isEqualTo("1");
        assertThat(cell.apply("segregationExceptions")).isEmpty();
        // the execution and the analyzers' check of it, by their ledger entries, as the JSON has them (ADR 151)
        JsonNode now = null;
        for (JsonNode c : list) {
            if (c.path("id").asString().equals(id)) {
                now = c;
            }
        }
        assertThat(now).isNotNull();
        assertThat(now.path("executionIndex").isIntegralNumber()).isTrue();
        assertThat(cell.apply("executionIndex"))
                .isEqualTo(String.valueOf(now.path("executionIndex").asLong()));
        assertThat(cell.apply("finding")).isEqualTo(now.path("finding").asString(""));
        JsonNode verification = now.path("verification");
        if (!verification.isObject()) {
            assertThat(cell.apply("verification")).isEmpty();
            assertThat(cell.apply("verificationIndex")).isEmpty();
        } else {
            assertThat(cell.apply("verificationIndex"))
                    .isEqualTo(String.valueOf(verification.path("ledgerIndex").asLong()));
            assertThat(cell.apply("verification"))
                    .startsWith(
                            verification.path("closed").isNull()
                                    ? "withheld"
                                    : verification.path("closed").asBoolean() ? "closed" : "not closed");
        }
    }

    // ------------------------------------------------------------------ the command line

    /** One run of {@code tandem change …} against this server as {@code as}. */
    record Cli(int exit, String out, String err) {}

    Cli cli(Api as, String... args) {
        var cl = dev.tandem.cli.TandemCommand.commandLine();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("change"));
        all.addAll(List.of(args));
        all.addAll(List.of("--server", "http://127.0.0.1:" + port, "--token", String.valueOf(as.token())));
        return new Cli(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    /**
     * {@code tandem change} carries a change through the path the API offers (docs/change-control.md
     * "From the command line"): the register imported, a request without its snapshot refused naming
     * the option, the request with its retest cost, a responder's approval and an execution before the
     * approvals refused in one line naming the problem with nothing recorded, the two approvals, the
     * execution with its diff, and the retests with the fee, their JSON and CSV being the API's; then
     * the observation period set and read.
     */
    @Test
    void theCommandLineCarriesAChangeFromRequestThroughApprovalAndExecutionToItsRetests() throws Exception {
        Team team = team("cli", "Command line");
        String inc = team.incident();
        java.nio.file.Path csv = java.nio.file.Files.createTempFile("register", ".csv");
        try {
            java.nio.file.Files.writeString(csv, REGISTER);
            Cli imported = cli(team.liaison(), "register", "--incident", inc, "--import", csv.toString());
            assertThat(imported.exit()).as(imported.err()).isZero();
            assertThat(imported.out()).startsWith("imported 3 rows into the register, 0 already there");
        } finally {
            java.nio.file.Files.deleteIfExists(csv);
        }
        assertThat(cli(team.auditor(), "register", "--incident", inc).out())
                .contains("CC6.3    PermissionSet:Integration_Sync  2026-09-14  Audrey Blake  25 of 180 assignments")
                .contains("3 control tests");
        String pre = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));

        long before = treeSize();
        Cli noSnapshot = cli(
                team.responder(),
                "request",
                "--incident",
                inc,
                "--title",
                "Revoke ViewAllData",
                "--system",
                "Salesforce production",
                "--item",
                "PermissionSet:Integration_Sync#ViewAllData",
                "--rollback-plan",
                "Redeploy");
        assertThat(noSnapshot.exit()).isEqualTo(2);
        assertThat(noSnapshot.err())
                .startsWith("tandem change request: the server answered 422: preSnapshots: ")
                .endsWith("(pre-snapshot-required; option --pre-snapshot)" + System.lineSeparator());
        assertThat(treeSize()).isEqualTo(before);
        Cli requested = cli(
                team.responder(),
                "request",
                "--incident",
                inc,
                "--title",
                "Revoke ViewAllData from Integration_Sync",
                "--system",
                "Salesforce production",
                "--item",
                "PermissionSet:Integration_Sync#ViewAllData",
                "--pre-snapshot",
                pre,
                "--rollback-plan",
                "Redeploy the pre-change permission set",
                "--format",
                "json");
        assertThat(requested.exit()).as(requested.err()).isZero();
        JsonNode change =
                tools.jackson.databind.json.JsonMapper.builder().build().readTree(requested.out());
        assertThat(change.path("status").asString()).isEqualTo("REQUESTED");
        assertThat(strings(change.path("controls"))).containsExactly("CC6.3");
        String id = change.path("id").asString();
        assertThat(cli(team.auditor(), "show", id).out())
                .startsWith("change " + id + "  REQUESTED  Revoke ViewAllData from Integration_Sync")
                .contains("retest cost if carried out now:")
                .contains("CC6.3 PermissionSet:Integration_Sync, tested 2026-09-14 by Audrey Blake")
                .contains("fee estimate: EUR 12,000.00 to 24,000.00 (15% to 30% of the audit fee)");

        long size = treeSize();
        Cli own = cli(team.responder(), "approve", id, "--comment", "mine");
        assertThat(own.exit()).isEqualTo(2);
        assertThat(own.err())
                .isEqualTo("tandem change approve: not allowed for this token's user (403): a change is approved by"
                        + " the incident commander and the audit liaison (forbidden)" + System.lineSeparator())
                .hasLineCount(1);
        Cli early = cli(team.responder(), "execute", id, "--post-snapshot", pre);
        assertThat(early.exit()).isEqualTo(2);
        assertThat(early.err())
                .startsWith("tandem change execute: the server answered 409: ")
                .endsWith("(change-not-approved)" + System.lineSeparator())
                .hasLineCount(1);
        assertThat(treeSize()).isEqualTo(size);

        Cli first = cli(ic, "approve", id, "--comment", "ok");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out())
                .startsWith("approved change " + id + "; it is now REQUESTED")
                .containsPattern("\n  awaiting +the approval of the audit liaison\n");
        Cli second = cli(team.liaison(), "approve", id, "--reason", "ok");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).startsWith("approved change " + id + "; it is now APPROVED");
        clock.advance(Duration.ofMinutes(10));
        String post = syncSnapshot(team, AFTER);
        Cli executed = cli(team.responder(), "execute", id, "--post-snapshot", post, "--notes", "deployed");
        assertThat(executed.exit()).as(executed.err()).isZero();
        assertThat(executed.out())
                .startsWith("executed change " + id + "; it is now EXECUTED")
                .contains(pre + " -> " + post + " (SALESFORCE_METADATA): 1 difference")
                .contains("removed userPermissions ViewAllData  at PermissionSet/userPermissions[name=ViewAllData]");

        Cli listed = cli(team.auditor(), "list", "--incident", inc);
        assertThat(listed.out()).contains(id + "  EXECUTED").contains("1 change request" + System.lineSeparator());
        Cli retests = cli(team.auditor(), "retests", "--incident", inc);
        assertThat(retests.exit()).as(retests.err()).isZero();
        assertThat(retests.out())
                .containsPattern(
                        "CC6.3 +PermissionSet:Integration_Sync +2026-09-14 +Audrey Blake +" + id + " .* outstanding")
                .contains("1 retest item outstanding (1 control test, 1 change)")
                .contains("fee estimate: EUR 12,000.00 to 24,000.00 (15% to 30% of the audit fee)");
        String api = "/api/v1/incidents/" + inc + "/retests";
        assertThat(cli(team.auditor(), "retests", "--incident", inc, "--format", "json")
                        .out()
                        .strip())
                .isEqualTo(team.auditor().get(api).body().strip());
        assertThat(cli(team.auditor(), "retests", "--incident", inc, "--format", "csv")
                        .out())
                .isEqualTo(team.auditor()
                        .send("GET", api + "?format=csv", null, null)
                        .body())
                .contains("CC6.3,PermissionSet:Integration_Sync,2026-09-14,Audrey Blake," + id);
        // the changes for the auditor's sample: the API's CSV as it came
        String changes = "/api/v1/incidents/" + inc + "/changes";
        Cli population = cli(team.auditor(), "list", "--incident", inc, "--format", "csv");
        assertThat(population.exit()).as(population.err()).isZero();
        assertThat(population.out())
                .isEqualTo(team.auditor().get(changes + "?format=csv").body())
                .startsWith("id,title,kind,")
                .contains("\r\n" + id + ",");

        assertThat(cli(team.auditor(), "period", "--incident", inc).out()).startsWith("no observation period set");
        Cli set = cli(team.liaison(), "period", "--incident", inc, "--set", "2026-01-01", "2026-12-31");
        assertThat(set.exit()).as(set.err()).isZero();
        assertThat(set.out()).startsWith("observation period 2026-01-01 to 2026-12-31, set ");
        Cli refused = cli(team.responder(), "period", "--incident", inc, "--set", "2026-01-01", "2026-12-31");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("tandem change period: not allowed for this token's user (403)");
        Cli again = cli(team.liaison(), "period", "--incident", inc, "--set", "2026-01-01", "2026-12-31");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).endsWith("(period-unchanged)" + System.lineSeparator());
    }

    @Test
    void anEmergencyChangeRunsFirstAndIsACc81ExceptionWhenNotApprovedInTime() {
        Api.Response requested = request(ic, body(List.of(pre()), "CONFIGURATION", true, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        clock.advance(Duration.ofMinutes(1));
        String post = upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        Api.Response executed = execute(ic, id, post);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(executed.json().path("approved").asBoolean()).isFalse();
        clock.advance(Duration.ofHours(25));
        // approved afterwards, but after the 24-hour window
        assertThat(approve(liaison, id).status()).isEqualTo(201);
        assertThat(approve(counsel, id).status()).isEqualTo(403);
        String report = auditor.send("GET", "/api/v1/incidents/" + incident + "/reports/audit-continuity", null, null)
                .body();
        assertThat(report).contains("CC8.1").contains(id);
    }

    // ------------------------------------------------------------------ approvals that hold
    // (docs/adr/106-emergency-approval-and-segregation-of-duties.md)

    /** The ledger entry at {@code index}, as stored. */
    JsonNode ledgerEntry(long index) {
        byte[] leaf = jdbc.queryForObject("SELECT leaf FROM ledger_entry WHERE idx = ?", byte[].class, index);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(leaf);
    }

    String report(Api as, String incidentId) {
        Api.Response r = as.send("GET", "/api/v1/incidents/" + incidentId + "/reports/audit-continuity", null, null);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The Integration_Sync permission set, snapshotted into the team's incident as AUDIT evidence. */
    String syncSnapshot(Team team, String content) {
        return uploadTo(
                team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", content);
    }

    /** The team's timeline as its auditor reads it, as JSON text. */
    String timeline(Team team) {
        return team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/timeline")
                .json()
                .toString();
    }

    /** The team's responder requests the standard change on {@code pre} a minute later; 201. */
    Api.Response respondersRequest(Team team, String pre) {
        clock.advance(Duration.ofMinutes(1));
        Api.Response r = requestIn(team.responder(), team.incident(), body(List.of(pre), "CONFIGURATION", false, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r;
    }

    Api.Response requestIn(Api as, String incidentId, String body) {
        return as.postJson("/api/v1/incidents/" + incidentId + "/changes", body);
    }

    /**
     * The liaison's findings 1 and 7: the only commander's emergency change records the window in
     * force when it was requested, runs, and the audit liaison's approval alone completes it, in time:
     * no CC8.1 exception. The commander's own approval stays refused.
     */
    @Test
    void theOnlyCommandersEmergencyChangeRecordsItsWindowAndIsApprovedByTheLiaisonAlone() {
        Team team = team("sole", "Sole commander");
        String pre = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested = requestIn(ic, team.incident(), body(List.of(pre), "CONFIGURATION", true, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        assertThat(requested.json().path("emergencyApprovalWindow").asString()).isEqualTo("PT24H");
        assertThat(requested.json().path("liaisonApprovalSuffices").asBoolean()).isTrue();
        JsonNode entry = ledgerEntry(requested.json().path("ledgerIndex").asLong());
        assertThat(entry.path("type").asString()).isEqualTo("change.requested");
        assertThat(entry.path("body").path("emergencyApprovalWindow").asString())
                .isEqualTo("PT24H");
        assertThat(team.liaison().get("/changes/" + id).body())
                .contains("id=\"emergency-window\"")
                .contains("id=\"liaison-alone\"")
                .doesNotContain("id=\"no-commander\"");
        clock.advance(Duration.ofMinutes(1));
        String post = syncSnapshot(team, AFTER);
        assertThat(execute(ic, id, post).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(30));
        Api.Response own = approve(ic, id);
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.json().path("type").asString()).endsWith("self-approval");
        Api.Response approved = approve(team.liaison(), id);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().path("approved").asBoolean()).isTrue();
        assertThat(approved.json().path("approvedAt").isString()).isTrue();
        JsonNode decided = ledgerEntry(
                approved.json().path("approvals").get(0).path("ledgerIndex").asLong());
        assertThat(decided.path("body").path("approvalComplete").asBoolean()).isTrue();
        assertThat(decided.path("body").path("liaisonAlone").asBoolean()).isTrue();
        String report = report(team.auditor(), team.incident());
        assertThat(report)
                .contains("approved by the audit liaison")
                .doesNotContain("CC8.1 change-management exception: emergency change " + id);
        assertThat(timeline(team))
                .contains("to be approved within PT24H of its execution")
                .contains("the audit liaison's approval completes it");
    }

    /**
     * An emergency change requested while the incident had a second commander awaits that
     * commander's approval; the requester removing them afterwards does not make the requester "the
     * incident's only commander" and the audit liaison's approval does not complete it alone (ADR 134).
     */
    @Test
    void removingTheOtherCommanderDoesNotLetTheLiaisonApproveAnEmergencyChangeAlone() {
        Team team = team("rm-ic2", "Second commander removed");
        String second = "rm-ic2-commander-" + Long.toString(System.nanoTime(), 36);
        admin.as(user(second));
        addMember(team.incident(), second, "INCIDENT_COMMANDER");
        String pre = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested = requestIn(ic, team.incident(), body(List.of(pre), "CONFIGURATION", true, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        assertThat(requested.json().path("liaisonApprovalSuffices").asBoolean()).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(execute(ic, id, syncSnapshot(team, AFTER)).status()).isEqualTo(201);
        Api.Response removed =
                ic.send("DELETE", "/api/v1/incidents/" + team.incident() + "/members/" + second, null, null);
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(ic.get("/api/v1/changes/" + id)
                        .json()
                        .path("liaisonApprovalSuffices")
                        .asBoolean())
                .isFalse();
        assertThat(team.liaison().get("/changes/" + id).body())
                .contains("id=\"no-commander\"")
                .doesNotContain("id=\"liaison-alone\"");
        Api.Response approved = approve(team.liaison(), id);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().path("approved").asBoolean()).isFalse();
        assertThat(approved.json().path("approvedAt").isNull()).isTrue();
        JsonNode decided = ledgerEntry(
                approved.json().path("approvals").get(0).path("ledgerIndex").asLong());
        assertThat(decided.path("body").path("approvalComplete").asBoolean()).isFalse();
        assertThat(decided.path("body").path("liaisonAlone").asBoolean()).isFalse();
        assertThat(report(team.auditor(), team.incident()))
                .doesNotContain("the audit liaison's approval completing it");
    }

    /**
     * The commander chose the second approver: after approving a responder's change, they made counsel
     * the audit liaison, counsel approved as such, and went back to LEGAL. Recorded, not refused, as a
     * segregation-of-duties exception naming who gave the role, to whom and when: in the change's
     * answer, its page, {@code change.decided} and the report's change row and CC8.1 section
     * (ADR 139). The team's liaison, who held the role before the request, approves with none.
     */
    @Test
    void anApproverGivenTheRoleAfterTheRequestIsASegregationException() {
        Team team = team("sod", "Liaison chosen after the request");
        String counselName = "sod-counsel-" + Long.toString(System.nanoTime(), 36);
        Api chosen = admin.as(user(counselName));
        addMember(team.incident(), counselName, "LEGAL");
        String pre = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested =
                requestIn(team.responder(), team.incident(), body(List.of(pre), "CONFIGURATION", false, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        long requestIndex = requested.json().path("ledgerIndex").asLong();
        assertThat(requested.json().path("segregationExceptions")).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(approve(ic, id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        addMember(team.incident(), counselName, "AUDIT_LIAISON");
        clock.advance(Duration.ofMinutes(1));
        Api.Response approved = approve(chosen, id);
        assertThat(approved.status()).as(approved.body()).isEqualTo(201);
        assertThat(approved.json().path("approved").asBoolean()).isTrue();
        addMember(team.incident(), counselName, "LEGAL");

        JsonNode change = team.auditor().get("/api/v1/changes/" + id).json();
        assertThat(change.path("segregationExceptions")).hasSize(1);
        JsonNode exception = change.path("segregationExceptions").get(0);
        long approvalIndex = change.path("approvals").get(1).path("ledgerIndex").asLong();
        assertThat(exception.path("approver").asString()).isEqualTo(counselName);
        assertThat(exception.path("role").asString()).isEqualTo("AUDIT_LIAISON");
        assertThat(exception.path("givenBy").asString()).isEqualTo("ic-" + names);
        assertThat(exception.path("approvalIndex").asLong()).isEqualTo(approvalIndex);
        long given = exception.path("givenIndex").asLong();
        assertThat(given).isGreaterThan(requestIndex).isLessThan(approvalIndex);
        JsonNode member = ledgerEntry(given);
        assertThat(member.path("type").asString()).isEqualTo("member.changed");
        assertThat(member.path("body").path("username").asString()).isEqualTo(counselName);
        assertThat(exception.path("givenAt").asString())
                .isEqualTo(member.path("at").asString());
        assertThat(exception.path("exception").asString())
                .contains(counselName + " approved change " + id + " as the audit liaison, a role ic-" + names
                        + " gave them");
        JsonNode decided = ledgerEntry(approvalIndex);
        assertThat(decided.path("body").path("roleGivenAfterRequest").path("by").asString())
                .isEqualTo("ic-" + names);
        assertThat(decided.path("body")
                        .path("roleGivenAfterRequest")
                        .path("entry")
                        .asLong())
                .isEqualTo(given);
        assertThat(team.auditor().get("/changes/" + id).body())
                .contains("id=\"role-given-" + approvalIndex + "\"")
                .contains("segregation-of-duties exception");
        assertThat(report(team.auditor(), team.incident()))
                .contains("a segregation-of-duties exception: approved by " + counselName
                        + " as the audit liaison, a role ic-" + names + " gave them")
                .contains("CC8.1 segregation-of-duties exception: change " + id);

        // the team's liaison held the role before the request: an ordinary approval
        String again = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response ordinary =
                requestIn(team.responder(), team.incident(), body(List.of(again), "CONFIGURATION", false, ""));
        assertThat(ordinary.status()).as(ordinary.body()).isEqualTo(201);
        String other = ordinary.json().path("id").asString();
        assertThat(approve(ic, other).status()).isEqualTo(201);
        Api.Response byLiaison = approve(team.liaison(), other);
        assertThat(byLiaison.status()).as(byLiaison.body()).isEqualTo(201);
        assertThat(byLiaison.json().path("approved").asBoolean()).isTrue();
        assertThat(byLiaison.json().path("segregationExceptions")).isEmpty();
        assertThat(ledgerEntry(byLiaison
                                .json()
                                .path("approvals")
                                .get(1)
                                .path("ledgerIndex")
                                .asLong())
                        .path("body")
                        .has("roleGivenAfterRequest"))
                .isFalse();
        assertThat(team.auditor().get("/changes/" + other).body()).doesNotContain("id=\"role-given-");
    }

    /**
     * The liaison's finding 8: the commander approved, then carried out the change: told as a
     * segregation-of-duties observation in the answer, the page, the timeline and the report's CC8.1
     * section, not refused, and not counted as an exception.
     */
    @Test
    void anApproverWhoCarriesOutTheChangeIsASegregationOfDutiesObservation() {
        Team team = team("sod", "Segregation");
        Api.Response requested = respondersRequest(team, syncSnapshot(team, BEFORE));
        String id = requested.json().path("id").asString();
        assertThat(requested.json().path("segregationOfDuties").isNull()).isTrue();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String post = syncSnapshot(team, AFTER);
        Api.Response executed = execute(ic, id, post);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        String commander = executed.json().path("executedBy").asString();
        assertThat(executed.json().path("segregationOfDuties").asString())
                .isEqualTo("segregation-of-duties observation (SOC 2 CC8.1): " + commander + " approved change " + id
                        + " as the incident commander and carried it out");
        JsonNode entry = ledgerEntry(executed.json().path("executionIndex").asLong());
        assertThat(strings(entry.path("body").path("executorApproved"))).containsExactly("INCIDENT_COMMANDER");
        assertThat(team.auditor().get("/changes/" + id).body()).contains("id=\"segregation\"");
        assertThat(timeline(team))
                .contains("approved it too, as incident commander: a segregation-of-duties observation");
        assertThat(report(team.auditor(), team.incident()))
                .contains("CC8.1 segregation-of-duties observation: " + commander + " approved change " + id)
                .contains("No CC8.1 change-management exception");
    }

    /**
     * The liaison's finding 9: requested again, item for item, after the commander rejected it: the
     * answer and page name the refusal, the report links them, and two identical requests open at
     * once are flagged.
     */
    @Test
    void aRequestForTheItemsOfOneRefusedIsLinkedAndTwoOpenAreFlagged() {
        Team team = team("again", "Resubmission");
        String pre = syncSnapshot(team, BEFORE);
        String first = respondersRequest(team, pre).json().path("id").asString();
        Api.Response rejected = ic.postJson(
                "/api/v1/changes/" + first + "/approvals", "{\"decision\":\"REJECT\",\"comment\":\"not now\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(1));
        Api.Response second = respondersRequest(team, pre);
        JsonNode link = second.json().path("sameItemsAs");
        assertThat(link).hasSize(1);
        assertThat(link.get(0).path("change").asString()).isEqualTo(first);
        assertThat(link.get(0).path("status").asString()).isEqualTo("REJECTED");
        assertThat(link.get(0).path("decision").asString())
                .startsWith("rejected by ")
                .endsWith("as the incident commander: not now");
        assertThat(second.json().path("openAlongside")).isEmpty();
        Api.Response third = respondersRequest(team, pre);
        String secondId = second.json().path("id").asString();
        String thirdId = third.json().path("id").asString();
        assertThat(strings(third.json().path("openAlongside"))).containsExactly(secondId);
        assertThat(strings(
                        team.auditor().get("/api/v1/changes/" + secondId).json().path("openAlongside")))
                .containsExactly(thirdId);
        assertThat(team.auditor().get("/changes/" + secondId).body())
                .contains("id=\"same-items-" + first + "\"")
                .contains("not now")
                .contains("id=\"open-alongside\"");
        assertThat(report(team.auditor(), team.incident()))
                .contains("requested again: the same items as change " + first + " (rejected)")
                .contains("Requests open at once for the same configuration items: change " + secondId);
    }

    /**
     * The liaison's finding 12: the export's OSCAL document carries the report's retests (observations)
     * and its CC8.1 exception (an observation and a finding on cc8.1), valid against NIST's schema.
     */
    @Test
    void theExportsOscalCarriesTheRetestsAndTheCc81Exception() throws Exception {
        Team team = team("oscal", "OSCAL");
        Api.Response imported = team.liaison()
                .send(
                        "POST",
                        "/api/v1/control-tests?incident=" + team.incident(),
                        "text/csv",
                        REGISTER.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String pre = syncSnapshot(team, BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested = requestIn(ic, team.incident(), body(List.of(pre), "CONFIGURATION", true, ""));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        clock.advance(Duration.ofMinutes(1));
        assertThat(execute(ic, id, syncSnapshot(team, AFTER)).status()).isEqualTo(201);
        // not approved within the window recorded with the request (24 hours): a CC8.1 exception
        clock.advance(Duration.ofHours(25));
        java.net.http.HttpResponse<byte[]> bag =
                team.auditor().getBytes("/api/v1/incidents/" + team.incident() + "/export");
        assertThat(bag.statusCode()).isEqualTo(200);
        JsonNode doc = null;
        try (var zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bag.body()))) {
            for (var e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().endsWith("data/oscal/assessment-results.json")) {
                    doc = tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .readTree(zip.readAllBytes());
                }
            }
        }
        assertThat(doc).isNotNull();
        assertThat(dev.tandem.server.export.DemoExportContract.oscalErrors(doc)).isEmpty();
        JsonNode result = doc.path("assessment-results").path("results").path(0);
        List<String> titles = new ArrayList<>();
        result.path("observations").forEach(o -> titles.add(o.path("title").asString()));
        assertThat(titles)
                .contains("Retest: CC6.3 on PermissionSet:Integration_Sync after change " + id)
                .contains("CC8.1 change-management exception");
        JsonNode finding = result.path("findings").path(0);
        assertThat(finding.path("description").asString())
                .startsWith("CC8.1 change-management exception: emergency change " + id)
                .contains("not approved within the 24-hour window recorded with its request");
        assertThat(finding.path("target").path("target-id").asString()).isEqualTo("cc8.1");
    }

    /** An incident of its own, opened by the commander, with a responder, an audit liaison and an auditor. */
    record Team(String incident, Api responder, Api liaison, String liaisonName, Api auditor) {}

    Team team(String prefix, String title) {
        String tag = Long.toString(System.nanoTime(), 36);
        String inc = openIncident(title + " " + tag);
        Map<String, Api> as = new java.util.HashMap<>();
        for (String role : List.of("RESPONDER", "AUDIT_LIAISON", "AUDITOR")) {
            String name = prefix + "-" + role.toLowerCase(java.util.Locale.ROOT) + "-" + tag;
            as.put(role, admin.as(user(name)));
            addMember(inc, name, role);
        }
        return new Team(
                inc, as.get("RESPONDER"), as.get("AUDIT_LIAISON"), prefix + "-audit_liaison-" + tag, as.get("AUDITOR"));
    }

    // ------------------------------------------------------------------ naming items

    /**
     * The review's case: an edit to the audited Admin profile escaped its retest by the spelling of
     * its item. An item that is not {@code Type:Name[#detail]} is refused naming it and the form;
     * harmless spacing is read as the register writes it; an item no register row matches is
     * accepted and flagged on the answer and the page, before anyone approves. A register row that
     * is no item is refused at import, naming its line and column.
     */
    @Test
    void anItemIsNamedAsTheRegisterNamesItOrRefusedOrFlagged() {
        Team team = teamWithMarketingRegister("names", "Item names");
        String before = uploadZip(
                team.incident(),
                zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN, ADMIN_FILE.replace("Admin", "Standard"), ADMIN));
        clock.advance(Duration.ofMinutes(1));
        String changes = "/api/v1/incidents/" + team.incident() + "/changes";
        java.util.function.Function<String, Api.Response> request = item -> team.responder()
                .postJson(
                        changes,
                        "{\"title\":\"Revoke ApiEnabled\",\"system\":\"Salesforce\",\"configItems\":[\"" + item
                                + "\"],\"preSnapshots\":[\"" + before
                                + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        long size = treeSize();
        Api.Response unreadable = request.apply("Admin profile");
        assertThat(unreadable.status()).as(unreadable.body()).isEqualTo(422);
        assertThat(unreadable.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-config-item");
        assertThat(unreadable.json().path("detail").asString())
                .startsWith("configItems: \"Admin profile\" cannot be read as a configuration item")
                .contains("Type:Name");
        assertThat(treeSize()).isEqualTo(size);

        // "Profile: Admin#ApiEnabled": the Admin profile, whose CC6.1 test it suggests and retests
        Api.Response spaced = request.apply("Profile: Admin#ApiEnabled");
        assertThat(spaced.status()).as(spaced.body()).isEqualTo(201);
        assertThat(strings(spaced.json().path("configItems"))).containsExactly("Profile:Admin#ApiEnabled");
        assertThat(strings(spaced.json().path("controls"))).containsExactly("CC6.1");
        assertThat(spaced.json().path("unmatchedItems")).isEmpty();
        assertThat(team.liaison()
                        .get("/changes/" + spaced.json().path("id").asString())
                        .body())
                .doesNotContain("id=\"unmatched\"");

        // an item no register row matches: accepted, and flagged where the liaison approves
        Api.Response unmatched = request.apply("Profile:Standard#ApiEnabled");
        assertThat(unmatched.status()).as(unmatched.body()).isEqualTo(201);
        assertThat(strings(unmatched.json().path("unmatchedItems"))).containsExactly("Profile:Standard#ApiEnabled");
        String id = unmatched.json().path("id").asString();
        assertThat(strings(team.liaison().get("/api/v1/changes/" + id).json().path("unmatchedItems")))
                .containsExactly("Profile:Standard#ApiEnabled");
        assertThat(team.liaison().get("/changes/" + id).body())
                .contains("id=\"unmatched\"")
                .contains("No audited control matches")
                .contains("Profile:Standard#ApiEnabled");

        // the register: a row no change could ever match is refused, naming its line and column
        size = treeSize();
        Api.Response register = importRegister(
                team,
                "CC6.1,Profile:Admin,2026-09-15,Audrey Blake,5 admins\n"
                        + "CC6.6,Salesforce production org,2026-09-15,Audrey Blake,all\n");
        assertThat(register.status()).as(register.body()).isEqualTo(422);
        assertThat(register.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-config-item");
        assertThat(register.json().path("detail").asString())
                .startsWith("line 3, column configItem: \"Salesforce production org\"");
        assertThat(treeSize()).isEqualTo(size);
    }

    /**
     * The review's case: a change on the Marketing_Campaigns permission set naming CC6.3 retests the
     * CC6.3 test of that permission set, not the CC6.3 test of a permission set it never touched.
     */
    @Test
    void aNamedControlRetestsOnlyTheRegisterRowsTheChangeTouches() {
        Team team = team("named", "Named control");
        Api.Response imported = importRegister(
                team,
                "CC6.3,PermissionSet:Marketing_Campaigns,2026-09-14,Audrey Blake,25\n"
                        + "CC6.3,PermissionSet:Integration_Full_Access,2026-09-14,Audrey Blake,25\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String before = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        Api.Response r = team.responder()
                .postJson(
                        "/api/v1/incidents/" + team.incident() + "/changes",
                        "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce\",\"configItems\":"
                                + "[\"PermissionSet:Marketing_Campaigns#ViewAllData\"],\"controls\":[\"CC6.3\"],"
                                + "\"preSnapshots\":[\"" + before
                                + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String after = uploadZip(
                team.incident(),
                zip(MARKETING_FILE, metadata("PermissionSet", "ViewAllData=false"), ADMIN_FILE, ADMIN));
        assertThat(execute(team.responder(), id, after).status()).isEqualTo(201);
        List<String> retested = new ArrayList<>();
        team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/retests")
                .json()
                .path("retests")
                .forEach(t -> retested.add(t.path("control").asString() + " "
                        + t.path("configItem").asString()));
        assertThat(retested).containsExactly("CC6.3 PermissionSet:Marketing_Campaigns");
    }

    /**
     * The review's cases: a permission set's change requested on the Admin profile's snapshot, and a
     * profile's change executed with a permission set's snapshot. The request is refused naming what
     * the snapshot holds; the execution is refused before any diff pairs a profile with a permission
     * set (whose "Profile:Marketing_Admin" would sit in the ledger as a CC8.1 exception for good).
     */
    @Test
    void aSnapshotIsOfWhatTheChangeNamesAndADiffNeverPairsTwoTypes() {
        Team team = teamWithMarketingRegister("types", "Snapshot types");
        String admin = uploadTo(team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Admin.profile-meta.xml", ADMIN);
        clock.advance(Duration.ofMinutes(1));
        String changes = "/api/v1/incidents/" + team.incident() + "/changes";
        java.util.function.BiFunction<String, String, Api.Response> request = (item, pre) -> team.responder()
                .postJson(
                        changes,
                        "{\"title\":\"Tighten\",\"system\":\"Salesforce\",\"configItems\":[\"" + item
                                + "\"],\"preSnapshots\":[\"" + pre
                                + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        long size = treeSize();
        int count = jdbc.queryForObject(
                "SELECT COUNT(*) FROM change_request WHERE incident_id = ?", Integer.class, team.incident());
        Api.Response lacking = request.apply("PermissionSet:Marketing_Admin#ModifyAllData", admin);
        assertThat(lacking.status()).as(lacking.body()).isEqualTo(422);
        assertThat(lacking.json().path("type").asString()).isEqualTo("urn:tandem:problem:pre-snapshot-lacks-item");
        assertThat(lacking.json().path("detail").asString())
                .startsWith("preSnapshots: no pre-change snapshot holds PermissionSet:Marketing_Admin")
                .contains("Admin.profile-meta.xml holds Profile:Admin");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM change_request WHERE incident_id = ?", Integer.class, team.incident()))
                .isEqualTo(count);

        // the other way round: the profile's snapshot is right, the post-change one a permission set's
        Api.Response requested = request.apply("Profile:Admin#loginIpRanges", admin);
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String wrong = uploadTo(
                team.incident(),
                "AUDIT",
                "CONFIG_SNAPSHOT",
                "Admin.permissionset-meta.xml",
                metadata("PermissionSet", "ViewSetup=true"));
        size = treeSize();
        Api.Response mismatched = execute(team.responder(), id, wrong);
        assertThat(mismatched.status()).as(mismatched.body()).isEqualTo(422);
        assertThat(mismatched.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-type-mismatch");
        assertThat(mismatched.json().path("detail").asString())
                .startsWith("postSnapshots: evidence " + wrong
                        + " (Admin.permissionset-meta.xml holds PermissionSet:Admin) is not of the configuration its"
                        + " pre-change snapshot " + admin + " is (Admin.profile-meta.xml holds Profile:Admin)");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(team.responder()
                        .get("/api/v1/changes/" + id)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("APPROVED");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_diff WHERE change_id = ?", Integer.class, id))
                .isZero();
        // the profile's own post-change snapshot: compared, and only the profile is named
        String right = uploadTo(
                team.incident(),
                "AUDIT",
                "CONFIG_SNAPSHOT",
                "Admin.profile-meta.xml",
                metadata("Profile", "ViewSetup=false"));
        Api.Response executed = execute(team.responder(), id, right);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(strings(executed.json().path("touchedItems"))).containsExactly("Profile:Admin#ViewSetup");
    }

    // ------------------------------------------------------------------ withdrawal

    /**
     * The review's case: the only audit liaison requests a change, which nobody may then give its
     * liaison approval. The form and the page say so; the requester (or a commander) withdraws it
     * with a reason, and the report shows it withdrawn rather than pending for good.
     */
    @Test
    void theOnlyLiaisonsRequestIsFlaggedAndIsWithdrawnWithAReason() {
        Team team = team("w", "Withdrawal");
        // the new-change form warns the only liaison before they send, as it warns a commander
        assertThat(team.liaison()
                        .get("/incidents/" + team.incident() + "/changes/new")
                        .body())
                .contains("id=\"commander-requests\"")
                .contains("it needs another audit liaison")
                .contains("no other audit liaison, so it could not be approved");
        String snapshot = uploadTo(
                team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", BEFORE);
        clock.advance(Duration.ofMinutes(1));
        Api.Response r = team.liaison()
                .postJson(
                        "/api/v1/incidents/" + team.incident() + "/changes",
                        body(List.of(snapshot), "CONFIGURATION", false, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        // the page says why it can never be approved, and offers the requester the withdrawal
        String page = team.liaison().get("/changes/" + id).body();
        assertThat(page)
                .contains("id=\"no-commander\"")
                .contains("no other audit liaison")
                .contains("id=\"withdrawal\"");
        assertThat(team.responder().get("/changes/" + id).body())
                .as("a responder who did not request it is not offered the withdrawal")
                .doesNotContain("id=\"withdrawal\"");
        assertThat(team.auditor().get("/changes/" + id).body())
                .as("an open request is offered to the auditor's acknowledgement")
                .contains("id=\"acknowledgement\"");
        long size = treeSize();
        String withdrawal = "/api/v1/changes/" + id + "/withdrawal";
        Api.Response notTheirs = team.responder().postJson(withdrawal, "{\"reason\":\"not mine\"}");
        assertThat(notTheirs.status()).as(notTheirs.body()).isEqualTo(403);
        assertThat(notTheirs.json().path("type").asString()).endsWith("withdraw-by-requester");
        assertThat(team.auditor().postJson(withdrawal, "{\"reason\":\"x\"}").status())
                .isEqualTo(403);
        Api.Response noReason = team.liaison().postJson(withdrawal, "{\"reason\":\" \"}");
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
        assertThat(noReason.json().path("detail").asString()).startsWith("reason:");
        assertThat(treeSize()).isEqualTo(size);
        Api.Response withdrawn = team.liaison()
                .postJson(withdrawal, "{\"reason\":\"The only audit liaison requested it; a responder will\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);
        assertThat(withdrawn.json().path("status").asString()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.json().path("withdrawnBy").asString()).isEqualTo(team.liaisonName());
        assertThat(treeSize()).isEqualTo(size + 1);
        // withdrawn: nothing more to decide, execute or withdraw
        Api.Response approval = approve(ic, id);
        assertThat(approval.status()).as(approval.body()).isEqualTo(409);
        assertThat(approval.json().path("type").asString()).endsWith("change-withdrawn");
        assertThat(team.liaison().postJson(withdrawal, "{\"reason\":\"again\"}").status())
                .isEqualTo(409);
        // nor to acknowledge: the auditor is refused, and not offered the form
        long withdrawnSize = treeSize();
        Api.Response ack =
                team.auditor().postJson("/api/v1/changes/" + id + "/acknowledgements", "{\"comment\":\"seen\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(409);
        assertThat(ack.json().path("type").asString()).endsWith("change-withdrawn");
        assertThat(treeSize()).isEqualTo(withdrawnSize);
        assertThat(team.auditor().get("/changes/" + id).body()).doesNotContain("id=\"acknowledgement\"");
        assertThat(team.liaison().get("/changes/" + id).body())
                .contains("id=\"withdrawn\"")
                .doesNotContain("id=\"no-commander\"")
                .doesNotContain("id=\"withdrawal\"");
        // the report: withdrawn, with its reason; not a change left unexecuted
        String report = team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/reports/audit-continuity")
                .body();
        assertThat(report)
                .contains("The only audit liaison requested it; a responder will")
                .doesNotContain("not executed");
        // a commander withdraws another's request too
        Api.Response other = team.responder()
                .postJson(
                        "/api/v1/incidents/" + team.incident() + "/changes",
                        body(List.of(snapshot), "CONFIGURATION", false, ""));
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        Api.Response byCommander = ic.postJson(
                "/api/v1/changes/" + other.json().path("id").asString() + "/withdrawal", "{\"reason\":\"superseded\"}");
        assertThat(byCommander.status()).as(byCommander.body()).isEqualTo(201);
        // a rejected change is not acknowledged either
        Api.Response third = team.responder()
                .postJson(
                        "/api/v1/incidents/" + team.incident() + "/changes",
                        body(List.of(snapshot), "CONFIGURATION", false, ""));
        assertThat(third.status()).as(third.body()).isEqualTo(201);
        String rejectedId = third.json().path("id").asString();
        Api.Response rejected = ic.postJson(
                "/api/v1/changes/" + rejectedId + "/approvals", "{\"decision\":\"REJECT\",\"comment\":\"no\"}");
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(201);
        Api.Response ackRejected = team.auditor()
                .postJson("/api/v1/changes/" + rejectedId + "/acknowledgements", "{\"comment\":\"seen\"}");
        assertThat(ackRejected.status()).as(ackRejected.body()).isEqualTo(409);
        assertThat(ackRejected.json().path("type").asString()).endsWith("change-rejected");
        assertThat(team.auditor().get("/changes/" + rejectedId).body()).doesNotContain("id=\"acknowledgement\"");
    }

    // ------------------------------------------------------------------ what the diffs show

    /** A metadata document of {@code root} with the user permissions {@code name=enabled}, on one line. */
    static String metadata(String root, String... permissions) {
        StringBuilder b = new StringBuilder("<" + root + " xmlns=\"http://soap.sforce.com/2006/04/metadata\">");
        for (String p : permissions) {
            String[] nameAndFlag = p.split("=");
            b.append("<userPermissions><enabled>")
                    .append(nameAndFlag[1])
                    .append("</enabled><name>")
                    .append(nameAndFlag[0])
                    .append("</name></userPermissions>");
        }
        return b.append("</").append(root).append(">").toString();
    }

    static final String MARKETING = metadata("PermissionSet", "ViewAllData=true");
    static final String ADMIN = metadata("Profile", "ViewSetup=true");
    static final String ADMIN_AFTER = metadata("Profile", "AuthorApex=true", "ViewSetup=false");
    static final String MARKETING_FILE =
            "force-app/main/default/permissionsets/Marketing_Campaigns.permissionset-meta.xml";
    static final String ADMIN_FILE = "force-app/main/default/profiles/Admin.profile-meta.xml";

    static byte[] zip(String... namesAndContents) {
        var out = new java.io.ByteArrayOutputStream();
        try (var z = new java.util.zip.ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new java.util.zip.ZipEntry(namesAndContents[i]));
                z.write(bytes(namesAndContents[i + 1]));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A team whose register tested CC6.3 on the Marketing_Campaigns permission set and CC6.1 on the Admin profile. */
    Team teamWithMarketingRegister(String prefix, String title) {
        Team team = team(prefix, title);
        Api.Response imported = importRegister(
                team,
                "CC6.3,PermissionSet:Marketing_Campaigns,2026-09-14,Audrey Blake,25\n"
                        + "CC6.1,Profile:Admin,2026-09-15,Audrey Blake,5 admins\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        return team;
    }

    /** The team's liaison imports a register of {@code rows} (after the header). */
    static Api.Response importRegister(Team team, String rows) {
        return team.liaison()
                .send(
                        "POST",
                        "/api/v1/control-tests?incident=" + team.incident(),
                        "text/csv",
                        bytes("control,configItem,testedOn,tester,sample\n" + rows));
    }

    String uploadZip(String incidentId, byte[] zip) {
        return uploadZip(incidentId, zip, "AUDIT");
    }

    String uploadZip(String incidentId, byte[] zip, String repository) {
        Api.Response r = ic.postBytes(
                "/api/v1/incidents/" + incidentId + "/evidence?repository=" + repository
                        + "&kind=CONFIG_SNAPSHOT&name=metadata.zip",
                zip);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    /**
     * The review's case: requested and approved for {@code PermissionSet:Marketing_Campaigns}, the
     * post-change zip also granted AuthorApex and took ViewSetup away on {@code Profile:Admin}, where
     * CC6.1 was tested. The execution is recorded (the change is in the org), the items beyond the
     * approval named in {@code change.executed}, on the change and in the report as a CC8.1
     * exception, and retested; an emergency change alike.
     */
    @Test
    void aChangeBeyondItsApprovalIsRecordedAsSuchAndItsExtraItemsAreRetested() {
        Team team = teamWithMarketingRegister("scope", "Beyond approval");
        String before = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        String changes = "/api/v1/incidents/" + team.incident() + "/changes";
        String body = "{\"title\":\"Revoke ViewAllData from Marketing_Campaigns\",\"system\":\"Salesforce\","
                + "\"configItems\":[\"PermissionSet:Marketing_Campaigns\"],\"controls\":[\"CC6.3\"],"
                + "\"preSnapshots\":[\"" + before + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":";
        Api.Response requested = team.responder().postJson(changes, body + "false}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(5));
        byte[] afterZip = zip(MARKETING_FILE, metadata("PermissionSet", "ViewAllData=false"), ADMIN_FILE, ADMIN_AFTER);
        String afterId = uploadZip(team.incident(), afterZip);
        Api.Response executed = execute(team.responder(), id, afterId);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(strings(executed.json().path("touchedItems")))
                .containsExactly(
                        "PermissionSet:Marketing_Campaigns#ViewAllData",
                        "Profile:Admin#ViewSetup",
                        "Profile:Admin#AuthorApex");
        assertThat(strings(executed.json().path("unapprovedItems")))
                .containsExactly("Profile:Admin#ViewSetup", "Profile:Admin#AuthorApex");
        // the ledger entry says it, and the timeline
        JsonNode entry = null;
        for (JsonNode e : team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/timeline")
                .json()) {
            if (e.path("index").asLong()
                    == executed.json().path("executionIndex").asLong()) entry = e;
        }
        assertThat(entry).isNotNull();
        assertThat(entry.path("text").asString())
                .contains("beyond its approval: also changed Profile:Admin#ViewSetup, Profile:Admin#AuthorApex");
        // retested: the approved item's control and the profile's
        List<String> retested = new ArrayList<>();
        team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/retests")
                .json()
                .path("retests")
                .forEach(r -> retested.add(r.path("control").asString() + " "
                        + r.path("configItem").asString()));
        assertThat(retested).containsExactly("CC6.3 PermissionSet:Marketing_Campaigns", "CC6.1 Profile:Admin");
        // the change's page and the audit-continuity report tell the auditor
        String page = team.auditor().get("/changes/" + id).body();
        assertThat(page).contains("id=\"beyond-approval\"").contains("Profile:Admin#AuthorApex");
        String report = team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/reports/audit-continuity")
                .body();
        assertThat(report)
                .contains("also changed, beyond its approval: Profile:Admin#ViewSetup, Profile:Admin#AuthorApex")
                .contains("CC8.1 change-management exception: change " + id)
                .contains("went beyond its approval");

        // the snapshot before that change is no longer the org as the next change finds it: refused,
        // naming the newer one, nothing recorded
        long size = treeSize();
        Api.Response stale = ic.postJson(changes, body.replace("Revoke", "Emergency revoke") + "true}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(422);
        assertThat(stale.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-superseded");
        assertThat(stale.json().path("detail").asString())
                .startsWith("preSnapshots: evidence " + before + " (metadata.zip, received ")
                .contains("is older than evidence " + afterId + " of the same configuration")
                .contains("(the post-change snapshot of change " + id + ")");
        assertThat(treeSize()).isEqualTo(size);
        // an emergency change alike, once the first was rolled back (the org as before it, snapshotted again)
        String rolledBack = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        Api.Response emergency =
                ic.postJson(changes, body.replace("Revoke", "Emergency revoke").replace(before, rolledBack) + "true}");
        assertThat(emergency.status()).as(emergency.body()).isEqualTo(201);
        String urgent = emergency.json().path("id").asString();
        clock.advance(Duration.ofMinutes(1));
        Api.Response ran = execute(ic, urgent, uploadZip(team.incident(), afterZip));
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        assertThat(strings(ran.json().path("unapprovedItems")))
                .containsExactly("Profile:Admin#ViewSetup", "Profile:Admin#AuthorApex");
        assertThat(team.auditor()
                        .get("/api/v1/incidents/" + team.incident() + "/retests")
                        .body())
                .contains("\"change\":\"" + urgent + "\",\"changeTitle\":\"Emergency revoke");
        assertThat(team.auditor()
                        .get("/api/v1/incidents/" + team.incident() + "/reports/audit-continuity")
                        .body())
                .contains("CC8.1 change-management exception: change " + urgent);
    }

    /**
     * Two changes requested and approved on the same fresh snapshot; the first is executed. The
     * second, on the same item, would now be applied to a configuration nobody snapshotted or
     * approved: its execution is refused (422 {@code snapshot-before-change}, naming the first change
     * and what it changed), nothing recorded, and the page says what to do instead of offering the
     * execution. A third on another item of the same configuration would be diffed against a snapshot
     * the first change's post-change snapshot superseded ({@code snapshot-superseded}). A stale
     * change is not approved either. Following the advice (a new snapshot, a new request, new
     * approvals) carries it out.
     */
    @Test
    void aChangeMadeStaleByAnotherExecutedSinceItsSnapshotIsNeitherApprovedNorExecuted() {
        Team team = teamWithMarketingRegister("stale", "Stale at execution");
        String before = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        String changes = "/api/v1/incidents/" + team.incident() + "/changes";
        java.util.function.BiFunction<String, String, String> change = (title, item) -> {
            Api.Response r = team.responder()
                    .postJson(
                            changes,
                            "{\"title\":\"" + title + "\",\"system\":\"Salesforce\",\"configItems\":[\"" + item
                                    + "\"],\"controls\":[\"CC6.3\"],\"preSnapshots\":[\"" + before
                                    + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().path("id").asString();
        };
        String first = change.apply("Revoke ViewAllData", "PermissionSet:Marketing_Campaigns#ViewAllData");
        String second = change.apply("Lock down Marketing_Campaigns", "PermissionSet:Marketing_Campaigns");
        String third = change.apply("Remove ViewSetup from Admin", "Profile:Admin#ViewSetup");
        String fourth = change.apply("Revoke ViewAllData again", "PermissionSet:Marketing_Campaigns#ViewAllData");
        for (String id : List.of(first, second, third)) {
            assertThat(approve(ic, id).status()).isEqualTo(201);
            assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        }
        // not stale yet: the page offers the execution
        assertThat(team.responder().get("/changes/" + second).body())
                .doesNotContain("id=\"stale\"")
                .contains("/changes/" + second + "/execution");
        clock.advance(Duration.ofMinutes(5));
        String after = MARKETING.replace("true", "false");
        String firstPost = uploadZip(team.incident(), zip(MARKETING_FILE, after, ADMIN_FILE, ADMIN));
        Api.Response ran = execute(team.responder(), first, firstPost);
        assertThat(ran.status()).as(ran.body()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));

        // the same item: refused, naming the first change and what it changed; nothing recorded
        String secondPost = uploadZip(team.incident(), zip(MARKETING_FILE, after, ADMIN_FILE, ADMIN));
        long size = treeSize();
        Api.Response refused = execute(team.responder(), second, secondPost);
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-before-change");
        assertThat(refused.json().path("detail").asString())
                .startsWith("preSnapshots: evidence " + before + " (metadata.zip, received ")
                .contains("predates change " + first + " \"Revoke ViewAllData\", executed since")
                .contains("which changed PermissionSet:Marketing_Campaigns#ViewAllData (this change's"
                        + " PermissionSet:Marketing_Campaigns)")
                .endsWith("take a new snapshot of the configuration as it is now, withdraw this change and request"
                        + " it again on the new snapshot, for a new approval");
        assertThat(treeSize()).isEqualTo(size);
        JsonNode unchanged = team.responder().get("/api/v1/changes/" + second).json();
        assertThat(unchanged.path("status").asString()).isEqualTo("APPROVED");
        assertThat(unchanged.path("executedAt").isNull()
                        || unchanged.path("executedAt").isMissingNode())
                .isTrue();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM change_diff WHERE change_id = ?", Integer.class, second))
                .isZero();
        // the page tells every member why and what to do, and offers no execution
        String page = team.responder().get("/changes/" + second).body();
        assertThat(page)
                .contains("id=\"stale\"")
                .contains("predates change " + first)
                .doesNotContain("id=\"not-ready\"")
                .doesNotContain("/changes/" + second + "/execution\"");
        assertThat(team.liaison().get("/changes/" + second).body()).contains("id=\"stale\"");
        // the executed change's own page is not stale
        assertThat(team.responder().get("/changes/" + first).body()).doesNotContain("id=\"stale\"");

        // another item of the same configuration: the first change's post-change snapshot superseded it
        String thirdPost = uploadZip(
                team.incident(), zip(MARKETING_FILE, after, ADMIN_FILE, metadata("Profile", "ViewSetup=false")));
        size = treeSize();
        Api.Response superseded = execute(team.responder(), third, thirdPost);
        assertThat(superseded.status()).as(superseded.body()).isEqualTo(422);
        assertThat(superseded.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-superseded");
        assertThat(superseded.json().path("detail").asString())
                .contains("predates change " + first + " \"Revoke ViewAllData\", executed since, whose post-change"
                        + " snapshot " + firstPost);
        assertThat(treeSize()).isEqualTo(size);

        // a stale change is not approved: the approval would be of a change that cannot be carried out
        // and its page, which says it is not to be carried out as requested, offers no approval
        assertThat(ic.get("/changes/" + fourth).body())
                .contains("id=\"stale\"")
                .contains("id=\"no-approve\"")
                .doesNotContain("value=\"APPROVE\"")
                .contains("value=\"REJECT\"");
        Api.Response approval = approve(ic, fourth);
        assertThat(approval.status()).as(approval.body()).isEqualTo(422);
        assertThat(approval.json().path("type").asString()).isEqualTo("urn:tandem:problem:snapshot-before-change");
        assertThat(treeSize()).isEqualTo(size);
        // rejecting or withdrawing it is still possible
        Api.Response withdrawn = team.responder()
                .postJson("/api/v1/changes/" + second + "/withdrawal", "{\"reason\":\"stale snapshot\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(201);

        // as the answer says: a new snapshot, a new request, new approvals
        String now = uploadZip(team.incident(), zip(MARKETING_FILE, after, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        Api.Response again = team.responder()
                .postJson(
                        changes,
                        "{\"title\":\"Lock down Marketing_Campaigns\",\"system\":\"Salesforce\","
                                + "\"configItems\":[\"PermissionSet:Marketing_Campaigns\"],\"controls\":[\"CC6.3\"],"
                                + "\"preSnapshots\":[\"" + now
                                + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        String redo = again.json().path("id").asString();
        assertThat(approve(ic, redo).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), redo).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        Api.Response done = execute(
                team.responder(),
                redo,
                uploadZip(team.incident(), zip(MARKETING_FILE, metadata("PermissionSet"), ADMIN_FILE, ADMIN)));
        assertThat(done.status()).as(done.body()).isEqualTo(201);
    }

    /**
     * What an engineer may hit executing: a second click on an executed change, a rejected or a
     * withdrawn change, a change on a closed incident. Each is refused (409) and nothing recorded; a
     * closed incident takes no new request either, and what was requested on it can still be withdrawn.
     */
    @Test
    void aChangeRunsOnceOnlyWhenApprovedAndNeverOnAClosedIncident() {
        Team team = team("once", "Executed once");
        String changes = "/api/v1/incidents/" + team.incident() + "/changes";
        java.util.function.Supplier<String> approved = () -> {
            String snapshot = uploadTo(
                    team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", BEFORE);
            clock.advance(Duration.ofSeconds(1));
            Api.Response r = team.responder().postJson(changes, body(List.of(snapshot), "CONFIGURATION", false, ""));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            return r.json().path("id").asString();
        };
        String id = approved.get();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String post =
                uploadTo(team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        assertThat(execute(team.responder(), id, post).status()).isEqualTo(201);
        long size = treeSize();
        Api.Response twice = execute(ic, id, post);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(twice.json().path("type").asString()).isEqualTo("urn:tandem:problem:change-executed");
        assertThat(treeSize()).isEqualTo(size);

        // rejected, withdrawn: not executed
        String rejected = approved.get();
        Api.Response no = ic.postJson(
                "/api/v1/changes/" + rejected + "/approvals", "{\"decision\":\"REJECT\",\"comment\":\"no\"}");
        assertThat(no.status()).as(no.body()).isEqualTo(201);
        String withdrawn = approved.get();
        assertThat(team.responder()
                        .postJson("/api/v1/changes/" + withdrawn + "/withdrawal", "{\"reason\":\"not needed\"}")
                        .status())
                .isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String later =
                uploadTo(team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        size = treeSize();
        for (var refusal : Map.of(rejected, "change-rejected", withdrawn, "change-withdrawn")
                .entrySet()) {
            Api.Response r = execute(team.responder(), refusal.getKey(), later);
            assertThat(r.status()).as(r.body()).isEqualTo(409);
            assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:" + refusal.getValue());
        }
        assertThat(treeSize()).isEqualTo(size);

        // the incident closed: an approved change is no longer executed, nor a new one requested
        String pending = approved.get();
        assertThat(approve(ic, pending).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), pending).status()).isEqualTo(201);
        String snapshot = uploadTo(
                team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", BEFORE);
        clock.advance(Duration.ofSeconds(1));
        for (String phase : List.of("RESPOND", "RECOVER")) {
            Api.Response moved =
                    ic.putJson("/api/v1/incidents/" + team.incident() + "/phase", "{\"phase\":\"" + phase + "\"}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        }
        Api.Response closed =
                ic.postJson("/api/v1/incidents/" + team.incident() + "/closure", "{\"text\":\"Recovered\"}");
        assertThat(closed.status()).as(closed.body()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        String afterClosure =
                uploadTo(team.incident(), "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        size = treeSize();
        Api.Response late = execute(team.responder(), pending, afterClosure);
        assertThat(late.status()).as(late.body()).isEqualTo(409);
        assertThat(late.json().path("type").asString()).isEqualTo("urn:tandem:problem:incident-closed");
        assertThat(late.json().path("detail").asString()).startsWith("the incident was closed at ");
        Api.Response request = team.responder().postJson(changes, body(List.of(snapshot), "CONFIGURATION", false, ""));
        assertThat(request.status()).as(request.body()).isEqualTo(409);
        assertThat(request.json().path("type").asString()).isEqualTo("urn:tandem:problem:incident-closed");
        assertThat(treeSize()).isEqualTo(size);
        assertThat(team.responder().get("/changes/" + pending).body())
                .contains("id=\"not-ready\"")
                .contains("the incident was closed at")
                .doesNotContain("/changes/" + pending + "/execution\"");
        // what was requested before is withdrawn, with a reason
        Api.Response cleared = team.responder()
                .postJson("/api/v1/changes/" + pending + "/withdrawal", "{\"reason\":\"incident closed\"}");
        assertThat(cleared.status()).as(cleared.body()).isEqualTo(201);
    }

    /**
     * The review's case: approved for the Admin profile's login hours, naming CC6.1; its diff shows the
     * permission set changed instead. The approved item the diffs show no change to is told (API,
     * page), and the retests' reasons say what the diffs show.
     */
    @Test
    void anApprovedItemTheDiffsShowUnchangedIsToldAndTheRetestReasonsFollowTheDiffs() {
        Team team = teamWithMarketingRegister("unchanged", "Approved, not carried out");
        String before = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN));
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested = team.responder()
                .postJson(
                        "/api/v1/incidents/" + team.incident() + "/changes",
                        "{\"title\":\"Tighten admin profile login hours\",\"system\":\"Salesforce\","
                                + "\"configItems\":[\"Profile:Admin#loginHours\"],\"controls\":[\"CC6.1\"],"
                                + "\"preSnapshots\":[\"" + before + "\"],\"rollbackPlan\":\"Redeploy\"}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(5));
        byte[] afterZip = zip(MARKETING_FILE, metadata("PermissionSet", "ViewAllData=false"), ADMIN_FILE, ADMIN);
        Api.Response executed = execute(team.responder(), id, uploadZip(team.incident(), afterZip));
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(strings(executed.json().path("touchedItems")))
                .containsExactly("PermissionSet:Marketing_Campaigns#ViewAllData");
        assertThat(strings(executed.json().path("unchangedItems"))).containsExactly("Profile:Admin#loginHours");
        assertThat(team.auditor().get("/changes/" + id).body())
                .contains("id=\"approved-unchanged\"")
                .contains("Approved, but its diffs show no change to");
        JsonNode retests = team.auditor()
                .get("/api/v1/incidents/" + team.incident() + "/retests")
                .json()
                .path("retests");
        List<String> reasons = new ArrayList<>();
        retests.forEach(r -> reasons.add(
                r.path("control").asString() + ": " + r.path("reason").asString()));
        assertThat(reasons)
                .containsExactly(
                        "CC6.3: the change modified PermissionSet:Marketing_Campaigns#ViewAllData beyond its approval,"
                                + " which the test of CC6.3 on 2026-09-14 covered",
                        "CC6.1: the change names control CC6.1; it was approved for Profile:Admin#loginHours, which"
                                + " the test of CC6.1 on 2026-09-15 covered, but its diffs show no change to it");
        assertThat(team.auditor()
                        .get("/api/v1/incidents/" + team.incident() + "/reports/audit-continuity")
                        .body())
                .contains("approved, but its diffs show no change to: Profile:Admin#loginHours");
    }

    /**
     * The same change on FORENSIC snapshots, made before its approval: its touched items are named
     * from privileged diffs, so whoever may not read every snapshot (the auditor) gets its retests
     * from the approved items alone, in the API, its CSV, the page and the audit report alike, with no
     * reason naming an item beyond the approval; the report still tells both CC8.1 exceptions, as a
     * flag and a count, and does not call the change an emergency.
     */
    @Test
    void aSealedExecutionsTouchedItemsReachNoRetestOfThoseWhoMayNotReadItsSnapshots() {
        Team team = teamWithMarketingRegister("sealed", "Sealed change");
        String before = uploadZip(team.incident(), zip(MARKETING_FILE, MARKETING, ADMIN_FILE, ADMIN), "FORENSIC");
        clock.advance(Duration.ofMinutes(1));
        Api.Response requested = ic.postJson(
                "/api/v1/incidents/" + team.incident() + "/changes",
                "{\"title\":\"Revoke ViewAllData from Marketing_Campaigns\",\"system\":\"Salesforce\","
                        + "\"configItems\":[\"PermissionSet:Marketing_Campaigns\"],\"controls\":[\"CC6.3\"],"
                        + "\"preSnapshots\":[\"" + before + "\"],\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        clock.advance(Duration.ofMinutes(1));
        // made first: the post-change snapshot predates the approvals
        String after = uploadZip(
                team.incident(),
                zip(MARKETING_FILE, metadata("PermissionSet", "ViewAllData=false"), ADMIN_FILE, ADMIN_AFTER),
                "FORENSIC");
        clock.advance(Duration.ofMinutes(1));
        String otherCommander = "sealed-ic2-" + Long.toString(System.nanoTime(), 36);
        Api ic2 = admin.as(user(otherCommander));
        addMember(team.incident(), otherCommander, "INCIDENT_COMMANDER");
        assertThat(approve(ic2, id).status()).isEqualTo(201);
        assertThat(approve(team.liaison(), id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        Api.Response executed = execute(ic, id, after);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(strings(executed.json().path("unapprovedItems")))
                .containsExactly("Profile:Admin#ViewSetup", "Profile:Admin#AuthorApex");
        String retests = "/api/v1/incidents/" + team.incident() + "/retests";
        // the commander reads every snapshot: the profile is retested, beyond the approval
        assertThat(ic.get(retests).body())
                .contains("the change modified Profile:Admin#ViewSetup, Profile:Admin#AuthorApex beyond its approval");
        // the auditor does not: the approved item's retest alone, everywhere it is shown
        Api auditor = team.auditor();
        assertThat(auditor.get("/api/v1/changes/" + id)
                        .json()
                        .path("touchedItems")
                        .isNull())
                .isTrue();
        JsonNode seen = auditor.get(retests).json();
        List<String> controls = new ArrayList<>();
        seen.path("retests").forEach(r -> controls.add(r.path("control").asString()));
        assertThat(controls).containsExactly("CC6.3");
        for (String body : List.of(
                seen.toString(),
                auditor.get(retests + "?format=csv").body(),
                auditor.get("/incidents/" + team.incident() + "/retests").body(),
                auditor.get("/incidents/" + team.incident() + "/retests/download")
                        .body())) {
            assertThat(body)
                    .doesNotContain("AuthorApex")
                    .doesNotContain("ViewSetup")
                    .doesNotContain("beyond its");
        }
        String report = auditor.get("/api/v1/incidents/" + team.incident() + "/reports/audit-continuity")
                .body();
        assertThat(report)
                .doesNotContain("AuthorApex")
                .doesNotContain("before its approvals (emergency)")
                .contains("CC8.1 change-management exception: change " + id)
                .contains("was made before its approvals: a post-change snapshot was received before")
                .contains("its diffs also changed 2 configuration items (named in privileged diffs)")
                .contains("before its approvals (a post-change snapshot received before the approval)");
        // its retests and fee agree with the auditor's API: one item
        assertThat(report)
                .containsAnyOf("1 retest item (1 control test, 1 change)", "1 control test to retest (1 item)");
    }

    /**
     * The review's case: the change made first, its "after" snapshot uploaded, executed once both
     * approvals arrived. Recorded (the change is in the org) as made before its approvals.
     */
    @Test
    void aPostChangeSnapshotReceivedBeforeTheApprovalRecordsAChangeMadeBeforeIt() {
        String id = requested(responder);
        clock.advance(Duration.ofMinutes(1));
        String early = upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        clock.advance(Duration.ofMinutes(1));
        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(liaison, id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        // the execution form says so before it is sent
        assertThat(responder.get("/changes/" + id).body()).contains("before the approval: recorded as made before it");
        Api.Response executed = execute(responder, id, early);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(strings(executed.json().path("snapshotsBeforeApproval"))).containsExactly(early);
        JsonNode entry = auditorsEntry(executed.json().path("executionIndex").asLong());
        assertThat(entry.path("text").asString())
                .contains(
                        "made before its approvals (post-change snapshot " + early + " received before the approval)");
        assertThat(auditor.get("/changes/" + id).body()).contains("id=\"before-approval\"");
        assertThat(auditor.get("/api/v1/incidents/" + incident + "/reports/audit-continuity")
                        .body())
                .contains("CC8.1 change-management exception: change " + id)
                .contains("was made before its approvals: its post-change snapshot " + early);
        // a snapshot received after the approval: not before it
        String later = requested(responder);
        assertThat(approve(ic, later).status()).isEqualTo(201);
        assertThat(approve(liaison, later).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));
        Api.Response inTime =
                execute(responder, later, upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER));
        assertThat(inTime.status()).as(inTime.body()).isEqualTo(201);
        assertThat(inTime.json().path("snapshotsBeforeApproval")).isEmpty();
        assertThat(auditorsEntry(inTime.json().path("executionIndex").asLong())
                        .path("text")
                        .asString())
                .doesNotContain("before its approvals");
    }

    // ------------------------------------------------------------------ helpers

    // ------------------------------------------------------------------ the retest cost, closure and period

    /**
     * The audit liaison's findings 4, 5 and 10 on an incident of its own: the observation period is set
     * by the liaison alone and recorded; a register row outside it is refused naming its line; before
     * approval the change shows the register tests it would put up for retest, the fee, and a named
     * control the register never tested; after execution the retest is outstanding and priced, and a
     * test of the same control and item imported after the change closes it on the API, the CSV and
     * the report, whose DC4 disclosure places the incident in the period.
     */
    @Test
    void aRetestIsPricedBeforeApprovalAndClosedByATestAfterTheChangeWithinTheObservationPeriod() {
        String tag = Long.toString(System.nanoTime(), 36);
        String own = openIncident("Retest cost " + tag);
        for (var m : Map.of(
                        responderName(), "RESPONDER",
                        liaisonName(), "AUDIT_LIAISON",
                        auditorName(), "AUDITOR")
                .entrySet()) {
            addMember(own, m.getKey(), m.getValue());
        }
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        String path = "/api/v1/incidents/" + own + "/observation-period";
        assertThat(liaison.get(path).json().path("start").isNull()).isTrue();
        long size = treeSize();
        Api.Response forbidden = responder.putJson(path, "{\"start\":\"2026-01-01\",\"end\":\"2026-12-31\"}");
        assertThat(forbidden.status()).as(forbidden.body()).isEqualTo(403);
        Api.Response backwards = liaison.putJson(path, "{\"start\":\"2026-12-31\",\"end\":\"2026-01-01\"}");
        assertThat(backwards.status()).as(backwards.body()).isEqualTo(422);
        assertThat(backwards.json().path("detail").asString())
                .isEqualTo("start, end: the observation period ends (2026-01-01) before it starts (2026-12-31)");
        Api.Response badDay = liaison.putJson(path, "{\"start\":\"01/01/2026\",\"end\":\"2026-12-31\"}");
        assertThat(badDay.status()).isEqualTo(422);
        assertThat(badDay.json().path("detail").asString()).startsWith("start: \"01/01/2026\" is not a calendar date");
        assertThat(treeSize()).isEqualTo(size);
        String start = today.minusDays(180).toString();
        String end = today.plusDays(30).toString();
        Api.Response set = liaison.putJson(path, "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(auditor.get(path).json().path("end").asString()).isEqualTo(end);
        assertThat(treeSize()).isEqualTo(size + 1);
        Api.Response same = liaison.putJson(path, "{\"start\":\"" + start + "\",\"end\":\"" + end + "\"}");
        assertThat(same.status()).isEqualTo(409);

        // a register from the wrong year: refused naming its line, nothing recorded
        String header = "control,configItem,testedOn,tester,sample\n";
        String tested = today.minusDays(30).toString();
        Api.Response wrongYear = liaison.send(
                "POST",
                "/api/v1/control-tests?incident=" + own,
                "text/csv",
                bytes(header + "CC6.3,PermissionSet:Integration_Sync," + tested + ",Audrey Blake,25\n"
                        + "CC6.1,Profile:Admin," + today.minusDays(400) + ",Audrey Blake,5\n"));
        assertThat(wrongYear.status()).as(wrongYear.body()).isEqualTo(422);
        assertThat(wrongYear.json().path("detail").asString())
                .isEqualTo("line 3, column testedOn: " + today.minusDays(400) + " is before the observation period ("
                        + start + " to " + end + "); a register lists the tests of the period");
        assertThat(treeSize()).isEqualTo(size + 1);
        Api.Response imported = liaison.send(
                "POST",
                "/api/v1/control-tests?incident=" + own,
                "text/csv",
                bytes(header + "CC6.3,PermissionSet:Integration_Sync," + tested + ",Audrey Blake,25\n"));
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(1));

        // before approval: the tests it would undo, the fee, and the control the register never tested
        String pre = uploadTo(own, "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", BEFORE);
        clock.advance(Duration.ofSeconds(1));
        Api.Response requested = responder.postJson(
                "/api/v1/incidents/" + own + "/changes",
                "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce production\",\"kind\":\"CONFIGURATION\","
                        + "\"configItems\":[\"PermissionSet:Integration_Sync#ViewAllData\"],"
                        + "\"controls\":[\"CC6.3\",\"CC9.2\"],\"preSnapshots\":[\"" + pre + "\"],"
                        + "\"rollbackPlan\":\"Redeploy\",\"emergency\":false}");
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String id = requested.json().path("id").asString();
        JsonNode preview = liaison.get("/api/v1/changes/" + id).json().path("retestPreview");
        assertThat(preview.path("retests")).hasSize(1);
        JsonNode test = preview.path("retests").get(0);
        assertThat(List.of(
                        test.path("control").asString(),
                        test.path("configItem").asString(),
                        test.path("testedOn").asString(),
                        test.path("tester").asString()))
                .containsExactly("CC6.3", "PermissionSet:Integration_Sync", tested, "Audrey Blake");
        assertThat(strings(preview.path("notInRegister"))).containsExactly("CC9.2");
        assertThat(preview.path("outsidePeriod").asBoolean()).isFalse();
        assertThat(preview.path("fee").path("low").decimalValue()).isEqualByComparingTo("12000");
        assertThat(liaison.get("/changes/" + id).body())
                .contains("Retest cost if carried out")
                .contains("CC9.2: not in the register")
                .contains("Audrey Blake");

        assertThat(approve(ic, id).status()).isEqualTo(201);
        assertThat(approve(liaison, id).status()).isEqualTo(201);
        clock.advance(Duration.ofMinutes(10));
        String post = uploadTo(own, "AUDIT", "CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", AFTER);
        Api.Response executed = execute(responder, id, post);
        assertThat(executed.status()).as(executed.body()).isEqualTo(201);
        assertThat(executed.json().path("retestPreview").isNull()).isTrue();
        JsonNode outstanding =
                auditor.get("/api/v1/incidents/" + own + "/retests").json();
        assertThat(outstanding.path("retests")).hasSize(1);
        assertThat(outstanding.path("retests").get(0).path("closedOn").isNull()).isTrue();
        assertThat(outstanding.path("fee").path("low").decimalValue()).isEqualByComparingTo("12000");

        // the review's finding 4: the retest after the change, imported after it ran, dated its day
        clock.advance(Duration.ofMinutes(1));
        Api.Response redone = liaison.send(
                "POST",
                "/api/v1/control-tests?incident=" + own,
                "text/csv",
                bytes(header + "CC6.3,PermissionSet:Integration_Sync," + today + ",Robin Kim,retest after change\n"));
        assertThat(redone.status()).as(redone.body()).isEqualTo(201);
        JsonNode closed = auditor.get("/api/v1/incidents/" + own + "/retests").json();
        assertThat(closed.path("retests")).hasSize(1);
        assertThat(closed.path("retests").get(0).path("closedOn").asString()).isEqualTo(today.toString());
        assertThat(closed.path("retests").get(0).path("closedBy").asString()).isEqualTo("Robin Kim");
        assertThat(closed.path("fee").path("low").decimalValue()).isEqualByComparingTo("0");
        assertThat(auditor.send("GET", "/api/v1/incidents/" + own + "/retests?format=csv", null, null)
                        .body())
                .contains("," + today + ",Robin Kim");
        assertThat(auditor.get("/incidents/" + own + "/retests").body())
                .contains("Done: tested " + today + " by Robin Kim")
                .contains("Observation period");
        String report = auditor.send("GET", "/api/v1/incidents/" + own + "/reports/audit-continuity", null, null)
                .body();
        assertThat(report)
                .contains("done: tested " + today + " by Robin Kim")
                .contains("1 retest item done")
                .contains("Observation period: " + start + " to " + end + "; the incident was opened in Tandem on "
                        + today + ", within the period");
        // a period that would leave a register row outside it is refused, naming the row; nothing recorded
        long before = treeSize();
        Api.Response narrower =
                liaison.putJson(path, "{\"start\":\"" + today.minusDays(10) + "\",\"end\":\"" + end + "\"}");
        assertThat(narrower.status()).as(narrower.body()).isEqualTo(409);
        assertThat(narrower.json().path("detail").asString())
                .contains(
                        "CC6.3 PermissionSet:Integration_Sync tested " + tested + " is before the observation period");
        assertThat(treeSize()).isEqualTo(before);
    }

    /**
     * A pre-change snapshot of the permission set taken now, the clock then moved on: the
     * configuration as a new change finds it. The incident is shared by the tests, and a snapshot
     * older than a later one of the same configuration, or than a change made since, is refused.
     */
    String pre() {
        String id = upload("CONFIG_SNAPSHOT", "Integration_Sync.permissionset-meta.xml", BEFORE);
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    String requested(Api as) {
        Api.Response r = request(as, body(List.of(pre()), "CONFIGURATION", false, ""));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    static String body(List<String> snapshots, String kind, boolean emergency, String more) {
        return "{\"title\":\"Revoke ViewAllData\",\"system\":\"Salesforce production\",\"kind\":\"" + kind + "\","
                + "\"configItems\":[\"PermissionSet:Integration_Sync#ViewAllData\"],\"controls\":[\"CC6.3\"],"
                + "\"preSnapshots\":["
                + String.join(",", snapshots.stream().map(s -> "\"" + s + "\"").toList())
                + "],\"rollbackPlan\":\"Redeploy the pre-change permission set\",\"emergency\":" + emergency + more
                + "}";
    }

    Api.Response request(Api as, String body) {
        return as.postJson("/api/v1/incidents/" + incident + "/changes", body);
    }

    static Api.Response approve(Api as, String id) {
        return as.postJson("/api/v1/changes/" + id + "/approvals", "{\"decision\":\"APPROVE\",\"comment\":\"ok\"}");
    }

    static Api.Response execute(Api as, String id, String post) {
        return as.postJson(
                "/api/v1/changes/" + id + "/execution",
                "{\"postSnapshots\":[\"" + post + "\"],\"notes\":\"deployed\"}");
    }

    Api.Response importRegister(Api as, String csv) {
        return as.send(
                "POST", "/api/v1/control-tests?incident=" + incident, "text/csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    String upload(String kind, String name, String content) {
        Api.Response r = ic.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=" + kind + "&name=" + name,
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    String uploadTo(String incidentId, String repository, String kind, String name, String content) {
        Api.Response r = ic.postBytes(
                "/api/v1/incidents/" + incidentId + "/evidence?repository=" + repository + "&kind=" + kind + "&name="
                        + name,
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    long treeSize() {
        return jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
    }

    int evidence() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM evidence WHERE incident_id = ?", Integer.class, incident);
    }

    int changes() {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM change_request WHERE incident_id = ?", Integer.class, incident);
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    String user(String username) {
        return TestUsers.withToken(admin, accounts, username, "change");
    }
}
