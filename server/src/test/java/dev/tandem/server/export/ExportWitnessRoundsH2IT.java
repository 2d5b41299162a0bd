package dev.tandem.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.export.BagCheck;
import dev.tandem.export.BagVerifier;
import dev.tandem.export.ExportBag;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.witness.Witness;
import dev.tandem.witness.WitnessHttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A witness follows the demo's log. Each export asks it once, for the checkpoint signed with the
 * export entry (the bag's), even when the log moved since it last co-signed: the checkpoint the bag
 * is drawn from, which the reports print, is the log's alone, and the bag proves it consistent with
 * the witnessed one (docs/adr/102-one-witness-round-per-export.md). The bag verifies with the witness
 * as the quorum, and its OSCAL document names the bag's checkpoint.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class ExportWitnessRoundsH2IT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String ORIGIN = "tandem/export-witness-test";
    static final NoteSigner LOG_KEY = NoteSigner.generate(ORIGIN);
    static final Cosigner WITNESS = Cosigner.generate("witness.example/export");
    /** Every add-checkpoint request the witness answered, by the size it was asked to co-sign. */
    static final List<Long> asked = new CopyOnWriteArrayList<>();

    static WitnessHttpServer server;

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Autowired
    Ledger ledger;

    @TempDir
    Path dir;

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "export-witness");
        Witness.Events events = new Witness.Events() {
            @Override
            public void cosigned(String origin, long size) {
                asked.add(size);
            }

            @Override
            public void refused(String origin, int status, String reason) {
                asked.add(-1L);
            }
        };
        Witness witness = new Witness(
                WITNESS,
                Map.of(ORIGIN, NoteVerifier.parse(LOG_KEY.verifierKey())),
                TestDatabases.scratch("tandem-export-witness"),
                Clock.systemUTC(),
                events);
        server = new WitnessHttpServer(witness, new InetSocketAddress("127.0.0.1", 0));
        server.start();
        registry.add("tandem.ledger.signing-key", LOG_KEY::privateKey);
        registry.add("tandem.witnesses", () -> "http://127.0.0.1:" + server.port() + " " + WITNESS.verifierKey());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void eachExportAsksTheWitnessesOnceAndItsBagTiesTheDrawnCheckpointToTheWitnessedOne() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String id = loaded.incident().id();
        Api auditor = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.AUDITOR));
        String key = auditor.get("/api/v1/ledger/key").body().strip();
        List<Integer> rounds = new ArrayList<>();
        for (int export = 0; export < 3; export++) {
            // the log moves first (an evidence request filed and signed): the drawn checkpoint is one no witness saw
            long signed = ledger.head().size();
            Api.Response filed = auditor.postJson(
                    "/api/v1/incidents/" + id + "/evidence-requests",
                    "{\"text\":\"the VPN logs, round " + export + "\",\"controls\":[\"CC7.2\"]}");
            assertThat(filed.status()).as(filed.body()).isEqualTo(201);
            for (int i = 0; i < 100 && ledger.head().size() <= signed; i++) {
                Thread.sleep(50);
            }
            assertThat(ledger.head().size()).isGreaterThan(signed);
            int before = asked.size();
            HttpResponse<byte[]> r = auditor.getBytes("/api/v1/incidents/" + id + "/export");
            assertThat(r.statusCode()).isEqualTo(200);
            rounds.add(asked.size() - before);

            Path bag = Files.write(dir.resolve("bag-" + export + ".zip"), r.body());
            BagCheck check =
                    BagVerifier.verify(bag, new BagVerifier.Options(key, null, List.of(WITNESS.verifierKey()), 1));
            assertThat(check.ok()).as(check.toString()).isTrue();
            BagCheck.Summary s = ((BagCheck.Verified) check).summary();
            assertThat(s.cosignatures()).isEqualTo(1);
            assertThat(asked.getLast()).isEqualTo(s.treeSize());
            Map<String, byte[]> files = dev.tandem.server.TestBags.unzip(bag);
            String drawn = new String(files.get("data/" + ExportBag.DRAWN_CHECKPOINT), StandardCharsets.UTF_8);
            String bagCheckpoint = new String(files.get("data/" + ExportBag.CHECKPOINT), StandardCharsets.UTF_8);
            // the drawn checkpoint: the log's signature only, proved consistent with the cosigned one
            assertThat(drawn.lines().filter(l -> l.startsWith("— ")).count()).isEqualTo(1);
            assertThat(bagCheckpoint.lines().filter(l -> l.startsWith("— ")).count())
                    .isEqualTo(2);
            assertThat(s.drawnProved()).isTrue();
            assertThat(s.drawnRoot()).isEqualTo(drawn.lines().toList().get(2));
            assertThat(Long.parseLong(drawn.lines().toList().get(1))).isEqualTo(s.drawnAt());
            // what the report prints is that checkpoint's signed note
            String html = new String(files.get("data/" + ExportBag.REPORT_HTML), StandardCharsets.UTF_8);
            assertThat(html).contains(drawn.lines().toList().get(2)).doesNotContain(WITNESS.name());
            // the OSCAL document names the bag's checkpoint, and the drawn one
            JsonNode metadata = JSON.readTree(files.get("data/" + ExportBag.OSCAL))
                    .path("assessment-results")
                    .path("metadata");
            assertThat(DemoExportContract.props(metadata, "bag-tree-size"))
                    .containsExactly(String.valueOf(s.treeSize()));
            assertThat(DemoExportContract.props(metadata, "bag-root-hash")).containsExactly(s.root());
            assertThat(DemoExportContract.props(metadata, "ledger-tree-size"))
                    .containsExactly(String.valueOf(s.drawnAt()));
        }
        // one witness round per export (one add-checkpoint request: the witness knew the size it last co-signed)
        assertThat(rounds).containsExactly(1, 1, 1);
    }
}
