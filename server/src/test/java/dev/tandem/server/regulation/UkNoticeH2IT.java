package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.TestUsers;
import dev.tandem.server.identity.Accounts;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The UK GDPR Art. 33 notice to the Information Commissioner (docs/obligations-api.md, "UK GDPR Art.
 * 33(3) notice"; ADR 145) against a real server on the embedded store: drafted from the incident
 * record, versions with If-Match, gaps (stale facts and the delay among them), LEGAL's and the
 * commander's only, and its sending files the {@code gb-ukgdpr-33-ico} obligation, never the GDPR one.
 * The company is established in the UK.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + UkNoticeH2IT.ADMIN_TOKEN,
            "tandem.company.name=Example Retail Ltd",
            "tandem.company.established=GB",
            "tandem.company.contact.name=Grace Hopper",
            "tandem.company.contact.role=Data Protection Officer",
            "tandem.company.contact.email=dpo@example.co.uk",
            "tandem.company.contact.phone=+44 20 0000 0000",
            "logging.level.dev.tandem=WARN"
        })
@Import(TestClockConfiguration.class)
class UkNoticeH2IT {
    static final String ADMIN_TOKEN = "test-admin-token-uk-notice-0123456789";
    private static final AtomicInteger SERIAL = new AtomicInteger();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "uk-notice-h2");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    Accounts accounts;

    /** The administrator, who opens the incidents: their incident commander. */
    Http commander;

    Api api;

    @BeforeEach
    void connect() {
        clock.set(ObligationsContract.START);
        commander = new Http("http://127.0.0.1:" + port, ADMIN_TOKEN);
        api = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
    }

    /** An incident aware at 2026-11-26 08:00 +01:00 whose scope is {@code scope}; returns its API path. */
    private String incident(String title, String scope) {
        var opened = commander.postJson(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"awareAt\":\"" + ObligationsContract.AWARE
                        + "\",\"timeZone\":\"Europe/London\"}");
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String i = "/api/v1/incidents/" + opened.json().path("id").asString();
        var put = commander.putJson(i + "/scope", scope);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        return i;
    }

    /** A new user in {@code role} of the incident at {@code i}, with a token of their own. */
    private Http member(String i, String role) {
        String name = role.toLowerCase(java.util.Locale.ROOT) + "-uk-" + SERIAL.incrementAndGet();
        String token = TestUsers.withToken(api, accounts, name, "uk-notice");
        var added = commander.putJson(i + "/members/" + name, "{\"role\":\"" + role + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        return new Http("http://127.0.0.1:" + port, token);
    }

    /** The obligation of {@code rule} in an answer of {@code GET …/obligations}. */
    private static JsonNode obligation(JsonNode answer, String rule) {
        JsonNode list = answer.path("obligations");
        for (JsonNode o : list) {
            if (o.path("rule").asString().equals(rule)) {
                return o;
            }
        }
        throw new AssertionError("no " + rule + " in " + list);
    }

    private JsonNode latestEntryBody(String i, String type) {
        Long index = jdbc.queryForObject(
                "SELECT MAX(idx) FROM ledger_entry WHERE incident_id = ? AND entry_type = ?",
                Long.class,
                i.substring(i.lastIndexOf('/') + 1),
                type);
        assertThat(index).as("a %s entry of %s", type, i).isNotNull();
        return api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                .json()
                .get(0)
                .path("entry")
                .path("body");
    }

    @Test
    void aUkOnlyBreachGetsANoticeToTheIcoWithVersionsAndItsSendingFilesTheUkObligation() {
        String i = incident("UK customers", "{\"subjects\":{\"GB\":1200},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        String path = i + "/notices/uk-gdpr-art33";
        JsonNode owed = commander.get(i + "/obligations").json();
        assertThat(obligation(owed, "gb-ukgdpr-33-ico").path("status").asString())
                .isEqualTo("PENDING");

        var draft = commander.get(path);
        assertThat(draft.status()).as(draft.body()).isEqualTo(200);
        assertThat(draft.header("Tandem-Notice-State")).isEqualTo("DRAFT");
        assertThat(draft.header("ETag")).isEqualTo("\"" + NoticeDrafts.sha256(draft.body()) + "\"");
        assertThat(draft.body())
                .startsWith("# Notification of a personal data breach\n\n"
                        + "To: the Information Commissioner's Office (ICO), \"the Commissioner\" of UK GDPR Art."
                        + " 33(1) (Data Protection Act 2018, s. 114 and 115(1))  \n"
                        + "Under: UK GDPR Art. 33, read with the Data Protection Act 2018\n\n")
                .contains("- Controller: Example Retail Ltd")
                .contains("- Approximate number of data subjects: about 1,200")
                .contains("Grace Hopper, Data Protection Officer")
                .contains("## Information in phases (Art. 33(4))")
                .doesNotContain("Supervisory authority")
                .doesNotContain("EU/EEA");

        // two editors: the second, who read the draft before the first stored, stores nothing
        String tag = draft.header("ETag");
        String v1 = draft.body().replace("[to be completed: likely consequences]", "Phishing of UK customers.");
        var first = commander.put(path, "text/markdown", v1, tag);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.header("Tandem-Notice-Version")).isEqualTo("1");
        var second = commander.put(path, "text/markdown", "# Someone else's text\n", tag);
        assertThat(second.status()).as(second.body()).isEqualTo(412);
        assertThat(second.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-changed");
        assertThat(latestEntryBody(i, "notice.edited").path("commitment").isMissingNode())
                .as("notice.edited is privileged: a commitment for the ledger's readers")
                .isFalse();
        assertThat(commander.get(path + "/versions").json()).hasSize(1);
        assertThat(commander.get(path + "/versions/1").body()).isEqualTo(v1);
        // the GDPR notice's versions are its own: the UK edit is none of them
        assertThat(commander.get(i + "/notices/gdpr-art33/versions").json()).isEmpty();
        // and the GDPR does not apply to a UK company's UK customers: no draft, the law and the reason named
        for (String eu : List.of(i + "/notices/gdpr-art33", i + "/notices/gdpr-art33/gaps")) {
            var none = commander.get(eu);
            assertThat(none.status()).as(eu + ": " + none.body()).isEqualTo(409);
            assertThat(none.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-not-applicable");
            assertThat(none.json().path("detail").asString())
                    .isEqualTo("incident " + i.substring(i.lastIndexOf('/') + 1) + " owes no GDPR Art. 33 notice:"
                            + " the GDPR does not apply: none of the 1,200 people in the scope is in the EU/EEA"
                            + " (they are in GB=1200) and the company is not established there (GDPR Art. 3(1),"
                            + " (2)); the scope decides which notices apply (PUT …/scope)")
                    .doesNotContain("Notification of a personal data breach");
        }

        // moved earlier, the awareness makes the edited text stale: a gap until stored again or confirmed
        var earlier = commander.putJson(
                i + "/awareness", "{\"awareAt\":\"2026-11-26T07:30:00+01:00\",\"reason\":\"the first alert\"}");
        assertThat(earlier.status()).as(earlier.body()).isEqualTo(200);
        assertThat(commander.get(path).header("Tandem-Notice-Stale")).isEqualTo("awareness");
        JsonNode gaps = commander.get(path + "/gaps").json();
        assertThat(gaps.path("state").asString()).isEqualTo("EDITED");
        assertThat(gaps.path("late").asBoolean()).isFalse();
        assertThat(gaps.path("gaps").toString())
                .contains("measures proposed")
                .contains("awareness: when the company became aware was changed after version 1");

        // past the 72 hours the text must give the reasons for the delay, under UK GDPR Art. 33(1)
        clock.set(ObligationsContract.START.plus(Duration.ofHours(80)));
        JsonNode late = commander.get(path + "/gaps").json();
        assertThat(late.path("late").asBoolean()).isTrue();
        assertThat(late.path("gaps").toString())
                .contains("reasons for notifying later than 72 hours (UK GDPR Art. 33(1))");

        var refused = commander.post(path + "/sent");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("type").asString()).isEqualTo("urn:tandem:problem:notice-incomplete");
        assertThat(refused.json().path("detail").asString()).contains("UK GDPR Art. 33(4) allows");

        var sent = commander.postJson(path + "/sent", "{\"incomplete\":true,\"repository\":\"AUDIT\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        JsonNode filed = sent.json().path("obligation");
        assertThat(filed.path("rule").asString()).isEqualTo("gb-ukgdpr-33-ico");
        assertThat(filed.path("jurisdiction").asString()).isEqualTo("GB");
        assertThat(filed.path("status").asString()).startsWith("FILED");
        String evidence = sent.json().path("evidence").path("id").asString();
        assertThat(filed.path("filingEvidence").asString()).isEqualTo(evidence);
        JsonNode meta = commander.get("/api/v1/evidence/" + evidence).json();
        assertThat(meta.toString()).contains("uk-gdpr-art33-notice-GB.md");
        assertThat(new String(
                        api.getBytes("/api/v1/evidence/" + evidence + "/content")
                                .body(),
                        StandardCharsets.UTF_8))
                .isEqualTo(v1);
        JsonNode entry = latestEntryBody(i, "notice.sent");
        assertThat(entry.path("notice").asString()).isEqualTo("uk-gdpr-art33");
        assertThat(entry.path("jurisdiction").asString()).isEqualTo("GB");
        List<String> lacked = new ArrayList<>();
        entry.path("incomplete").forEach(g -> lacked.add(g.asString()));
        assertThat(lacked)
                .contains("reasons for notifying later than 72 hours (UK GDPR Art. 33(1))")
                .anyMatch(g -> g.startsWith("awareness: "));

        assertThat(commander.get(path).header("Tandem-Notice-State")).isEqualTo("SENT");
        var again = commander.put(path, "text/markdown", "late edit");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("detail").asString()).contains("the UK GDPR Art. 33 notice of incident");
        assertThat(commander.post(path + "/sent").status()).isEqualTo(409);
        // a UK-only breach owes no GDPR Art. 33 notice: there is nothing for the GDPR one to file
        var noEu = commander.postJson(i + "/notices/gdpr-art33/sent", "{\"incomplete\":true}");
        assertThat(noEu.status()).as(noEu.body()).isEqualTo(409);
        assertThat(noEu.json().path("type").asString()).isEqualTo("urn:tandem:problem:no-art33-obligation");
        assertThat(noEu.json().path("detail").asString())
                .endsWith("has no GDPR Art. 33 obligation to file: the GDPR does not apply: none of the 1,200 people"
                        + " in the scope is in the EU/EEA (they are in GB=1200) and the company is not established"
                        + " there (GDPR Art. 3(1), (2))");
    }

    @Test
    void aBreachOwingBothNoticesSendsEachToItsAuthorityAndFilesOnlyItsOwnObligation() {
        String i = incident(
                "UK and German customers",
                "{\"subjects\":{\"GB\":100,\"DE\":200},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        JsonNode owed = commander.get(i + "/obligations").json();
        JsonNode eu = obligation(owed, "eu-gdpr-33-sa");
        JsonNode uk = obligation(owed, "gb-ukgdpr-33-ico");

        // established in the UK, the UK GDPR covers everyone (Art. 3(1)); the GDPR the people in the EU
        assertThat(commander.get(i + "/notices/uk-gdpr-art33").body())
                .contains("- Approximate number of data subjects: about 300")
                .contains("established in the UK (UK GDPR Art. 3(1)); of them about 100 live in the UK")
                // UK GDPR Art. 27 asks a representative in the UK only of a controller outside it (ADR 149)
                .doesNotContain("Representative in the UK");
        assertThat(commander.get(i + "/notices/gdpr-art33").body())
                .contains("Under: GDPR Art. 33\n")
                .contains("- Approximate number of data subjects: about 200")
                .contains("the people in the EU/EEA only (no establishment there, GDPR Art. 3(2))")
                .doesNotContain("Information Commissioner");

        var ukSent = commander.postJson(i + "/notices/uk-gdpr-art33/sent", "{\"incomplete\":true}");
        assertThat(ukSent.status()).as(ukSent.body()).isEqualTo(201);
        assertThat(ukSent.json().path("obligation").path("id").asString())
                .isEqualTo(uk.path("id").asString());
        JsonNode after = commander.get(i + "/obligations").json();
        assertThat(obligation(after, "eu-gdpr-33-sa").path("status").asString()).isEqualTo("PENDING");
        assertThat(commander.get(i + "/notices/gdpr-art33").header("Tandem-Notice-State"))
                .isEqualTo("DRAFT");

        var euSent = commander.postJson(i + "/notices/gdpr-art33/sent", "{\"incomplete\":true}");
        assertThat(euSent.status()).as(euSent.body()).isEqualTo(201);
        assertThat(euSent.json().path("obligation").path("id").asString())
                .isEqualTo(eu.path("id").asString());
        assertThat(latestEntryBody(i, "notice.sent").path("commitment").isMissingNode())
                .as("filed FORENSIC: a commitment")
                .isFalse();
        assertThat(jdbc.queryForList(
                        "SELECT notice FROM notice_draft WHERE incident_id = ? ORDER BY notice",
                        String.class,
                        i.substring(i.lastIndexOf('/') + 1)))
                .containsExactly("gdpr-art33", "uk-gdpr-art33");
    }

    /** The UK notice is counsel's work product as the GDPR one: a responder and the auditor read nothing of it. */
    @Test
    void theUkNoticeIsLegalsAndTheCommandersOnly() {
        String i =
                incident("UK, privileged", "{\"subjects\":{\"GB\":4321},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        String path = i + "/notices/uk-gdpr-art33";
        Http legal = member(i, "LEGAL");
        var stored = legal.put(path, "text/markdown", "# To the ICO\n\nAbout 4,321 people UK-NOTICE-TEXT\n");
        assertThat(stored.status()).as(stored.body()).isEqualTo(200);
        assertThat(legal.get(path + "/versions/1").body()).contains("UK-NOTICE-TEXT");
        for (String role : List.of("RESPONDER", "AUDITOR")) {
            Http other = member(i, role);
            for (String read : List.of(path, path + "/versions", path + "/versions/1", path + "/gaps")) {
                var r = other.get(read);
                assertThat(r.status())
                        .as(role + " GET " + read + ": " + r.body())
                        .isEqualTo(403);
                assertThat(r.body()).doesNotContain("UK-NOTICE-TEXT").doesNotContain("4,321");
            }
            assertThat(other.put(path, "text/markdown", "# mine\n").status())
                    .as(role + " PUT")
                    .isEqualTo(403);
            assertThat(other.postJson(path + "/sent", "{\"incomplete\":true}").status())
                    .as(role + " sent")
                    .isEqualTo(403);
        }
        assertThat(legal.get(path + "/versions").json()).hasSize(1);
        assertThat(commander.get(path).header("Tandem-Notice-State")).isEqualTo("EDITED");
        assertThat(Instant.parse(commander
                        .get(path + "/versions")
                        .json()
                        .get(0)
                        .path("editedAt")
                        .asString()))
                .isEqualTo(ObligationsContract.START);
    }

    /**
     * The obligations page's UK GDPR notice section (docs/web.md; ADR 145): shown to LEGAL and the
     * commander when the ICO is owed a notice, with the GDPR section's form (the hidden {@code base} the
     * text was opened on, as If-Match), gaps and "Mark sent"; a stale {@code base} is refused in the UK
     * section only, the text kept; the responder and the auditor see none of it, nor post to it. (An
     * incident owing the ICO nothing has no UK section: AccessMatrixContract, where no one is in the UK.)
     */
    @Test
    void theObligationsPageEditsAndSendsTheUkNoticeForCounselAndTheCommanderOnly() {
        String i = incident("UK page", "{\"subjects\":{\"GB\":2468},\"data\":[\"CONTACT\"],\"encrypted\":false}");
        String path = i + "/notices/uk-gdpr-art33";
        String page = i.replace("/api/v1", "") + "/obligations";
        String form = i.replace("/api/v1", "") + "/notices/uk-gdpr-art33";
        Http legal = member(i, "LEGAL");
        String tag = legal.get(path).header("ETag").replace("\"", "");
        for (Http decider : List.of(commander, legal)) {
            var shown = decider.get(page);
            assertThat(shown.status()).isEqualTo(200);
            assertThat(shown.body())
                    .contains("<h2 id=\"uk-notice\">UK GDPR Art. 33(3) notice</h2>")
                    // a UK company's UK customers: the GDPR's section is absent, one line says why (ADR 149)
                    .doesNotContain("<h2 id=\"notice\">")
                    .doesNotContain("action=\"" + form.replace("uk-gdpr-art33", "gdpr-art33") + "\"")
                    .contains("No GDPR Art. 33(3) notice: the GDPR does not apply: none of the 2,468 people in the"
                            + " scope is in the EU/EEA (they are in GB=2468) and the company is not established there"
                            + " (GDPR Art. 3(1), (2)).")
                    .contains("action=\"" + form + "\"")
                    .contains("action=\"" + form + "/sent\"")
                    .contains("<input type=\"hidden\" name=\"base\" value=\"" + tag + "\">")
                    .contains("id=\"uk-n-gaps\"")
                    .contains("pending <span>UK GDPR Art. 33</span> obligation FILED")
                    .contains("(UK GDPR Art. 33(4): information may follow in phases)");
        }
        for (String role : List.of("RESPONDER", "AUDITOR")) {
            Http other = member(i, role);
            var shown = other.get(page);
            assertThat(shown.status()).as(role).isEqualTo(200);
            assertThat(shown.body())
                    .as(role)
                    .doesNotContain("uk-notice")
                    .doesNotContain("Art. 33(3) notice")
                    .doesNotContain("notices/uk-gdpr-art33")
                    .doesNotContain("PAGE-TEXT");
            assertThat(other.postForm(form, "text=%23+mine").status()).as(role).isEqualTo(403);
            assertThat(other.postForm(form + "/sent", "incomplete=on").status())
                    .as(role)
                    .isEqualTo(403);
        }
        assertThat(legal.get(path).header("Tandem-Notice-State")).isEqualTo("DRAFT");

        // saved over the text it was opened on: a new version, back to the UK section
        var saved = legal.postForm(form, "base=" + tag + "&text=%23+To+the+ICO%0A%0APAGE-TEXT+2%2C468+people%0A");
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        assertThat(saved.header("Location")).endsWith(page + "#uk-notice");
        assertThat(legal.get(path).body()).isEqualTo("# To the ICO\n\nPAGE-TEXT 2,468 people\n");
        assertThat(legal.get(i + "/notices/gdpr-art33/versions").json()).isEmpty();
        // opened on the draft, saved after that: refused in the UK section, the text kept, nothing stored
        var stale = commander.postForm(form, "base=" + tag + "&text=MINE-TOO");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.body())
                .contains("id=\"uk-notice-error\"")
                .doesNotContain("id=\"notice-error\"")
                .contains("MINE-TOO</textarea>");
        assertThat(legal.get(path + "/versions").json()).hasSize(1);

        // sent from the page: the UK obligation FILED, the GDPR notice untouched
        var sent = commander.postForm(form + "/sent", "incomplete=on&repository=FORENSIC");
        assertThat(sent.status()).as(sent.body()).isEqualTo(302);
        assertThat(obligation(commander.get(i + "/obligations").json(), "gb-ukgdpr-33-ico")
                        .path("status")
                        .asString())
                .startsWith("FILED");
        assertThat(commander.get(path).header("Tandem-Notice-State")).isEqualTo("SENT");
        assertThat(commander.get(page).body()).doesNotContain("action=\"" + form + "\"");
    }
}
