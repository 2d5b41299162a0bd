package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo's scope disagrees with its findings on purpose: counsel meets each disagreement in the
 * obligations, the incident report and the Art. 33 draft; a responder meets only those resting on
 * what LEGAL let them read; the auditor meets none, and never the scope's numbers.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class DemoScopeChecksIT {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "demo-scope-checks");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Autowired
    dev.tandem.server.demo.DemoChange demoChange;

    private static List<String> checks(JsonNode obligations) {
        List<String> out = new ArrayList<>();
        obligations.path("scopeChecks").forEach(c -> out.add(c.path("check").asString()));
        return out;
    }

    @Test
    void theScopeIsCheckedAgainstWhatEachReaderMaySee() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        Api counsel = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.LEGAL));
        awaitJobs(counsel, id);
        String obligations = "/api/v1/incidents/" + id + "/obligations";
        String notice = "/api/v1/incidents/" + id + "/notices/gdpr-art33";
        String report = "/api/v1/incidents/" + id + "/reports/incident";

        // counsel reads every finding: every disagreement the demo has on purpose
        JsonNode asCounsel = counsel.get(obligations).json();
        assertThat(checks(asCounsel))
                .containsExactly(
                        "records-above-people",
                        "category-not-found",
                        "place-less-precise",
                        "finding-before-period",
                        "unauthorized-access",
                        "separate-leak-paths");
        assertThat(asCounsel.path("scopeChecks").get(0).path("message").asString())
                .contains("430,000 records", "2,305 people");
        // the findings dated before the breach period (the Setup downloads date logins and grants too)
        // are one warning that counts them, not a warning each
        JsonNode before = asCounsel.path("scopeChecks").get(3);
        int dated = before.path("findings").size();
        assertThat(dated).isPositive();
        assertThat(before.path("message").asString())
                .startsWith(dated == 1 ? "The finding \"" : dated + " findings are dated before the breach period");
        String draft = counsel.get(notice).body();
        assertThat(draft)
                .contains("- Approximate number of personal data records: about 430,000 (the largest count among the")
                .contains("- Scope check: [to be completed: The findings count 430,000 records")
                .contains("GDPR Art. 3(1)); of them about 1,200 live in the EU/EEA")
                .contains(
                        "the data protection authority of the Land of the main establishment (§ 40 BDSG); name it here]")
                .doesNotContain("[to be completed: approximate number of records]");
        assertThat(counsel.get(report).body()).contains("Scope check: The findings count 430,000 records");
        // the ICO's draft counts the five in the UK, says the records are the whole breach's, and its scope
        // checks cite the UK GDPR's paragraphs, not the GDPR's (ADR 149)
        assertThat(counsel.get(notice.replace("gdpr-art33", "uk-gdpr-art33")).body())
                .contains("- Approximate number of data subjects: about 5\n")
                .contains("- Approximate number of personal data records: about 430,000 (the largest count among the")
                .contains("UK GDPR Art. 3(2)); the records are counted for the whole breach, not for them alone")
                .contains("more than the 2,305 people in the scope: check who is in those records before relying on the"
                        + " scope's numbers (UK GDPR Art. 33(3)(a) asks")
                .doesNotContain("(GDPR Art.");
        FormSession page = new FormSession("http://127.0.0.1:" + port);
        page.signIn("counsel", loaded.passwords().get("counsel"));
        var shown = page.get("/incidents/" + id + "/obligations");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("id=\"scope-checks\"", "430,000 records");

        // the responder was granted the checkout capture only: nothing from the event logs
        Api responder = counsel.as(loaded.tokenOf(Role.RESPONDER));
        JsonNode asResponder = responder.get(obligations).json();
        assertThat(checks(asResponder)).containsExactly("category-not-found");
        for (String seen : List.of(
                asResponder.toString(),
                responder.get(notice).body(),
                responder.get(report).body())) {
            assertThat(seen).doesNotContain("185.220.101.47", "430,000", "324,000", "184,000", "dana.whitfield");
        }

        // the auditor: no checks, and never the scope's numbers (docs/access.md)
        Api auditor = counsel.as(loaded.tokenOf(Role.AUDITOR));
        JsonNode asAuditor = auditor.get(obligations).json();
        assertThat(asAuditor.has("scopeChecks")).isFalse();
        assertThat(asAuditor.path("scope").isMissingNode()).isTrue();
        assertThat(auditor.get(notice).status()).isEqualTo(403);
        assertThat(auditor.get(report).status()).isEqualTo(403);
        for (String path : List.of(
                obligations,
                "/api/v1/incidents/" + id + "/timeline",
                "/api/v1/ledger/entries?incident=" + id,
                "/api/v1/incidents/" + id + "/reports/audit-continuity")) {
            assertThat(auditor.get(path).body())
                    .as(path)
                    .doesNotContain("DE=1200", "\"DE\":1200", "1,200", "2,305", "People affected", "PAYMENT_CARD");
        }

        // the change that revoked View All Data, once executed, is among the measures taken (Art. 33(3)(d))
        assertThat(draft).doesNotContain("executed on");
        var change = demoChange.walk(loaded, java.time.Duration.ofMinutes(2)).orElseThrow();
        awaitJobs(counsel, id);
        assertThat(change.executedAt()).isNotNull();
        String measures = counsel.get(notice).body();
        measures = measures.substring(measures.indexOf("## Measures taken"), measures.indexOf("Proposed:"));
        assertThat(measures).contains("- Change " + change.id() + " executed on ", change.title());

        // counsel's edit that keeps the draft's privileged count stays counsel's and the commander's
        var saved = counsel.send(
                "PUT",
                notice,
                "text/markdown",
                counsel.get(notice).body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(responder.get(notice + "/versions/1").status()).isEqualTo(403);
        assertThat(responder.get(notice).status()).isEqualTo(403);
        counsel.send(
                "PUT",
                notice,
                "text/markdown",
                "# Notice\n\nNothing from the findings.".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // a draft is counsel's work product whatever it says: LEGAL's and the commander's only (docs/access.md)
        assertThat(responder.get(notice + "/versions/2").status()).isEqualTo(403);
        assertThat(counsel.as(loaded.tokenOf(Role.INCIDENT_COMMANDER))
                        .get(notice + "/versions/2")
                        .status())
                .isEqualTo(200);
        counsel.send("PUT", notice, "text/markdown", saved.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // sent, the text states counts and checks from privileged findings: FORENSIC evidence
        Api commander = counsel.as(loaded.tokenOf(Role.INCIDENT_COMMANDER));
        var sent = commander.postJson(notice + "/sent", "{\"incomplete\":true}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(sent.json().path("evidence").path("repository").asString()).isEqualTo("FORENSIC");
        String kept =
                "/api/v1/evidence/" + sent.json().path("evidence").path("id").asString() + "/content";
        assertThat(counsel.get(kept).body()).contains("about 430,000 (the largest count");
        assertThat(auditor.get(kept).status()).isEqualTo(403);
    }

    static void awaitJobs(Api api, String incident) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            boolean busy = false;
            for (JsonNode j : api.get("/api/v1/incidents/" + incident + "/jobs").json()) {
                String s = j.path("status").asString();
                busy |= s.equals("QUEUED") || s.equals("RUNNING");
            }
            if (!busy) return;
            assertThat(System.nanoTime()).as("demo jobs still running").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
