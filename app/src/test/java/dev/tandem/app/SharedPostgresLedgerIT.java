package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.bench.ScratchPostgres;
import dev.tandem.app.bench.ServerProcess;
import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.NoteSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue item 4: several server processes sharing one PostgreSQL never fork or reorder the log. Two
 * real server processes with the same signing key append concurrently; afterwards the log verifies
 * from either, every acknowledged entry sits at the index it was acknowledged with, and every
 * checkpoint either process published along the way is a prefix of the final log.
 */
class SharedPostgresLedgerIT {
    static final String ADMIN_TOKEN = CrashSafetyIT.ADMIN_TOKEN;
    static final int CLIENTS = 8;

    @RegisterExtension
    final ServerLogsOnFailure logs = new ServerLogsOnFailure();

    /** What a client was told: this entry (incident or evidence {@code id}) is at {@code index}. */
    record Acknowledged(String type, String id, long index, int server) {}

    record Seen(int server, String signedNote) {}

    @Test
    void twoServersOnOnePostgresAppendOneLog() throws Exception {
        Path dirA = CrashSafetyIT.fresh("shared-a");
        Path dirB = CrashSafetyIT.fresh("shared-b");
        String key = NoteSigner.generate("tandem/it").privateKey();
        try (ScratchPostgres db = ScratchPostgres.create("tandem_shared_it")) {
            List<ServerProcess.Launch> launches = new ArrayList<>();
            for (var dir : List.of(dirA, dirB)) {
                ServerProcess.Launch l = CrashSafetyIT.launch(
                                dir, dir.getFileName().toString())
                        .withEnv("TANDEM_LEDGER_SIGNING_KEY", key);
                for (var e : db.serverEnvironment().entrySet()) {
                    l = l.withEnv(e.getKey(), e.getValue());
                }
                launches.add(l);
                logs.add(l.log());
            }
            // One after the other: the first creates the schema, the installation and the head row.
            try (ServerProcess a = ServerProcess.start(launches.get(0), Duration.ofSeconds(120));
                    ServerProcess b = ServerProcess.start(launches.get(1), Duration.ofSeconds(120))) {
                List<TandemClient> servers =
                        List.of(new TandemClient(a.baseUrl(), ADMIN_TOKEN), new TandemClient(b.baseUrl(), ADMIN_TOKEN));
                appendThroughBoth(servers);
            }
        }
        CrashSafetyIT.deleteTree(dirA);
        CrashSafetyIT.deleteTree(dirB);
    }

    private void appendThroughBoth(List<TandemClient> servers) throws Exception {
        assertThat(servers.get(0).getText("/api/v1/ledger/key"))
                .isEqualTo(servers.get(1).getText("/api/v1/ledger/key"));
        ConcurrentLinkedQueue<Acknowledged> acks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int server = t % 2;
            TandemClient api = servers.get(server);
            SplittableRandom random = new SplittableRandom(t);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    String incident = null;
                    while (System.nanoTime() < until) {
                        if (incident == null || random.nextInt(4) == 0) {
                            TandemClient.Answer a = api.postJson(
                                    "/api/v1/incidents", "{\"title\":\"shared log\",\"severity\":\"LOW\"}");
                            if (a.status() != 201) {
                                errors.add(a.status() + " " + a.body());
                                return;
                            }
                            incident = a.json().path("id").asString();
                            acks.add(new Acknowledged(
                                    "incident.opened",
                                    incident,
                                    a.json().path("ledgerIndex").asLong(),
                                    server));
                        } else {
                            RandomBody body = new RandomBody(random.nextLong(), random.nextInt(1, 16 << 10));
                            TandemClient.Answer a = api.upload(incident, "AUDIT", "LOG", "shared.bin", body);
                            if (a.status() != 201) {
                                errors.add(a.status() + " " + a.body());
                                return;
                            }
                            acks.add(new Acknowledged(
                                    "evidence.added",
                                    a.json().path("id").asString(),
                                    a.json().path("ledgerIndex").asLong(),
                                    server));
                        }
                    }
                } catch (Exception e) {
                    errors.add(e.toString());
                }
            }));
        }
        Thread watcher = Thread.ofPlatform().start(() -> {
            int i = 0;
            while (System.nanoTime() < until) {
                int server = i++ % 2;
                seen.add(new Seen(server, servers.get(server).getText("/api/v1/ledger/checkpoint")));
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        for (Thread t : threads) {
            t.join();
        }
        watcher.join();
        assertThat(errors).isEmpty();
        assertThat(acks.stream().filter(a -> a.server() == 0)).isNotEmpty();
        assertThat(acks.stream().filter(a -> a.server() == 1)).isNotEmpty();

        LedgerAudit.VerifiedLog fromA = LedgerAudit.verify(servers.get(0));
        LedgerAudit.VerifiedLog fromB = LedgerAudit.verify(servers.get(1));
        assertThat(fromB.size()).isEqualTo(fromA.size());
        assertThat(fromB.checkpoint().rootHash()).isEqualTo(fromA.checkpoint().rootHash());
        for (int i = 0; i < fromA.size(); i++) {
            assertThat(fromB.leafHashes().get(i))
                    .as("leaf %d", i)
                    .isEqualTo(fromA.leafHashes().get(i));
        }

        // No two acknowledgements share an index, and each names the entry that is really there.
        Map<Long, Acknowledged> byIndex = new HashMap<>();
        for (Acknowledged a : acks) {
            Acknowledged other = byIndex.put(a.index(), a);
            assertThat(other).as("index %d acknowledged twice", a.index()).isNull();
            JsonNode entry = fromA.entries().get((int) a.index());
            assertThat(entry.path("type").asString()).isEqualTo(a.type());
            String recorded = a.type().equals("incident.opened")
                    ? entry.path("body").path("id").asString()
                    : entry.path("body").path("evidence").asString();
            assertThat(recorded).as("entry %d", a.index()).isEqualTo(a.id());
        }

        // Every checkpoint either server published is signed, is a prefix of the final log, and is
        // consistent with the next larger one by the servers' own consistency proofs.
        List<Checkpoint> checkpoints = new ArrayList<>();
        for (Seen s : seen) {
            Checkpoint cp = LedgerAudit.openCheckpoint(fromA.verifierKey(), s.signedNote());
            assertThat(cp.origin()).isEqualTo(fromA.checkpoint().origin());
            assertThat(cp.size()).isLessThanOrEqualTo(fromA.size());
            assertThat(cp.rootHash())
                    .as("checkpoint of size %d from server %d", cp.size(), s.server())
                    .isEqualTo(fromA.rootAt(cp.size()));
            checkpoints.add(cp);
        }
        assertThat(checkpoints.stream().map(Checkpoint::size).distinct().count())
                .as("distinct checkpoints seen while appending")
                .isGreaterThan(2);
        checkpoints.add(fromA.checkpoint());
        checkpoints.sort(Comparator.comparingLong(Checkpoint::size));
        for (int i = 1; i < checkpoints.size(); i++) {
            long m = checkpoints.get(i - 1).size();
            long n = checkpoints.get(i).size();
            if (m > 0 && m < n) {
                LedgerAudit.checkConsistency(servers.get(i % 2), fromA, m, n);
            }
        }
        System.out.printf(
                "shared PostgreSQL: %d entries, %d acknowledged through A, %d through B, %d checkpoints seen%n",
                fromA.size(),
                acks.stream().filter(a -> a.server() == 0).count(),
                acks.stream().filter(a -> a.server() == 1).count(),
                seen.size());
    }
}
