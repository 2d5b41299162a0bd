package dev.tandem.server.demo;

import static dev.tandem.server.TestBags.unzip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.evidence.Repository;
import dev.tandem.export.BagCheck;
import dev.tandem.export.BagVerifier;
import dev.tandem.export.ExportBag;
import dev.tandem.server.Api;
import dev.tandem.server.FormSession;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's last step (docs/contracts.md, "Pulling an item back"): the responder files counsel's
 * draft breach analysis to AUDIT, the auditor reads it, counsel pulls it back. The item page and the
 * timeline's {@code evidence.pulled-back} entry show it to the auditor too; a new export leaves it
 * out and verifies; the demo's other AUDIT items are the ones it always filed.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class DemoPullBackIT {
    static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "demo-pull-back");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @TempDir
    Path dir;

    @Test
    void counselPullsBackTheDraftTheResponderFiledToAuditAfterTheAuditorReadIt() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String base = "http://127.0.0.1:" + port;
        String id = loaded.incident().id();
        String draft = loaded.pulledBackItem();
        assertThat(draft).isNotNull();
        Api counsel = new Api(base, loaded.tokenOf(Role.LEGAL));
        Api auditor = new Api(base, loaded.tokenOf(Role.AUDITOR));

        // counsel reads it as FORENSIC, the move's entry named
        JsonNode full = counsel.get("/api/v1/evidence/" + draft).json();
        assertThat(full.path("name").asString()).isEqualTo(DemoData.PULLED_BACK.resource());
        assertThat(full.path("description").asString()).isEqualTo("Draft breach analysis – privileged");
        assertThat(full.path("repository").asString()).isEqualTo("FORENSIC");
        long move = full.path("pulledBack").asLong();
        assertThat(move).isPositive();
        // the auditor: the stub, no content any more
        JsonNode stub = auditor.get("/api/v1/evidence/" + draft).json();
        assertThat(stub.has("name")).isFalse();
        assertThat(stub.path("pulledBack").asLong()).isEqualTo(move);
        assertThat(auditor.get("/api/v1/evidence/" + draft + "/content").status())
                .isEqualTo(403);

        // the public entry on the auditor's timeline: counsel, the reason, the auditor's earlier read
        JsonNode entries = auditor.get("/api/v1/incidents/" + id + "/timeline?kind=evidence.pulled-back")
                .json();
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("index").asLong()).isEqualTo(move);
        assertThat(entry.path("actor").asString()).isEqualTo("counsel");
        assertThat(entry.path("body").path("evidence").asString()).isEqualTo(draft);
        assertThat(entry.path("body").path("reason").asString()).isEqualTo(DemoData.PULL_BACK_REASON);
        JsonNode reads = entry.path("body").path("reads");
        assertThat(reads).hasSize(1);
        assertThat(reads.get(0).path("actor").asString()).isEqualTo("auditor");
        assertThat(reads.get(0).path("index").asLong()).isLessThan(move);
        assertThat(entry.path("body").path("exports")).isEmpty();

        // the item page, as the auditor, says it was pulled back and why
        FormSession browser = new FormSession(base);
        assertThat(browser.signIn("auditor", loaded.passwords().get("auditor")).statusCode())
                .isEqualTo(302);
        HttpResponse<String> page = browser.get("/evidence/" + draft);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"pulled-back\"");
        assertThat(HtmlUtils.htmlUnescape(page.body().replaceAll("<[^>]*>", "")))
                .contains(DemoData.PULL_BACK_REASON, "(ledger entry #" + move + ")");

        // the demo's other AUDIT items are the ones it always filed, untouched
        List<String> audit = new ArrayList<>();
        new Api(base, loaded.tokenOf(Role.INCIDENT_COMMANDER))
                .get("/api/v1/incidents/" + id + "/evidence")
                .json()
                .forEach(i -> {
                    if (i.path("repository").asString().equals("AUDIT")) {
                        audit.add(i.path("name").asString());
                    }
                });
        assertThat(audit)
                .containsExactlyInAnyOrderElementsOf(Stream.concat(
                                DemoData.SAMPLES.stream()
                                        .filter(s -> s.repository() == Repository.AUDIT)
                                        .map(DemoData.Sample::resource),
                                DemoData.ORG.stream()
                                        .filter(o -> o.repository() == Repository.AUDIT)
                                        .map(DemoData.OrgItem::path))
                        .toList());

        // a new export leaves it out and verifies offline: the bag holds the move
        String key = auditor.get("/api/v1/ledger/key").body().strip();
        Path bag = Files.write(
                dir.resolve("bag.zip"),
                auditor.getBytes("/api/v1/incidents/" + id + "/export").body());
        BagCheck check = BagVerifier.verify(bag, new BagVerifier.Options(key, null, List.of(), 0));
        assertThat(check.ok()).as(check.toString()).isTrue();
        Map<String, byte[]> files = unzip(bag);
        assertThat(files)
                .doesNotContainKey("data/evidence/" + full.path("sha256").asString());
        assertThat(new String(files.get("data/" + ExportBag.INDEX), StandardCharsets.UTF_8))
                .doesNotContain(draft);
        assertThat(new String(files.get("data/" + ExportBag.ENTRIES), StandardCharsets.UTF_8)
                        .lines()
                        .map(l -> new String(
                                Base64.getDecoder()
                                        .decode(JSON.readTree(l).path("leaf").asString()),
                                StandardCharsets.UTF_8))
                        .filter(leaf -> leaf.contains("\"evidence.pulled-back\""))
                        .toList())
                .singleElement()
                .asString()
                .contains(draft);

        // a second start finds the same item and pulls nothing back again
        DemoData.Loaded again = demo.load();
        assertThat(again.fresh()).isFalse();
        assertThat(again.pulledBackItem()).isEqualTo(draft);
        assertThat(auditor.get("/api/v1/incidents/" + id + "/timeline?kind=evidence.pulled-back")
                        .json())
                .hasSize(1);
    }
}
