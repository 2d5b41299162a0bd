package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.app.bench.ScratchPostgres;
import dev.tandem.app.bench.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * Issue item 8: an upload acknowledged with 201 survives {@code kill -9} of the server at any moment.
 * A real server process (the fat jar) is killed with SIGKILL in the middle of concurrent uploads,
 * restarted on the same data, and checked from outside: acknowledged items and their bytes, the
 * whole ledger against its signed checkpoint, no row without its blob, no blob without its row,
 * no temporary file left. Three kill/restart cycles per store.
 */
class CrashSafetyIT {
    static final String ADMIN_TOKEN = "crash-it-admin-token-0123456789";
    static final Path JAR = Path.of("target", "tandem.jar");
    static final Path WORK = Path.of("target", "crash-it");
    static final int CYCLES = 3;
    static final int UPLOADERS = 8;
    static final int MIN_BODY = 64 << 10;
    static final int MAX_BODY = 4 << 20;

    @RegisterExtension
    final ServerLogsOnFailure logs = new ServerLogsOnFailure();

    record Acked(String id, String sha256, long size, String repository, long ledgerIndex, RandomBody body) {}

    @Test
    void acknowledgedUploadsSurviveKillNineOnH2() throws Exception {
        Path dir = fresh("h2");
        crashCycles(launch(dir, "h2"), dir);
        deleteTree(dir);
    }

    @Test
    void acknowledgedUploadsSurviveKillNineOnPostgres() throws Exception {
        Path dir = fresh("pg");
        try (ScratchPostgres db = ScratchPostgres.create("tandem_crash_it")) {
            ServerProcess.Launch launch = launch(dir, "pg");
            for (var e : db.serverEnvironment().entrySet()) {
                launch = launch.withEnv(e.getKey(), e.getValue());
            }
            crashCycles(launch, dir);
        }
        deleteTree(dir);
    }

    static ServerProcess.Launch launch(Path dataDir, String name) {
        assertThat(JAR).as("the fat jar (failsafe runs after package)").exists();
        // C1 only: the child starts several times per test, start-up time matters more than peak speed.
        return ServerProcess.Launch.of(JAR.toAbsolutePath(), dataDir.toAbsolutePath(), WORK.resolve(name + ".log"))
                .withJvmOptions("-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
                .withEnv("TANDEM_ADMIN_TOKEN", ADMIN_TOKEN)
                // PostgreSQL is shared with other test runs: a few connections per server are enough
                .withEnv("SPRING_DATASOURCE_HIKARI_MAXIMUMPOOLSIZE", "8");
    }

    ServerProcess start(ServerProcess.Launch launch) throws Exception {
        logs.add(launch.log());
        return ServerProcess.start(launch, Duration.ofSeconds(120));
    }

    private void crashCycles(ServerProcess.Launch launch, Path dataDir) throws Exception {
        long seed = System.nanoTime();
        System.out.println(
                "CrashSafetyIT seed " + seed + ", logs in " + launch.log().toAbsolutePath());
        Random random = new Random(seed);
        List<Acked> acked = new ArrayList<>();
        ServerProcess server = start(launch);
        try {
            TandemClient api = new TandemClient(server.baseUrl(), ADMIN_TOKEN);
            String incident = api.openIncident("Crash test " + Instant.now());
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                Uploads run = new Uploads(api, incident, random.nextLong());
                run.start();
                Thread.sleep(1500 + random.nextInt(2500));
                run.killing = true;
                int status = server.kill9();
                assertThat(status).as("exit status after SIGKILL (128 + 9)").isEqualTo(137);
                run.join();
                assertThat(run.errors)
                        .as("answers other than 201 before the kill")
                        .isEmpty();
                List<Acked> thisCycle = List.copyOf(run.acked);
                assertThat(thisCycle)
                        .as("cycle %d acknowledged uploads before the kill", cycle)
                        .isNotEmpty();
                acked.addAll(thisCycle);
                System.out.printf(
                        "cycle %d: %d uploads acknowledged, %d in flight at the kill%n",
                        cycle, thisCycle.size(), run.inFlightAtKill());

                server = start(launch);
                api = new TandemClient(server.baseUrl(), ADMIN_TOKEN);
                checkAfterRestart(api, dataDir, incident, acked, thisCycle);
                Acked after = uploadOne(api, incident, new RandomBody(random.nextLong(), 100_000));
                acked.add(after);
            }
        } finally {
            server.close();
        }
    }

