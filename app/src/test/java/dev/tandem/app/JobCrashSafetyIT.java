package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.tandem.app.bench.ScratchPostgres;
import dev.tandem.app.bench.ServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

/**
 * A background job survives {@code kill -9} of the server while it runs: after the restart each PII
 * scan and leak analysis is either finished with its results readable and recorded exactly once, or
 * failed with its reason; never half-recorded, never stuck. A real server process (the fat jar) is
 * killed with SIGKILL while a job reports progress, restarted on the same data, and checked from
 * outside: the jobs, their findings, their ledger entries, the whole ledger against its signed
 * checkpoint, and the blob directory against the {@code blob_owner} table. Three cycles per store.
 */
class JobCrashSafetyIT {
    static final int CYCLES = 3;
    static final int SCANS = 3;
    /** Customers per scanned export: about 11 MB, a few seconds of scanning in the C1-only child. */
    static final int CUSTOMERS = 120_000;
    /** Event-log rows of the analyzed org: about 23 MB, a few seconds of analysis. */
    static final long EVENT_ROWS = 400_000;

    static final Duration JOBS_END = Duration.ofMinutes(5);

    @RegisterExtension
    final ServerLogsOnFailure logs = new ServerLogsOnFailure();

    /** A job the test queued, and the evidence it reads. */
    record Queued(String id, String kind, String evidence) {}

    @Test
    void jobsKilledWhileRunningEndFinishedOrFailedOnH2() throws Exception {
        Path dir = CrashSafetyIT.fresh("jobs-h2");
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("db/tandem")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
        // Embedded H2 is locked by the server while it runs: the database is read with the server stopped.
        crashCycles(CrashSafetyIT.launch(dir, "jobs-h2"), dir, () -> DriverManager.getConnection(url, "sa", ""), true);
        CrashSafetyIT.deleteTree(dir);
    }

    @Test
    void jobsKilledWhileRunningEndFinishedOrFailedOnPostgres() throws Exception {
        Path dir = CrashSafetyIT.fresh("jobs-pg");
        try (ScratchPostgres db = ScratchPostgres.create("tandem_job_crash_it")) {
            ServerProcess.Launch launch = CrashSafetyIT.launch(dir, "jobs-pg");
            for (var e : db.serverEnvironment().entrySet()) {
                launch = launch.withEnv(e.getKey(), e.getValue());
            }
            crashCycles(launch, dir, db::connect, false);
        }
        CrashSafetyIT.deleteTree(dir);
    }

    interface Database {
        Connection connect() throws SQLException;
    }

