package dev.tandem.witness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.CosignatureVerifier;
import dev.tandem.ledger.Cosigner;
import dev.tandem.ledger.InMemoryNodeStore;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.ledger.NoteVerifier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A witness over HTTP and the log's client, C2SP tlog-witness: an honest log is co-signed, a forked one refused. */
class WitnessTest {
    static final String ORIGIN = "tandem/witness-test";

    @TempDir
    Path dir;

    final NoteSigner logKey = NoteSigner.generate(ORIGIN);
    final Cosigner cosigner = Cosigner.generate("witness.example/w1");
    final List<String> witnessLog = new CopyOnWriteArrayList<>();
    Witness witness;
    WitnessHttpServer server;

    /** A log: its leaves, node store and signed checkpoints. */
    final class Log {
        final InMemoryNodeStore store = new InMemoryNodeStore();
        final CompactRange range = CompactRange.empty();

        Log append(String prefix, int n) {
            for (int i = 0; i < n; i++) {
                store.putAll(
                        range.append(MerkleLog.leafHash((prefix + range.size()).getBytes(StandardCharsets.UTF_8))));
            }
            return this;
        }

        String checkpoint() {
            return logKey.sign(new Checkpoint(ORIGIN, range.size(), range.rootHash()).text());
        }

        WitnessClient.Outcome submitTo(WitnessClient client) throws InterruptedException {
            return client.submit(checkpoint(), range.size(), (from, to) -> MerkleLog.consistencyProof(from, to, store));
        }
    }

    @BeforeEach
    void start() throws Exception {
        witness = new Witness(
                cosigner,
                Map.of(ORIGIN, NoteVerifier.parse(logKey.verifierKey())),
                dir.resolve("state"),
                Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC),
                new Witness.Events() {
                    @Override
                    public void cosigned(String origin, long size) {
                        witnessLog.add("cosigned " + origin + " " + size);
                    }

                    @Override
                    public void refused(String origin, int status, String reason) {
                        witnessLog.add("refused " + origin + " " + status + " " + reason);
                    }
                });
        server = new WitnessHttpServer(witness, new InetSocketAddress("127.0.0.1", 0));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    WitnessClient client() {
        return new WitnessClient("http://127.0.0.1:" + server.port(), cosigner.verifierKey(), Duration.ofSeconds(5));
    }

    @Test
    void coSignsAGrowingLogAndTheCosignatureVerifies() throws Exception {
        Log log = new Log().append("a", 5);
        WitnessClient client = client();
        var first = log.submitTo(client);
        assertThat(first).isInstanceOf(WitnessClient.Cosigned.class);
        log.append("a", 12);
        var second = log.submitTo(client);
        assertThat(second).isInstanceOf(WitnessClient.Cosigned.class);
        String cosigned = log.checkpoint() + ((WitnessClient.Cosigned) second).line();
        assertThat(CosignatureVerifier.parse(cosigner.verifierKey()).verify(cosigned))
                .hasValue(Instant.parse("2026-12-05T08:00:00Z").getEpochSecond());
        assertThat(witnessLog).containsExactly("cosigned " + ORIGIN + " 5", "cosigned " + ORIGIN + " 17");
    }

    @Test
    void aClientThatDoesNotKnowTheSizeLearnsItFromA409() throws Exception {
        Log log = new Log().append("a", 7);
        assertThat(log.submitTo(client())).isInstanceOf(WitnessClient.Cosigned.class);
        log.append("a", 3);
        // a new client (a restarted server) starts from old size 0
        assertThat(log.submitTo(client())).isInstanceOf(WitnessClient.Cosigned.class);
        assertThat(witnessLog).contains("refused " + ORIGIN + " 409 old size 0 is not the size last co-signed, 7");
    }

    @Test
    void refusesAForkedHistoryAndSaysSoOnBothSides() throws Exception {
        Log honest = new Log().append("a", 10);
        assertThat(honest.submitTo(client())).isInstanceOf(WitnessClient.Cosigned.class);
        // the same key signs another history: same origin, a different fifth entry onwards
        Log forked = new Log().append("a", 4).append("forged", 9);
        var outcome = forked.submitTo(client());
        assertThat(outcome).isInstanceOf(WitnessClient.Refused.class);
        WitnessClient.Refused refused = (WitnessClient.Refused) outcome;
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.reason()).contains("is not consistent with the one co-signed at size 10");
        assertThat(witnessLog).last().asString().startsWith("refused " + ORIGIN + " 422 ");
        // the witness keeps the refused, validly signed checkpoint as evidence, and its state unchanged
        assertThat(java.nio.file.Files.list(dir.resolve("state"))
                        .map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.contains(".refused."));
        assertThat(witness.latest(ORIGIN)).isEqualTo(honest.checkpoint());
    }

    @Test
    void refusesTwoRootsForOneSize() throws Exception {
        Log honest = new Log().append("a", 6);
        assertThat(honest.submitTo(client())).isInstanceOf(WitnessClient.Cosigned.class);
        Log forked = new Log().append("b", 6);
        var outcome = forked.submitTo(client());
        assertThat(outcome).isInstanceOf(WitnessClient.Refused.class);
        assertThat(((WitnessClient.Refused) outcome).status()).isEqualTo(409);
        assertThat(((WitnessClient.Refused) outcome).reason()).contains("the log forked");
    }

    @Test
    void refusesARollback() throws Exception {
        Log log = new Log().append("a", 9);
        assertThat(log.submitTo(client())).isInstanceOf(WitnessClient.Cosigned.class);
        Log shorter = new Log().append("a", 4);
        var outcome = shorter.submitTo(client());
        assertThat(((WitnessClient.Refused) outcome).reason()).contains("rolled back or forked");
    }

    @Test
    void refusesUnknownLogsAndBadSignatures() throws Exception {
        NoteSigner stranger = NoteSigner.generate("elsewhere/log");
        String other = stranger.sign(new Checkpoint("elsewhere/log", 0, MerkleLog.emptyRootHash()).text());
        assertThat(witness.addCheckpoint(("old 0\n\n" + other).getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(404);
        NoteSigner impostor = NoteSigner.generate(ORIGIN);
        String forged = impostor.sign(new Checkpoint(ORIGIN, 0, MerkleLog.emptyRootHash()).text());
        assertThat(witness.addCheckpoint(("old 0\n\n" + forged).getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(403);
        assertThat(witness.addCheckpoint("old x\n\n".getBytes(StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(400);
    }
}
