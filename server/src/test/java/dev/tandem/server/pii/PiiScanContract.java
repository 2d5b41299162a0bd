package dev.tandem.server.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** PII scans of evidence through the API; run on H2 and PostgreSQL by the subclasses. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + PiiScanContract.TOKEN, "logging.level.dev.tandem=WARN"})
abstract class PiiScanContract {
    static final String TOKEN = "pii-test-admin-token-0123456789";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void connect() {
        api = new Api("http://127.0.0.1:" + port, TOKEN);
    }

    /** 30 customers: 20 in Germany, 10 in California, each with e-mail, phone and a test card number. */
    static byte[] customers() {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,Phone,MailingCountry,MailingState,Card\n");
        String[] cards = {"4556737586271204", "5382917465032219", "4539578763621486"};
        for (int i = 0; i < 30; i++) {
            boolean de = i < 20;
            String phone = de ? "+49 30 %08d".formatted(12345600 + i) : "+1 415 %03d %04d".formatted(200 + i, 1000 + i);
            csv.append("Name%d,Surname%d,person%d@shop-example.de,%s,%s,%s,%s\n"
                    .formatted(i, i, i, phone, de ? "DE" : "US", de ? "" : "CA", cards[i % 3]));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    String incident() {
        return api.postJson(
                        "/api/v1/incidents",
                        "{\"title\":\"Export leaked\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00Z\"}")
                .json()
                .path("id")
                .asString();
    }

    String upload(String incident, String repository, byte[] bytes) {
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incident + "/evidence?repository=" + repository
                        + "&kind=DATA_EXPORT&name=customers.csv",
                bytes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    JsonNode awaitJob(String jobId) throws InterruptedException {
        return api.awaitJob(jobId);
    }

    @Test
    void scansEvidenceStoresMaskedFindingsAndFeedsTheIncidentScope() throws Exception {
        String incident = incident();
        String evidence = upload(incident, "AUDIT", customers());

        Api.Response started = api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = awaitJob(started.json().path("id").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("scopeUpdate").path("updated").asBoolean())
                .isTrue();

        JsonNode result = api.get("/api/v1/evidence/" + evidence + "/pii").json();
        assertThat(result.path("counts").path("EMAIL_ADDRESS").asLong()).isEqualTo(30);
        assertThat(result.path("counts").path("CREDIT_CARD").asLong()).isEqualTo(30);
        assertThat(result.path("unique").path("CREDIT_CARD").asLong()).isEqualTo(3);
        assertThat(result.path("subjects").asString()).isEqualTo("DE=20,US-CA=10");

        String findings =
                api.get("/api/v1/evidence/" + evidence + "/pii/findings").body();
        List<String> lines = findings.lines().toList();
        assertThat(lines).hasSize((int) result.path("findings").asLong());
        assertThat(findings).contains("\"entity\":\"EMAIL_ADDRESS\"").doesNotContain("person7@shop-example.de");

        JsonNode scope = api.get("/api/v1/incidents/" + incident + "/scope").json();
        assertThat(scope.toString()).contains("\"DE\":20", "\"US-CA\":10", "CONTACT", "PAYMENT_CARD");

        List<String> types = new ArrayList<>();
        api.get("/api/v1/incidents/" + incident + "/timeline")
                .json()
                .forEach(e -> types.add(e.path("type").asString()));
        assertThat(types).contains("job.queued", "pii.scanned", "scope.updated", "pii.findings.read");
    }

    @Autowired
    dev.tandem.server.job.Jobs jobs;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void aScanRunAgainAfterAStopIsRecordedOnce() throws Exception {
        String incident = incident();
        String evidence = upload(incident, "AUDIT", customers());
        String jobId = api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}")
                .json()
                .path("id")
                .asString();
        JsonNode first = awaitJob(jobId);
        assertThat(first.path("status").asString()).isEqualTo("SUCCEEDED");

        // As if the process had stopped after the scan's ledger unit committed, before the job was
        // marked done: the next start runs it again from the start.
        jdbc.update("UPDATE job SET status = 'RUNNING', finished_at = NULL WHERE id = ?", jobId);
        jobs.afterSingletonsInstantiated();
        JsonNode again = awaitJob(jobId);

        assertThat(again.path("status").asString()).as(again.toString()).isEqualTo("SUCCEEDED");
        assertThat(again.path("result").path("ledgerIndex").asLong())
                .isEqualTo(first.path("result").path("ledgerIndex").asLong());
        // The stored scan stands: not scanned again, so no second findings blob that no row owns.
        assertThat(again.path("result").path("recordedEarlier").asBoolean()).isTrue();
        assertThat(again.path("result").path("findingsSha256").asString())
                .isEqualTo(first.path("result").path("findingsSha256").asString());
        assertThat(again.path("result").path("findings").asLong())
                .isEqualTo(first.path("result").path("findings").asLong());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM pii_scan WHERE job_id = ?", Integer.class, jobId))
                .isOne();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM ledger_entry WHERE entry_type = 'pii.scanned' AND incident_id = ?",
                        Integer.class,
                        incident))
                .isOne();
        assertThat(api.get("/api/v1/incidents/" + incident + "/scope").json().toString())
                .contains("\"DE\":20", "\"US-CA\":10");
    }

