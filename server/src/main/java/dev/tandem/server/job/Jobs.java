package dev.tandem.server.job;

import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.JobCancelled;
import dev.tandem.server.ledger.fact.JobQueued;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
    private final Limits limits;
    /** When each requester last had a job started here: the next job goes to who waited longest. */
    private final Map<String, Long> lastServed = new ConcurrentHashMap<>();

    private final Object claiming = new Object();

    /**
     * @param maxAttempts starts after which a job that never finished (its process stopped or died
     *     while it ran, out of memory say) is failed instead of run again
     * @param maxQueued queued jobs at most, all requesters together (503 beyond)
     * @param maxQueuedPerUser queued jobs at most per requester (429 beyond)
     */
    public record Limits(int maxAttempts, int maxQueued, int maxQueuedPerUser) {}

    Jobs(
            JdbcTemplate jdbc,
            Ledger ledger,
            Clock clock,
            JsonMapper json,
            List<JobHandler> handlers,
            @Value("${tandem.jobs.threads:1}") int threads,
            @Value("${tandem.jobs.max-attempts:3}") int maxAttempts,
            @Value("${tandem.jobs.max-queued:200}") int maxQueued,
            @Value("${tandem.jobs.max-queued-per-user:20}") int maxQueuedPerUser) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
        this.json = json;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::kind, Function.identity()));
        this.pool = Executors.newFixedThreadPool(
                Math.max(1, threads),
                Thread.ofPlatform().name("tandem-job-", 0).daemon().factory());
        this.limits = new Limits(Math.max(1, maxAttempts), Math.max(1, maxQueued), Math.max(1, maxQueuedPerUser));
    }

    /**
     * Queues a job; answers once it is durably queued (row and ledger entry committed).
     *
     * @throws DomainException 429 when the requester has {@link Limits#maxQueuedPerUser} jobs waiting, 503
     *     when {@link Limits#maxQueued} jobs wait in all
     */
    public Job submit(String kind, @Nullable String incidentId, ObjectNode input, String actor) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException("no handler for jobs of kind " + kind);
        }
        Integer mine = jdbc.queryForObject(
                "SELECT COUNT(*) FROM job WHERE status = 'QUEUED' AND requested_by = ?", Integer.class, actor);
        if (mine != null && mine >= limits.maxQueuedPerUser()) {
            throw new DomainException(
                    DomainException.Kind.TOO_MANY_REQUESTS,
                    "too-many-jobs",
                    "Too many jobs",
                    actor + " has " + mine + " jobs waiting (at most " + limits.maxQueuedPerUser()
                            + "); wait for them or cancel some (POST /api/v1/jobs/{id}/cancel)");
        }
        Integer all = jdbc.queryForObject("SELECT COUNT(*) FROM job WHERE status = 'QUEUED'", Integer.class);
        if (all != null && all >= limits.maxQueued()) {
            throw new DomainException(
                    DomainException.Kind.SERVICE_UNAVAILABLE,
                    "job-queue-full",
                    "Job queue full",
                    all + " jobs are waiting (at most " + limits.maxQueued() + "); try again later");
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
        pool.execute(this::runNext);
        return find(id).orElseThrow();
    }

    /**
     * Cancels a job: a queued one at once; a running one at its next progress report (the handler
     * is told through {@link JobContext#progress}), also when another server process runs it.
     *
     * @throws DomainException 409 for a job that has finished
     */
    public Job cancel(String id, String actor) {
        Job job = find(id).orElseThrow(() -> DomainException.notFound("job", id));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ledger.record(ap -> {
            int queued = jdbc.update(
                    "UPDATE job SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = ?, error = ?"
                            + " WHERE id = ? AND status = 'QUEUED'",
                    Timestamp.from(now),
                    "cancelled by " + actor + " before it started",
                    id);
            int running = queued > 0
                    ? 0
                    : jdbc.update("UPDATE job SET cancel_requested = TRUE WHERE id = ? AND status = 'RUNNING'", id);
            if (queued + running == 0) {
                Job now2 = find(id).orElseThrow();
                throw new DomainException(
                        DomainException.Kind.CONFLICT,
                        "job-finished",
                        "Job finished",
                        "job " + id + " is " + now2.status() + "; only queued or running jobs can be cancelled");
            }
            ap.record(new JobCancelled(job.incidentId(), id, job.kind(), queued > 0 ? "QUEUED" : "RUNNING"), actor);
            return null;
        });
        return find(id).orElseThrow();
    }

    public Optional<Job> find(String id) {
        return jdbc.query("SELECT * FROM job WHERE id = ?", this::map, id).stream()
                .findFirst();
    }

    /** Jobs of the installation (no incident) of {@code kind}, newest first. */
    public List<Job> ofInstallation(String kind) {
        return jdbc.query(
                "SELECT * FROM job WHERE incident_id IS NULL AND kind = ? ORDER BY requested_at DESC, id DESC",
                this::map,
                kind);
    }

    public List<Job> ofIncident(String incidentId) {
        return jdbc.query("SELECT * FROM job WHERE incident_id = ? ORDER BY requested_at", this::map, incidentId);
    }

    /**
     * Runs jobs left queued or running by a previous process: a running one goes back to the queue,
     * unless it was started {@link Limits#maxAttempts} times already without finishing (it may be
     * what stopped the process), then it fails with that reason.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Timestamp now = Timestamp.from(clock.instant());
        int givenUp = jdbc.update(
                "UPDATE job SET status = 'FAILED', finished_at = ?, error = ? WHERE status = 'RUNNING' AND attempts >= ?",
                now,
                "started " + limits.maxAttempts() + " times and never finished: the server stopped or crashed while"
                        + " it ran (out of memory?); it is not run again. Start a new one once the cause is fixed.",
                limits.maxAttempts());
        if (givenUp > 0) {
            log.warn("{} job(s) were started {} times without finishing; marked FAILED", givenUp, limits.maxAttempts());
        }
        int requeued = jdbc.update("UPDATE job SET status = 'QUEUED' WHERE status = 'RUNNING'");
        Integer queued = jdbc.queryForObject("SELECT COUNT(*) FROM job WHERE status = 'QUEUED'", Integer.class);
        if (queued != null && queued > 0) {
            log.info("resuming {} job(s) ({} interrupted by the last stop)", queued, requeued);
            for (int i = 0; i < queued; i++) {
                pool.execute(this::runNext);
            }
        }
    }

    /**
     * Claims and runs the next queued job, fairly: of the requesters with queued jobs, the one whose
     * last job started here longest ago goes first, with their oldest job. The claim is a
     * conditional update, so two server processes never run the same job.
     */
    private void runNext() {
        String id = claimNext();
        if (id != null) {
            run(id);
        }
    }

    private @Nullable String claimNext() {
        synchronized (claiming) {
            for (int tries = 0; tries < 10; tries++) {
                List<String[]> queued = jdbc.query(
                        "SELECT id, requested_by FROM job WHERE status = 'QUEUED' ORDER BY requested_at, id LIMIT 1000",
                        (rs, n) -> new String[] {rs.getString(1), rs.getString(2)});
                if (queued.isEmpty()) {
                    return null;
                }
                String[] next = queued.getFirst();
                long oldest = Long.MAX_VALUE;
                Map<String, Boolean> seen = new HashMap<>();
                for (String[] q : queued) {
                    if (seen.putIfAbsent(q[1], true) == null) {
                        long served = lastServed.getOrDefault(q[1], Long.MIN_VALUE);
                        if (served < oldest || oldest == Long.MAX_VALUE) {
                            oldest = served;
                            next = q;
                        }
                    }
                }
                int claimed = jdbc.update(
                        "UPDATE job SET status = 'RUNNING', started_at = ?, done_units = 0, attempts = attempts + 1"
                                + " WHERE id = ? AND status = 'QUEUED'",
                        Timestamp.from(clock.instant()),
                        next[0]);
                if (claimed == 1) {
                    lastServed.put(next[1], System.nanoTime());
                    return next[0];
                }
                // another process (or a cancel) took it first: look again
            }
            return null;
        }
    }

    private void run(String id) {
        Job job = find(id).orElse(null);
        if (job == null || job.status() != Job.Status.RUNNING) {
            return;
        }
        JobHandler handler = handlers.get(job.kind());
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
        } catch (Throwable e) {
            if (progress.cancelled) {
                finish(id, "CANCELLED", "cancelled while it ran");
                log.info("job {} ({}) cancelled", id, job.kind());
                return;
            }
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
            if (e instanceof OutOfMemoryError) {
                message = "out of memory: " + message + " (give the server more heap, -Xmx, or split the evidence)";
            } else if (e instanceof Error) {
                message = e.getClass().getSimpleName() + ": " + message;
            }
            finish(id, "FAILED", message);
        }
    }

    private void finish(String id, String status, String message) {
        jdbc.update(
                "UPDATE job SET status = ?, finished_at = ?, error = ? WHERE id = ?",
                status,
                Timestamp.from(clock.instant()),
                message.length() > 2000 ? message.substring(0, 2000) : message,
                id);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Stores progress at most once a second, and learns then whether the job was cancelled (also by
     * another server process): from then on every report throws {@link JobCancelledException}, which
     * unwinds the handler. Interrupting the thread instead would close an embedded H2 database.
     */
    private final class Progress implements JobContext {
        private final String id;
        private long lastWrite;
        volatile boolean cancelled;

        Progress(String id) {
            this.id = id;
        }

        @Override
        public void progress(long doneUnits, long totalUnits) {
            progress(doneUnits, totalUnits, null);
        }

        @Override
        public synchronized void progress(long doneUnits, long totalUnits, @Nullable JsonNode sofar) {
            if (cancelled) {
                throw new JobCancelledException(id);
            }
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping; and a write on an interrupted thread would close an embedded H2
            }
            long now = System.nanoTime();
            if (now - lastWrite < 1_000_000_000L) {
                return;
            }
            lastWrite = now;
            if (sofar == null) {
                jdbc.update("UPDATE job SET done_units = ?, total_units = ? WHERE id = ?", doneUnits, totalUnits, id);
            } else {
                jdbc.update(
                        "UPDATE job SET done_units = ?, total_units = ?, result = ? WHERE id = ? AND status = 'RUNNING'",
                        doneUnits,
                        totalUnits,
                        json.writeValueAsString(sofar),
                        id);
            }
            Boolean requested = jdbc.queryForObject("SELECT cancel_requested FROM job WHERE id = ?", Boolean.class, id);
            if (Boolean.TRUE.equals(requested)) {
                cancelled = true;
                throw new JobCancelledException(id);
            }
        }
    }

    /** Thrown from a progress report of a job someone cancelled. */
    static final class JobCancelledException extends RuntimeException {
        JobCancelledException(String id) {
            super("job " + id + " was cancelled");
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
                rs.getLong("ledger_index"),
                rs.getInt("attempts"),
                rs.getBoolean("cancel_requested"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
