package dev.tandem.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Evidence requests and verified checkpoints through the API against a real database (docs/contracts.md
 * §5.1): each step stored with its ledger entry, refusals that write nothing, and a checkpoint
 * recorded from the signed note and shown consistent as the log grows. Run on H2 and PostgreSQL by
 * the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + EvidenceRequestsContract.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EvidenceRequestsContract {
    @Autowired
    Accounts accounts;

    static final String ADMIN_TOKEN = "evidence-requests-admin-token-0123456789";

    @LocalServerPort
    int port;

    private Api ic;
    private Api liaison;
    private Api auditor;
    private String incident;
    private String audit;
    private String forensic;
    private String liaisonName;

    @BeforeAll
    void incident() {
        Api admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String tag = Long.toString(System.nanoTime(), 36);
        ic = admin.as(user(admin, "ic-" + tag));
        liaisonName = "liaison-" + tag;
        liaison = admin.as(user(admin, liaisonName));
        auditor = admin.as(user(admin, "auditor-" + tag));
        Api.Response created = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Sandbox sync\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        incident = created.json().path("id").asString();
        for (var m : Map.of("liaison-" + tag, "AUDIT_LIAISON", "auditor-" + tag, "AUDITOR")
                .entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + incident + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        audit = upload("AUDIT", "access-review-after.csv");
        forensic = upload("FORENSIC", "soc-notes.md");
    }

    @Test
    void aRequestIsFiledAnsweredWithAuditEvidenceAndAcceptedEachStepOnTheTimeline() {
        Api.Response filed = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests",
                "{\"text\":\"Access review of the integration user before and after containment\","
                        + "\"due\":\"2099-12-01\",\"controls\":[\"CC6.3\",\"CC6.2\"]}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String id = filed.json().path("id").asString();
        assertThat(filed.json().path("status").asString()).isEqualTo("OPEN");
        assertThat(filed.json().path("due").asString()).isEqualTo("2099-12-01");
        assertThat(filed.json().path("controls").toString()).isEqualTo("[\"CC6.3\",\"CC6.2\"]");
        String r = "/api/v1/evidence-requests/" + id;
        int entries = timeline().size();

        // FORENSIC is refused naming the item, and nothing is written
        Api.Response forensicAnswer =
                liaison.postJson(r + "/answer", "{\"evidence\":[\"" + audit + "\",\"" + forensic + "\"]}");
        assertThat(forensicAnswer.status()).as(forensicAnswer.body()).isEqualTo(422);
        assertThat(forensicAnswer.json().path("type").asString()).isEqualTo("urn:tandem:problem:forensic-evidence");
        assertThat(forensicAnswer.json().path("detail").asString()).startsWith("evidence: item " + forensic);
        assertThat(liaison.get(r).json().path("status").asString()).isEqualTo("OPEN");
        assertThat(liaison.get(r).json().path("evidence")).isEmpty();
        assertThat(liaison.get(r).json().path("history")).isEmpty();
        assertThat(timeline()).hasSize(entries);
        // the auditor reviews, never answers; nothing to accept while OPEN
        assertThat(auditor.postJson(r + "/answer", "{\"evidence\":[\"" + audit + "\"]}")
                        .status())
                .isEqualTo(403);
        assertThat(auditor.postJson(r + "/accept", "{}").status()).isEqualTo(409);

        Api.Response answered =
                liaison.postJson(r + "/answer", "{\"evidence\":[\"" + audit + "\"],\"note\":\"after containment\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(answered.json().path("status").asString()).isEqualTo("ANSWERED");
        JsonNode linked = answered.json().path("evidence").get(0);
        assertThat(linked.path("id").asString()).isEqualTo(audit);
        assertThat(linked.path("name").asString()).isEqualTo("access-review-after.csv");
        // what the auditor downloads through the evidence download, which records the read
        assertThat(auditor.get(linked.path("content").asString()).status()).isEqualTo(200);

        Api.Response reopened = auditor.postJson(r + "/reopen", "{\"reason\":\"the review before containment\"}");
        assertThat(reopened.json().path("status").asString()).isEqualTo("OPEN");
        assertThat(reopened.json().path("evidence")).isEmpty();
        // what the answer handed over stays in the history, then why it was reopened
        JsonNode history = auditor.get(r).json().path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("step").asString()).isEqualTo("ANSWERED");
        assertThat(history.get(0).path("text").asString()).isEqualTo("after containment");
        assertThat(history.get(0).path("by").asString()).startsWith("liaison-");
        assertThat(history.get(0).path("ledgerIndex").asLong())
                .isEqualTo(answered.json().path("lastIndex").asLong());
        assertThat(history.get(0).path("evidence").get(0)).isEqualTo(linked);
        assertThat(history.get(1).path("step").asString()).isEqualTo("REOPENED");
        assertThat(history.get(1).path("text").asString()).isEqualTo("the review before containment");
        assertThat(history.get(1).path("evidence")).isEmpty();
        assertThat(liaison.postJson(r + "/answer", "{\"evidence\":[\"" + audit + "\"]}")
                        .status())
                .isEqualTo(200);
        assertThat(auditor.postJson(r + "/accept", "[]").status()).isEqualTo(422);
        Api.Response accepted = auditor.postJson(r + "/accept", "{\"comment\":\"complete\"}");
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("lastText").asString()).isEqualTo("complete");
        List<String> steps = new ArrayList<>();
        long previous = 0;
        for (JsonNode h : accepted.json().path("history")) {
            steps.add(h.path("step").asString());
            assertThat(h.path("ledgerIndex").asLong()).isGreaterThan(previous);
            previous = h.path("ledgerIndex").asLong();
        }
        assertThat(steps).containsExactly("ANSWERED", "REOPENED", "ANSWERED", "ACCEPTED");
        assertThat(accepted.json()
                        .path("history")
                        .get(2)
                        .path("evidence")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(audit);
        assertThat(auditor.postJson(r + "/reopen", "{\"reason\":\"more\"}").status())
                .isEqualTo(409);

        List<String> types = new ArrayList<>();
        for (JsonNode e : timeline()) {
            if (e.path("type").asString().startsWith("evidence-request.")
                    && e.path("body").path("request").asString().equals(id)) {
                types.add(e.path("type").asString());
            }
        }
        assertThat(types)
                .containsExactly(
                        "evidence-request.filed",
                        "evidence-request.answered",
                        "evidence-request.reopened",
                        "evidence-request.answered",
                        "evidence-request.accepted");
        assertThat(auditor.get("/api/v1/incidents/" + incident + "/evidence-requests")
                        .body())
                .contains(id);
    }

    @Test
    void theCommanderDeclinesWithAReasonAndTheAuditorAcceptsTheRefusalWithoutABody() {
        String id = liaison.postJson(
                        "/api/v1/incidents/" + incident + "/evidence-requests",
                        "{\"text\":\"Badge logs of the data centre\"}")
                .json()
                .path("id")
                .asString();
        String r = "/api/v1/evidence-requests/" + id;
        Api.Response noReason = ic.postJson(r + "/decline", "{\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.json().path("detail").asString()).startsWith("reason: ");
        Api.Response declined = ic.postJson(r + "/decline", "{\"reason\":\"the data centre is the provider's\"}");
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        assertThat(declined.json().path("status").asString()).isEqualTo("DECLINED");
        assertThat(declined.json().path("lastBy").asString()).startsWith("ic-");
        assertThat(declined.json().path("requestedBy").asString()).startsWith("liaison-");
        Api.Response accepted = auditor.send("POST", r + "/accept", null, null);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.json().path("lastText").asString()).isEmpty();
    }

    @Test
    void twoAnswersAtOnceOneIsRecordedTheOtherRefusedAsTheStateMoved() throws Exception {
        String r = "/api/v1/evidence-requests/"
                + auditor.postJson(
                                "/api/v1/incidents/" + incident + "/evidence-requests",
                                "{\"text\":\"Quarterly user access review\"}")
                        .json()
                        .path("id")
                        .asString();
        String body = "{\"evidence\":[\"" + audit + "\"]}";
        List<Integer> statuses;
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var first = pool.submit(() -> liaison.postJson(r + "/answer", body).status());
            var second = pool.submit(() -> ic.postJson(r + "/answer", body).status());
            statuses = List.of(first.get(), second.get());
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        int answers = 0;
        for (JsonNode e : timeline()) {
            if (e.path("type").asString().equals("evidence-request.answered")
                    && r.endsWith(e.path("body").path("request").asString())) {
                answers++;
            }
        }
        assertThat(answers).isEqualTo(1);
        assertThat(auditor.get(r).json().path("evidence")).hasSize(1);
    }

    @Test
    void aBadRequestNamesItsFieldAndRecordsNothing() {
        int entries = timeline().size();
        Api.Response noText =
                auditor.postJson("/api/v1/incidents/" + incident + "/evidence-requests", "{\"text\":\" \"}");
        assertThat(noText.status()).isEqualTo(422);
        assertThat(noText.json().path("detail").asString()).startsWith("text: ");
        Api.Response control = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests", "{\"text\":\"x\",\"controls\":[\"CC99.9\"]}");
        assertThat(control.status()).isEqualTo(422);
        assertThat(control.json().path("detail").asString()).startsWith("controls: ");
        Api.Response due = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests", "{\"text\":\"x\",\"due\":\"2020-01-01\"}");
        assertThat(due.json().path("detail").asString()).startsWith("due: 2020-01-01 is in the past");
        assertThat(timeline()).hasSize(entries);
        assertThat(auditor.get("/api/v1/evidence-requests/no-such-request").status())
                .isEqualTo(404);
    }

    @Test
    void theAuditorRecordsTheCheckpointOfABagAndTheNextBagProvesConsistencyFromIt() throws Exception {
        String path = "/api/v1/incidents/" + incident + "/verified-checkpoint";
        assertThat(auditor.get(path).json().path("type").asString())
                .isEqualTo("urn:tandem:problem:no-verified-checkpoint");
        var bag = auditor.getBytes("/api/v1/incidents/" + incident + "/export");
        assertThat(bag.statusCode()).isEqualTo(200);
        String note = entry(bag.body(), "data/ledger/checkpoint");
        long size = Long.parseLong(note.lines().toList().get(1));

        Api.Response tampered = auditor.send(
                "PUT",
                path,
                "text/plain",
                note.replaceFirst("\n" + size + "\n", "\n" + (size - 1) + "\n").getBytes(StandardCharsets.UTF_8));
        assertThat(tampered.status()).as(tampered.body()).isEqualTo(422);
        assertThat(tampered.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-signature");
        assertThat(liaison.send("PUT", path, "text/plain", note.getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(403);

        Api.Response recorded = auditor.send("PUT", path, "text/plain", note.getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(200);
        assertThat(recorded.json().path("treeSize").asLong()).isEqualTo(size);
        assertThat(recorded.json().path("consistent").asBoolean()).isTrue();
        // the log grows; the recorded checkpoint stays consistent with it
        upload("AUDIT", "later.csv");
        JsonNode later = auditor.get(path).json();
        assertThat(later.path("treeSize").asLong()).isEqualTo(size);
        assertThat(later.path("logSize").asLong()).isGreaterThan(size);
        assertThat(later.path("consistent").asBoolean()).isTrue();
        var next = auditor.getBytes(later.path("export").asString());
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(entry(next.body(), "ledger/consistency.json")).contains("\"from\":" + size);
        boolean onTimeline = false;
        for (JsonNode e : timeline()) {
            if (e.path("type").asString().equals("checkpoint.verified")) {
                onTimeline = e.path("body").path("treeSize").asLong() == size;
            }
        }
        assertThat(onTimeline).isTrue();
    }

    /** The text of the bag's file whose path ends so. */
    private static String entry(byte[] zip, String suffix) throws Exception {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().endsWith(suffix)) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new AssertionError("no " + suffix + " in the bag");
    }

    private JsonNode timeline() {
        return auditor.get("/api/v1/incidents/" + incident + "/timeline").json();
    }

    /**
     * The auditor asks for the remediation's change ticket and its approvals: the liaison answers
     * with the change and its public entries (ADR 111); the auditor reads both in the answer, its
     * history and the timeline. Unknown changes, entries outside the ledger or of another incident,
     * and privileged entries are refused, nothing recorded.
     */
    @Test
    void aRequestIsAnsweredWithAChangeAndItsPublicEntriesAndRefusesWhatTheAuditorMayNotRead() {
        JsonNode change = change("Requests", "Revoke ViewAllData from the integration user");
        String changeId = change.path("id").asString();
        long requested = change.path("ledgerIndex").asLong();
        // a privileged entry of the same incident: counsel's decision, a commitment to the auditor
        Api.Response privileged = ic.postJson(
                "/api/v1/incidents/" + incident + "/timeline",
                "{\"kind\":\"DECISION\",\"text\":\"Privileged: notify the authority\",\"privileged\":true}");
        assertThat(privileged.status()).as(privileged.body()).isEqualTo(201);
        long sealed = privileged.json().path("ledgerIndex").asLong();

        Api.Response filed = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests",
                "{\"text\":\"The change ticket for the remediation and who approved it\"}");
        String id = filed.json().path("id").asString();
        String answer = "/api/v1/evidence-requests/" + id + "/answer";
        long size = Long.parseLong(
                ic.get("/api/v1/ledger/checkpoint").body().lines().toList().get(1));
        Map<String, String> refused = new java.util.LinkedHashMap<>();
        refused.put("{\"changes\":[\"no-such-change\"]}", "bad-changes");
        refused.put("{\"entries\":[" + (size + 1000) + "]}", "bad-entries");
        refused.put("{\"entries\":[\"12\"]}", "bad-entries");
        refused.put("{\"entries\":[" + sealed + "]}", "privileged-entry");
        refused.put("{\"entries\":[0]}", "bad-entries"); // the installation's first entry, of no incident
        refused.put("{\"changes\":[],\"entries\":[]}", "bad-evidence");
        for (var r : refused.entrySet()) {
            Api.Response no = liaison.postJson(answer, r.getKey());
            assertThat(no.status()).as(r.getKey() + " " + no.body()).isEqualTo(422);
            assertThat(no.json().path("type").asString()).as(r.getKey()).endsWith(":" + r.getValue());
        }
        assertThat(auditor.get("/api/v1/evidence-requests/" + id)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("OPEN");

        Api.Response answered = liaison.postJson(
                answer,
                "{\"changes\":[\"" + changeId + "\"],\"entries\":[" + requested + "],"
                        + "\"note\":\"The change and its request\"}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        JsonNode seen = auditor.get("/api/v1/evidence-requests/" + id).json();
        assertThat(seen.path("status").asString()).isEqualTo("ANSWERED");
        assertThat(seen.path("evidence")).isEmpty();
        assertThat(seen.path("changes").get(0).path("id").asString()).isEqualTo(changeId);
        assertThat(seen.path("changes").get(0).path("title").asString())
                .isEqualTo("Revoke ViewAllData from the integration user");
        assertThat(seen.path("changes").get(0).path("href").asString()).isEqualTo("/api/v1/changes/" + changeId);
        assertThat(auditor.get(seen.path("changes").get(0).path("href").asString())
                        .status())
                .isEqualTo(200);
        JsonNode entry = seen.path("entries").get(0);
        assertThat(entry.path("index").asLong()).isEqualTo(requested);
        assertThat(entry.path("type").asString()).isEqualTo("change.requested");
        assertThat(entry.path("text").asString()).contains("Revoke ViewAllData");
        assertThat(seen.path("history").get(0).path("changes").get(0).path("id").asString())
                .isEqualTo(changeId);
        // the answer's entry names them, in the clear, and the timeline tells it
        JsonNode recorded = auditor.get("/api/v1/incidents/" + incident + "/timeline?kind=evidence-request.answered")
                .json();
        JsonNode last = recorded.get(recorded.size() - 1);
        assertThat(last.path("body").path("changes").get(0).asString()).isEqualTo(changeId);
        assertThat(last.path("body").path("entries").get(0).asLong()).isEqualTo(requested);
        assertThat(last.path("text").asString())
                .contains("1 change (" + changeId + ")", "1 ledger entry (#" + requested);

        // the auditor's portal page shows them in the answer's history, the entry linked on the timeline
        Api.Response page = auditor.get("/incidents/" + incident + "/audit");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/changes/" + changeId + "\"")
                .contains("Revoke ViewAllData from the integration user")
                .contains("href=\"/incidents/" + incident + "#entry-" + requested + "\"")
                .contains("Ledger entry #" + requested);

        // reopened, the current answer links nothing; its history keeps what was handed over
        Api.Response reopened =
                auditor.postJson("/api/v1/evidence-requests/" + id + "/reopen", "{\"reason\":\"the approvals too\"}");
        assertThat(reopened.status()).as(reopened.body()).isEqualTo(200);
        assertThat(reopened.json().path("changes")).isEmpty();
        assertThat(reopened.json().path("entries")).isEmpty();
        assertThat(reopened.json()
                        .path("history")
                        .get(0)
                        .path("entries")
                        .get(0)
                        .path("index")
                        .asLong())
                .isEqualTo(requested);
    }

    /**
     * The Audit tab's answer form takes the incident's changes (checkboxes) and entry indexes (text,
     * "#12, 13"); an index that is no number comes back as the page, 422, the problem at the form.
     */
    @Test
    void thePortalsAnswerFormLinksAChangeAndEntries() {
        JsonNode change = change("Form", "Remove the sandbox copy");
        String changeId = change.path("id").asString();
        long requested = change.path("ledgerIndex").asLong();
        String id = auditor.postJson(
                        "/api/v1/incidents/" + incident + "/evidence-requests",
                        "{\"text\":\"The ticket for removing the sandbox copy\"}")
                .json()
                .path("id")
                .asString();
        String password = "form-answer-" + Long.toString(System.nanoTime(), 36) + "-Kq7!";
        accounts.setPassword(liaisonName, password, "test");
        dev.tandem.server.FormSession form = new dev.tandem.server.FormSession("http://127.0.0.1:" + port);
        assertThat(form.signIn(liaisonName, password).statusCode()).isEqualTo(302);
        String page = "/incidents/" + incident + "/audit";
        assertThat(form.get(page).body()).contains("value=\"" + changeId + "\"");
        var bad = form.post(
                "/evidence-requests/" + id + "/answer",
                "entries=" + dev.tandem.server.FormSession.encode("#" + requested + ", approvals") + "&_csrf="
                        + dev.tandem.server.FormSession.encode(form.csrf(page)),
                null);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("urn:tandem:problem:bad-entries");
        var ok = form.post(
                "/evidence-requests/" + id + "/answer",
                "changes=" + changeId + "&entries=" + dev.tandem.server.FormSession.encode("#" + requested)
                        + "&note=the+ticket&_csrf=" + dev.tandem.server.FormSession.encode(form.csrf(page)),
                null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(302);
        JsonNode answered = auditor.get("/api/v1/evidence-requests/" + id).json();
        assertThat(answered.path("changes").get(0).path("id").asString()).isEqualTo(changeId);
        assertThat(answered.path("entries").get(0).path("index").asLong()).isEqualTo(requested);
    }

    /** A change requested by the commander on a permission set of its own, from its pre-change snapshot. */
    private JsonNode change(String permissionSet, String title) {
        Api.Response snapshot = ic.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=AUDIT&kind=CONFIG_SNAPSHOT&name="
                        + permissionSet + ".permissionset-meta.xml",
                ("<PermissionSet xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>" + permissionSet + " "
                                + System.nanoTime() + "</label></PermissionSet>")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(snapshot.status()).as(snapshot.body()).isEqualTo(201);
        Api.Response change = ic.postJson(
                "/api/v1/incidents/" + incident + "/changes",
                "{\"title\":\"" + title + "\",\"system\":\"Salesforce\",\"configItems\":[\"PermissionSet:"
                        + permissionSet + "\"],\"controls\":[\"CC6.3\"],\"preSnapshots\":[\""
                        + snapshot.json().path("id").asString() + "\"],\"rollbackPlan\":\"redeploy\"}");
        assertThat(change.status()).as(change.body()).isEqualTo(201);
        return change.json();
    }

    private String upload(String repository, String name) {
        Api.Response r = ic.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=DOCUMENT&name=" + name,
                (name + " content").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private String user(Api admin, String username) {
        return TestUsers.withToken(admin, accounts, username, "portal");
    }
}
