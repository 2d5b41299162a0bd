package dev.tandem.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.server.ledger.fact.UserCreated;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The sequencer's batches on an in-memory H2 with the real migrations, without a Spring context. */
class LedgerSequencerTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SingleConnectionDataSource ds;
    private JdbcTemplate jdbc;
    private LedgerSequencer sequencer;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:seq-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        ds = new SingleConnectionDataSource(h2.getURL(), "", "", true);
        jdbc = new JdbcTemplate(ds);
        NoteSigner signer = NoteSigner.generate("tandem/test");
        jdbc.update(
                "INSERT INTO ledger_head (id, tree_size, root_hash, checkpoint) VALUES (1, 0, ?, '')",
                MerkleLog.emptyRootHash());
        sequencer = new LedgerSequencer(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                signer,
                "tandem/test",
                Clock.systemUTC(),
                JSON,
                512,
                Duration.ofMillis(250));
        sequencer.start();
    }

    @AfterEach
    void close() {
        sequencer.close();
        ds.destroy();
    }

    /** A unit that writes a row and an entry, then fails or not; a failing unit must leave no trace. */
    private LedgerWork<Long> unit(String name, boolean fail) {
        return ap -> {
            jdbc.update(
                    "INSERT INTO app_user (username, display_name, is_admin, created_at) VALUES (?, ?, FALSE, NOW())",
                    name,
                    name);
            long index = ap.record(new UserCreated(name, null, false), "test");
            if (fail) {
                throw new IllegalStateException("refused " + name);
            }
            return index;
        };
    }

    @Test
    void callersOfAFullLedgerAreToldItIsBusyAndTheirUnitsNeverRun() throws Exception {
        sequencer.close();
        sequencer = new LedgerSequencer(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                NoteSigner.generate("tandem/test"),
                "tandem/test",
                Clock.systemUTC(),
                JSON,
                1,
                Duration.ofMillis(250),
                1,
                Duration.ofMillis(300));
        sequencer.start();
        java.util.concurrent.CountDownLatch inBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<Long> blocking = pool.submit(() -> sequencer.submit(ap -> {
                inBatch.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                return unit("slow", false).run(ap);
            }));
            assertThat(inBatch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // one unit fits in the queue, where it waits past the timeout and is withdrawn; a third
            // finds the queue full
            Future<Long> waiting = pool.submit(() -> sequencer.submit(unit("withdrawn", false)));
            Thread.sleep(50);
            assertThatThrownBy(() -> sequencer.submit(unit("refused", false))).isInstanceOf(LedgerBusyException.class);
            assertThatThrownBy(waiting::get).hasCauseInstanceOf(LedgerBusyException.class);
            release.countDown();
            assertThat(blocking.get()).isEqualTo(0L);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM app_user WHERE username IN ('withdrawn', 'refused')", Integer.class))
                .isZero();
        assertThat(sequencer.submit(unit("later", false))).isEqualTo(1L);
    }

    @Test
    void aFailingUnitLeavesNoTraceWhileTheRestOfItsBatchCommits() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<LedgerWork<Long>> work = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                work.add(unit("u" + i, i % 7 == 3));
            }
            List<Future<Long>> units = asOneBatch(work, pool);
            List<Long> indices = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Future<Long> f = units.get(i);
                if (i % 7 == 3) {
                    int n = i;
                    assertThatThrownBy(f::get).hasRootCauseMessage("refused u" + n);
                } else {
                    indices.add(f.get());
                }
            }
            assertThat(indices).doesNotHaveDuplicates().allMatch(i -> i >= 1 && i <= indices.size());
        } finally {
            pool.shutdownNow();
        }
        long size = jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
        assertThat(size).isEqualTo(1 + 30 - 4);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class))
                .isEqualTo(size);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class))
                .isEqualTo(30 - 4);
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM app_user WHERE username IN ('u3', 'u10', 'u17', 'u24')", Long.class))
                .isZero();
        // indices are contiguous and the stored root is the root of the stored leaves
        CompactRange range = CompactRange.empty();
        for (byte[] leafHash : jdbc.queryForList("SELECT leaf_hash FROM ledger_entry ORDER BY idx", byte[].class)) {
            range.append(leafHash);
        }
        assertThat(jdbc.queryForObject("SELECT MAX(idx) FROM ledger_entry", Long.class))
                .isEqualTo(size - 1);
        assertThat(range.rootHash())
                .isEqualTo(jdbc.queryForObject("SELECT root_hash FROM ledger_head WHERE id = 1", byte[].class));
        assertThat(MerkleLog.rootHash(size, sequencer.nodeStore())).isEqualTo(range.rootHash());
    }

    /**
     * Runs {@code units} as one batch: a first unit (the log's first entry) holds the sequencer until
     * all of them are queued.
     */
    private List<Future<Long>> asOneBatch(List<LedgerWork<Long>> units, ExecutorService pool) throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<Long> first = pool.submit(() -> sequencer.submit(ap -> {
            holding.countDown();
            release.await();
            return ap.record(new UserCreated("first", null, false), "test");
        }));
        holding.await();
        List<Future<Long>> futures = new ArrayList<>();
        for (LedgerWork<Long> w : units) {
            futures.add(pool.submit(() -> sequencer.submit(w)));
        }
        while (pendingUnits() < units.size()) {
            Thread.sleep(10);
        }
        release.countDown();
        assertThat(first.get()).isZero();
        return futures;
    }

    /** A unit whose writes are deferred to the end of the batch: a user, and a token referring to it. */
    private LedgerWork<Long> deferredUnit(String name) {
        return ap -> {
            ap.write(
                    "INSERT INTO app_user (username, display_name, is_admin, created_at) VALUES (?, ?, FALSE, NOW())",
                    name,
                    name);
            ap.write(
                    "INSERT INTO api_token (id, token_hash, username, label, created_at) VALUES (?, ?, ?, 'test', NOW())",
                    "id-of-" + name,
                    "hash-of-" + name,
                    name);
            return ap.record(new UserCreated(name, null, false), "test");
        };
    }

    @Test
    void deferredWritesKeepTheirOrderAndAFailingOneRefusesOnlyItsUnit() throws Exception {
        // Taken names make their unit's deferred INSERT fail with a duplicate key, at the end of the batch.
        for (String taken : List.of("d4", "d11")) {
            jdbc.update(
                    "INSERT INTO app_user (username, display_name, is_admin, created_at) VALUES (?, ?, FALSE, NOW())",
                    taken,
                    "already here");
        }
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Long> indices = new ArrayList<>();
        try {
            List<LedgerWork<Long>> units = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                units.add(deferredUnit("d" + i));
            }
            List<Future<Long>> futures = asOneBatch(units, pool);
            for (int i = 0; i < 20; i++) {
                if (i == 4 || i == 11) {
                    assertThatThrownBy(futures.get(i)::get)
                            .hasCauseInstanceOf(org.springframework.dao.DuplicateKeyException.class);
                } else {
                    indices.add(futures.get(i).get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(indices).hasSize(18).doesNotHaveDuplicates().allMatch(i -> i >= 1 && i <= 18);
        assertThat(jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class))
                .isEqualTo(19);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token", Long.class))
                .isEqualTo(18);
        assertThat(jdbc.queryForObject("SELECT display_name FROM app_user WHERE username = 'd4'", String.class))
                .isEqualTo("already here");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token WHERE username IN ('d4', 'd11')", Long.class))
                .isZero();
    }

    @Test
    void aFailingRowInOneJdbcBatchOfDeferredWritesRefusesOnlyItsUnit() throws Exception {
        // Every unit defers the same INSERT, so the batch's writes go as one JDBC batch of 20 rows.
        jdbc.update(
                "INSERT INTO app_user (username, display_name, is_admin, created_at) VALUES ('b7', 'taken', FALSE, NOW())");
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<Long> indices = new ArrayList<>();
        try {
            List<LedgerWork<Long>> units = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String name = "b" + i;
                units.add(ap -> {
                    ap.write(
                            "INSERT INTO app_user (username, display_name, is_admin, created_at)"
                                    + " VALUES (?, ?, FALSE, NOW())",
                            name,
                            name);
                    return ap.record(new UserCreated(name, null, false), "test");
                });
            }
            List<Future<Long>> futures = asOneBatch(units, pool);
            for (int i = 0; i < 20; i++) {
                if (i == 7) {
                    assertThatThrownBy(futures.get(i)::get)
                            .hasCauseInstanceOf(org.springframework.dao.DuplicateKeyException.class);
                } else {
                    indices.add(futures.get(i).get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(indices).hasSize(19).doesNotHaveDuplicates().allMatch(i -> i >= 1 && i <= 19);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user WHERE username LIKE 'b%'", Long.class))
                .isEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT display_name FROM app_user WHERE username = 'b7'", String.class))
                .isEqualTo("taken");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class))
                .isEqualTo(20);
    }

    @Test
    void everyDeferredWriteOfABatchIsCommittedInOrder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<LedgerWork<Long>> units = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                units.add(deferredUnit("e" + i));
            }
            for (Future<Long> f : asOneBatch(units, pool)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class))
                .isEqualTo(25);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token", Long.class))
                .isEqualTo(25);
    }

    @Test
    void aBatchOfOneFailingUnitAppendsNothing() {
        assertThatThrownBy(() -> sequencer.submit(unit("alone", true))).hasMessage("refused alone");
        assertThat(jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM app_user", Long.class))
                .isZero();
        assertThat(sequencer.submit(unit("next", false))).isZero();
    }

    private int pendingUnits() {
        try {
            var f = LedgerSequencer.class.getDeclaredField("queue");
            f.setAccessible(true);
            return ((java.util.Collection<?>) f.get(sequencer)).size();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aQuietLogHasASignedCheckpointCoveringEveryAnsweredEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Long>> units = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                LedgerWork<Long> w = unit("q" + i, false);
                units.add(pool.submit(() -> sequencer.submit(w)));
            }
            for (Future<Long> f : units) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String checkpoint = jdbc.queryForObject("SELECT checkpoint FROM ledger_head WHERE id = 1", String.class);
        long size = jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
        assertThat(size).isEqualTo(400);
        // line 2 of the signed note is the tree size it covers
        assertThat(checkpoint.lines().skip(1).findFirst()).contains("400");
    }

    @Test
    void aUnitThatRequiresACheckpointGetsOneSignedWithItsBatchHoweverBusyTheLog() throws Exception {
        sequencer.close();
        // one unit a batch, and a checkpoint interval no test reaches: only a quiet queue or a unit
        // that requires it signs
        sequencer = new LedgerSequencer(
                jdbc,
                new TransactionTemplate(new DataSourceTransactionManager(ds)),
                NoteSigner.generate("tandem/test"),
                "tandem/test",
                Clock.systemUTC(),
                JSON,
                1,
                Duration.ofHours(1));
        sequencer.start();
        java.util.concurrent.CountDownLatch inBatch = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<Long> blocking = pool.submit(() -> sequencer.submit(ap -> {
                inBatch.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                return unit("first", false).run(ap);
            }));
            assertThat(inBatch.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Future<Long> required = pool.submit(() -> sequencer.submit(ap -> {
                long index = unit("required", false).run(ap);
                ap.requireCheckpoint();
                return index;
            }));
            Thread.sleep(100);
            // runs in the next batch, after the required unit's committed: the checkpoint it reads is the
            // one signed with that batch, though this unit was waiting (a busy log)
            Future<String> seen = pool.submit(() -> sequencer.submit(ap -> {
                unit("after", false).run(ap);
                return jdbc.queryForObject("SELECT checkpoint FROM ledger_head WHERE id = 1", String.class);
            }));
            Thread.sleep(100);
            Future<Long> last = pool.submit(() -> sequencer.submit(unit("last", false)));
            Thread.sleep(100);
            release.countDown();
            assertThat(blocking.get()).isZero();
            assertThat(required.get()).isEqualTo(1L);
            // line 2 of the signed note is the tree size it covers: the first unit's entry and the required one's
            assertThat(seen.get().lines().skip(1).findFirst()).contains("2");
            assertThat(last.get()).isEqualTo(3L);
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