    @Test
    void scanOfForensicEvidenceIsPrivilegedInTheLog() throws Exception {
        String incident = incident();
        String evidence = upload(incident, "FORENSIC", customers());
        JsonNode job = awaitJob(api.postJson("/api/v1/evidence/" + evidence + "/scans", "{}")
                .json()
                .path("id")
                .asString());
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        long index = job.path("result").path("ledgerIndex").asLong();
        JsonNode entry = api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json()
                .get(0)
                .path("entry");
        assertThat(entry.path("type").asString()).isEqualTo("pii.scanned");
        assertThat(entry.path("body").propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
    }

    JsonNode entryBody(long index) {
        return api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json()
                .get(0)
                .path("entry");
    }

    @Test
    void scopeFromAForensicScanIsPrivilegedInTheLog() throws Exception {
        String incident = incident();
        String evidence = upload(incident, "FORENSIC", customers());
        JsonNode job = awaitJob(api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}")
                .json()
                .path("id")
                .asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("scopeUpdate").path("updated").asBoolean())
                .as(job.toString())
                .isTrue();
        long computed =
                job.path("result").path("scopeUpdate").path("ledgerIndex").asLong();
        JsonNode obligations = entryBody(computed);
        assertThat(obligations.path("type").asString()).isEqualTo("obligations.computed");
        JsonNode scope = entryBody(computed - 1);
        assertThat(scope.path("type").asString()).isEqualTo("scope.updated");
        // neither the counts per jurisdiction nor the obligations they lead to are in the clear
        for (JsonNode e : List.of(scope, obligations)) {
            assertThat(e.path("body").propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
            assertThat(e.path("body").toString()).doesNotContain("US-CA").doesNotContain("DE");
        }
        // after a scope change by a person, the obligations are public again; the scope itself is
        // privileged whatever it rests on (the auditor reads no scope, docs/access.md)
        Api.Response put = api.putJson(
                "/api/v1/incidents/" + incident + "/scope",
                "{\"subjects\":{\"FR\":3},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Long latest = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = 'scope.updated'",
                Long.class,
                incident);
        assertThat(entryBody(latest).path("body").propertyNames())
                .containsExactlyInAnyOrder("repository", "commitment");
        assertThat(entryBody(latest).path("body").toString()).doesNotContain("FR");
        // what changed from the FORENSIC scope's obligations would tell that scope: still privileged
        assertThat(entryBody(latest + 1).path("body").has("commitment")).isTrue();
        Api.Response again = api.putJson(
                "/api/v1/incidents/" + incident + "/scope",
                "{\"subjects\":{\"FR\":4},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        JsonNode recomputed = entryBody(latest + 2);
        assertThat(recomputed.path("type").asString()).isEqualTo("scope.updated");
        recomputed = entryBody(latest + 3);
        assertThat(recomputed.path("type").asString()).isEqualTo("obligations.computed");
        assertThat(recomputed.path("body").has("commitment")).isFalse();
    }

    @Test
    void theLatestScanOfAnItemIsItsOwnNotThatOfTheSameBytesElsewhere() throws Exception {
        String privileged = incident();
        String forensic = upload(privileged, "FORENSIC", customers());
        JsonNode job = awaitJob(api.postJson("/api/v1/evidence/" + forensic + "/scans", "{}")
                .json()
                .path("id")
                .asString());
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(api.get("/api/v1/evidence/" + forensic + "/pii").status()).isEqualTo(200);

        String other = incident();
        String audit = upload(other, "AUDIT", customers());
        Api.Response r = api.get("/api/v1/evidence/" + audit + "/pii");
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(api.get("/api/v1/evidence/" + audit + "/pii/findings").status())
                .isEqualTo(404);
    }

    @Test
    void doubtfulCardsAreStoredWithTheirConfidenceButPutNoCardDataInScope() throws Exception {
        String incident = incident();
        // uploaded as customers.csv: one Notes column
        String notes = "Notes\norder #4111111111111111 shipped, tracking 9400 5666 4930 0521 8806 66\n"
                + "sku 5555555555554444 ean 4006380000094, acct ES76 4062 0103 0309 7303 5158\n"
                + "customer jane@shop-example.de\n";
        String evidence = upload(incident, "AUDIT", notes.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode job = awaitJob(api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}")
                .json()
                .path("id")
                .asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");

        JsonNode result = api.get("/api/v1/evidence/" + evidence + "/pii").json();
        assertThat(result.path("counts").has("CREDIT_CARD"))
                .as(result.toString())
                .isFalse();
        assertThat(result.path("counts").path("EMAIL_ADDRESS").asLong()).isEqualTo(1);
        assertThat(result.path("minConfidence").asDouble()).isEqualTo(0.5);
        assertThat(result.path("leftOut")
                        .path("CREDIT_CARD")
                        .path("commerce-context")
                        .asLong())
                .as(result.toString())
                .isEqualTo(3);
        String findings =
                api.get("/api/v1/evidence/" + evidence + "/pii/findings").body();
        assertThat(findings.lines().toList()).hasSize(4);
        assertThat(findings).contains("\"doubt\":\"commerce-context\"", "\"confidence\":0.2");

        JsonNode scope = api.get("/api/v1/incidents/" + incident + "/scope").json();
        assertThat(scope.toString()).contains("CONTACT").doesNotContain("PAYMENT_CARD");
    }

    @Test
    void peopleTheScanCannotPlaceEnterTheScopeAsOfNoKnownCountry() throws Exception {
        String incident = incident();
        StringBuilder csv = new StringBuilder("id,email\n");
        for (int i = 0; i < 12; i++) csv.append(i).append(",buyer").append(i).append("@example.com\n");
        String evidence = upload(incident, "AUDIT", csv.toString().getBytes(StandardCharsets.UTF_8));
        Api.Response started = api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}");
        JsonNode job = awaitJob(started.json().path("id").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("result").path("scopeUpdate").path("updated").asBoolean())
                .as(job.toString())
                .isTrue();
        JsonNode scope = api.get("/api/v1/incidents/" + incident + "/scope").json();
        assertThat(scope.path("subjects").path("ZZ").asLong())
                .as(scope.toString())
                .isEqualTo(12);
    }

    static byte[] texans(int from) {
        StringBuilder csv = new StringBuilder("FirstName,LastName,Email,MailingCountry,MailingState,Card\n");
        String[] cards = {"4556737586271204", "5382917465032219", "4539578763621486"};
        for (int i = from; i < from + 200; i++) {
            csv.append("Name%d,Surname%d,texan%d@shop-example.com,US,TX,%s\n".formatted(i, i, i, cards[i % 3]));
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    JsonNode scanIntoScope(String evidence) throws InterruptedException {
        Api.Response started = api.postJson("/api/v1/evidence/" + evidence + "/scans", "{\"updateScope\":true}");
        JsonNode job = awaitJob(started.json().path("id").asString());
        assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
        return job;
    }

    @Test
    void twoScansThatMayHoldDifferentPeopleWarnOfAThresholdTheyCrossTogether() throws Exception {
        // two exports of 200 Texans each: the scope keeps 200 (they may be the same people), and the
        // Texas attorney general's notice, owed from 250 residents, is named in a warning
        String incident = incident();
        scanIntoScope(upload(incident, "AUDIT", texans(0)));
        String second = upload(incident, "AUDIT", texans(1000));
        scanIntoScope(second);
        JsonNode scope = api.get("/api/v1/incidents/" + incident + "/scope").json();
        assertThat(scope.path("subjects").path("US-TX").asLong())
                .as(scope.toString())
                .isEqualTo(200);
        JsonNode list =
                api.get("/api/v1/incidents/" + incident + "/obligations").json();
        assertThat(list.path("obligations").toString()).doesNotContain("us-tx-ag");
        assertThat(list.path("warnings").toString())
                .contains("us-tx-ag@2023 (US-TX, ATTORNEY_GENERAL) would be owed if the scanned files hold different"
                        + " people")
                .contains("up to US-TX=400");
        // the same file scanned again adds nobody to the ceiling
        scanIntoScope(second);
        assertThat(api.get("/api/v1/incidents/" + incident + "/obligations")
                        .json()
                        .path("warnings")
                        .toString())
                .contains("up to US-TX=400");
        // a person who sets the scope settles it: no ceiling, no such warning
        assertThat(api.putJson(
                                "/api/v1/incidents/" + incident + "/scope",
                                "{\"subjects\":{\"US-TX\":210},\"data\":[\"PAYMENT_CARD\"],\"encrypted\":false}")
                        .status())
                .isEqualTo(200);
        assertThat(api.get("/api/v1/incidents/" + incident + "/obligations")
                        .json()
                        .path("warnings")
                        .toString())
                .doesNotContain("would be owed if the scanned files");
    }

    @Test
    void unknownEvidenceIsNotFound() {
        Api.Response r = api.postJson("/api/v1/evidence/nope/scans", "{}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(api.get("/api/v1/evidence/nope/pii").status()).isEqualTo(404);
    }
}
