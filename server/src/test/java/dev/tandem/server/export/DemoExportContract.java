package dev.tandem.server.export;

import static dev.tandem.server.TestBags.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.tandem.export.BagCheck;
import dev.tandem.export.BagVerifier;
import dev.tandem.export.ExportBag;
import dev.tandem.server.Api;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import dev.tandem.server.portal.RequestsInEveryState;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo incident's export bag, as the auditor downloads it, verifies offline with the pinned key;
 * it holds the AUDIT evidence only, every entry of the incident (privileged ones as commitments),
 * both report formats and the OSCAL document; {@code ?since=} adds a consistency proof; the export is
 * itself recorded. Run on H2 and PostgreSQL by the subclasses.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
public abstract class DemoExportContract {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @TempDir
    Path dir;

    @Test
    void theAuditorsBagVerifiesOfflineAndHoldsWhatTheAuditorMaySee() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        Api auditor = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.AUDITOR));
        String key = auditor.get("/api/v1/ledger/key").body().strip();
        String earlier = auditor.get("/api/v1/ledger/checkpoint").body();
        long earlierSize = Long.parseLong(earlier.lines().toList().get(1));

        HttpResponse<byte[]> r = auditor.getBytes("/api/v1/incidents/" + id + "/export?since=" + earlierSize);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains(".zip");
        Path bag = Files.write(dir.resolve("bag.zip"), r.body());

        BagCheck check = BagVerifier.verify(bag, new BagVerifier.Options(key, earlier, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        BagCheck.Summary s = ((BagCheck.Verified) check).summary();
        assertThat(s.incident()).isEqualTo(id);
        assertThat(s.format()).isEqualTo(ExportBag.FORMAT_VERSION);
        assertThat(s.consistentFrom()).isEqualTo(earlierSize);
        assertThat(s.evidence()).isPositive();
        // the bag ends with its own export entry, proved against the bag's checkpoint, signed after it: it
        // lists the incident's entries below the size the bag was drawn from and binds the reports and OSCAL
        assertThat(check.warnings()).isEmpty();
        assertThat(s.listed()).isTrue();
        assertThat(s.drawnAt()).isGreaterThanOrEqualTo(earlierSize).isLessThanOrEqualTo(s.exportEntry());
        assertThat(s.exportEntry()).isLessThan(s.treeSize());
        assertThat(s.exportBound())
                .containsExactly(
                        "data/" + ExportBag.REPORT_HTML,
                        "data/" + ExportBag.REPORT_PDF,
                        "data/" + ExportBag.OSCAL,
                        "data/" + ExportBag.DRAWN_CHECKPOINT);
        assertThat(s.manifestsOnly()).isEmpty();
        // the checkpoint the bag is drawn from, which the reports print, is proved consistent with the bag's
        assertThat(s.drawnProved()).isTrue();
        assertThat(r.headers().firstValue("Tandem-Checkpoint").orElse("")).startsWith(s.treeSize() + " ");

        Map<String, byte[]> files = unzip(bag);
        assertThat(files)
                .containsKeys(
                        "bagit.txt",
                        "bag-info.txt",
                        "manifest-sha256.txt",
                        "manifest-sha512.txt",
                        "tagmanifest-sha256.txt",
                        "data/" + ExportBag.REPORT_HTML,
                        "data/" + ExportBag.REPORT_PDF,
                        "data/" + ExportBag.OSCAL,
                        "data/" + ExportBag.CONSISTENCY,
                        "data/" + ExportBag.DRAWN_CHECKPOINT,
                        "data/" + ExportBag.DRAWN_CONSISTENCY);
        String drawn = new String(files.get("data/" + ExportBag.DRAWN_CHECKPOINT), StandardCharsets.UTF_8);
        assertThat(drawn).startsWith(s.origin() + "\n" + s.drawnAt() + "\n" + s.drawnRoot() + "\n");
        assertThat(new String(files.get("data/" + ExportBag.REPORT_HTML), StandardCharsets.UTF_8))
                .contains(s.drawnRoot());
        // the OSCAL document names the checkpoint the bag's proofs are against, and the one it is drawn at
        JsonNode metadata = JSON.readTree(files.get("data/" + ExportBag.OSCAL))
                .path("assessment-results")
                .path("metadata");
        assertThat(props(metadata, "bag-tree-size")).containsExactly(String.valueOf(s.treeSize()));
        assertThat(props(metadata, "bag-root-hash")).containsExactly(s.root());
        assertThat(props(metadata, "ledger-tree-size")).containsExactly(String.valueOf(s.drawnAt()));
        assertThat(props(metadata, "ledger-root-hash")).containsExactly(s.drawnRoot());
        assertThat(new String(files.get("data/" + ExportBag.REPORT_PDF), 0, 5, StandardCharsets.US_ASCII))
                .isEqualTo("%PDF-");
        // the bag says where to get the key to verify it with, never which: a forger edits bag-info.txt too
        String info = new String(files.get("bag-info.txt"), StandardCharsets.UTF_8);
        assertThat(info)
                .startsWith(ExportBag.FORMAT + ": " + ExportBag.FORMAT_VERSION + "\n")
                .contains("External-Description: ", "GET /api/v1/ledger/key")
                .doesNotContain(key);
        // the AUDIT items only: no FORENSIC item's bytes, and every AUDIT item of the checkpoint is there
        JsonNode listed = JSON.readTree(files.get("data/" + ExportBag.INDEX));
        JsonNode items = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.INCIDENT_COMMANDER))
                .get("/api/v1/incidents/" + id + "/evidence")
                .json();
        int audit = 0;
        for (JsonNode item : items) {
            String path = "data/evidence/" + item.path("sha256").asString();
            if (item.path("repository").asString().equals("FORENSIC")) {
                assertThat(files).doesNotContainKey(path);
            } else if (item.path("ledgerIndex").asLong() < s.drawnAt()) {
                audit++;
                assertThat(files).containsKey(path);
            }
        }
        assertThat(listed).hasSize(audit);
        // every entry of the incident is there; privileged ones as their commitments
        String entries = new String(files.get("data/" + ExportBag.ENTRIES), StandardCharsets.UTF_8);
        assertThat(entries).isNotEmpty();
        long privileged = entries.lines()
                .map(l -> new String(
                        java.util.Base64.getDecoder()
                                .decode(JSON.readTree(l).path("leaf").asString()),
                        StandardCharsets.UTF_8))
                .filter(leaf -> leaf.contains("\"commitment\""))
                .count();
        assertThat(privileged).isPositive();
        JsonNode last = JSON.readTree(java.util.Base64.getDecoder()
                .decode(JSON.readTree(entries.lines().toList().getLast())
                        .path("leaf")
                        .asString()));
        assertThat(last.path("type").asString()).isEqualTo("incident.exported");
        assertThat(last.path("body").path("treeSize").asLong()).isEqualTo(s.drawnAt());
        assertThat(last.path("body").path("since").asLong()).isEqualTo(earlierSize);
        assertThat(last.path("body").path("entries").path("count").asLong()).isEqualTo(s.entries() - 1);
        // a second export holds the first one's entry among those it lists, and ends with its own
        Path again = Files.write(
                dir.resolve("again.zip"),
                auditor.getBytes("/api/v1/incidents/" + id + "/export").body());
        BagCheck second = BagVerifier.verify(again, new BagVerifier.Options(key, null, List.of(), 0));
        assertThat(second.ok()).as(second.toString()).isTrue();
        BagCheck.Summary t = ((BagCheck.Verified) second).summary();
        assertThat(t.drawnAt()).isGreaterThan(s.exportEntry());
        assertThat(t.exportEntry()).isGreaterThan(s.exportEntry());
        assertThat(t.entries()).isGreaterThan(s.entries());
        // the export itself is on the timeline
        JsonNode timeline = auditor.get("/api/v1/incidents/" + id + "/timeline").json();
        assertThat(timeline.toString()).contains("incident.exported");
    }

    @Test
    void everyEvidenceRequestIsAnObservationInTheBagsOscalAndASectionOfItsReport() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        String base = "http://127.0.0.1:" + port;
        Api auditor = new Api(base, loaded.tokenOf(Role.AUDITOR));
        Api liaison = new Api(base, loaded.tokenOf(Role.AUDIT_LIAISON));
        RequestsInEveryState filed = RequestsInEveryState.file(auditor, liaison, id, "2099-12-01");
        HttpResponse<byte[]> r = auditor.getBytes("/api/v1/incidents/" + id + "/export");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = unzip(Files.write(dir.resolve("requests.zip"), r.body()));
        byte[] oscal = files.get("data/" + ExportBag.OSCAL);
        JsonNode doc = JSON.readTree(oscal);
        assertThat(oscalErrors(doc)).isEmpty();

        JsonNode result = doc.path("assessment-results").path("results").path(0);
        Map<String, JsonNode> requests = new TreeMap<>();
        Map<String, String> resourceOfItem = new TreeMap<>();
        List<JsonNode> retests = new ArrayList<>();
        for (JsonNode o : result.path("observations")) {
            List<String> request = props(o, "evidence-request-id");
            if (!request.isEmpty()) {
                requests.put(request.getFirst(), o);
            } else if (!props(o, "evidence-id").isEmpty()) {
                resourceOfItem.put(
                        props(o, "evidence-id").getFirst(),
                        o.path("relevant-evidence").path(0).path("href").asString());
            } else if (o.path("title").asString().startsWith("Retest: ")) {
                retests.add(o);
            }
        }
        // the retests are observations, as many as the auditor's retest list names (the change-control
        // IT exports an incident with retests and a CC8.1 exception)
        JsonNode listed =
                auditor.get("/api/v1/incidents/" + id + "/retests").json().path("retests");
        assertThat(retests).hasSize(listed.size());
        // the demo's two (ANSWERED; reopened, so OPEN) and the three filed here
        assertThat(requests).hasSize(5).containsKeys(filed.open(), filed.declined(), filed.accepted());
        Map<String, Integer> states = new TreeMap<>();
        requests.values().forEach(o -> states.merge(props(o, "request-status").getFirst(), 1, Integer::sum));
        assertThat(states).isEqualTo(Map.of("OPEN", 2, "ANSWERED", 1, "DECLINED", 1, "ACCEPTED", 1));
        JsonNode open = requests.get(filed.open());
        assertThat(props(open, "due-date")).containsExactly("2099-12-01");
        assertThat(props(open, "overdue")).containsExactly("false");
        assertThat(props(open, "control-id")).containsExactly("cc7.2");
        assertThat(open.path("description").asString()).contains(RequestsInEveryState.OPEN_TEXT);
        assertThat(open.has("relevant-evidence")).isFalse();
        JsonNode declined = requests.get(filed.declined());
        assertThat(declined.has("relevant-evidence")).isFalse();
        assertThat(declined.path("remarks").asString()).contains(RequestsInEveryState.DECLINE_REASON);
        JsonNode accepted = requests.get(filed.accepted());
        assertThat(props(accepted, "control-id")).containsExactly("cc7.3", "cc7.4");
        assertThat(props(accepted, "evidence-id")).containsExactly(filed.auditItem());
        assertThat(accepted.path("relevant-evidence").path(0).path("href").asString())
                .isEqualTo(resourceOfItem.get(filed.auditItem()))
                .startsWith("#");
        assertThat(accepted.path("remarks").asString()).contains(RequestsInEveryState.ACCEPT_COMMENT);

        // no FORENSIC item is named or referred to, by name or by id, but the one counsel pulled back
        // from AUDIT (its name and id were public): that one is disclosed, with the auditor's read of it
        String text = new String(oscal, StandardCharsets.UTF_8);
        JsonNode all = new Api(base, loaded.tokenOf(Role.LEGAL))
                .get("/api/v1/incidents/" + id + "/evidence")
                .json();
        int forensic = 0;
        int pulledBack = 0;
        for (JsonNode item : all) {
            if (item.has("pulledBack")) {
                pulledBack++;
                JsonNode disclosed = null;
                for (JsonNode o : result.path("observations")) {
                    if (props(o, "pulled-back-evidence-id")
                            .contains(item.path("id").asString())) {
                        disclosed = o;
                    }
                }
                assertThat(disclosed).as("the pulled-back item's observation").isNotNull();
                assertThat(disclosed.path("title").asString())
                        .isEqualTo(
                                "Pulled back to FORENSIC: " + item.path("name").asString());
                assertThat(props(disclosed, "pulled-back-index"))
                        .containsExactly(item.path("pulledBack").asString());
                assertThat(props(disclosed, "exposed-read-index")).hasSize(1);
                assertThat(disclosed.path("description").asString())
                        .contains("was read once (by auditor, entry #")
                        .contains("not in this bag");
            } else if (item.path("repository").asString().equals("FORENSIC")) {
                forensic++;
                assertThat(text)
                        .doesNotContain(item.path("id").asString())
                        .doesNotContain(item.path("name").asString());
            }
        }
        assertThat(forensic).isPositive();
        assertThat(pulledBack).isEqualTo(1);

        // the report in the same bag lists the same requests, drawn at the same checkpoint
        String html = new String(files.get("data/" + ExportBag.REPORT_HTML), StandardCharsets.UTF_8);
        assertThat(html)
                .contains("id=\"evidence-requests\"")
                .contains(RequestsInEveryState.OPEN_TEXT, RequestsInEveryState.DECLINED_TEXT)
                .contains(RequestsInEveryState.ACCEPTED_TEXT, RequestsInEveryState.ACCEPT_COMMENT);
    }

    static List<String> props(JsonNode o, String name) {
        List<String> out = new ArrayList<>();
        o.path("props").forEach(p -> {
            if (p.path("name").asString().equals(name)) {
                out.add(p.path("value").asString());
            }
        });
        return out;
    }

    /**
     * The document against NIST's OSCAL 1.1.2 assessment-results JSON schema, the copy the core
     * module's tests keep (provenance in docs/export.md).
     */
    public static List<String> oscalErrors(JsonNode doc) throws Exception {
        Path schema =
                Path.of("..", "core", "src", "test", "resources", "oscal", "oscal_assessment-results_schema.json");
        try (InputStream in = Files.newInputStream(schema)) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in).validate(doc).stream()
                    .map(Object::toString)
                    .toList();
        }
    }

    @Test
    void refusesASinceOutsideTheTreeOrNoNumberWithTheProblemBadSince() throws Exception {
        DemoData.Loaded loaded = demo.load();
        Api auditor = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.AUDITOR));
        var r = auditor.get("/api/v1/incidents/" + loaded.incident().id() + "/export?since=0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("bad-since");
        // not Spring's "Failed to convert 'since'": the same problem, naming the parameter
        var abc = auditor.get("/api/v1/incidents/" + loaded.incident().id() + "/export?since=abc");
        assertThat(abc.status()).isEqualTo(400);
        assertThat(abc.body())
                .contains("urn:tandem:problem:bad-since")
                .contains("since must be a tree size (a whole number between 1 and the checkpoint's size), got 'abc'")
                .doesNotContain("Failed to convert");
    }
}
