package dev.tandem.server.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.leak.LeakPattern;
import dev.tandem.ledger.Commitment;
import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.job.Job;
import dev.tandem.server.job.Jobs;
import dev.tandem.tools.crm.CrmOrgGenerator;
import dev.tandem.tools.crm.Label;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Leak analysis in the server (docs/analysis-api.md) against a real server, run once per database
 * by {@link LeakAnalysisH2IT} and {@link LeakAnalysisPostgresIT}: a small org from the analyzers'
 * seeded generator is uploaded as evidence, analyzed by a {@code LEAK_ANALYSIS} job, and its
 * labels (the injected incidents and the look-alikes) are checked against the findings the API and
 * the ledger hold.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + LeakAnalysisContract.ADMIN_TOKEN, "logging.level.dev.tandem=WARN"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LeakAnalysisContract {
    static final String ADMIN_TOKEN = "test-admin-token-leak-analysis-0123456789";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${tandem.data-dir}")
    Path dataDir;

    @Autowired
    LeakAnalysisJob handler;

    @Autowired
    Jobs jobs;

    @Autowired
    Vault vault;

    @Autowired
    dev.tandem.server.identity.Accounts accounts;

    Api api;
    Path org;
    String incident;
    /** Evidence id to its upload answer and metadata. */
    final Map<String, Uploaded> uploaded = new LinkedHashMap<>();

    String documentId;
    String firstAnalysis;
    JsonNode firstJob;
    JsonNode findings;

    record Uploaded(String id, String name, String repository, String sha256, long size) {}

    /** How the generated org is filed: what goes in which repository, as which kind. */
    record Filing(String path, String repository, String kind) {}

    static final List<Filing> FILING = List.of(
            new Filing("eventlogs.zip", "FORENSIC", "LOG"),
            new Filing("metadata.zip", "AUDIT", "CONFIG_SNAPSHOT"),
            new Filing("data/User.csv", "AUDIT", "CONFIG_SNAPSHOT"),
            new Filing("data/PermissionSetAssignment.csv", "AUDIT", "CONFIG_SNAPSHOT"),
            new Filing("exports/Contact_admin_export.csv", "FORENSIC", "DATA_EXPORT"),
            // the Setup downloads: the takeover's login and its grant, the analytics user at a browser
            new Filing("setup/LoginHistory.csv", "FORENSIC", "LOG"),
            new Filing("setup/SetupAuditTrail.csv", "FORENSIC", "LOG"),
            new Filing("har/checkout-session.har", "FORENSIC", "HTTP_CAPTURE"),
            new Filing("har/checkout-firstparty.har", "FORENSIC", "HTTP_CAPTURE"),
            // an AUDIT capture, so that one finding rests on AUDIT evidence only and is public
            new Filing("har/product-discovery.har", "AUDIT", "HTTP_CAPTURE"));

    @BeforeAll
    void generateUploadAndAnalyze() throws IOException {
        api = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        org = TestDatabases.scratch("tandem-leak-it-org");
        CrmOrgGenerator.generate(CrmOrgGenerator.Settings.of(11, 120, 20_000), org);
        Files.write(org.resolve("eventlogs.zip"), zip(org.resolve("eventlogs")));
        Files.write(org.resolve("metadata.zip"), zip(org.resolve("metadata")));
        incident = openIncident("Customer data leak through the CRM");
        for (Filing f : FILING) {
            Uploaded u =
                    upload(incident, f.repository(), f.kind(), f.path(), Files.readAllBytes(org.resolve(f.path())));
            uploaded.put(u.id(), u);
        }
        documentId = upload(
                        incident,
                        "AUDIT",
                        "DOCUMENT",
                        "notes.md",
                        "# Notes\nnot, a, log\n".getBytes(StandardCharsets.UTF_8))
                .id();
        Api.Response r = api.postJson("/api/v1/incidents/" + incident + "/analyses", "{\"all\":true}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        firstAnalysis = r.json().path("job").path("id").asString();
        assertThat(r.json().path("job").path("kind").asString()).isEqualTo("LEAK_ANALYSIS");
        firstJob = await(firstAnalysis);
        assertThat(firstJob.path("status").asString()).as(firstJob.toString()).isEqualTo("SUCCEEDED");
        findings = findingsOf(incident, firstAnalysis);
    }

    @AfterAll
    void removeOrg() throws IOException {
        TestDatabases.deleteTree(org);
    }

    // ------------------------------------------------------------------ helpers

    String openIncident(String title) {
        Api.Response r = api.postJson(
                "/api/v1/incidents",
                "{\"title\":\"" + title + "\",\"severity\":\"HIGH\",\"awareAt\":\"2026-11-26T08:00:00+01:00\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    Uploaded upload(String incidentId, String repository, String kind, String name, byte[] bytes) {
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + incidentId + "/evidence?repository=" + repository + "&kind=" + kind + "&name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&source=test",
                bytes);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode j = r.json();
        return new Uploaded(
                j.path("id").asString(),
                name,
                repository,
                j.path("sha256").asString(),
                j.path("size").asLong());
    }

    static byte[] zip(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Path f : files) {
                zip.putNextEntry(new ZipEntry(folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** Polls the analysis until it ends. */
    JsonNode await(String job) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (true) {
            Api.Response r = api.get("/api/v1/analyses/" + job);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            String status = r.json().path("status").asString();
            if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
                return r.json();
            }
            assertThat(System.nanoTime())
                    .as("analysis %s still %s", job, status)
                    .isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    JsonNode findingsOf(String incidentId, String analysis) {
        Api.Response r = api.get("/api/v1/incidents/" + incidentId + "/findings?analysis=" + analysis);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("analysis").asString()).isEqualTo(analysis);
        return r.json().path("findings");
    }

    List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    static boolean matches(JsonNode f, Label l) {
        return f.path("pattern").asString().equals(l.pattern())
                && f.path("subject").path("kind").asString().equals(l.subjectKind())
                && f.path("subject").path("id").asString().equals(l.subjectId());
    }

    JsonNode entry(long index) {
        Api.Response r = api.get("/api/v1/ledger/entries?from=" + index + "&to=" + (index + 1));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get(0).path("entry");
    }

    /** The body a privileged entry commits to, checked against its commitment. */
    JsonNode opening(long index, JsonNode leafBody) {
        assertThat(leafBody.propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
        Map<String, Object> o = jdbc.queryForMap("SELECT salt, body FROM ledger_privileged WHERE idx = ?", index);
        JsonNode full = JSON.readTree((String) o.get("body"));
        assertThat(Commitment.opens(leafBody.path("commitment").asString(), (byte[]) o.get("salt"), full))
                .isTrue();
        return full;
    }

    List<JsonNode> timeline(String incidentId, String type) {
        Api.Response r = api.get("/api/v1/incidents/" + incidentId + "/timeline");
        assertThat(r.status()).isEqualTo(200);
        return list(r.json()).stream()
                .filter(e -> e.path("type").asString().equals(type))
                .toList();
    }

    static Stream<Label> incidents() {
        return CrmOrgGenerator.labels().stream().filter(Label::expected);
    }

    static Stream<Label> lookalikes() {
        return CrmOrgGenerator.labels().stream().filter(l -> !l.expected());
    }

    // ------------------------------------------------------------------ the tests

    /**
     * ADR 115: an analysis of AUDIT and FORENSIC Setup downloads puts its timeline in the incident
     * report, each entry only for a reader who may read every item it was read from, and in the export
     * bag the entries every member may read, which {@code tandem verify} checks against their ledger
     * entries.
     */
    @Test
    void theTimelineIsInTheIncidentReportByTheReadersRightsAndItsPublicEntriesInTheBag() throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        String own = openIncident("Timeline in the reports " + tag);
        Set<String> audit = new HashSet<>();
        for (Filing f : List.of(
                new Filing("eventlogs.zip", "FORENSIC", "LOG"),
                new Filing("metadata.zip", "AUDIT", "CONFIG_SNAPSHOT"),
                new Filing("data/User.csv", "AUDIT", "CONFIG_SNAPSHOT"),
                new Filing("data/PermissionSetAssignment.csv", "AUDIT", "CONFIG_SNAPSHOT"),
                new Filing("setup/LoginHistory.csv", "AUDIT", "LOG"),
                new Filing("setup/SetupAuditTrail.csv", "FORENSIC", "LOG"))) {
            Uploaded u = upload(own, f.repository(), f.kind(), f.path(), Files.readAllBytes(org.resolve(f.path())));
            if (f.repository().equals("AUDIT")) {
                audit.add(u.id());
            }
        }
        Api.Response started = api.postJson("/api/v1/incidents/" + own + "/analyses", "{\"all\":true}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().path("job").path("id").asString();
        assertThat(await(job).path("status").asString()).isEqualTo("SUCCEEDED");
        List<JsonNode> all = list(api.get("/api/v1/incidents/" + own + "/findings?analysis=" + job)
                .json()
                .path("timeline"));
        List<JsonNode> open = all.stream()
                .filter(e -> list(e.path("evidenceIds")).stream().allMatch(id -> audit.contains(id.asString())))
                .toList();
        assertThat(open).as("entries read from AUDIT items only").isNotEmpty();
        assertThat(all.size()).as("entries read from FORENSIC items too").isGreaterThan(open.size());
        // one leak.timeline-entry a timeline entry, privileged exactly when read from a FORENSIC item
        List<JsonNode> entries = timeline(own, "leak.timeline-entry");
        assertThat(entries).hasSize(all.size());
        assertThat(entries.stream().filter(e -> !e.path("privileged").asBoolean()))
                .hasSize(open.size());
        // each says when its event happened, to the caller who may read it (the commander opens all)
        java.util.Set<String> happened = new java.util.HashSet<>();
        all.forEach(e ->
                happened.add(java.time.Instant.parse(e.path("at").asString()).toString()));
        for (JsonNode e : entries) {
            assertThat(e.path("eventAt").asString()).as(e.toString()).isIn(happened);
            assertThat(e.path("eventPrecision").asString()).isEqualTo("EXACT");
        }
        // so ordered by eventAt the analysis's events come before the incident was opened, when they happened
        List<String> byEvent = list(api.get("/api/v1/incidents/" + own + "/timeline?order=eventAt")
                        .json())
                .stream()
                .map(e -> e.path("type").asString())
                .toList();
        assertThat(byEvent.indexOf("leak.timeline-entry")).isLessThan(byEvent.indexOf("incident.opened"));

        Map<String, Api> members = new LinkedHashMap<>();
        for (String role : List.of("RESPONDER", "AUDITOR", "AUDIT_LIAISON", "LEGAL")) {
            String name = role.toLowerCase(Locale.ROOT).replace('_', '-') + "-" + tag;
            members.put(role, api.as(dev.tandem.server.TestUsers.withToken(api, accounts, name, "timeline")));
            Api.Response put =
                    api.putJson("/api/v1/incidents/" + own + "/members/" + name, "{\"role\":\"" + role + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(200);
        }
        // the incident report: counsel and the commander see every entry, the responder (no grant) the
        // ones read from AUDIT items and a count of the rest; the auditor and the liaison get no copy
        for (Api reader : List.of(api, members.get("LEGAL"))) {
            String html = api.as(reader.token())
                    .get("/api/v1/incidents/" + own + "/reports/incident")
                    .body();
            assertThat(html).contains("id=\"analysis-timeline\"");
            for (JsonNode e : all) {
                assertThat(html)
                        .contains(
                                e.path("file").asString() + ":" + e.path("line").asLong());
            }
            assertThat(html).doesNotContain("further timeline entr");
        }
        String responder = members.get("RESPONDER")
                .get("/api/v1/incidents/" + own + "/reports/incident")
                .body();
        for (JsonNode e : all) {
            String cell = e.path("file").asString() + ":" + e.path("line").asLong();
            if (open.contains(e)) {
                assertThat(responder).contains(cell);
            } else {
                assertThat(responder).doesNotContain(cell);
            }
        }
        int withheld = all.size() - open.size();
        assertThat(responder)
                .contains(withheld + (withheld == 1 ? " further timeline entry was" : " further timeline entries were")
                        + " read from evidence you may not read");
        for (String role : List.of("AUDITOR", "AUDIT_LIAISON")) {
            assertThat(members.get(role)
                            .get("/api/v1/incidents/" + own + "/reports/incident")
                            .status())
                    .as(role)
                    .isIn(403, 404);
        }
        // the bag: the entries every member may read, whoever exports, each its ledger entry's body
        String key = api.get("/api/v1/ledger/key").body().strip();
        Set<String> forensic = new HashSet<>(uploadedIds(own));
        forensic.removeAll(audit);
        for (String role : List.of("AUDITOR", "AUDIT_LIAISON", "RESPONDER")) {
            Path zip = Files.write(
                    Files.createTempFile(dataDir, "timeline-" + role, ".zip"),
                    members.get(role)
                            .getBytes("/api/v1/incidents/" + own + "/export")
                            .body());
            Map<String, byte[]> files = dev.tandem.server.TestBags.unzip(zip);
            String file = new String(files.get("data/analysis/timeline.jsonl"), StandardCharsets.UTF_8);
            List<JsonNode> lines =
                    file.lines().map(l -> (JsonNode) JSON.readTree(l)).toList();
            assertThat(lines).as(role).hasSize(open.size());
            for (int n = 0; n < lines.size(); n++) {
                JsonNode line = lines.get(n);
                assertThat(line.path("text").asString())
                        .isEqualTo(open.get(n).path("text").asString());
                assertThat(line.path("ip").asString())
                        .isEqualTo(open.get(n).path("ip").asString());
                for (JsonNode item : line.path("evidence")) {
                    assertThat(forensic).doesNotContain(item.path("id").asString());
                }
            }
            dev.tandem.export.BagCheck check = dev.tandem.export.BagVerifier.verify(
                    zip, new dev.tandem.export.BagVerifier.Options(key, null, List.of(), 0));
            assertThat(check.ok()).as(role + ": " + check).isTrue();
            assertThat(((dev.tandem.export.BagCheck.Verified) check).summary().timeline())
                    .isEqualTo(open.size());
        }
    }

    private List<String> uploadedIds(String incidentId) {
        return jdbc.queryForList("SELECT id FROM evidence WHERE incident_id = ?", String.class, incidentId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("incidents")
    void findsEachInjectedIncidentWithItsPatternAndSubject(Label incident) {
        assertThat(list(findings))
                .anySatisfy(f -> assertThat(matches(f, incident)).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookalikes")
    void doesNotReportLookalikes(Label lookalike) {
        assertThat(list(findings))
                .noneSatisfy(f -> assertThat(matches(f, lookalike)).isTrue());
    }

    @Test
    void reportsTheInjectedIncidentsAndNothingElse() {
        assertThat(list(findings)).hasSize((int) incidents().count());
        assertThat(list(findings))
                .allSatisfy(f ->
                        assertThat(incidents().anyMatch(l -> matches(f, l))).isTrue());
    }

    @Test
    void findingsHaveTheAnalyzeJsonShapeAndLinkEachLineToAnItemAndItsHash() {
        for (JsonNode f : findings) {
            assertThat(f.propertyNames())
                    .contains(
                            "pattern",
                            "severity",
                            "title",
                            "subject",
                            "evidence",
                            "records",
                            "controls",
                            "id",
                            "analysis",
                            "evidenceIds",
                            "containment");
            assertThat(f.path("analysis").asString()).isEqualTo(firstAnalysis);
            assertThat(f.path("severity").asString()).isIn("CRITICAL", "HIGH", "MEDIUM", "LOW");
            assertThat(list(f.path("controls")).stream().map(JsonNode::asString).toList())
                    .isEqualTo(LeakPattern.valueOf(f.path("pattern").asString()).soc2());
            assertThat(f.path("records").isNull() || f.path("records").asLong() > 0)
                    .isTrue();
            // every evidence line is exactly {file, line} and names an uploaded item or a member of one
            assertThat(list(f.path("evidence"))).isNotEmpty().allSatisfy(line -> {
                assertThat(line.propertyNames()).containsExactlyInAnyOrder("file", "line");
                String file = line.path("file").asString();
                assertThat(uploaded.values())
                        .anySatisfy(u -> assertThat(file.equals(u.name()) || file.startsWith(u.name() + "!/"))
                                .isTrue());
            });
            // the items it rests on are the items its lines were read from, and those whose lines the
            // cap on evidence left out (ADR 062): privilege follows every input that contributed
            Set<String> fromLines = new HashSet<>();
            for (JsonNode line : f.path("evidence")) {
                String file = line.path("file").asString();
                uploaded.values().stream()
                        .filter(u -> file.equals(u.name()) || file.startsWith(u.name() + "!/"))
                        .forEach(u -> fromLines.add(u.id()));
            }
            assertThat(list(f.path("evidenceIds")).stream().map(JsonNode::asString))
                    .containsAll(fromLines)
                    .allSatisfy(id -> assertThat(uploaded).containsKey(id));
            for (JsonNode item : f.path("evidenceItems")) {
                Uploaded u = uploaded.get(item.path("id").asString());
                assertThat(item.path("sha256").asString()).isEqualTo(u.sha256());
                assertThat(item.path("repository").asString()).isEqualTo(u.repository());
            }
            // containment: the proposals that become draft change requests
            assertThat(list(f.path("containment"))).isNotEmpty().allSatisfy(c -> {
                assertThat(c.path("action").asString()).isNotBlank();
                assertThat(c.path("target").path("kind").asString()).isNotBlank();
                assertThat(c.path("target").path("id").asString()).isNotBlank();
                assertThat(c.path("configItem").asString()).isNotBlank();
                assertThat(c.path("description").asString()).isNotBlank();
            });
        }
        // the rows hold each line's item and hash too
        List<String> stored = jdbc.queryForList(
                "SELECT evidence_lines FROM leak_finding WHERE analysis_id = ?", String.class, firstAnalysis);
        assertThat(stored).hasSize(findings.size()).allSatisfy(lines -> {
            for (JsonNode line : JSON.readTree(lines)) {
                Uploaded u = uploaded.get(line.path("evidence").asString());
                assertThat(u).as(line.toString()).isNotNull();
                assertThat(line.path("sha256").asString()).isEqualTo(u.sha256());
            }
        });
    }

    @Test
    void eachFindingHasALedgerEntryPrivilegedExactlyWhenItRestsOnForensicEvidence() {
        int privileged = 0;
        int open = 0;
        for (JsonNode f : findings) {
            long index = f.path("ledgerIndex").asLong();
            JsonNode entry = entry(index);
            assertThat(entry.path("type").asString()).isEqualTo("leak.finding");
            assertThat(entry.path("incident").asString()).isEqualTo(incident);
            boolean forensic = list(f.path("evidenceItems")).stream()
                    .anyMatch(i -> i.path("repository").asString().equals("FORENSIC"));
            assertThat(f.path("privileged").asBoolean()).isEqualTo(forensic);
            JsonNode body;
            if (forensic) {
                privileged++;
                assertThat(entry.path("body").path("repository").asString()).isEqualTo("FORENSIC");
                body = opening(index, entry.path("body"));
            } else {
                open++;
                assertThat(jdbc.queryForObject(
                                "SELECT COUNT(*) FROM ledger_privileged WHERE idx = ?", Integer.class, index))
                        .isZero();
                body = entry.path("body");
            }
            assertThat(body.path("finding").asString()).isEqualTo(f.path("id").asString());
            assertThat(body.path("analysis").asString()).isEqualTo(firstAnalysis);
            assertThat(body.path("pattern").asString())
                    .isEqualTo(f.path("pattern").asString());
            assertThat(body.path("severity").asString())
                    .isEqualTo(f.path("severity").asString());
            assertThat(body.path("title").asString()).isEqualTo(f.path("title").asString());
            assertThat(body.path("subject")).isEqualTo(f.path("subject"));
            assertThat(body.path("records")).isEqualTo(f.path("records"));
            assertThat(body.path("controls")).isEqualTo(f.path("controls"));
            assertThat(body.path("containment")).isEqualTo(f.path("containment"));
            Map<String, String> hashes = new HashMap<>();
            body.path("evidence")
                    .forEach(e ->
                            hashes.put(e.path("id").asString(), e.path("sha256").asString()));
            Map<String, String> expected = new HashMap<>();
            f.path("evidenceItems")
                    .forEach(e -> expected.put(
                            e.path("id").asString(), e.path("sha256").asString()));
            assertThat(hashes).isEqualTo(expected);
        }
        // the filing above makes both cases happen: logs are FORENSIC, the product capture AUDIT
        assertThat(privileged).isPositive();
        assertThat(open).isPositive();
        assertThat(list(findings))
                .anySatisfy(f -> assertThat(f.path("pattern").asString()).isEqualTo("EXCESSIVE_API_RESPONSE_DATA"));
        assertThat(timeline(incident, "leak.finding").stream()
                        .filter(e -> list(findings).stream()
                                .anyMatch(f -> f.path("ledgerIndex").asLong()
                                        == e.path("index").asLong())))
                .hasSize(findings.size());
    }

    @Test
    void completionEntryCountsAndKeepsForensicInputsPrivileged() {
        long index = firstJob.path("result").path("ledgerIndex").asLong();
        JsonNode completed = entry(index);
        assertThat(completed.path("type").asString()).isEqualTo("analysis.completed");
        JsonNode body = completed.path("body");
        assertThat(body.path("analysis").asString()).isEqualTo(firstAnalysis);
        assertThat(body.path("findings").asInt()).isEqualTo(findings.size());
        long privileged = list(findings).stream()
                .filter(f -> f.path("privileged").asBoolean())
                .count();
        assertThat(body.path("privilegedFindings").asLong()).isEqualTo(privileged);
        List<Uploaded> audit = uploaded.values().stream()
                .filter(u -> u.repository().equals("AUDIT"))
                .toList();
        List<Uploaded> forensic = uploaded.values().stream()
                .filter(u -> u.repository().equals("FORENSIC"))
                .toList();
        // AUDIT items by id and hash; FORENSIC ones only counted
        Map<String, String> open = new HashMap<>();
        body.path("evidence")
                .forEach(e -> open.put(e.path("id").asString(), e.path("sha256").asString()));
        Map<String, String> expectedOpen = new HashMap<>();
        audit.forEach(u -> expectedOpen.put(u.id(), u.sha256()));
        assertThat(open).isEqualTo(expectedOpen);
        assertThat(body.path("privilegedEvidence").asInt()).isEqualTo(forensic.size());
        assertThat(body.toString()).doesNotContain(forensic.getFirst().id()).doesNotContain("eventlogs.zip");
        // the public statistics count the AUDIT inputs only: every event of this org is in the
        // FORENSIC event logs, so the public count is zero and the privileged entry has them
        assertThat(body.path("stats").path("events").asLong()).isZero();
        assertThat(body.path("stats").path("bytes").asLong())
                .isEqualTo(audit.stream().mapToLong(Uploaded::size).sum());
        // the document was left out of "all"; every other item was read
        assertThat(list(firstJob.path("input").path("evidence")).stream().map(JsonNode::asString))
                .containsExactlyInAnyOrderElementsOf(uploaded.keySet())
                .doesNotContain(documentId);
        long total = uploaded.values().stream().mapToLong(Uploaded::size).sum();
        assertThat(firstJob.path("total").asLong()).isEqualTo(total);
        assertThat(firstJob.path("done").asLong()).isEqualTo(total);
        // the FORENSIC items read, and their hashes, are in the privileged entry that follows
        JsonNode next = entry(index + 1);
        assertThat(next.path("type").asString()).isEqualTo("analysis.forensic-inputs");
        JsonNode detail = opening(index + 1, next.path("body"));
        Map<String, String> hidden = new HashMap<>();
        detail.path("evidence")
                .forEach(e ->
                        hidden.put(e.path("id").asString(), e.path("sha256").asString()));
        Map<String, String> expectedHidden = new HashMap<>();
        forensic.forEach(u -> expectedHidden.put(u.id(), u.sha256()));
        assertThat(hidden).isEqualTo(expectedHidden);
        assertThat(detail.path("stats").path("events").asLong()).isPositive();
        assertThat(detail.path("stats").path("bytes").asLong())
                .isEqualTo(forensic.stream().mapToLong(Uploaded::size).sum());
        assertThat(jdbc.queryForObject(
                        "SELECT ledger_index FROM leak_analysis WHERE job_id = ?", Long.class, firstAnalysis))
                .isEqualTo(index);
    }

    @Test
    void analysisViewIsTheJobWithItsFindings() {
        JsonNode analysis = api.get("/api/v1/analyses/" + firstAnalysis).json();
        JsonNode job = api.get("/api/v1/jobs/" + firstAnalysis).json();
        for (String field : job.propertyNames()) {
            assertThat(analysis.path(field)).as(field).isEqualTo(job.path(field));
        }
        assertThat(analysis.path("findings")).isEqualTo(findings);
    }

    @Test
    void theTimelineOfTheSetupDownloadsIsInBothAnswersInTimeOrderWithTheItemsItWasReadFrom() {
        JsonNode answer = api.get("/api/v1/incidents/" + incident + "/findings?analysis=" + firstAnalysis)
                .json();
        JsonNode timeline = answer.path("timeline");
        assertThat(api.get("/api/v1/analyses/" + firstAnalysis).json().path("timeline"))
                .isEqualTo(timeline);
        assertThat(answer.path("timelineWithheld").asInt()).isZero();
        List<JsonNode> entries = list(timeline);
        assertThat(entries).extracting(e -> e.path("kind").asString()).contains("setup-change", "login", "extraction");
        assertThat(entries)
                .extracting(e -> e.path("at").asString())
                .isSortedAccordingTo(java.util.Comparator.comparing(java.time.Instant::parse));
        Map<String, String> names = new HashMap<>();
        uploaded.values().forEach(u -> names.put(u.id(), u.name()));
        for (JsonNode e : entries) {
            assertThat(e.propertyNames())
                    .containsExactly("at", "kind", "subject", "ip", "text", "file", "line", "evidenceIds");
            List<String> items =
                    list(e.path("evidenceIds")).stream().map(JsonNode::asString).toList();
            // each entry names the one item its line is in: a Setup download, or the event logs
            assertThat(items).as(e.toString()).hasSize(1);
            String name = names.get(items.getFirst());
            assertThat(e.path("file").asString()).as(e.toString()).startsWith(name);
            switch (e.path("kind").asString()) {
                case "setup-change" -> assertThat(name).isEqualTo("setup/SetupAuditTrail.csv");
                case "login" -> assertThat(name).isEqualTo("setup/LoginHistory.csv");
                default -> assertThat(name).isEqualTo("eventlogs.zip");
            }
        }
        // the hijacked administrator's login from a new address, its IP in a column of its own
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.path("kind").asString()).isEqualTo("login");
            assertThat(e.path("ip").asString()).isEqualTo("185.220.101.47");
        });
        assertThat(entries)
                .filteredOn(e -> e.path("kind").asString().equals("setup-change"))
                .allSatisfy(e -> assertThat(e.path("ip").asString()).isEmpty());
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM leak_timeline WHERE analysis_id = ?", Integer.class, firstAnalysis))
                .isEqualTo(entries.size());
    }

    @Test
    void rerunKeepsEachRunsFindingsAndShowsTheLatestByDefault() {
        String ids = String.join(
                "\",\"",
                list(firstJob.path("input").path("evidence")).stream()
                        .map(JsonNode::asString)
                        .toList());
        // the first item listed twice: read once, and the answer names it
        String first = firstJob.path("input").path("evidence").get(0).asString();
        Api.Response r = api.postJson(
                "/api/v1/incidents/" + incident + "/analyses", "{\"evidence\":[\"" + ids + "\",\"" + first + "\"]}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("job").path("status").asString()).isIn("QUEUED", "RUNNING", "SUCCEEDED");
        assertThat(r.json().path("job").path("input").path("evidence"))
                .isEqualTo(firstJob.path("input").path("evidence"));
        assertThat(list(r.json().path("warnings")).stream().map(JsonNode::asString))
                .containsExactly("evidence: item " + first + " is listed 2 times; read once");
        String second = r.json().path("job").path("id").asString();
        assertThat(await(second).path("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode latest = api.get("/api/v1/incidents/" + incident + "/findings").json();
        assertThat(latest.path("analysis").asString()).isEqualTo(second);
        JsonNode older = findingsOf(incident, firstAnalysis);
        assertThat(older.size()).isEqualTo(latest.path("findings").size());
        for (int i = 0; i < older.size(); i++) {
            JsonNode a = older.get(i);
            JsonNode b = latest.path("findings").get(i);
            assertThat(b.path("analysis").asString()).isEqualTo(second);
            assertThat(b.path("id").asString()).isNotEqualTo(a.path("id").asString());
            assertThat(b.path("pattern")).isEqualTo(a.path("pattern"));
            assertThat(b.path("subject")).isEqualTo(a.path("subject"));
            assertThat(b.path("records")).isEqualTo(a.path("records"));
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM leak_finding WHERE incident_id = ?", Integer.class, incident))
                .isEqualTo(older.size() * 2);
    }

    /**
     * A crash after the ledger unit committed but before the job row said SUCCEEDED makes the job
     * run again from the start at the next start-up: the second run finds the first's record and
     * writes nothing.
     */
    @Test
    void runningACompletedJobAgainRecordsNothingTwice() throws Exception {
        Job job = jobs.find(firstAnalysis).orElseThrow();
        long size = jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
        List<long[]> progress = new ArrayList<>();
        JsonNode again = handler.run(job, (done, total) -> progress.add(new long[] {done, total}));
        assertThat(again.path("recordedEarlier").asBoolean()).isTrue();
        assertThat(again.path("ledgerIndex").asLong())
                .isEqualTo(firstJob.path("result").path("ledgerIndex").asLong());
        assertThat(again.path("findings").asInt()).isEqualTo(findings.size());
        assertThat(jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class))
                .isEqualTo(size);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM leak_finding WHERE analysis_id = ?", Integer.class, firstAnalysis))
                .isEqualTo(findings.size());
        // progress is told in bytes, up to the total of the items read
        long total = uploaded.values().stream().mapToLong(Uploaded::size).sum();
        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p[1]).isEqualTo(total));
        assertThat(progress.getLast()[0]).isEqualTo(total);
    }

    @Test
    void rejectsBadRequestsAsProblems() {
        String other = openIncident("Another incident");
        String document = upload(other, "AUDIT", "DOCUMENT", "memo.md", "# memo\n".getBytes(StandardCharsets.UTF_8))
                .id();
        String evidenceOfFirst = uploaded.keySet().iterator().next();
        assertProblem(api.postJson("/api/v1/incidents/no-such-incident/analyses", "{\"all\":true}"), 404, "not-found");
        assertProblem(
                api.postJson("/api/v1/incidents/" + other + "/analyses", "{\"evidence\":[]}"), 422, "no-evidence");
        assertProblem(api.postJson("/api/v1/incidents/" + other + "/analyses", "{}"), 422, "no-evidence");
        Api.Response unknown =
                api.postJson("/api/v1/incidents/" + other + "/analyses", "{\"evidence\":[\"no-such-item\"]}");
        assertProblem(unknown, 422, "unknown-evidence");
        assertThat(unknown.json().path("detail").asString()).contains("no-such-item");
        // evidence of another incident is unknown here
        Api.Response foreign = api.postJson(
                "/api/v1/incidents/" + other + "/analyses", "{\"evidence\":[\"" + evidenceOfFirst + "\"]}");
        assertProblem(foreign, 422, "unknown-evidence");
        assertThat(foreign.json().path("detail").asString()).contains(evidenceOfFirst);
        assertProblem(
                api.postJson("/api/v1/incidents/" + other + "/analyses", "{\"evidence\":[42]}"),
                422,
                "bad-analysis-request");
        assertProblem(
                api.postJson("/api/v1/incidents/" + other + "/analyses", "{\"evidence\":\"x\"}"),
                422,
                "bad-analysis-request");
        assertProblem(
                api.postJson(
                        "/api/v1/incidents/" + other + "/analyses",
                        "{\"all\":true,\"evidence\":[\"" + document + "\"]}"),
                422,
                "bad-analysis-request");
        // an incident with nothing the analyzers read
        assertProblem(api.postJson("/api/v1/incidents/" + other + "/analyses", "{\"all\":true}"), 422, "no-evidence");
        assertProblem(api.postJson("/api/v1/incidents/" + other + "/analyses", "not json"), 400, "bad-request");
        assertProblem(api.get("/api/v1/incidents/no-such-incident/findings"), 404, "not-found");
        assertProblem(api.get("/api/v1/incidents/" + other + "/findings?analysis=" + firstAnalysis), 404, "not-found");
        assertProblem(api.get("/api/v1/analyses/no-such-job"), 404, "not-found");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM job WHERE incident_id = ?", Integer.class, other))
                .isZero();
        // an incident never analyzed has no findings yet
        JsonNode none = api.get("/api/v1/incidents/" + other + "/findings").json();
        assertThat(none.path("analysis").isNull()).isTrue();
        assertThat(none.path("findings").size()).isZero();
    }

    private static void assertProblem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asString()).isEqualTo("urn:tandem:problem:" + code);
    }

    /** An item stored before uploads refused {@code !/} in names, bypassing the upload checks. */
    Uploaded legacyAuditItem(String incidentId, String name, byte[] bytes) throws IOException {
        var item = vault.add(
                new Vault.Metadata(
                        incidentId, Repository.AUDIT, EvidenceKind.DATA_EXPORT, name, "test", null, null, null),
                new ByteArrayInputStream(bytes),
                Long.MAX_VALUE,
                "admin");
        return new Uploaded(item.id(), name, "AUDIT", item.sha256(), item.size());
    }

    static byte[] zipOf(Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var m : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(m.getKey()));
                zip.write(m.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void anAuditItemNamedLikeAForensicArchiveMemberTakesNeitherItsLinesNorItsProblems() throws IOException {
        String own = openIncident("Look-alike names");
        StringBuilder export = new StringBuilder("Id,Email\n");
        for (int i = 0; i < 1_200; i++) {
            export.append(i).append(",person").append(i).append("@example.com\n");
        }
        byte[] binary = new byte[2048];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 5 == 0 ? 0 : i * 17);
        }
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("y.csv", export.toString().getBytes(StandardCharsets.UTF_8));
        members.put("z.bin", binary);
        Uploaded archive = upload(own, "FORENSIC", "DATA_EXPORT", "x.zip", zipOf(members));
        Uploaded lookalike =
                legacyAuditItem(own, "x.zip!/y.csv", "Id,Name\n1,widget\n".getBytes(StandardCharsets.UTF_8));
        Uploaded problemLookalike =
                legacyAuditItem(own, "x.zip!/z.bin", "Id,Name\n2,gadget\n".getBytes(StandardCharsets.UTF_8));
        JsonNode done = awaitSubmitted(
                own,
                "{\"evidence\":[\"" + archive.id() + "\",\"" + lookalike.id() + "\",\"" + problemLookalike.id()
                        + "\"]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode found = findingsOf(own, done.path("id").asString());
        JsonNode export1 = list(found).stream()
                .filter(f -> f.path("pattern").asString().equals("UNENCRYPTED_EXPORT"))
                .findFirst()
                .orElseThrow();
        assertThat(export1.path("privileged").asBoolean()).isTrue();
        assertThat(list(export1.path("evidenceIds")).stream().map(JsonNode::asString))
                .containsExactly(archive.id());
        JsonNode entry = entry(export1.path("ledgerIndex").asLong());
        assertThat(entry.path("body").propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
        // the archive's unreadable member is its problem, not the look-alike's, and stays privileged
        JsonNode completed = entry(done.path("result").path("ledgerIndex").asLong());
        assertThat(completed.path("type").asString()).isEqualTo("analysis.completed");
        assertThat(completed.path("body").toString()).doesNotContain("z.bin").doesNotContain("y.csv");
        assertThat(completed.path("body").path("privilegedProblems").asInt()).isPositive();
        assertThat(completed.path("body").path("privilegedFindings").asInt()).isEqualTo(found.size());
    }

    /**
     * A bulk read no rule could judge (no User export names its user) is said so: in the open when
     * every input read is AUDIT, and, since its reason rests on inputs other than the session's, as a
     * privileged problem once any input read is FORENSIC, never in the public entry the auditor reads.
     */
    @Test
    void aBulkReadNotJudgedIsSaidInTheOpenOnlyWhenNoInputIsPrivileged() {
        String own = openIncident("Bulk read without the User export");
        byte[] bulk =
                ("EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,SESSION_KEY,CLIENT_IP,ENTITY_NAME,ROWS_PROCESSED\n"
                                + "API,2025-03-05T02:14:00Z,bulk1,0055g00000Bulk01,sB,203.0.113.9,Contact,60000\n")
                        .getBytes(StandardCharsets.UTF_8);
        Uploaded audit = upload(own, "AUDIT", "LOG", "night-API.csv", bulk);
        JsonNode open = awaitSubmitted(own, "{\"evidence\":[\"" + audit.id() + "\"]}");
        assertThat(open.path("status").asString()).as(open.toString()).isEqualTo("SUCCEEDED");
        JsonNode shown = entry(open.path("result").path("ledgerIndex").asLong());
        assertThat(list(shown.path("body").path("problems"))).singleElement().satisfies(p -> {
            assertThat(p.path("kind").asString()).isEqualTo("BULK_READ_NOT_JUDGED");
            assertThat(p.path("file").asString()).isEqualTo("night-API.csv");
            assertThat(p.path("line").asLong()).isEqualTo(2);
            assertThat(p.path("message").asString())
                    .contains("read 60,000 customer rows (60,000 Contact) and was not judged");
        });
        // the findings page shows it to who may read every input, with its file and line
        assertThat(api.get("/incidents/" + own + "/findings").body())
                .contains("id=\"analysis-problems\"", "<code>BULK_READ_NOT_JUDGED</code>", "night-API.csv:2")
                .doesNotContain("id=\"problems-withheld\"");

        Uploaded forensic = upload(own, "FORENSIC", "LOG", "laptop-API.csv", apiLog(0, 3));
        JsonNode hidden = awaitSubmitted(own, "{\"evidence\":[\"" + audit.id() + "\",\"" + forensic.id() + "\"]}");
        assertThat(hidden.path("status").asString()).as(hidden.toString()).isEqualTo("SUCCEEDED");
        long index = hidden.path("result").path("ledgerIndex").asLong();
        JsonNode completed = entry(index);
        assertThat(completed.path("body").toString())
                .doesNotContain("BULK_READ_NOT_JUDGED")
                .doesNotContain("0055g00000Bulk01");
        assertThat(completed.path("body").path("privilegedProblems").asInt()).isEqualTo(1);
        JsonNode privileged = opening(index + 1, entry(index + 1).path("body"));
        assertThat(privileged.path("problems").toString()).contains("BULK_READ_NOT_JUDGED");
        // on the page: the owner, who reads every input, reads it; an auditor is told only that it is withheld
        assertThat(api.get("/incidents/" + own + "/findings").body())
                .contains("<code>BULK_READ_NOT_JUDGED</code>", "night-API.csv:2")
                .doesNotContain("id=\"problems-withheld\"");
        String name = "auditor-bulk-" + Long.toString(System.nanoTime(), 36);
        Api auditor = api.as(dev.tandem.server.TestUsers.withToken(api, accounts, name, "page"));
        Api.Response put = api.putJson("/api/v1/incidents/" + own + "/members/" + name, "{\"role\":\"AUDITOR\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Api.Response page = auditor.get("/incidents/" + own + "/findings");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"analysis-problems\"", "id=\"problems-withheld\"")
                .doesNotContain("BULK_READ_NOT_JUDGED", "night-API.csv", "0055g00000Bulk01");
    }

    /** An API event log of reads by one user, requests {@code from} to {@code to} (exclusive). */
    private static byte[] apiLog(int from, int to) {
        StringBuilder b = new StringBuilder(
                "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,SESSION_KEY,CLIENT_IP,ENTITY_NAME,ROWS_PROCESSED\n");
        for (int i = from; i < to; i++) {
            b.append("API,2025-03-05T10:")
                    .append(String.format(Locale.ROOT, "%02d", i % 60))
                    .append(":00Z,req")
                    .append(i)
                    .append(",0055g00000Sales1,s1,198.51.100.7,Contact,10\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rows that a FORENSIC log and an AUDIT log of the same hours both hold count once: the AUDIT
     * log is read first whatever the order asked for, so the rows left out are the FORENSIC log's,
     * the problem saying so is privileged (never naming counsel's file to the auditor), and the
     * AUDIT log's public statistics do not move with what the FORENSIC one holds. Two AUDIT logs
     * count their shared rows once too, in the open.
     */
    @Test
    void rowsAPrivilegedLogRepeatsCountOnceWithoutNamingItOrChangingTheAuditorsStatistics() throws IOException {
        String own = openIncident("Hourly and daily logs");
        Uploaded forensic = upload(own, "FORENSIC", "LOG", "laptop-hourly-API.csv", apiLog(0, 40));
        Uploaded audit = upload(own, "AUDIT", "LOG", "daily-API.csv", apiLog(0, 45));
        JsonNode done = awaitSubmitted(own, "{\"evidence\":[\"" + forensic.id() + "\",\"" + audit.id() + "\"]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        JsonNode completed = entry(done.path("result").path("ledgerIndex").asLong());
        assertThat(completed.path("body").toString())
                .doesNotContain("laptop-hourly")
                .doesNotContain("REPEATED_ROWS");
        assertThat(completed.path("body").path("stats").path("events").asLong()).isEqualTo(45);
        assertThat(completed.path("body").path("privilegedProblems").asInt()).isEqualTo(1);
        // counted once: the analysis as a whole saw the 45 events of the AUDIT log and nothing more
        assertThat(done.path("result").path("stats").path("events").asLong()).isEqualTo(45);

        Uploaded again = upload(own, "AUDIT", "LOG", "hourly-API.csv", apiLog(20, 50));
        JsonNode both = awaitSubmitted(own, "{\"evidence\":[\"" + audit.id() + "\",\"" + again.id() + "\"]}");
        assertThat(both.path("status").asString()).as(both.toString()).isEqualTo("SUCCEEDED");
        JsonNode shared = entry(both.path("result").path("ledgerIndex").asLong());
        assertThat(shared.path("body").path("problems").toString())
                .contains("REPEATED_ROWS")
                .contains("25 row(s) already read from daily-API.csv");
        assertThat(shared.path("body").path("stats").path("events").asLong()).isEqualTo(50);
    }

    @Test
    void refusesEvidenceNamesThatLookLikeArchiveMembers() {
        String own = openIncident("Archive-member names");
        Api.Response r = api.postBytes(
                "/api/v1/incidents/" + own + "/evidence?repository=AUDIT&kind=DATA_EXPORT&name="
                        + URLEncoder.encode("x.zip!/y.csv", StandardCharsets.UTF_8),
                "Id,Name\n1,widget\n".getBytes(StandardCharsets.UTF_8));
        assertProblem(r, 422, "bad-name");
        assertThat(r.json().path("detail").asString()).contains("name").contains("!/");
        assertThat(timeline(own, "evidence.added")).isEmpty();
    }

    /** The product capture with each entry six times: enough lines to fill a finding's share of them. */
    byte[] sixfoldCapture() throws IOException {
        JsonNode har = JSON.readTree(Files.readAllBytes(org.resolve("har/product-discovery.har")));
        tools.jackson.databind.node.ArrayNode entries =
                (tools.jackson.databind.node.ArrayNode) har.path("log").path("entries");
        List<JsonNode> once = list(entries);
        for (int copy = 1; copy < 6; copy++) {
            once.forEach(e -> entries.add(e.deepCopy()));
        }
        return JSON.writeValueAsBytes(har);
    }

    /**
     * Two captures of the same product API: the AUDIT one, read first, has six times the entries
     * and so fills the finding's evidence lines; the FORENSIC one contributes records but no line.
     */
    JsonNode analyzeTwoCaptures(String own) throws IOException {
        Uploaded audit = upload(own, "AUDIT", "HTTP_CAPTURE", "discovery-audit.har", sixfoldCapture());
        byte[] har = Files.readAllBytes(org.resolve("har/product-discovery.har"));
        Uploaded forensic = upload(own, "FORENSIC", "HTTP_CAPTURE", "discovery-forensic.har", har);
        JsonNode done = awaitSubmitted(own, "{\"evidence\":[\"" + audit.id() + "\",\"" + forensic.id() + "\"]}");
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
        return done;
    }

    @Test
    void aFindingIsPrivilegedWhenAForensicInputContributedEvenIfItsLinesWereLeftOut() throws IOException {
        String own = openIncident("Contributions beyond the lines");
        JsonNode done = analyzeTwoCaptures(own);
        JsonNode api = list(findingsOf(own, done.path("id").asString())).stream()
                .filter(f -> f.path("pattern").asString().equals("EXCESSIVE_API_RESPONSE_DATA"))
                .findFirst()
                .orElseThrow();
        assertThat(api.path("privileged").asBoolean()).isTrue();
        assertThat(list(api.path("evidenceItems")))
                .anySatisfy(i -> assertThat(i.path("repository").asString()).isEqualTo("FORENSIC"));
        JsonNode entry = entry(api.path("ledgerIndex").asLong());
        assertThat(entry.path("body").propertyNames()).containsExactlyInAnyOrder("repository", "commitment");
    }

    @Test
    void publicStatisticsCountOnlyTheAuditInputs() throws IOException {
        String own = openIncident("Statistics of AUDIT inputs");
        JsonNode done = analyzeTwoCaptures(own);
        long index = done.path("result").path("ledgerIndex").asLong();
        JsonNode stats = entry(index).path("body").path("stats");
        JsonNode privileged = opening(index + 1, entry(index + 1).path("body")).path("stats");
        byte[] har = Files.readAllBytes(org.resolve("har/product-discovery.har"));
        assertThat(stats.path("bytes").asLong()).isEqualTo(sixfoldCapture().length);
        assertThat(privileged.path("bytes").asLong()).isEqualTo(har.length);
        assertThat(privileged.path("harEntries").asLong()).isPositive();
        assertThat(stats.path("harEntries").asLong())
                .isEqualTo(6 * privileged.path("harEntries").asLong());
    }

    @Test
    void anInputTheAnalyzerCannotReadIsAProblemNotAFailure() {
        String own = openIncident("Unreadable input");
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i % 7 == 0 ? 0 : i * 31);
        }
        Uploaded bin = upload(own, "AUDIT", "OTHER", "disk-fragment.bin", binary);
        String job = api.postJson("/api/v1/incidents/" + own + "/analyses", "{\"all\":true}")
                .json()
                .path("job")
                .path("id")
                .asString();
        JsonNode done = await(job);
        assertThat(done.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(done.path("findings").size()).isZero();
        JsonNode completed = entry(done.path("result").path("ledgerIndex").asLong());
        assertThat(completed.path("type").asString()).isEqualTo("analysis.completed");
        assertThat(list(completed.path("body").path("problems")))
                .singleElement()
                .satisfies(p -> {
                    assertThat(p.path("evidence").asString()).isEqualTo(bin.id());
                    assertThat(p.path("file").asString()).isEqualTo("disk-fragment.bin");
                    assertThat(p.path("kind").asString()).isEqualTo("UNKNOWN_FORMAT");
                });
    }

    @Test
    void failsWithAMessageWhenAnEvidenceBlobNoLongerMatchesItsHash() throws IOException {
        String own = openIncident("Tampered vault");
        Uploaded log = upload(
                own,
                "FORENSIC",
                "LOG",
                "tampered.csv",
                ("EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID\nAPI,2025-03-01T00:00:00.000Z,005000000000001\n# " + own)
                        .getBytes(StandardCharsets.UTF_8));
        Path blob = blob(log.sha256());
        Files.writeString(
                blob, "EVENT_TYPE,TIMESTAMP_DERIVED,USER_ID\nsomething else entirely\n", StandardCharsets.UTF_8);
        JsonNode done = awaitSubmitted(own, "{\"evidence\":[\"" + log.id() + "\"]}");
        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        assertThat(done.path("error").asString())
                .contains(log.id())
                .contains("does not match")
                .contains(log.sha256())
                .contains("nothing was recorded")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertNothingRecorded(own);
    }

    @Test
    void failsWithAMessageWhenAnEvidenceBlobIsMissing() throws IOException {
        String own = openIncident("Lost blob");
        Uploaded log = upload(
                own,
                "AUDIT",
                "CONFIG_SNAPSHOT",
                "lost.csv",
                ("Id,Username\n005000000000002,lost@example.com\n# " + own).getBytes(StandardCharsets.UTF_8));
        Files.delete(blob(log.sha256()));
        JsonNode done = awaitSubmitted(own, "{\"all\":true}");
        assertThat(done.path("status").asString()).isEqualTo("FAILED");
        assertThat(done.path("error").asString())
                .contains(log.id())
                .contains("cannot be read from the vault")
                .doesNotContain("\tat ");
        assertNothingRecorded(own);
    }

    private JsonNode awaitSubmitted(String incidentId, String body) {
        Api.Response r = api.postJson("/api/v1/incidents/" + incidentId + "/analyses", body);
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return await(r.json().path("job").path("id").asString());
    }

    private void assertNothingRecorded(String incidentId) {
        assertThat(timeline(incidentId, "analysis.completed")).isEmpty();
        assertThat(timeline(incidentId, "leak.finding")).isEmpty();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM leak_analysis WHERE incident_id = ?", Integer.class, incidentId))
                .isZero();
        JsonNode none = api.get("/api/v1/incidents/" + incidentId + "/findings").json();
        assertThat(none.path("analysis").isNull()).isTrue();
    }

    /** Where the file blob store keeps the bytes of {@code sha256} (FileBlobStore's layout). */
    private Path blob(String sha256) {
        Path p = dataDir.resolve("blobs/sha256")
                .resolve(sha256.substring(0, 2))
                .resolve(sha256.substring(2, 4))
                .resolve(sha256);
        assertThat(p).exists();
        return p;
    }
}
