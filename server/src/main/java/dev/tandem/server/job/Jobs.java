package dev.tandem.server.job;

import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.JobQueued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Queues and runs background jobs on a small pool. A job is a row before it is anything else, with
 * its {@code job.queued} ledger entry; at start-up, jobs that were queued or running when the
 * process stopped are run again from the start, so no accepted job is lost.
 */
@Service
public class Jobs implements SmartInitializingSingleton, DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Jobs.class);

    private final JdbcTemplate jdbc;
    private final Ledger ledger;
    private final Clock clock;
    private final JsonMapper json;
    private final Map<String, JobHandler> handlers;
    private final ExecutorService pool;

    Jobs(
            JdbcTemplate jdbc,
            Ledger ledger,
            Clock clock,
            JsonMapper json,
            List<JobHandler> handlers,
            @Value("${tandem.jobs.threads:1}") int threads) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.pool = Executors.newFixedThreadPool(
                Math.max(1, threads),
                Thread.ofPlatform().name("tandem-job-", 0).daemon().factory());
    }

    /** Queues a job; answers once it is durably queued (row and ledger entry committed). */
    public Job submit(String kind, String incidentId, ObjectNode input, String actor) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException("no handler for jobs of kind " + kind);
        }
        String id = Ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ledger.record(ap -> {
            long index = ap.record(new JobQueued(id, kind, incidentId, input), actor);
            jdbc.update(
                    "INSERT INTO job (id, kind, incident_id, input, status, done_units, total_units, requested_by,"
                            + " requested_at, ledger_index) VALUES (?, ?, ?, ?, 'QUEUED', 0, 0, ?, ?, ?)",
                    id,
                    kind,
                    incidentId,
                    json.writeValueAsString(input),
                    actor,
                    Timestamp.from(now),
                    index);
            return index;
        });
        pool.execute(() -> run(id));
        return find(id).orElseThrow();
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM job WHERE id = ?", this::map, id).stream()
                .findFirst();
    }

    public List<Job> ofIncident(String incidentId) {
        return jdbc.query("SELECT * FROM job WHERE incident_id = ? ORDER BY requested_at", this::map, incidentId);
    }

    /** Runs jobs left queued or running by a previous process. */
    @Override
    public void afterSingletonsInstantiated() {
        List<String> pending = jdbc.queryForList(
                "SELECT id FROM job WHERE status IN ('QUEUED', 'RUNNING') ORDER BY requested_at", String.class);
        if (!pending.isEmpty()) {
            log.info("resuming {} job(s) interrupted by the last stop", pending.size());
        }
        pending.forEach(id -> pool.execute(() -> run(id)));
    }

    private void run(String id) {
        Job job = find(id).orElse(null);
        if (job == null || job.status() == Job.Status.SUCCEEDED || job.status() == Job.Status.FAILED) {
            return;
        }
        JobHandler handler = handlers.get(job.kind());
        jdbc.update(
                "UPDATE job SET status = 'RUNNING', started_at = ?, done_units = 0 WHERE id = ?",
                Timestamp.from(clock.instant()),
                id);
        Progress progress = new Progress(id);
        try {
            JsonNode result = handler.run(job, progress);
            // The job is done, even if a shutdown interrupted it at the very end. A write on an
            // interrupted thread would close the embedded H2 database, so clear the flag around it.
            boolean interrupted = Thread.interrupted();
            jdbc.update(
                    "UPDATE job SET status = 'SUCCEEDED', finished_at = ?, result = ?, done_units = total_units"
                            + " WHERE id = ?",
                    Timestamp.from(clock.instant()),
                    json.writeValueAsString(result),
                    id);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            // shutting down: the job stays RUNNING and is run again at the next start
            Thread.currentThread().interrupt();
        } catch (Exception | LinkageError e) {
            if (pool.isShutdown() || Thread.currentThread().isInterrupted()) {
                // Stopped by the shutdown, perhaps while its last ledger unit was still committing:
                // FAILED could be wrong. It stays RUNNING and runs again from the start at the next
                // start, which handlers allow (JobHandler).
                log.info(
                        "job {} ({}) stopped by the shutdown ({}); it runs again at the next start",
                        id,
                        job.kind(),
                        e.toString());
                return;
            }
            log.warn("job {} ({}) failed: {}", id, job.kind(), e.toString());
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jdbc.update(
                    "UPDATE job SET status = 'FAILED', finished_at = ?, error = ? WHERE id = ?",
                    Timestamp.from(clock.instant()),
                    message.length() > 2000 ? message.substring(0, 2000) : message,
                    id);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private final class Progress implements JobContext {
        private final String id;
        private long lastWrite;

        Progress(String id) {
            this.id = id;
        }

        @Override
        public void progress(long doneUnits, long totalUnits) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping; and a write on an interrupted thread would close an embedded H2
            }
            long now = System.nanoTime();
            if (now - lastWrite < 1_000_000_000L) {
                return;
            }
            lastWrite = now;
            jdbc.update("UPDATE job SET done_units = ?, total_units = ? WHERE id = ?", doneUnits, totalUnits, id);
        }
    }

    private Job map(ResultSet rs, int n) throws SQLException {
        return new Job(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("incident_id"),
                json.readTree(rs.getString("input")),
                Job.Status.valueOf(rs.getString("status")),
                rs.getLong("done_units"),
                rs.getLong("total_units"),
                rs.getString("requested_by"),
                rs.getTimestamp("requested_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("result") == null ? null : json.readTree(rs.getString("result")),
                rs.getString("error"),
                rs.getLong("ledger_index"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