    private void crashCycles(ServerProcess.Launch launch, Path dataDir, Database db, boolean stopToQuery)
            throws Exception {
        long seed = System.nanoTime();
        System.out.println(
                "JobCrashSafetyIT seed " + seed + ", logs in " + launch.log().toAbsolutePath());
        Random random = new Random(seed);
        Path inputs = CrashSafetyIT.WORK.resolve(dataDir.getFileName() + "-inputs");
        CrashSafetyIT.deleteTree(inputs);
        Path eventLogs = JobInputs.eventLogZip(inputs, 2026, EVENT_ROWS);
        List<Queued> all = new ArrayList<>();
        @Nullable ServerProcess server = start(launch);
        try {
            TandemClient api = new TandemClient(server.baseUrl(), CrashSafetyIT.ADMIN_TOKEN);
            String incident = api.openIncident("Job crash test " + Instant.now());
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                long started = System.nanoTime();
                if (server == null) {
                    server = start(launch);
                    api = new TandemClient(server.baseUrl(), CrashSafetyIT.ADMIN_TOKEN);
                }
                List<Queued> queued = queue(api, incident, inputs, eventLogs, random.nextLong());
                all.addAll(queued);

                // The first cycle kills the first scan, the second the analysis, the third a job
                // chosen at random but never the last: once it runs and has stored progress, the kill
                // comes at a random moment between now and a little after its expected end (estimated
                // from its progress), so that it lands in the scan, in the analysis, in the recording
                // unit, or early in the next job, never in an idle server.
                int victim = cycle == 1 ? 0 : cycle == 2 ? 1 : random.nextInt(queued.size() - 1);
                Running running = awaitRunning(api, queued.subList(victim, queued.size()));
                long delay = (long) (random.nextDouble() * 1.2 * running.remainingMillis());
                Thread.sleep(delay);
                assertThat(server.kill9())
                        .as("exit status after SIGKILL (128 + 9)")
                        .isEqualTo(137);

                server = start(launch);
                api = new TandemClient(server.baseUrl(), CrashSafetyIT.ADMIN_TOKEN);
                List<JsonNode> ended = awaitEnd(api, all);
                checkJobs(api, incident, all, ended);
                if (stopToQuery) {
                    server.close();
                    server = null;
                }
                checkBlobs(db, dataDir, all);
                System.out.printf(
                        "cycle %d: killed %d ms after %s %s reported %d of %d; after the restart %s; %d s%n",
                        cycle,
                        delay,
                        running.job().kind(),
                        running.job().id(),
                        running.done(),
                        running.total(),
                        ended.subList(ended.size() - queued.size(), ended.size()).stream()
                                .map(j -> j.path("kind").asString() + " "
                                        + j.path("status").asString() + " (started "
                                        + j.path("attempts").asInt() + "x)")
                                .toList(),
                        Duration.ofNanos(System.nanoTime() - started).toSeconds());
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        CrashSafetyIT.deleteTree(inputs);
    }

    private ServerProcess start(ServerProcess.Launch launch) throws Exception {
        logs.add(launch.log());
        return ServerProcess.start(launch, Duration.ofSeconds(120));
    }

    /**
     * Uploads {@link #SCANS} customer exports (distinct bytes, so that each scan is the latest of its
     * bytes) and the event logs, and queues a scan of each export with the analysis among them. One
     * job runs at a time, in the order queued.
     */
    private static List<Queued> queue(TandemClient api, String incident, Path inputs, Path eventLogs, long seed)
            throws IOException {
        List<Queued> queued = new ArrayList<>();
        String logsItem = api.uploadFile(incident, "AUDIT", "LOG", eventLogs);
        for (int s = 0; s < SCANS; s++) {
            Path csv = JobInputs.customerCsv(inputs.resolve("customers-" + (seed + s) + ".csv"), seed + s, CUSTOMERS);
            String item = api.uploadFile(incident, "AUDIT", "DATA_EXPORT", csv);
            Files.delete(csv);
            TandemClient.Answer scan = api.postJson("/api/v1/evidence/" + item + "/scans", "{}");
            assertThat(scan.status()).as("scan queued: %s", scan.body()).isEqualTo(202);
            queued.add(new Queued(scan.json().path("id").asString(), "PII_SCAN", item));
            if (s == 0) {
                TandemClient.Answer analysis = api.postJson(
                        "/api/v1/incidents/" + incident + "/analyses", "{\"evidence\":[\"" + logsItem + "\"]}");
                assertThat(analysis.status())
                        .as("analysis queued: %s", analysis.body())
                        .isEqualTo(202);
                queued.add(new Queued(analysis.json().path("job").path("id").asString(), "LEAK_ANALYSIS", logsItem));
            }
        }
        return queued;
    }

    /** A job seen running: its progress then, and how long it has run. */
    record Running(Queued job, long done, long total, Duration ran) {
        /** Its expected remaining time, at the pace it has kept so far. */
        long remainingMillis() {
            return total <= done ? 0 : ran.toMillis() * (total - done) / done;
        }
    }

    /** The first of {@code candidates} seen RUNNING with progress stored. */
    private static Running awaitRunning(TandemClient api, List<Queued> candidates) throws InterruptedException {
        long deadline = System.nanoTime() + JOBS_END.toNanos();
        while (System.nanoTime() < deadline) {
            boolean allEnded = true;
            for (Queued q : candidates) {
                JsonNode job = api.getJson("/api/v1/jobs/" + q.id());
                String status = job.path("status").asString();
                long done = job.path("done").asLong();
                if (status.equals("RUNNING") && done > 0) {
                    Duration ran =
                            Duration.between(Instant.parse(job.path("startedAt").asString()), Instant.now());
                    return new Running(q, done, job.path("total").asLong(), ran);
                }
                allEnded &= !status.equals("QUEUED") && !status.equals("RUNNING");
            }
            if (allEnded) {
                fail("every job ended before one was seen running with progress: the inputs are too small to"
                        + " kill a job while it runs");
            }
            Thread.sleep(50);
        }
        return fail("no job was seen running within " + JOBS_END);
    }

    /** Every job as the restarted server answers once none is QUEUED or RUNNING (a stuck one fails). */
    private static List<JsonNode> awaitEnd(TandemClient api, List<Queued> jobs) throws InterruptedException {
        long deadline = System.nanoTime() + JOBS_END.toNanos();
        List<JsonNode> ended = new ArrayList<>();
        for (Queued q : jobs) {
            while (true) {
                JsonNode job = api.getJson("/api/v1/jobs/" + q.id());
                String status = job.path("status").asString();
                if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                    ended.add(job);
                    break;
                }
                assertThat(System.nanoTime())
                        .as("job %s (%s) still %s after %s", q.id(), q.kind(), status, JOBS_END)
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        return ended;
    }

    /**
     * Each job finished with its results readable and recorded exactly once, or failed with a reason
     * and recorded nothing; and the whole ledger verifies.
     */
    private static void checkJobs(TandemClient api, String incident, List<Queued> queued, List<JsonNode> ended) {
        LedgerAudit.VerifiedLog log = LedgerAudit.verify(api);
        for (int i = 0; i < queued.size(); i++) {
            Queued q = queued.get(i);
            JsonNode job = ended.get(i);
            String status = job.path("status").asString();
            assertThat(status).as("job %s (%s): %s", q.id(), q.kind(), job).isIn("SUCCEEDED", "FAILED");
            List<JsonNode> results =
                    entries(log, q.kind().equals("PII_SCAN") ? "pii.scanned" : "analysis.completed", q);
            if (status.equals("FAILED")) {
                assertThat(job.path("error").asString())
                        .as("reason of failed job %s", q.id())
                        .isNotBlank();
                assertThat(results)
                        .as("entries recording failed job %s", q.id())
                        .isEmpty();
                assertThat(entries(log, "leak.finding", q)).isEmpty();
                continue;
            }
            assertThat(results)
                    .as("%s entries of job %s (%s)", q.kind(), q.id(), job)
                    .hasSize(1);
            JsonNode recorded = results.getFirst();
            JsonNode result = job.path("result");
            if (q.kind().equals("PII_SCAN")) {
                checkScan(api, q, result, recorded);
            } else {
                checkAnalysis(api, incident, log, q, result, recorded);
            }
        }
    }

    private static void checkScan(TandemClient api, Queued q, JsonNode result, JsonNode recorded) {
        JsonNode latest = api.getJson("/api/v1/evidence/" + q.evidence() + "/pii");
        assertThat(latest.path("job").asString())
                .as("latest scan of %s", q.evidence())
                .isEqualTo(q.id());
        long findings = latest.path("findings").asLong();
        assertThat(findings).as("findings of scan %s", q.id()).isPositive();
        assertThat(result.path("findings").asLong())
                .as("job result of %s", q.id())
                .isEqualTo(findings);
        assertThat(result.path("findingsSha256").asString())
                .as("findings blob named by the result of %s and by its stored summary", q.id())
                .isEqualTo(latest.path("findingsSha256").asString());
        assertThat(result.path("ledgerIndex").asLong())
                .isEqualTo(latest.path("ledgerIndex").asLong());
        assertThat(recorded.path("body").path("findings").asLong()).isEqualTo(findings);
        assertThat(recorded.path("body").path("findingsSha256").asString())
                .isEqualTo(latest.path("findingsSha256").asString());
        TandemClient.Answer lines = api.get("/api/v1/evidence/" + q.evidence() + "/pii/findings");
        assertThat(lines.status()).as("stored findings of scan %s", q.id()).isEqualTo(200);
        assertThat(lines.body().lines().filter(l -> !l.isBlank()).count())
                .as("lines of the stored findings of scan %s", q.id())
                .isEqualTo(findings);
    }

    private static void checkAnalysis(
            TandemClient api,
            String incident,
            LedgerAudit.VerifiedLog log,
            Queued q,
            JsonNode result,
            JsonNode recorded) {
        JsonNode listed = api.getJson("/api/v1/incidents/" + incident + "/findings?analysis=" + q.id());
        JsonNode findings = listed.path("findings");
        assertThat(findings.size()).as("findings of analysis %s", q.id()).isPositive();
        assertThat(result.path("findings").asInt()).isEqualTo(findings.size());
        assertThat(recorded.path("body").path("findings").asInt()).isEqualTo(findings.size());
        List<JsonNode> entries = entries(log, "leak.finding", q);
        assertThat(entries).as("leak.finding entries of analysis %s", q.id()).hasSize(findings.size());
        Set<String> ids = new HashSet<>();
        for (JsonNode f : findings) {
            ids.add(f.path("id").asString());
            JsonNode entry = log.entries().get((int) f.path("ledgerIndex").asLong());
            assertThat(entry.path("type").asString()).isEqualTo("leak.finding");
            assertThat(entry.path("body").path("finding").asString())
                    .isEqualTo(f.path("id").asString());
        }
        assertThat(entries.stream().map(e -> e.path("body").path("finding").asString()))
                .as("every leak.finding entry of %s is a listed finding", q.id())
                .allMatch(ids::contains);
    }

    /** The entries of {@code type} recorded for job {@code q} (AUDIT evidence: their bodies are public). */
    private static List<JsonNode> entries(LedgerAudit.VerifiedLog log, String type, Queued q) {
        String key = type.equals("pii.scanned") ? "job" : "analysis";
        return log.entries().stream()
                .filter(e -> e.path("type").asString().equals(type))
                .filter(e -> e.path("body").path(key).asString().equals(q.id()))
                .toList();
    }

    /**
     * Read from the database: every file under {@code <data-dir>/blobs} has an owner, no temporary
     * file is left (nor a scan's findings file in {@code <data-dir>/work/pii-scan}), and no job is
     * left QUEUED or RUNNING or recorded without having succeeded.
     */
    private static void checkBlobs(Database db, Path dataDir, List<Queued> queued) throws Exception {
        Set<String> owned = new HashSet<>();
        Set<String> recordedJobs = new HashSet<>();
        Set<String> succeeded = new HashSet<>();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT sha256 FROM blob_owner")) {
                while (rs.next()) {
                    owned.add(rs.getString(1));
                }
            }
            try (ResultSet rs =
                    s.executeQuery("SELECT job_id FROM pii_scan UNION ALL SELECT job_id FROM leak_analysis")) {
                while (rs.next()) {
                    assertThat(recordedJobs.add(rs.getString(1)))
                            .as("job %s recorded twice", rs.getString(1))
                            .isTrue();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT id, status FROM job")) {
                while (rs.next()) {
                    assertThat(rs.getString(2)).as("job %s", rs.getString(1)).isNotIn("QUEUED", "RUNNING");
                    if (rs.getString(2).equals("SUCCEEDED")) {
                        succeeded.add(rs.getString(1));
                    }
                }
            }
        }
        assertThat(recordedJobs).as("jobs with a recorded result").isEqualTo(succeeded);
        Path blobs = dataDir.resolve("blobs");
        try (Stream<Path> files = Files.walk(blobs.resolve("sha256"))) {
            List<String> unowned = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !owned.contains(name))
                    .toList();
            assertThat(unowned).as("blobs without a blob_owner row").isEmpty();
        }
        try (Stream<Path> tmp = Files.list(blobs.resolve("tmp"))) {
            assertThat(tmp.toList()).as("temporary files").isEmpty();
        }
        // a scan killed while writing its findings leaves the file; the restarted server removes it
        try (Stream<Path> work = Files.list(dataDir.resolve("work").resolve("pii-scan"))) {
            assertThat(work.toList()).as("findings files of scans").isEmpty();
        }
    }
}
