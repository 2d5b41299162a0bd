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

    @BeforeAll
    void incident() {
        Api admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String tag = Long.toString(System.nanoTime(), 36);
        ic = admin.as(user(admin, "ic-" + tag));
        liaison = admin.as(user(admin, "liaison-" + tag));
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
