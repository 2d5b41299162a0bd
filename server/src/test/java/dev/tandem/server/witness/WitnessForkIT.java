package dev.tandem.server.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CosignatureVerifier;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.NoteVerifier;
import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.witness.Witness;
import dev.tandem.witness.WitnessHttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two witnesses follow this server's log. One of them has already co-signed another history signed
 * with the same key (a fork: the same origin, a different first entry). When the server asks, that
 * witness refuses (422: not consistent with what it co-signed) and records the refusal; the server
 * logs it and serves its checkpoint with the honest witness's cosignature only.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.admin-token=" + WitnessForkIT.ADMIN_TOKEN})
@ExtendWith(OutputCaptureExtension.class)
class WitnessForkIT {
    static final String ADMIN_TOKEN = "witness-fork-admin-token-0123456789";
    static final String ORIGIN = "tandem/witness-fork-test";
    static final NoteSigner LOG_KEY = NoteSigner.generate(ORIGIN);
    static final Cosigner FORKED = Cosigner.generate("witness.example/saw-a-fork");
    static final Cosigner HONEST = Cosigner.generate("witness.example/fresh");
    static final List<String> witnessLog = new CopyOnWriteArrayList<>();
    static WitnessHttpServer forkedServer;
    static WitnessHttpServer honestServer;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void setUp(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "witness-fork");
        Path state = TestDatabases.scratch("tandem-witness-fork");
        Witness.Events events = new Witness.Events() {
            @Override
            public void cosigned(String origin, long size) {
                witnessLog.add("cosigned " + origin + " " + size);
            }

            @Override
            public void refused(String origin, int status, String reason) {
                witnessLog.add("refused " + origin + " " + status + " " + reason);
            }
        };
        Map<String, NoteVerifier> logs = Map.of(ORIGIN, NoteVerifier.parse(LOG_KEY.verifierKey()));
        Witness forked = new Witness(FORKED, logs, state.resolve("a"), Clock.systemUTC(), events);
        Witness honest = new Witness(HONEST, logs, state.resolve("b"), Clock.systemUTC(), events);
        // The operator showed this witness another history first: one entry that this server never wrote.
        byte[] otherLeaf = new LedgerEntry(
                        "incident.opened",
                        "elsewhere",
                        "mallory",
                        Instant.parse("2026-12-01T00:00:00Z"),
                        JsonMapper.builder().build().createObjectNode().put("title", "another history"))
                .leaf();
        String other = LOG_KEY.sign(new Checkpoint(ORIGIN, 1, MerkleLog.leafHash(otherLeaf)).text());
        assertThat(forked.addCheckpoint(("old 0\n\n" + other).getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);
        witnessLog.clear();
        forkedServer = new WitnessHttpServer(forked, new InetSocketAddress("127.0.0.1", 0));
        honestServer = new WitnessHttpServer(honest, new InetSocketAddress("127.0.0.1", 0));
        forkedServer.start();
        honestServer.start();
        registry.add("tandem.ledger.signing-key", LOG_KEY::privateKey);
        registry.add(
                "tandem.witnesses",
                () -> "http://127.0.0.1:" + forkedServer.port() + " " + FORKED.verifierKey() + ", http://127.0.0.1:"
                        + honestServer.port() + " " + HONEST.verifierKey());
    }

    @AfterAll
    static void stop() {
        forkedServer.close();
        honestServer.close();
    }

    @Test
    void theWitnessThatSawAForkRefusesAndBothSidesSaySo(CapturedOutput output) throws Exception {
        Api admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        assertThat(admin.postJson("/api/v1/incidents", "{\"title\":\"Fork test\",\"severity\":\"LOW\"}")
                        .status())
                .isEqualTo(201);
        // the checkpoint is signed once the sequencer is idle: wait until it covers the new entries
        String checkpoint = admin.get("/api/v1/ledger/checkpoint").body();
        for (int i = 0; i < 50 && checkpoint.startsWith(ORIGIN + "\n0\n"); i++) {
            Thread.sleep(100);
            checkpoint = admin.get("/api/v1/ledger/checkpoint").body();
        }
        assertThat(checkpoint).startsWith(ORIGIN + "\n").doesNotStartWith(ORIGIN + "\n0\n");
        // the log's own signature still holds; the honest witness co-signed, the other did not
        assertThat(NoteVerifier.parse(LOG_KEY.verifierKey()).open(checkpoint).ok())
                .isTrue();
        assertThat(CosignatureVerifier.parse(HONEST.verifierKey()).verify(checkpoint))
                .isPresent();
        assertThat(CosignatureVerifier.parse(FORKED.verifierKey()).verify(checkpoint))
                .isEmpty();
        // the witness's side: it refused with 422 (after telling the server its size with a 409)
        assertThat(witnessLog)
                .anyMatch(l -> l.startsWith("refused " + ORIGIN + " 422 ")
                        && l.contains("is not consistent with the one co-signed at size 1"));
        // the server's side
        assertThat(output.getOut() + output.getErr())
                .contains("witness witness.example/saw-a-fork refused checkpoint " + ORIGIN)
                .contains("422")
                .contains("it has seen another history of this log");
    }
}
