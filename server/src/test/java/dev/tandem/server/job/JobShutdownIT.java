package dev.tandem.server.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.TestDatabases;
import dev.tandem.server.incident.Incidents;
import dev.tandem.server.incident.Severity;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.UserCreated;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job whose thread is interrupted by the shutdown while it waits for its ledger unit to commit
 * must not be marked FAILED: the unit may still commit. It stays RUNNING, to run again at the next
 * start.
 */
@SpringBootTest(properties = {"logging.level.dev.tandem=WARN"})
@DirtiesContext
class JobShutdownIT {
    static final CountDownLatch unitRunning = new CountDownLatch(1);
    static final CountDownLatch releaseUnit = new CountDownLatch(1);

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "job");
    }

    @TestConfiguration
    static class SlowUnitHandler {
        @Bean
        JobHandler slowLedgerUnit(Ledger ledger, JsonMapper json) {
            return new JobHandler() {
                @Override
                public String kind() {
                    return "TEST_SLOW_LEDGER_UNIT";
                }

                @Override
                public JsonNode run(Job job, JobContext context) {
                    ledger.record(ap -> {
                        unitRunning.countDown();
                        releaseUnit.await(30, TimeUnit.SECONDS);
                        return ap.record(new UserCreated("slow-" + job.id(), null, false), "test-slow-unit");
                    });
                    return json.createObjectNode();
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

    @Test
    void aJobInterruptedWhileItsLedgerUnitCommitsStaysRunning() throws Exception {
        String incident = incidents
                .open("shutdown", Severity.LOW, null, ZoneOffset.UTC, "test")
                .id();
        Job job = jobs.submit("TEST_SLOW_LEDGER_UNIT", incident, json.createObjectNode(), "test");
        assertThat(unitRunning.await(30, TimeUnit.SECONDS)).isTrue();

        // What the context's shutdown does first: interrupt the job threads, and wait for them.
        Thread stopping = Thread.ofPlatform().start(() -> {
            try {
                jobs.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopping.join(TimeUnit.SECONDS.toMillis(30));
        releaseUnit.countDown(); // the unit commits after its job thread has given up waiting for it

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (slowEntries() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(slowEntries()).isOne();
        assertThat(jdbc.queryForObject("SELECT status FROM job WHERE id = ?", String.class, job.id()))
                .isEqualTo("RUNNING");
    }

    private int slowEntries() {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM ledger_entry WHERE entry_type = 'user.created' AND actor = 'test-slow-unit'",
                Integer.class);
        return n == null ? 0 : n;
    }
}
