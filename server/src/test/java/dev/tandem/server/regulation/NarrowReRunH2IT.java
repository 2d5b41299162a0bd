package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A responder who re-analyses one file does not shrink what the findings, the scope checks and the
 * Art. 33 draft quote (ADR 148): the demo's full analysis stays the current one after a narrower
 * re-run, which stays a click away, and the findings answer and page say which is which.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class NarrowReRunH2IT {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "narrow-re-run");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Test
    void aNarrowReRunLeavesTheFullAnalysisCurrentForTheFindingsAndTheNotice() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        String full = loaded.analysisJob();
        Api counsel = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.LEGAL));
        Api commander = counsel.as(loaded.tokenOf(Role.INCIDENT_COMMANDER));
        DemoScopeChecksIT.awaitJobs(counsel, id);
        String findings = "/api/v1/incidents/" + id + "/findings";
        String notice = "/api/v1/incidents/" + id + "/notices/gdpr-art33";
        String quoted = "about 430,000 (the largest count among the";

        JsonNode before = commander.get(findings).json();
        assertThat(before.path("analysis").asString()).isEqualTo(full);
        assertThat(before.path("currentAnalysis").asString()).isEqualTo(full);
        assertThat(before.path("newerAnalyses").isEmpty()).isTrue();
        int fullCount = before.path("findings").size();
        assertThat(counsel.get(notice).body()).contains(quoted);

        // the commander re-analyses the checkout capture alone
        String capture = null;
        for (JsonNode e : commander.get("/api/v1/incidents/" + id + "/evidence").json()) {
            if (e.path("name").asString().equals("checkout-capture.har"))
                capture = e.path("id").asString();
        }
        assertThat(capture).isNotNull();
        Api.Response queued =
                commander.postJson("/api/v1/incidents/" + id + "/analyses", "{\"evidence\":[\"" + capture + "\"]}");
        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        String narrow = queued.json().path("job").path("id").asString();
        DemoScopeChecksIT.awaitJobs(counsel, id);
        assertThat(commander
                        .get("/api/v1/analyses/" + narrow)
                        .json()
                        .path("status")
                        .asString())
                .isEqualTo("SUCCEEDED");
        JsonNode narrowFindings =
                commander.get(findings + "?analysis=" + narrow).json();
        assertThat(narrowFindings.path("findings").size()).isLessThan(fullCount);

        // the full analysis is still the default, and the answer names the narrower, newer one
        JsonNode after = commander.get(findings).json();
        assertThat(after.path("analysis").asString()).isEqualTo(full);
        assertThat(after.path("currentAnalysis").asString()).isEqualTo(full);
        assertThat(after.path("findings").size()).isEqualTo(fullCount);
        assertThat(after.path("newerAnalyses").size()).isEqualTo(1);
        JsonNode newer = after.path("newerAnalyses").get(0);
        assertThat(newer.path("analysis").asString()).isEqualTo(narrow);
        assertThat(newer.path("inputs").asString()).isEqualTo("NARROWER");
        assertThat(newer.path("completedAt").asString())
                .isEqualTo(narrowFindings.path("completedAt").asString());
        // the narrower one stays selectable, and says that it is not the current one
        assertThat(narrowFindings.path("analysis").asString()).isEqualTo(narrow);
        assertThat(narrowFindings.path("currentAnalysis").asString()).isEqualTo(full);

        // the scope checks and the draft counsel files still quote the full analysis's numbers
        assertThat(counsel.get(notice).body()).contains(quoted);
        JsonNode obligations =
                counsel.get("/api/v1/incidents/" + id + "/obligations").json();
        assertThat(obligations.path("scopeChecks").get(0).path("message").asString())
                .contains("430,000 records");
        assertThat(counsel.get("/api/v1/incidents/" + id + "/reports/incident").body())
                .contains("Scope check: The findings count 430,000 records");

        // the page: the current analysis, the newer one beside it; the narrower one says it is not current
        FormSession page = new FormSession("http://127.0.0.1:" + port);
        page.signIn("commander", loaded.passwords().get("commander"));
        String shown = page.get("/incidents/" + id + "/findings").body();
        assertThat(shown)
                .contains("id=\"shown-is-current\"", "id=\"newer-analyses\"", narrow)
                .contains("only some of the items the current analysis read")
                .doesNotContain("id=\"not-current\"");
        String other =
                page.get("/incidents/" + id + "/findings?analysis=" + narrow).body();
        assertThat(other)
                .contains("id=\"not-current\"", "This is not the current analysis", full, "before this one")
                .doesNotContain("id=\"shown-is-current\"", "id=\"newer-analyses\"");
    }
}
