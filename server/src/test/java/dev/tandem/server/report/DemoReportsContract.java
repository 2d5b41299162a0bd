package dev.tandem.server.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteCheck;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.ledger.ProofCheck;
import dev.tandem.ledger.ProofVerifier;
import dev.tandem.server.Api;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import dev.tandem.server.portal.RequestsInEveryState;
import dev.tandem.server.regulation.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11's "done when" on the demo incident: both reports render in HTML and PDF, name the same
 * checkpoint, every index either cites verifies with an inclusion proof against it, and the
 * auditor's report shows no privileged name or body. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
@Import(DemoReportsContract.MovableClock.class)
abstract class DemoReportsContract {
    /** A clock the evidence-request test moves past a due date; it starts at the real time. */
    @TestConfiguration(proxyBeanMethods = false)
    static class MovableClock {
        @Bean
        @Primary
        MutableClock reportsClock() {
            return new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    @Autowired
    MutableClock clock;

    private static final Pattern CITED = Pattern.compile("id=\"cited\">([^<]*)<");
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    String base() {
        return "http://127.0.0.1:" + port;
    }

    record Fetched(int status, byte[] body, String checkpoint, String contentType) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    Fetched fetch(String token, String path, String accept) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(
                HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Accept", accept)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Fetched(
                r.statusCode(),
                r.body(),
                r.headers().firstValue("Tandem-Checkpoint").orElse(""),
                r.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void bothReportsTellOneHistoryAtOneCheckpointAndTheAuditorsNamesNothingPrivileged() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        String ic = loaded.tokenOf(Role.INCIDENT_COMMANDER);
        String auditor = loaded.tokenOf(Role.AUDITOR);
        Api asIc = new Api(base(), ic);
        awaitJobs(asIc, id);

        String incidentPath = "/api/v1/incidents/" + id + "/reports/incident";
        String auditPath = "/api/v1/incidents/" + id + "/reports/audit-continuity";
        Fetched incidentHtml = fetch(ic, incidentPath, "text/html");
        Fetched auditHtml = fetch(auditor, auditPath, "text/html");
        Fetched incidentPdf = fetch(ic, incidentPath, "application/pdf");
        Fetched auditPdf = fetch(auditor, auditPath, "application/pdf, text/html;q=0.5");
        for (Fetched f : List.of(incidentHtml, auditHtml, incidentPdf, auditPdf)) {
            assertThat(f.status())
                    .as(f.text().substring(0, Math.min(300, f.text().length())))
                    .isEqualTo(200);
        }
        assertThat(incidentHtml.contentType()).startsWith("text/html");
        assertThat(auditPdf.contentType()).isEqualTo("application/pdf");

        // one checkpoint, named in the header and printed in every document
        String header = incidentHtml.checkpoint();
        assertThat(header).matches("[0-9]+ [A-Za-z0-9+/]{43}=");
        for (Fetched f : List.of(auditHtml, incidentPdf, auditPdf)) {
            assertThat(f.checkpoint()).isEqualTo(header);
        }
        long size = Long.parseLong(header.split(" ")[0]);
        String root = header.split(" ")[1];
        for (Fetched f : List.of(incidentHtml, auditHtml)) {
            assertThat(f.text())
                    .contains("<strong id=\"tree-size\">" + size + "</strong>")
                    .contains(root);
        }
        String incidentPdfText = pdfText(incidentPdf.body());
        String auditPdfText = pdfText(auditPdf.body());
        assertThat(incidentPdfText).contains("Tree size: " + size).contains("Incident report");
        assertThat(auditPdfText).contains("Tree size: " + size).contains("Audit-continuity report");
        // every cell readable and nothing cut (docs/reports.md): each citation, date, time, control id
        // and short word the HTML shows is whole in the PDF, and nothing runs past the right margin
        assertThat(PdfLayout.problems(incidentHtml.text(), incidentPdf.body())).isEmpty();
        assertThat(PdfLayout.problems(auditHtml.text(), auditPdf.body())).isEmpty();

        // the appendix's note is the ledger's, and it verifies with the ledger's key
        String key = asIc.get("/api/v1/ledger/key").body().strip();
        String note = asIc.get("/api/v1/ledger/checkpoint").body();
        assertThat(HtmlUtils.htmlUnescape(auditHtml.text())).contains(note.strip());
        assertThat(NoteVerifier.parse(key).open(note)).isInstanceOf(NoteCheck.Opened.class);
        assertThat(note.lines().toList().get(1)).isEqualTo(Long.toString(size));

        // every index either report cites is proved included in that one tree
        Set<Long> cited = new TreeSet<>();
        cited.addAll(cited(incidentHtml.text()));
        cited.addAll(cited(auditHtml.text()));
        assertThat(cited(auditHtml.text())).isNotEmpty();
        byte[] rootHash = Base64.getDecoder().decode(root);
        for (long index : cited) {
            assertThat(index).isLessThan(size);
            JsonNode entry = asIc.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1))
                    .json()
                    .get(0);
            byte[] leafHash = MerkleLog.leafHash(
                    Base64.getDecoder().decode(entry.path("leaf").asString()));
            List<byte[]> proof = new ArrayList<>();
            asIc.get("/api/v1/ledger/proof/inclusion?index=" + index + "&size=" + size)
                    .json()
                    .path("hashes")
                    .forEach(h -> proof.add(Base64.getDecoder().decode(h.asString())));
            assertThat(ProofVerifier.verifyInclusion(leafHash, index, size, proof, rootHash))
                    .as("inclusion of #" + index)
                    .isInstanceOf(ProofCheck.Verified.class);
        }

