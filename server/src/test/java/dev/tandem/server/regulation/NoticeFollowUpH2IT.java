package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * GDPR Art. 33(4) on a real server on the embedded store (docs/obligations-api.md, "GDPR Art. 33(3)
 * notice"; ADR 154): the GDPR notice sent incomplete owes the information it left out "in phases without
 * undue further delay" ({@code eu-gdpr-33-4-phases}, no deadline, the gaps it went with as its content,
 * the time since the notice on the page); the follow-up recorded as sent ({@code notice.follow-up-sent})
 * files it. A notice sent complete owes no follow-up.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + NoticeFollowUpH2IT.ADMIN_TOKEN,
            "tandem.company.name=Example Retail GmbH",
            "tandem.company.established=DE",
            "tandem.company.contact.name=Grace Hopper",
            "tandem.company.contact.role=Data Protection Officer",
            "tandem.company.contact.email=dpo@example.de",
            "tandem.company.contact.phone=+49 30 0000 0000",
            "logging.level.dev.tandem=WARN"
        })
@Import(TestClockConfiguration.class)
class NoticeFollowUpH2IT {
    static final String ADMIN_TOKEN = "test-admin-token-follow-up-0123456789";
    private static final String PHASES = "eu-gdpr-33-4-phases";

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "notice-follow-up-h2");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    /** The administrator, who opens the incidents: their incident commander. */
    Http commander;

    Api api;

    @BeforeEach
    void connect() {
        clock.set(ObligationsContract.START);
        commander = new Http("http://127.0.0.1:" + port, ADMIN_TOKEN);
        api = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
    }

    /** An incident aware at 2026-11-26 08:00 +01:00 with 1,200 people in Germany; returns its API path. */
    private String incident(String title) {
        var opened = commander.postJson(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"awareAt\":\"" + ObligationsContract.AWARE
                        + "\",\"timeZone\":\"Europe/Berlin\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String i = "/api/v1/incidents/" + opened.json().path("id").asString();
        var put = commander.putJson(
                i + "/scope", "{\"subjects\":{\"DE\":1200},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return i;
    }

    private String auditDocument(String i, String name, String text) {
        var added = api.postBytes(
                i + "/evidence?repository=AUDIT&kind=DOCUMENT&name=" + name, text.getBytes(StandardCharsets.UTF_8));
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().path("id").asString();
    }

    private static JsonNode find(JsonNode answer, String rule) {
        for (JsonNode o : answer.path("obligations")) {
            if (o.path("rule").asString().equals(rule)) {
                return o;
            }
        }
        return null;
    }

    private JsonNode latestEntry(String i, String type) {
        Long index = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = ?",
                Long.class,
                i.substring(i.lastIndexOf('/') + 1),
                type);
        assertThat(index).as("a %s entry of %s", type, i).isNotNull();
        return api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json()
                .get(0)
                .path("entry");
    }

    @Test
    void aNoticeSentIncompleteOwesTheRestWithoutADeadlineUntilItsFollowUpIsRecordedAsSent() {
        String i = incident("Phases");
        String notice = i + "/notices/gdpr-art33";
        assertThat(find(commander.get(i + "/obligations").json(), PHASES))
                .as("nothing follows a notice not yet sent")
                .isNull();
        var early = commander.postJson(notice + "/follow-up", "{\"evidence\":\"none\"}");
        assertThat(early.status()).as(early.body()).isEqualTo(409);
        assertThat(early.body()).contains("no-follow-up-owed");

        // the generated draft has gaps (no analysis counts the records): sent incomplete, as AUDIT evidence
        JsonNode gaps = commander.get(notice + "/gaps").json().path("gaps");
        assertThat(gaps).isNotEmpty();
        var sent = commander.postJson(notice + "/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        Instant sentAt =
                Instant.parse(sent.json().path("obligation").path("sentAt").asString());

        clock.set(ObligationsContract.START.plus(Duration.ofHours(50)));
        JsonNode owed = commander.get(i + "/obligations").json();
        JsonNode phases = find(owed, PHASES);
        assertThat(phases)
                .as("the rest is owed once the notice went incomplete")
                .isNotNull();
        assertThat(phases.path("status").asString()).isEqualTo("PENDING");
        assertThat(phases.path("citation").asString()).isEqualTo("GDPR Art. 33(4)");
        assertThat(phases.path("due").isNull()).as("the law sets no deadline").isTrue();
        assertThat(phases.path("missed").asBoolean()).isFalse();
        assertThat(phases.path("dueText").asString()).startsWith("without undue further delay");
        assertThat(phases.path("since").asString()).isEqualTo(sentAt.toString());
        assertThat(phases.path("content").get(0).asString())
                .isEqualTo("missing from the notice sent: " + gaps.get(0).asString());
        assertThat(phases.path("content")).hasSize(gaps.size() + 1);
        assertThat(owed.path("command").asString())
                .contains("--sent eu-gdpr-33-sa=" + sentAt)
                .contains("--incomplete eu-gdpr-33-sa");

        // the obligations page shows the time since the notice, not a deadline
        var page = commander.get(i.replace("/api/v1", "") + "/obligations");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("No deadline: the notice it completes was sent")
                .contains("2 d 2 h ago");

        // the follow-up: its own evidence item, sent after the notice
        String letter = auditDocument(i, "art33-follow-up.md", "The records concerned: about 324,000.");
        var before = commander.postJson(
                notice + "/follow-up", "{\"evidence\":\"" + letter + "\",\"sentAt\":\"2026-11-26T07:30:00Z\"}");
        assertThat(before.status()).as(before.body()).isEqualTo(422);
        assertThat(before.body()).contains("bad-sent-at");
        var unknown = commander.postJson(notice + "/follow-up", "{\"evidence\":\"" + letter + "\",\"text\":\"x\"}");
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(422);
        assertThat(unknown.body()).contains("bad-follow-up").contains("text");
        var followed = commander.postJson(notice + "/follow-up", "{\"evidence\":\"" + letter + "\"}");
        assertThat(followed.status()).as(followed.body()).isEqualTo(201);
        JsonNode filed = followed.json().path("obligation");
        assertThat(filed.path("rule").asString()).isEqualTo(PHASES);
        assertThat(filed.path("status").asString()).isEqualTo("FILED");
        assertThat(filed.path("filingEvidence").asString()).isEqualTo(letter);

        JsonNode entry = latestEntry(i, "notice.follow-up-sent");
        JsonNode body = entry.path("body");
        // the answer names the entry and the gaps it gives, as the command line prints them
        assertThat(followed.json().path("followUp").path("ledgerIndex").asLong())
                .isEqualTo(jdbc.queryForObject(
                        "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = ?",
                        Long.class,
                        i.substring(i.lastIndexOf('/') + 1),
                        "notice.follow-up-sent"));
        assertThat(followed.json().path("followUp").path("provides")).isEqualTo(body.path("provides"));
        assertThat(body.path("commitment").isMissingNode())
                .as("AUDIT evidence: a public entry")
                .isTrue();
        assertThat(body.path("notice").asString()).isEqualTo("gdpr-art33");
        assertThat(body.path("evidence").asString()).isEqualTo(letter);
        assertThat(body.path("obligation").asString())
                .isEqualTo(filed.path("id").asString());
        assertThat(body.path("provides")).hasSize(gaps.size());
        assertThat(find(commander.get(i + "/obligations").json(), PHASES)
                        .path("status")
                        .asString())
                .isEqualTo("FILED");

        var again = commander.postJson(notice + "/follow-up", "{\"evidence\":\"" + letter + "\"}");
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("no-follow-up-owed");
    }

    /**
     * The obligations page's follow-up form (docs/web.md): the section of the notice sent incomplete shows
     * the gaps owed, the time since the notice and the form; a refused form is the page again with the
     * message beside it, nothing written; recorded, the section says when and which entry.
     */
    @Test
    void theObligationsPageRecordsTheFollowUpAsSentAndThenSaysWhenAndWhichEntry() {
        String i = incident("Phases from the page");
        String notice = i + "/notices/gdpr-art33";
        String page = i.replace("/api/v1", "") + "/obligations";
        String form = i.replace("/api/v1", "") + "/notices/gdpr-art33/follow-up";
        assertThat(commander.get(page).body()).doesNotContain("Record the follow-up as sent");
        JsonNode gaps = commander.get(notice + "/gaps").json().path("gaps");
        var sent = commander.postJson(notice + "/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String letter = auditDocument(i, "art33-follow-up-page.md", "The records concerned: about 324,000.");

        clock.set(ObligationsContract.START.plus(Duration.ofHours(50)));
        String pending = commander.get(page).body();
        assertThat(pending)
                .contains("id=\"follow-up\"")
                .contains("Follow-up (GDPR Art. 33(4))")
                .contains("It owes the <span>" + gaps.size() + "</span> gap(s) the notice was sent with:")
                .contains("<li>" + gaps.get(0).asString().replace("'", "&#39;") + "</li>")
                .contains("2 d 2 h ago")
                .contains("Record the follow-up as sent")
                .contains("name=\"evidence\"")
                .contains("value=\"" + letter + "\"");

        // refused: before the notice it completes; the page again with the message, nothing recorded
        var early = commander.postForm(form, "evidence=" + letter + "&sentAt=2026-11-26T08%3A00");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.body()).contains("id=\"follow-up-error\"").contains("Record the follow-up as sent");
        assertThat(find(commander.get(i + "/obligations").json(), PHASES)
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        var none = commander.postForm(form, "evidence=&sentAt=");
        assertThat(none.status()).isEqualTo(422);
        assertThat(none.body()).contains("the follow-up needs the id of the evidence item");

        var recorded = commander.postForm(form, "evidence=" + letter + "&sentAt=");
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(302);
        assertThat(recorded.header("Location")).endsWith("/obligations#follow-up");
        JsonNode entry = latestEntry(i, "notice.follow-up-sent");
        assertThat(entry.path("body").path("evidence").asString()).isEqualTo(letter);
        Long index = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = 'notice.follow-up-sent'",
                Long.class,
                i.substring(i.lastIndexOf('/') + 1));
        String after = commander.get(page).body();
        assertThat(after)
                .contains("id=\"follow-up-recorded\"")
                .contains("kept as evidence <code>" + letter + "</code>")
                .contains("(ledger entry #<span>" + index + "</span>)")
                .doesNotContain("Record the follow-up as sent</button>");
        // a second one: no follow-up owed, the page says so beside nothing (the form is gone), 409
        var again = commander.postForm(form, "evidence=" + letter);
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aNoticeSentCompleteOwesNoFollowUp() {
        String i = incident("Complete");
        String notice = i + "/notices/gdpr-art33";
        var edited = commander.put(
                notice,
                "text/markdown",
                "# Notification of a personal data breach\n\nEverything Art. 33(3) asks for, stated in full.\n");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(commander.get(notice + "/gaps").json().path("gaps")).isEmpty();
        var sent = commander.postJson(notice + "/sent", "{\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        assertThat(find(commander.get(i + "/obligations").json(), PHASES)).isNull();
        var followUp = commander.postJson(notice + "/follow-up", "{\"evidence\":\"none\"}");
        assertThat(followUp.status()).as(followUp.body()).isEqualTo(409);
    }
}
