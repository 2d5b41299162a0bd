package dev.tandem.server.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.DomainException;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.incident.Severity;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Bounded work: jobs that fail with an {@link Error} end FAILED with the reason; a job that never
 * finished after {@code max-attempts} starts is given up; queues are limited per requester;
 * requesters take turns; queued and running jobs can be cancelled. Run on H2 and PostgreSQL.
 */
@SpringBootTest(
        properties = {
            "logging.level.dev.tandem=WARN",
            "tandem.jobs.threads=1",
            "tandem.jobs.max-queued-per-user=3",
            "tandem.jobs.max-attempts=2"
        })
@Import(JobsContract.Handlers.class)
abstract class JobsContract {
    /** Jobs of kind TEST_GATED wait for a permit; each start is recorded with its requester. */
    static final Semaphore gate = new Semaphore(0);

    static final List<String> started = new ArrayList<>();

    @TestConfiguration
    static class Handlers {
        @Bean
        JobHandler gated(JsonMapper json) {
            return new JobHandler() {
                @Override
                public String kind() {
                    return "TEST_GATED";
                }

                @Override
                public JsonNode run(Job job, JobContext context) throws InterruptedException {
                    synchronized (started) {
                        started.add(job.requestedBy());
                    }
                    while (!gate.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        context.progress(1, 2); // a cancelled job stops here
                    }
                    return json.createObjectNode();
                }
            };
        }

        @Bean
        JobHandler outOfMemory() {
            return new JobHandler() {
                @Override
                public String kind() {
                    return "TEST_OOM";
                }

                @Override
                public JsonNode run(Job job, JobContext context) {
                    throw new OutOfMemoryError("Java heap space");
                }
            };
        }
    }

    @Autowired
    Jobs jobs;

    @Autowired
    Incidents incidents;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    String incident;

    @BeforeEach
    void open() {
        incident = incidents
                .open("jobs", Severity.LOW, null, ZoneOffset.UTC, "ada")
                .id();
        synchronized (started) {
            started.clear();
        }
        gate.drainPermits();
    }

    @Test
    void aJobFailingWithAnErrorEndsFailedWithTheReason() throws Exception {
        Job job = jobs.submit("TEST_OOM", incident, json.createObjectNode(), "ada");
        Job done = await(job.id());
        assertThat(done.status()).isEqualTo(Job.Status.FAILED);
        assertThat(done.error()).startsWith("out of memory: Java heap space");
    }

    @Test
    void aJobStartedMaxAttemptsTimesWithoutFinishingIsGivenUpAtTheNextStart() {
        Job job = jobs.submit("TEST_OOM", incident, json.createObjectNode(), "ada");
        await(job.id());
        // as a process killed while it ran twice leaves it
        jdbc.update(
                "UPDATE job SET status = 'RUNNING', attempts = 2, finished_at = NULL, error = NULL WHERE id = ?",
                job.id());
        jobs.afterSingletonsInstantiated();
        Job after = jobs.find(job.id()).orElseThrow();
        assertThat(after.status()).isEqualTo(Job.Status.FAILED);
        assertThat(after.error()).contains("started 2 times and never finished");
    }

    @Test
    void requestersTakeTurnsAndEachMayQueueOnlySoMany() throws Exception {
        Job first = jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        awaitStarted(1);
        jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        assertThatThrownBy(() -> jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada"))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        p -> assertThat(p.kind()).isEqualTo(DomainException.Kind.TOO_MANY_REQUESTS));
        Job bob = jobs.submit("TEST_GATED", incident, json.createObjectNode(), "bob");
        gate.release(5);
        await(bob.id());
        await(first.id());
        awaitStarted(5);
        synchronized (started) {
            // bob queued last but goes second: ada had just been served
            assertThat(started).containsExactly("ada", "bob", "ada", "ada", "ada");
        }
    }

    @Test
    void queuedAndRunningJobsCanBeCancelled() throws Exception {
        Job running = jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        awaitStarted(1);
        Job queued = jobs.submit("TEST_GATED", incident, json.createObjectNode(), "ada");
        assertThat(jobs.cancel(queued.id(), "lena").status()).isEqualTo(Job.Status.CANCELLED);
        jobs.cancel(running.id(), "lena");
        Job stopped = await(running.id());
        assertThat(stopped.status()).isEqualTo(Job.Status.CANCELLED);
        assertThatThrownBy(() -> jobs.cancel(running.id(), "lena"))
                .isInstanceOfSatisfying(
                        DomainException.class, p -> assertThat(p.kind()).isEqualTo(DomainException.Kind.CONFLICT));
        Integer entries = jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE entry_type = 'job.cancelled' AND incident_id = ?",
                Integer.class,
                incident);
        assertThat(entries).isEqualTo(2);
    }

    private Job await(String id) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Job j = jobs.find(id).orElseThrow();
            if (j.status().finished()) {
                return j;
            }
            sleep();
        }
        throw new AssertionError("job " + id + " did not finish in 30 s");
    }

    private static void awaitStarted(int n) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            synchronized (started) {
                if (started.size() >= n) {
                    return;
                }
            }
            sleep();
        }
        throw new AssertionError(n + " jobs did not start in 30 s");
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