        // the auditor's report names no FORENSIC item and repeats nothing only a privileged entry says;
        // the draft counsel pulled back was filed as AUDIT, in the clear: the report lists it as pulled back
        Api asLegal = new Api(base(), loaded.tokenOf(Role.LEGAL));
        List<String> forensicNames = new ArrayList<>();
        List<String> pulledBack = new ArrayList<>();
        List<Long> moves = new ArrayList<>();
        asLegal.get("/api/v1/incidents/" + id + "/evidence").json().forEach(e -> {
            if (e.has("pulledBack")) {
                pulledBack.add(e.path("name").asString());
                moves.add(e.path("pulledBack").asLong());
            } else if (e.path("repository").asString().equals("FORENSIC")) {
                forensicNames.add(e.path("name").asString());
            }
        });
        assertThat(forensicNames).contains("intake-memo-privileged.md", "checkout-capture.har");
        assertThat(pulledBack).containsExactly("breach-analysis-draft.md");
        String auditText = HtmlUtils.htmlUnescape(auditHtml.text());
        String auditPdfFlat = auditPdfText.replaceAll("\\s+", "");
        assertThat(auditText).contains("pulled back from AUDIT by counsel");
        // its row says counsel's reason, with the move's entry it came from, in the HTML and the PDF
        String reason = "reason (entry #" + moves.getFirst() + "): \"Counsel's work product, filed to AUDIT by mistake";
        assertThat(auditText).contains(reason);
        assertThat(auditPdfFlat).contains(reason.replaceAll("\\s+", ""));
        for (String name : forensicNames) {
            assertThat(auditText).doesNotContain(name);
            assertThat(auditPdfFlat).doesNotContain(name.replaceAll("\\s+", ""));
        }
        Set<String> publicStrings = strings(new Api(base(), auditor)
                .get("/api/v1/incidents/" + id + "/timeline")
                .json());
        Set<String> privilegedOnly = new HashSet<>();
        for (JsonNode e : asLegal.get("/api/v1/incidents/" + id + "/timeline").json()) {
            if (e.has("opened")) {
                for (String s : strings(e.path("opened"))) {
                    // a name the public timeline also carries inside a longer string (a permission set
                    // named in an AUDIT snapshot's file name) is the auditor's to read already
                    if (s.length() >= 12 && publicStrings.stream().noneMatch(p -> p.contains(s))) {
                        privilegedOnly.add(s);
                    }
                }
            }
        }
        assertThat(privilegedOnly).isNotEmpty();
        for (String s : privilegedOnly) {
            assertThat(auditText)
                    .as("a privileged entry's body in the audit report")
                    .doesNotContain(s);
        }
        assertThat(auditText).contains("Privileged item recorded at");
        // the commander's incident report names them; a responder's only what LEGAL granted
        String icText = HtmlUtils.htmlUnescape(incidentHtml.text());
        assertThat(icText).contains("intake-memo-privileged.md", "checkout-capture.har");
        String responderText = HtmlUtils.htmlUnescape(
                fetch(loaded.tokenOf(Role.RESPONDER), incidentPath, "text/html").text());
        assertThat(responderText).contains("checkout-capture.har").doesNotContain("intake-memo-privileged.md");
        // the report opens the findings the findings API shows the responder, and withholds the rest
        int withheld = 0;
        for (JsonNode f : new Api(base(), loaded.tokenOf(Role.RESPONDER))
                .get("/api/v1/incidents/" + id + "/findings")
                .json()
                .path("findings")) {
            if (f.has("commitment")) withheld++;
        }
        assertThat(withheld)
                .as("the demo withholds some findings from the responder")
                .isPositive();
        assertThat(responderText)
                .contains(Narration.count(withheld, "further finding rests", "further findings rest")
                        + " on privileged evidence you may not open");
        assertThat(fetch(auditor, incidentPath, "text/html").status()).isEqualTo(403);
        assertThat(fetch(auditor, auditPath, "image/png").status()).isEqualTo(406);
    }

