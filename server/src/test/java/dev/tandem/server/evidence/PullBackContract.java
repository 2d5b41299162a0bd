package dev.tandem.server.evidence;

import static dev.tandem.server.TestBags.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.export.BagCheck;
import dev.tandem.export.BagVerifier;
import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Counsel pulls an AUDIT item filed by mistake back to FORENSIC, through the API against a real
 * database (docs/contracts.md, "Pulling an item back"): the auditor then gets the stub, the answer
 * and the ledger entry name the auditor's earlier read and the bag that carried it, a later bag
 * leaves the item out and verifies offline, a second pull back is 409, and no one but LEGAL may;
 * and counsel's privilege basis of an item filed as FORENSIC, which the auditor finds nowhere. Run on
 * H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + PullBackContract.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PullBackContract {
    static final String ADMIN_TOKEN = "pull-back-admin-token-0123456789";
    static final String BASIS = "Work product: report of the forensic firm QUOKKA, retained by outside counsel";

    @Autowired
    Accounts accounts;

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private Api admin;
    private Api ic;
    private Api legal;
    private Api responder;
    private Api auditor;
    private String auditorName;
    private String legalName;
    private String responderName;
    private String incident;

    @BeforeAll
    void incident() {
        admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        String tag = Long.toString(System.nanoTime(), 36);
        ic = admin.as(user("ic-" + tag));
        legalName = "legal-" + tag;
        legal = admin.as(user(legalName));
        responderName = "responder-" + tag;
        responder = admin.as(user(responderName));
        auditorName = "auditor-" + tag;
        auditor = admin.as(user(auditorName));
        incident = open(ic);
        for (var m : Map.of("legal-" + tag, "LEGAL", "responder-" + tag, "RESPONDER", auditorName, "AUDITOR")
                .entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + incident + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
    }

    @Test
    void counselPullsBackAnItemTheAuditorReadAndExportedAndTheAuditorThenGetsTheStub() throws Exception {
        String memo = upload(ic, incident, "counsel-memo.md");
        String kept = upload(ic, incident, "access-review.csv");
        // the auditor reads it and downloads a bag that carries it, while it is AUDIT
        HttpResponse<byte[]> read = auditor.getBytes("/api/v1/evidence/" + memo + "/content");
        assertThat(read.statusCode()).isEqualTo(200);
        Path before = Files.write(
                dir.resolve("before.zip"),
                auditor.getBytes("/api/v1/incidents/" + incident + "/export").body());
        assertThat(unzip(before).get("data/evidence/index.json"))
                .asString(StandardCharsets.UTF_8)
                .contains(memo);
        long readIndex = entryIndex("evidence.read", memo);
        long exportIndex = entryIndex("incident.exported", null);

        // nobody but LEGAL: the responder, the commander and the auditor are refused, nothing recorded
        String path = "/api/v1/incidents/" + incident + "/evidence/" + memo + "/pull-back";
        String body = "{\"reason\":\"counsel's privileged memo, filed to AUDIT by mistake\"}";
        for (Api refused : List.of(responder, ic, auditor)) {
            Api.Response r = refused.postJson(path, body);
            assertThat(r.status()).as(r.body()).isEqualTo(403);
        }
        assertThat(auditor.get("/api/v1/evidence/" + memo)
                        .json()
                        .path("repository")
                        .asString())
                .isEqualTo("AUDIT");
        // a reason is required
        Api.Response noReason = legal.postJson(path, "{}");
        assertThat(noReason.status()).as(noReason.body()).isEqualTo(422);
        assertThat(noReason.json().path("type").asString()).isEqualTo("urn:tandem:problem:missing-reason");

        Api.Response pulled = legal.postJson(path, body);
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        JsonNode answer = pulled.json();
        assertThat(answer.path("evidence").asString()).isEqualTo(memo);
        assertThat(answer.path("repository").asString()).isEqualTo("FORENSIC");
        assertThat(answer.path("reason").asString()).isEqualTo("counsel's privileged memo, filed to AUDIT by mistake");
        // what had been exposed: the auditor's read, by its entry, and the bag that carried it
        assertThat(answer.path("reads")).hasSize(1);
        assertThat(answer.path("reads").get(0).path("actor").asString()).isEqualTo(auditorName);
        assertThat(answer.path("reads").get(0).path("index").asLong()).isEqualTo(readIndex);
        assertThat(answer.path("reads").get(0).path("at").asString()).matches("\\d{4}-.*Z");
        assertThat(answer.path("exports")).hasSize(1);
        assertThat(answer.path("exports").get(0).path("index").asLong()).isEqualTo(exportIndex);
        assertThat(answer.path("exports").get(0).path("actor").asString()).isEqualTo(auditorName);
        long index = answer.path("ledgerIndex").asLong();

        // the ledger entry is in the clear, for the auditor too: the move, the reason and the exposure
        JsonNode entry = auditor.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json()
                .get(0)
                .path("entry");
        assertThat(entry.path("type").asString()).isEqualTo("evidence.pulled-back");
        assertThat(entry.path("body").path("evidence").asString()).isEqualTo(memo);
        assertThat(entry.path("body").path("from").asString()).isEqualTo("AUDIT");
        assertThat(entry.path("body").path("to").asString()).isEqualTo("FORENSIC");
        assertThat(entry.path("body").path("reads").get(0).path("index").asLong())
                .isEqualTo(readIndex);
        assertThat(entry.path("body").path("exports").get(0).path("index").asLong())
                .isEqualTo(exportIndex);

        // the auditor gets the stub (no name), and the content is refused as for any FORENSIC item
        JsonNode stub = auditor.get("/api/v1/evidence/" + memo).json();
        List<String> fields = new ArrayList<>();
        stub.propertyNames().forEach(fields::add);
        assertThat(fields).containsExactly("id", "repository", "receivedAt", "ledgerIndex", "pulledBack");
        assertThat(stub.path("repository").asString()).isEqualTo("FORENSIC");
        assertThat(stub.path("pulledBack").asLong()).isEqualTo(index);
        assertThat(auditor.get("/api/v1/incidents/" + incident + "/evidence").body())
                .contains(memo)
                .doesNotContain("counsel-memo.md");
        HttpResponse<byte[]> refused = auditor.getBytes("/api/v1/evidence/" + memo + "/content");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(responder.getBytes("/api/v1/evidence/" + memo + "/content").statusCode())
                .isEqualTo(403);
        // counsel reads it in full, now FORENSIC
        JsonNode full = legal.get("/api/v1/evidence/" + memo).json();
        assertThat(full.path("name").asString()).isEqualTo("counsel-memo.md");
        assertThat(full.path("repository").asString()).isEqualTo("FORENSIC");
        assertThat(full.path("pulledBack").asLong()).isEqualTo(index);

        // a bag made after the move leaves the item out and verifies offline; the earlier one still does
        String key = auditor.get("/api/v1/ledger/key").body().strip();
        Path after = Files.write(
                dir.resolve("after.zip"),
                auditor.getBytes("/api/v1/incidents/" + incident + "/export").body());
        BagCheck check = BagVerifier.verify(after, new BagVerifier.Options(key, null, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        Map<String, byte[]> files = unzip(after);
        String listed = new String(files.get("data/evidence/index.json"), StandardCharsets.UTF_8);
        assertThat(listed).doesNotContain(memo).contains(kept);
        assertThat(files.keySet())
                .doesNotContain("data/evidence/" + full.path("sha256").asString());
        assertThat(new String(files.get("data/ledger/entries.jsonl"), StandardCharsets.UTF_8))
                .as("the earlier evidence.added entry stays in the bag, provable")
                .isNotEmpty();
        BagCheck earlier = BagVerifier.verify(before, new BagVerifier.Options(key, null, List.of(), 0));
        assertThat(earlier.ok()).as(earlier.toString()).isTrue();
        // the audit-continuity report lists it as pulled back, no longer auditor evidence
        Api.Response report = auditor.get("/api/v1/incidents/" + incident + "/reports/audit-continuity");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("pulled back from AUDIT").contains("no longer auditor evidence");

        // a second pull back: 409, nothing recorded
        long size = treeSize();
        Api.Response again = legal.postJson(path, body);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().path("type").asString()).isEqualTo("urn:tandem:problem:already-forensic");
        assertThat(treeSize()).isEqualTo(size);
    }

    @Test
    void anUnknownItemOrAnItemOfAnotherIncidentIsNotFound() {
        Api.Response unknown = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/no-such-item/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        // an item of another incident, where counsel is LEGAL too: not found under this incident
        String other = open(ic);
        Api.Response member =
                ic.putJson("/api/v1/incidents/" + other + "/members/" + legalName, "{\"role\":\"LEGAL\"}");
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        String elsewhere = upload(ic, other, "elsewhere.md");
        Api.Response crossed = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/" + elsewhere + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(crossed.status()).as(crossed.body()).isEqualTo(404);
        assertThat(ic.get("/api/v1/evidence/" + elsewhere)
                        .json()
                        .path("repository")
                        .asString())
                .isEqualTo("AUDIT");
        // an administrator who is no member: hidden, as everything under an incident
        Api.Response asAdmin = admin.postJson(
                "/api/v1/incidents/" + other + "/evidence/" + elsewhere + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(asAdmin.status()).as(asAdmin.body()).isEqualTo(404);
    }

    @Test
    void aForensicItemIsNotPulledBackAndAnItemNeverReadExposedNothing() {
        String forensic = upload(ic, incident, "FORENSIC", "image.dd");
        Api.Response r = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/" + forensic + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:already-forensic");
        String fresh = upload(ic, incident, "unread.md");
        Api.Response ok = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/" + fresh + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("reads")).isEmpty();
        assertThat(ok.json().path("exports")).isEmpty();
    }

    @Test
    void counselPullsBackFromTheItemPageAfterTheQuestionAndThenSeesWhatHadBeenExposed() {
        String memo = upload(ic, incident, "page-memo.md");
        assertThat(auditor.getBytes("/api/v1/evidence/" + memo + "/content").statusCode())
                .isEqualTo(200);
        // the item page offers counsel the action, with a reason field; the commander is not offered it
        String page = legal.get("/evidence/" + memo).body();
        assertThat(page).contains("Pull back to FORENSIC").contains("name=\"reason\"");
        assertThat(ic.get("/evidence/" + memo).body()).doesNotContain("Pull back to FORENSIC");
        String action = "/incidents/" + incident + "/evidence/" + memo + "/pull-back";
        // without a reason: the item page again, the message naming the field, nothing recorded
        Api.Response blank = form(legal, action, "reason=+");
        assertThat(blank.status()).isEqualTo(422);
        assertThat(blank.body()).contains("reason: say why");
        // the question first, with what it has exposed so far; nothing is recorded yet
        Api.Response question = form(legal, action, "reason=counsel%27s+memo");
        assertThat(question.status()).as(question.body()).isEqualTo(200);
        assertThat(question.body())
                .contains("Pull page-memo.md back to FORENSIC?")
                .contains("Exposed so far: 1 read of its content (" + auditorName + ")")
                .contains("name=\"confirm\" value=\"yes\"")
                .contains("Leave it in AUDIT");
        assertThat(legal.get("/api/v1/evidence/" + memo)
                        .json()
                        .path("repository")
                        .asString())
                .isEqualTo("AUDIT");
        // confirmed: moved, and the item page lists the exposure
        Api.Response done = form(legal, action, "reason=counsel%27s+memo&confirm=yes");
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/evidence/" + memo + "?pulledBack");
        String after = legal.get("/evidence/" + memo + "?pulledBack").body();
        assertThat(after)
                .contains("Pulled back to FORENSIC and recorded in the ledger")
                .contains("counsel&#39;s memo")
                .contains("Reads of its content")
                .contains(auditorName)
                .doesNotContain("Filed to AUDIT by mistake?");
        // the auditor's page is the stub, with the pull back that is public and no download; its custody
        // history still shows the addition, whose public entry named the item when it was AUDIT
        String stub = auditor.get("/evidence/" + memo).body();
        assertThat(stub)
                .contains("Privileged item")
                .contains("Pulled back from AUDIT")
                .doesNotContain("/evidence/" + memo + "/content");
        // confirmed again: 409, nothing recorded
        assertThat(form(legal, action, "reason=again&confirm=yes").status()).isEqualTo(409);
    }

    @Test
    void aFindingOnAnItemPulledBackIsWithheldFromTheAuditorAndStillAnswered() throws Exception {
        // the generated org's product capture gives a finding resting on AUDIT evidence only (public)
        Path org = dev.tandem.server.TestDatabases.scratch("tandem-pull-back-org");
        dev.tandem.tools.crm.CrmOrgGenerator.generate(
                dev.tandem.tools.crm.CrmOrgGenerator.Settings.of(11, 120, 2_000), org);
        Api.Response har = ic.postBytes(
                "/api/v1/incidents/" + incident
                        + "/evidence?repository=AUDIT&kind=HTTP_CAPTURE&name=product-discovery.har",
                Files.readAllBytes(org.resolve("har/product-discovery.har")));
        assertThat(har.status()).as(har.body()).isEqualTo(201);
        String item = har.json().path("id").asString();
        Api.Response started =
                ic.postJson("/api/v1/incidents/" + incident + "/analyses", "{\"evidence\":[\"" + item + "\"]}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().path("job").path("id").asString();
        ic.awaitJob(job);
        String findings = "/api/v1/incidents/" + incident + "/findings?analysis=" + job;
        JsonNode before = auditor.get(findings).json().path("findings");
        assertThat(before).isNotEmpty();
        assertThat(before.get(0).path("title").asString()).isNotEmpty();

        Api.Response pulled = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/" + item + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        Api.Response after = auditor.get(findings);
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        JsonNode withheld = after.json().path("findings").get(0);
        assertThat(withheld.has("title")).isFalse();
        assertThat(withheld.path("pulledBack").asBoolean()).isTrue();
        assertThat(withheld.has("commitment")).isFalse();
        assertThat(auditor.get("/incidents/" + incident + "/findings?analysis=" + job)
                        .status())
                .isEqualTo(200);
        assertThat(legal.get(findings)
                        .json()
                        .path("findings")
                        .get(0)
                        .path("title")
                        .asString())
                .isNotEmpty();
    }

    @Test
    void anItemAnsweringAnEvidenceRequestPulledBackIsAStubInTheRequestForTheAuditor() {
        String item = upload(ic, incident, "answered-policy.md");
        String sha256 = ic.get("/api/v1/evidence/" + item).json().path("sha256").asString();
        Api.Response filed = auditor.postJson(
                "/api/v1/incidents/" + incident + "/evidence-requests", "{\"text\":\"The access review policy\"}");
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        String request = filed.json().path("id").asString();
        Api.Response answered =
                ic.postJson("/api/v1/evidence-requests/" + request + "/answer", "{\"evidence\":[\"" + item + "\"]}");
        assertThat(answered.status()).as(answered.body()).isEqualTo(200);
        assertThat(auditor.get("/api/v1/evidence-requests/" + request).body())
                .contains("answered-policy.md")
                .contains(sha256);

        Api.Response pulled = legal.postJson(
                "/api/v1/incidents/" + incident + "/evidence/" + item + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        long index = pulled.json().path("ledgerIndex").asLong();

        // the auditor and the responder: the item as its stub, in the answer and in the history, on
        // the API and on the Audit page; no name, hash, size or link to content they may not read
        for (Api reader : List.of(auditor, responder)) {
            JsonNode one = reader.get("/api/v1/evidence-requests/" + request).json();
            for (JsonNode linked : List.of(
                    one.path("evidence").get(0),
                    one.path("history").get(0).path("evidence").get(0))) {
                List<String> fields = new ArrayList<>();
                linked.propertyNames().forEach(fields::add);
                assertThat(fields).containsExactly("id", "repository", "pulledBack");
                assertThat(linked.path("id").asString()).isEqualTo(item);
                assertThat(linked.path("repository").asString()).isEqualTo("FORENSIC");
                assertThat(linked.path("pulledBack").asLong()).isEqualTo(index);
            }
            assertThat(reader.get("/api/v1/incidents/" + incident + "/evidence-requests")
                            .body())
                    .contains(item)
                    .doesNotContain("answered-policy.md")
                    .doesNotContain(sha256);
            assertThat(reader.get("/incidents/" + incident + "/audit").body())
                    .contains("/evidence/" + item + "\"")
                    .doesNotContain("answered-policy.md")
                    .doesNotContain(sha256.substring(0, 16))
                    .doesNotContain("/evidence/" + item + "/content");
        }
        // counsel still reads it in full there
        JsonNode full = legal.get("/api/v1/evidence-requests/" + request)
                .json()
                .path("evidence")
                .get(0);
        assertThat(full.path("name").asString()).isEqualTo("answered-policy.md");
        assertThat(full.path("sha256").asString()).isEqualTo(sha256);
        assertThat(legal.get("/incidents/" + incident + "/audit").body()).contains("Download answered-policy.md");
    }

    @Test
    void aScopeAScanOfAnItemPulledBackExtendedRestsOnForensicEvidenceFromThenOn() throws Exception {
        String own = open(ic);
        for (var m : Map.of(legalName, "LEGAL", responderName, "RESPONDER").entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + own + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,MailingCountry\n");
        for (int i = 0; i < 12; i++) {
            csv.append("Name%d,Surname%d,person%d@shop-example.de,DE\n".formatted(i, i, i));
        }
        Api.Response export = ic.postBytes(
                "/api/v1/incidents/" + own + "/evidence?repository=AUDIT&kind=DATA_EXPORT&name=customers.csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(export.status()).as(export.body()).isEqualTo(201);
        String item = export.json().path("id").asString();
        Api.Response scan = ic.postJson("/api/v1/evidence/" + item + "/scans", "{\"updateScope\":true}");
        assertThat(scan.status()).as(scan.body()).isEqualTo(202);
        JsonNode job = ic.awaitJob(scan.json().path("id").asString());
        assertThat(job.path("result").path("scopeUpdate").path("updated").asBoolean())
                .as(job.toString())
                .isTrue();
        // resting on AUDIT evidence, the responder reads the scope
        String scope = "/api/v1/incidents/" + own + "/scope";
        Api.Response before = responder.get(scope);
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).contains("\"DE\":12");

        Api.Response pulled = legal.postJson(
                "/api/v1/incidents/" + own + "/evidence/" + item + "/pull-back", "{\"reason\":\"mistake\"}");
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        // the scan's result is FORENSIC now, and so is the scope its people extended
        assertThat(responder.get("/api/v1/evidence/" + item + "/pii").status()).isEqualTo(403);
        Api.Response after = responder.get(scope);
        assertThat(after.status()).as(after.body()).isEqualTo(403);
        JsonNode obligations =
                responder.get("/api/v1/incidents/" + own + "/obligations").json();
        assertThat(obligations.path("scopeWithheld").asBoolean())
                .as(obligations.toString())
                .isTrue();
        assertThat(obligations.toString()).doesNotContain("\"DE\":12");
        Api.Response counsel = legal.get(scope);
        assertThat(counsel.status()).as(counsel.body()).isEqualTo(200);
        assertThat(counsel.body()).contains("\"DE\":12");
        // once a person sets the scope anew, it rests on what they say
        Api.Response set = ic.putJson(scope, "{\"subjects\":{\"DE\":12},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(responder.get(scope).status()).isEqualTo(200);
    }

    /**
     * Counsel's privilege log (docs/contracts.md "The privilege log", ADR 157): every FORENSIC item
     * with its basis, or "not recorded", an item pulled back with the move's entry, time and public
     * reason; JSON and CSV (cells that would run as formulas quoted), to LEGAL and the commander only,
     * and its reading records nothing.
     */
    @Test
    void counselsPrivilegeLogListsEveryForensicItemWithItsBasisAndThePullBacks() {
        String own = open(ic);
        for (var m : Map.of(legalName, "LEGAL", responderName, "RESPONDER", auditorName, "AUDITOR")
                .entrySet()) {
            Api.Response put = ic.putJson(
                    "/api/v1/incidents/" + own + "/members/" + m.getKey(), "{\"role\":\"" + m.getValue() + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        String formula = "@SUM(1+1) work product of the forensic firm";
        Api.Response claimed = legal.postBytes(
                "/api/v1/incidents/" + own + "/evidence?repository=FORENSIC&kind=DOCUMENT&name=quokka-report.pdf"
                        + "&privilegeBasis=" + java.net.URLEncoder.encode(formula, StandardCharsets.UTF_8),
                "the forensic report".getBytes(StandardCharsets.UTF_8));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(201);
        String report = claimed.json().path("id").asString();
        String image = upload(ic, own, "FORENSIC", "laptop-image.dd");
        String policy = upload(ic, own, "AUDIT", "access-policy.md");
        String memo = upload(ic, own, "AUDIT", "counsel-memo.md");
        Api.Response pulled = legal.postJson(
                "/api/v1/incidents/" + own + "/evidence/" + memo + "/pull-back",
                "{\"reason\":\"+filed to AUDIT by mistake\"}");
        assertThat(pulled.status()).as(pulled.body()).isEqualTo(200);
        long moveIndex = pulled.json().path("ledgerIndex").asLong();
        String path = "/api/v1/incidents/" + own + "/privilege-log";
        int entries = legal.get("/api/v1/incidents/" + own + "/timeline").json().size();

        Api.Response read = legal.get(path);
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        JsonNode log = read.json();
        assertThat(log.path("incident").asString()).isEqualTo(own);
        List<String> ids = new ArrayList<>();
        log.path("items").forEach(i -> ids.add(i.path("id").asString()));
        assertThat(ids).containsExactly(report, image, memo).doesNotContain(policy);
        JsonNode first = log.path("items").get(0);
        assertThat(first.path("name").asString()).isEqualTo("quokka-report.pdf");
        assertThat(first.path("kind").asString()).isEqualTo("DOCUMENT");
        assertThat(first.path("filedBy").asString()).isEqualTo(legalName);
        assertThat(first.path("size").asLong()).isEqualTo("the forensic report".length());
        assertThat(first.path("sha256").asString()).hasSize(64);
        assertThat(first.path("ledgerIndex").asLong()).isEqualTo(entryIndexIn(own, "evidence.added", report));
        assertThat(first.path("privilegeBasis").asString()).isEqualTo(formula);
        assertThat(first.path("pulledBack").isNull()).isTrue();
        assertThat(log.path("items").get(1).path("privilegeBasis").isNull()).isTrue();
        JsonNode move = log.path("items").get(2).path("pulledBack");
        assertThat(move.path("ledgerIndex").asLong()).isEqualTo(moveIndex);
        assertThat(move.path("by").asString()).isEqualTo(legalName);
        assertThat(move.path("reason").asString()).isEqualTo("+filed to AUDIT by mistake");
        assertThat(move.path("at").asString()).matches("\\d{4}-.*Z");
        // the commander reads it as counsel does
        Api.Response commander = ic.get(path);
        assertThat(commander.status()).as(commander.body()).isEqualTo(200);
        assertThat(commander.json()).isEqualTo(log);

        // CSV: format=csv and Accept: text/csv alike, each cell a spreadsheet would run quoted
        Api.Response csv = legal.get(path + "?format=csv");
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition"))
                .isEqualTo("attachment; filename=\"incident-" + own + "-privilege-log.csv\"");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.getFirst())
                .isEqualTo("id,name,kind,receivedAt,filedBy,size,sha256,ledgerIndex,privilegeBasis,pulledBackIndex,"
                        + "pulledBackAt,pulledBackBy,pulledBackReason");
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1))
                .startsWith(report + ",quokka-report.pdf,DOCUMENT,")
                .contains(",'" + formula + ",,,,");
        assertThat(lines.get(2)).startsWith(image + ",laptop-image.dd,").contains(",not recorded,,,,");
        assertThat(lines.get(3))
                .startsWith(memo + ",counsel-memo.md,")
                .contains(",not recorded," + moveIndex + ",")
                .endsWith("," + legalName + ",'+filed to AUDIT by mistake");
        assertThat(csv.body()).endsWith("\r\n").doesNotContain(policy);
        assertThat(legal.get(path, "text/csv").body()).isEqualTo(csv.body());
        assertThat(legal.get(path + "?format=xlsx").status()).isEqualTo(400);

        // never the responder, the auditor: 403 as the policy answers, in either format and on the page
        for (Api refused : List.of(responder, auditor)) {
            for (String p : List.of(path, path + "?format=csv", "/incidents/" + own + "/privilege-log")) {
                Api.Response r = refused.get(p);
                assertThat(r.status()).as(p + ": " + r.body()).isEqualTo(403);
                assertThat(r.body()).doesNotContain("quokka", "laptop-image");
            }
            assertThat(refused.get("/incidents/" + own + "/evidence", "text/html")
                            .body())
                    .doesNotContain("privilege-log");
        }
        // the page and its download, linked from the evidence page
        assertThat(legal.get("/incidents/" + own + "/evidence", "text/html").body())
                .contains("/incidents/" + own + "/privilege-log");
        Api.Response page = legal.get("/incidents/" + own + "/privilege-log", "text/html");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.body())
                .contains("quokka-report.pdf", "not recorded", "+filed to AUDIT by mistake", "Download CSV")
                .doesNotContain("access-policy.md");
        assertThat(legal.get("/incidents/" + own + "/privilege-log/download").body())
                .isEqualTo(csv.body());
        // reading the log is not recorded: it is metadata, as the evidence list is
        assertThat(legal.get("/api/v1/incidents/" + own + "/timeline").json().size())
                .isEqualTo(entries);
    }

    private long entryIndexIn(String incident, String type, String evidence) {
        for (JsonNode e :
                legal.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals(type)
                    && (e.path("body").path("evidence").asString().equals(evidence)
                            || e.path("opened").path("evidence").asString().equals(evidence))) {
                return e.path("index").asLong();
            }
        }
        throw new AssertionError(type + " of " + evidence + " not on the timeline");
    }

    private static Api.Response form(Api api, String path, String body) {
        return api.send("POST", path, "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Counsel records why a FORENSIC item is privileged when filing it (docs/contracts.md, "The
     * privilege basis of a FORENSIC item", ADR 153): counsel reads it in the metadata, on the page and
     * in the opened {@code evidence.added} entry; the auditor finds it nowhere (the stub, the
     * timeline, the ledger's entries, the pages, the audit-continuity report, the export bag).
     */
    @Test
    void counselRecordsAPrivilegeBasisThatTheAuditorFindsNowhere() throws Exception {
        Api.Response filed = uploadWithBasis("FORENSIC", "quokka-report.pdf", BASIS);
        assertThat(filed.status()).as(filed.body()).isEqualTo(201);
        assertThat(filed.json().path("privilegeBasis").asString()).isEqualTo(BASIS);
        String id = filed.json().path("id").asString();

        assertThat(legal.get("/api/v1/evidence/" + id)
                        .json()
                        .path("privilegeBasis")
                        .asString())
                .isEqualTo(BASIS);
        assertThat(legal.get("/evidence/" + id, "text/html").body()).contains("privilege-basis", "QUOKKA");
        JsonNode added = null;
        for (JsonNode e :
                legal.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals("evidence.added")
                    && e.path("opened").path("evidence").asString().equals(id)) {
                added = e;
            }
        }
        assertThat(added).isNotNull();
        assertThat(added.path("privileged").asBoolean()).isTrue();
        assertThat(added.path("opened").path("privilegeBasis").asString()).isEqualTo(BASIS);
        assertThat(added.path("text").asString()).endsWith("; privilege basis: " + BASIS);
        // counsel's custody history of the item names who was let read it, and who read it
        Api.Response granted = legal.postJson(
                "/api/v1/incidents/" + incident + "/grants",
                "{\"username\":\"" + responderName + "\",\"evidence\":\"" + id + "\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(responder.getBytes("/api/v1/evidence/" + id + "/content").statusCode())
                .isEqualTo(200);
        String custody = legal.get("/evidence/" + id, "text/html").body();
        custody = custody.substring(custody.indexOf("id=\"custody\""));
        assertThat(custody)
                .contains("entry-" + granted.json().path("ledgerIndex").asLong())
                .contains("entry-" + entryIndex("evidence.read", null));

        // the auditor: the stub, and the basis in nothing it reads
        JsonNode stub = auditor.get("/api/v1/evidence/" + id).json();
        assertThat(stub.has("privilegeBasis")).isFalse();
        assertThat(stub.has("name")).isFalse();
        for (String path : new String[] {
            "/api/v1/evidence/" + id,
            "/api/v1/incidents/" + incident + "/evidence",
            "/api/v1/incidents/" + incident + "/timeline",
            "/api/v1/incidents/" + incident + "/timeline?format=csv",
            "/api/v1/ledger/entries?from=0&to=100000",
            "/api/v1/incidents/" + incident + "/reports/audit-continuity",
            "/evidence/" + id,
            "/incidents/" + incident + "/evidence"
        }) {
            Api.Response r = path.startsWith("/api/") ? auditor.get(path) : auditor.get(path, "text/html");
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("QUOKKA").doesNotContain("privilege basis");
        }
        Path bag = Files.write(
                dir.resolve("auditor.zip"),
                auditor.getBytes("/api/v1/incidents/" + incident + "/export").body());
        for (var file : unzip(bag).entrySet()) {
            assertThat(new String(file.getValue(), StandardCharsets.ISO_8859_1))
                    .as(file.getKey())
                    .doesNotContain("QUOKKA");
        }
    }

    @Test
    void anAuditItemTakesNoPrivilegeBasisAndABadOneIsRefusedNamingIt() {
        int before =
                legal.get("/api/v1/incidents/" + incident + "/evidence").json().size();
        Api.Response audit = uploadWithBasis("AUDIT", "policy.md", "Attorney-client");
        assertThat(audit.status()).as(audit.body()).isEqualTo(422);
        assertThat(audit.json().path("type").asString()).isEqualTo("urn:tandem:problem:privilege-basis-on-audit");
        assertThat(audit.json().path("detail").asString()).startsWith("privilegeBasis");
        Api.Response tooLong = uploadWithBasis("FORENSIC", "memo.md", "x".repeat(501));
        assertThat(tooLong.status()).as(tooLong.body()).isEqualTo(422);
        assertThat(tooLong.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-privilege-basis");
        Api.Response control = uploadWithBasis("FORENSIC", "memo.md", "work\nproduct");
        assertThat(control.status()).as(control.body()).isEqualTo(422);
        assertThat(control.json().path("type").asString()).isEqualTo("urn:tandem:problem:bad-privilege-basis");
        // nothing recorded; a blank basis is none
        assertThat(legal.get("/api/v1/incidents/" + incident + "/evidence")
                        .json()
                        .size())
                .isEqualTo(before);
        Api.Response blank = uploadWithBasis("AUDIT", "policy.md", " ");
        assertThat(blank.status()).as(blank.body()).isEqualTo(201);
        assertThat(blank.json().has("privilegeBasis")).isFalse();
    }

    private Api.Response uploadWithBasis(String repository, String name, String basis) {
        return legal.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=DOCUMENT&name=" + name
                        + "&privilegeBasis=" + java.net.URLEncoder.encode(basis, StandardCharsets.UTF_8),
                (name + " content").getBytes(StandardCharsets.UTF_8));
    }

    private long entryIndex(String type, String evidence) {
        long last = -1;
        for (JsonNode e :
                legal.get("/api/v1/incidents/" + incident + "/timeline").json()) {
            if (e.path("type").asString().equals(type)
                    && (evidence == null
                            || e.path("body").path("evidence").asString().equals(evidence))) {
                last = e.path("index").asLong();
            }
        }
        assertThat(last).as(type + " of " + evidence).isNotNegative();
        return last;
    }

    private long treeSize() {
        return Long.parseLong(
                auditor.get("/api/v1/ledger/checkpoint").body().lines().toList().get(1));
    }

    private static String open(Api ic) {
        Api.Response created = ic.postJson(
                "/api/v1/incidents",
                "{\"title\":\"Memo filed to AUDIT\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asString();
    }

    private static String upload(Api api, String incident, String name) {
        return upload(api, incident, "AUDIT", name);
    }

    private static String upload(Api api, String incident, String repository, String name) {
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository + "&kind=DOCUMENT&name=" + name,
                (name + " content").getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private String user(String username) {
        return TestUsers.withToken(admin, accounts, username, "pull-back");
    }
}