    /** Everything acknowledged is there, the ledger verifies, nothing half-written is visible. */
    private void checkAfterRestart(
            TandemClient api, Path dataDir, String incident, List<Acked> acked, List<Acked> newlyAcked)
            throws Exception {
        for (Acked a : acked) {
            JsonNode meta = api.getJson("/api/v1/evidence/" + a.id());
            assertThat(meta.path("sha256").asString())
                    .as("sha256 of %s", a.id())
                    .isEqualTo(a.sha256());
            assertThat(meta.path("size").asLong()).as("size of %s", a.id()).isEqualTo(a.size());
            assertThat(meta.path("ledgerIndex").asLong()).isEqualTo(a.ledgerIndex());
        }
        for (Acked a : newlyAcked) {
            HttpResponse<InputStream> content = api.content(a.id());
            assertThat(content.statusCode()).isEqualTo(200);
            try (InputStream in = content.body()) {
                assertThat(a.body().sameAs(in))
                        .as("content of %s reads back byte-identical", a.id())
                        .isTrue();
            }
        }

        LedgerAudit.VerifiedLog log = LedgerAudit.verify(api);
        for (Acked a : acked) {
            assertThat(a.ledgerIndex()).isLessThan(log.size());
            JsonNode entry = log.entries().get((int) a.ledgerIndex());
            assertThat(entry.path("type").asString()).isEqualTo("evidence.added");
            assertThat(entry.path("incident").asString()).isEqualTo(incident);
            if (a.repository().equals("AUDIT")) {
                assertThat(entry.path("body").path("evidence").asString()).isEqualTo(a.id());
                assertThat(entry.path("body").path("sha256").asString()).isEqualTo(a.sha256());
            } else {
                assertThat(entry.path("body").path("repository").asString()).isEqualTo("FORENSIC");
                assertThat(entry.path("body").path("commitment").asString()).hasSize(64);
            }
        }

        // Every row the server shows has its complete blob; rows committed but never acknowledged
        // (the answer was lost in the kill) are checked byte for byte against their address.
        Path blobs = dataDir.resolve("blobs");
        Map<String, Long> rows = new HashMap<>();
        Set<String> ackedIds = new HashSet<>();
        acked.forEach(a -> ackedIds.add(a.id()));
        JsonNode items = api.getJson("/api/v1/incidents/" + incident + "/evidence");
        for (JsonNode item : items) {
            String sha = item.path("sha256").asString();
            long size = item.path("size").asLong();
            rows.put(sha, size);
            Path blob = blobPath(blobs, sha);
            assertThat(blob)
                    .as("blob of evidence %s", item.path("id").asString())
                    .isRegularFile();
            assertThat(Files.size(blob)).isEqualTo(size);
            if (!ackedIds.contains(item.path("id").asString())) {
                assertThat(sha256(blob))
                        .as("unacknowledged but committed item %s", item.path("id"))
                        .isEqualTo(sha);
            }
            JsonNode entry = log.entries().get((int) item.path("ledgerIndex").asLong());
            assertThat(entry.path("type").asString()).isEqualTo("evidence.added");
        }
        assertThat(rows.keySet()).containsAll(acked.stream().map(Acked::sha256).toList());

        // The start-up sweep removed every blob no row refers to, and every temporary file.
        try (Stream<Path> files = Files.walk(blobs.resolve("sha256"))) {
            List<String> unreferenced = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !rows.containsKey(name))
                    .toList();
            assertThat(unreferenced).as("unreferenced blobs after restart").isEmpty();
        }
        try (Stream<Path> tmp = Files.list(blobs.resolve("tmp"))) {
            assertThat(tmp.toList()).as("temporary files after restart").isEmpty();
        }
    }

    private static Acked uploadOne(TandemClient api, String incident, RandomBody body) throws Exception {
        TandemClient.Answer a = api.upload(incident, "AUDIT", "LOG", "after-restart.bin", body);
        assertThat(a.status()).as("upload after restart: %s", a.body()).isEqualTo(201);
        JsonNode j = a.json();
        assertThat(j.path("sha256").asString()).isEqualTo(body.sha256());
        return new Acked(
                j.path("id").asString(),
                body.sha256(),
                body.size(),
                "AUDIT",
                j.path("ledgerIndex").asLong(),
                body);
    }

    /** Eight threads uploading random bodies until the server dies under them. */
    private static final class Uploads {
        final ConcurrentLinkedQueue<Acked> acked = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<RandomBody> lost = new ConcurrentLinkedQueue<>();
        final List<Thread> threads = new ArrayList<>();
        volatile boolean killing;

        Uploads(TandemClient api, String incident, long seed) {
            for (int t = 0; t < UPLOADERS; t++) {
                SplittableRandom random = new SplittableRandom(seed + t);
                String repository = t % 2 == 0 ? "AUDIT" : "FORENSIC";
                threads.add(Thread.ofPlatform().name("uploader-" + t).unstarted(() -> {
                    while (true) {
                        RandomBody body = new RandomBody(random.nextLong(), random.nextInt(MIN_BODY, MAX_BODY + 1));
                        String sha = body.sha256();
                        try {
                            TandemClient.Answer a = api.upload(incident, repository, "LOG", "crash.bin", body);
                            if (a.status() != 201) {
                                errors.add(a.status() + " " + a.body());
                                return;
                            }
                            JsonNode j = a.json();
                            if (!j.path("sha256").asString().equals(sha)
                                    || j.path("size").asLong() != body.size()) {
                                errors.add("acknowledged with the wrong digest or size: " + a.body());
                                return;
                            }
                            acked.add(new Acked(
                                    j.path("id").asString(),
                                    sha,
                                    body.size(),
                                    repository,
                                    j.path("ledgerIndex").asLong(),
                                    body));
                        } catch (IOException e) {
                            if (!killing) {
                                errors.add("connection failed before the kill: " + e);
                            }
                            lost.add(body);
                            return;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }));
            }
        }

        void start() {
            threads.forEach(Thread::start);
        }

        void join() throws InterruptedException {
            for (Thread t : threads) {
                t.join(60_000);
                assertThat(t.isAlive())
                        .as("%s ended after the kill", t.getName())
                        .isFalse();
            }
        }

        int inFlightAtKill() {
            return lost.size();
        }
    }

    static Path blobPath(Path blobs, String sha) {
        return blobs.resolve("sha256")
                .resolve(sha.substring(0, 2))
                .resolve(sha.substring(2, 4))
                .resolve(sha);
    }

    static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest());
    }

    static Path fresh(String name) throws IOException {
        Files.createDirectories(WORK);
        Path dir = WORK.resolve(name + "-data");
        deleteTree(dir);
        Files.deleteIfExists(WORK.resolve(name + ".log"));
        return dir;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