    @Test
    void anIssuedReportIsEvidenceWhoseReadingIsLogged() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        Api liaison = new Api(base(), loaded.tokenOf(Role.AUDIT_LIAISON));
        awaitJobs(new Api(base(), loaded.tokenOf(Role.INCIDENT_COMMANDER)), id);
        Api.Response issued = liaison.postJson(
                "/api/v1/incidents/" + id + "/reports/audit-continuity/issue", "{\"repository\":\"AUDIT\"}");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        JsonNode view = issued.json();
        assertThat(issued.header("Tandem-Checkpoint"))
                .isEqualTo(view.path("checkpoint").path("size").asLong() + " "
                        + view.path("checkpoint").path("root").asString());
        assertThat(view.path("ledgerIndex").asLong())
                .isGreaterThanOrEqualTo(view.path("checkpoint").path("size").asLong());
        String evidence = view.path("evidence").asString();
        Api auditor = new Api(base(), loaded.tokenOf(Role.AUDITOR));
        HttpResponse<byte[]> content = auditor.getBytes("/api/v1/evidence/" + evidence + "/content");
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(new String(content.body(), 0, 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
        assertThat(pdfText(content.body()))
                .contains("Tree size: " + view.path("checkpoint").path("size").asLong());
        boolean readLogged = false;
        for (JsonNode e : auditor.get("/api/v1/incidents/" + id + "/timeline").json()) {
            if (e.path("type").asString().equals("evidence.read")
                    && e.path("body").path("evidence").asString().equals(evidence)
                    && e.path("actor").asString().equals("auditor")) {
                readLogged = true;
            }
        }
        assertThat(readLogged).isTrue();
        // counsel issues the incident report as FORENSIC evidence; the liaison may not issue it at all
        Api counsel = new Api(base(), loaded.tokenOf(Role.LEGAL));
        Api.Response incident = counsel.postJson(
                "/api/v1/incidents/" + id + "/reports/incident/issue", "{\"repository\":\"FORENSIC\"}");
        assertThat(incident.status()).as(incident.body()).isEqualTo(201);
        assertThat(counsel.postJson("/api/v1/incidents/" + id + "/reports/incident/issue", "{\"repository\":\"AUDIT\"}")
                        .status())
                .isEqualTo(403);
        assertThat(counsel.postJson("/api/v1/incidents/" + id + "/reports/incident/issue", "{\"repository\":\"X\"}")
                        .status())
                .isEqualTo(422);
        assertThat(liaison.postJson(
                                "/api/v1/incidents/" + id + "/reports/incident/issue", "{\"repository\":\"FORENSIC\"}")
                        .status())
                .isEqualTo(403);
        JsonNode stub = auditor.get(
                        "/api/v1/evidence/" + incident.json().path("evidence").asString())
                .json();
        assertThat(stub.has("name")).isFalse();
    }

    @Test
    void everyEvidenceRequestIsInTheAuditReportAsItStandsAtTheCheckpoint() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        Api ic = new Api(base(), loaded.tokenOf(Role.INCIDENT_COMMANDER));
        Api auditor = new Api(base(), loaded.tokenOf(Role.AUDITOR));
        Api liaison = new Api(base(), loaded.tokenOf(Role.AUDIT_LIAISON));
        awaitJobs(ic, id);
        ZoneId zone = ZoneId.of("Europe/Berlin"); // the demo incident's
        String today = LocalDate.ofInstant(clock.instant(), zone).toString();
        RequestsInEveryState filed = RequestsInEveryState.file(auditor, liaison, id, today);
        long added = liaison.get("/api/v1/evidence/" + filed.auditItem())
                .json()
                .path("ledgerIndex")
                .asLong();
        String path = "/api/v1/incidents/" + id + "/reports/audit-continuity";

        String before = section(fetch(auditor.token(), path, "text/html").text(), "evidence-requests");
        assertThat(before)
                .contains(RequestsInEveryState.OPEN_TEXT, "CC7.2", today)
                .doesNotContain("OVERDUE")
                // the demo's own: one answered and waiting, one reopened with its answer in the history
                .contains("The access review policy in force during the audit period")
                .contains("Access review of the integration user before and after containment")
                .contains("none since it was reopened")
                .contains("REOPENED by auditor: The policy is not the review")
                .contains("access-review-policy.md (added at #" + added + ")")
                .contains(RequestsInEveryState.DECLINED_TEXT)
                .contains("Declined by liaison: " + RequestsInEveryState.DECLINE_REASON)
                .contains(RequestsInEveryState.ACCEPTED_TEXT, "CC7.3, CC7.4")
                .contains("ACCEPTED by auditor: " + RequestsInEveryState.ACCEPT_COMMENT)
                .contains("5 evidence requests: 1 ACCEPTED, 1 ANSWERED, 1 DECLINED, 2 OPEN; none overdue");
        for (String state : List.of("<td>OPEN</td>", "<td>ANSWERED</td>", "<td>DECLINED</td>", "<td>ACCEPTED</td>")) {
            assertThat(before).contains(state);
        }
        // the incident report tells each step as what it was, not as "Entry evidence-request.… recorded"
        assertThat(fetch(ic.token(), "/api/v1/incidents/" + id + "/reports/incident", "text/html")
                        .text())
                .contains("Evidence request filed by auditor: " + RequestsInEveryState.OPEN_TEXT)
                .contains("Evidence request declined by liaison: HR records are outside the audit")
                .doesNotContain("Entry evidence-request.");
        String portal = "/incidents/" + id + "/audit";
        Fetched portalBefore = fetch(auditor.token(), portal, "text/html");
        assertThat(portalBefore.status()).isEqualTo(200);
        assertThat(portalBefore.text()).contains(RequestsInEveryState.OPEN_TEXT).doesNotContain("badge overdue");

        // two days on and one entry later, the checkpoint's time is past the open request's due day
        clock.advance(Duration.ofDays(2));
        Api.Response note =
                ic.postJson("/api/v1/incidents/" + id + "/timeline", "{\"kind\":\"NOTE\",\"text\":\"Two days on\"}");
        assertThat(note.status()).as(note.body()).isEqualTo(201);
        Fetched later = fetch(auditor.token(), path, "text/html");
        String after = section(later.text(), "evidence-requests");
        assertThat(after)
                .contains("OPEN, OVERDUE at the checkpoint")
                .contains("5 evidence requests: 1 ACCEPTED, 1 ANSWERED, 1 DECLINED, 2 OPEN; 1 overdue");
        assertThat(after.split("OVERDUE", -1)).hasSize(2);
        // the Audit tab applies the same rule on today's date in the incident's zone
        String page = fetch(auditor.token(), portal, "text/html").text();
        assertThat(page.split("badge overdue", -1)).hasSize(2);
        assertThat(page).contains("(past, still open)");
        assertThat(later.text())
                .contains("<span id=\"checkpoint-time\">"
                        + LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Europe/Berlin")));
        assertThat(pdfText(fetch(auditor.token(), path, "application/pdf").body()))
                .contains("Evidence requests")
                .contains("OVERDUE");
        // drawn again at the same checkpoint, whatever the clock says by then: the same section
        clock.advance(Duration.ofDays(30));
        Fetched again = fetch(auditor.token(), path, "text/html");
        assertThat(again.checkpoint()).isEqualTo(later.checkpoint());
        assertThat(section(again.text(), "evidence-requests")).isEqualTo(after);
    }

    /** One section of a report's HTML, unescaped: from its {@code <div id>} to the next section's. */
    static String section(String html, String id) {
        int start = html.indexOf("<div id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        int end = html.indexOf("<div id=\"", start + 1);
        return HtmlUtils.htmlUnescape(html.substring(start, end < 0 ? html.length() : end));
    }

    static List<Long> cited(String html) {
        Matcher m = CITED.matcher(html);
        assertThat(m.find()).as("the appendix lists the cited indexes").isTrue();
        List<Long> out = new ArrayList<>();
        for (String s : m.group(1).split(",")) {
            if (!s.isBlank()) {
                out.add(Long.parseLong(s.strip().substring(1)));
            }
        }
        return out;
    }

    static String pdfText(byte[] pdf) throws IOException {
        assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    static Set<String> strings(JsonNode node) {
        Set<String> out = new HashSet<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode node, Set<String> out) {
        if (node.isString()) {
            out.add(node.asString());
        }
        node.forEach(child -> collect(child, out));
        if (node.isObject()) {
            node.properties().forEach(p -> collect(p.getValue(), out));
        }
    }

    /** The demo's analysis and scans finish before the reports are drawn, so the ledger holds still. */
    static void awaitJobs(Api api, String incident) throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            boolean busy = false;
            for (JsonNode j : api.get("/api/v1/incidents/" + incident + "/jobs").json()) {
                String s = j.path("status").asString();
                busy |= s.equals("QUEUED") || s.equals("RUNNING");
            }
            if (!busy) {
                return;
            }
            assertThat(System.nanoTime()).as("demo jobs still running").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
