package dev.tandem.server.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.Settings;
import dev.tandem.server.TandemProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** First start of a ledger, without a Spring context: the installation, the key and the head row. */
class LedgerConfigurationTest {
    @TempDir
    Path dir;

    @Test
    void twoProcessesStartingTogetherOnAnEmptyDatabaseAndDataDirectoryOpenOneLedger() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 15; round++) {
                JdbcDataSource h2 = migratedH2();
                JdbcTemplate jdbc = new JdbcTemplate(h2);
                TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(h2));
                TandemProperties props = new TandemProperties(
                        Files.createDirectory(dir.resolve("data-" + round)),
                        new TandemProperties.Ledger(null, null, 64, Duration.ofMillis(250)),
                        new TandemProperties.Evidence(
                                dev.tandem.server.ByteSize.ofBytes(1 << 20), Duration.ofMinutes(15)),
                        null);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Ledger>> starts = List.of(
                        pool.submit(() -> start(together, jdbc, tx, props)),
                        pool.submit(() -> start(together, jdbc, tx, props)));
                Ledger a = starts.get(0).get();
                Ledger b = starts.get(1).get();
                try {
                    assertThat(a.origin()).isEqualTo(b.origin());
                    // the origin is the signing key's name (ADR 011)
                    assertThat(a.verifierKey()).startsWith(a.origin() + "+");
                    assertThat(a.verifierKey()).isEqualTo(b.verifierKey());
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM installation", Integer.class))
                            .isOne();
                    assertThat(jdbc.queryForObject("SELECT verifier_key FROM installation", String.class))
                            .isEqualTo(a.verifierKey());
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_head", Integer.class))
                            .isOne();
                    try (var keys = Files.list(props.dataDir().resolve("keys"))) {
                        assertThat(keys.map(p -> p.getFileName().toString()))
                                .containsExactly(LedgerConfiguration.KEY_FILE);
                    }
                } finally {
                    a.close();
                    b.close();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aMissingKeyFileIsRefusedNamingItAndTheLedgersKeyAndNoKeyIsWritten() throws Exception {
        JdbcDataSource h2 = migratedH2();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(h2));
        TandemProperties props = properties(Files.createDirectory(dir.resolve("data")));
        String verifierKey;
        try (Ledger first = start(new CyclicBarrier(1), jdbc, tx, props)) {
            verifierKey = first.verifierKey();
        }
        Path file = props.dataDir().resolve("keys").resolve(LedgerConfiguration.KEY_FILE);
        Files.delete(file);
        String[] name = verifierKey.split("\\+");
        for (TandemProperties p : List.of(props, properties(Files.createDirectory(dir.resolve("second-server"))))) {
            Path missing = p.dataDir().resolve("keys").resolve(LedgerConfiguration.KEY_FILE);
            assertThatThrownBy(() -> start(new CyclicBarrier(1), jdbc, tx, p))
                    .isInstanceOf(Settings.Refused.class)
                    .hasMessage("the signing key file " + missing + " is missing; this database's ledger is signed"
                            + " with the key " + name[0] + "+" + name[1] + ": restore the file from a backup, or set"
                            + " TANDEM_LEDGER_SIGNING_KEY to the key every server process sharing this database uses");
            assertThat(missing).doesNotExist();
        }
    }

    private static TandemProperties properties(Path data) {
        return new TandemProperties(
                data,
                new TandemProperties.Ledger(null, null, 64, Duration.ofMillis(250)),
                new TandemProperties.Evidence(dev.tandem.server.ByteSize.ofBytes(1 << 20), Duration.ofMinutes(15)),
                null);
    }

    @Test
    void aSecondInstallationRowIsRefusedByTheDatabase() {
        JdbcTemplate jdbc = new JdbcTemplate(migratedH2());
        String insert = "INSERT INTO installation (id, origin, verifier_key, created_at) VALUES (?, ?, 'k', NOW())";
        jdbc.update(insert, "one", "tandem/one");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.update(insert, "two", "tandem/two"))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
    }

    private static JdbcDataSource migratedH2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:cfg-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return h2;
    }

    private static Ledger start(CyclicBarrier together, JdbcTemplate jdbc, TransactionTemplate tx, TandemProperties p)
            throws Exception {
        together.await();
        return new LedgerConfiguration()
                .ledger(
                        jdbc,
                        tx,
                        p,
                        Clock.systemUTC(),
                        JsonMapper.builder().build(),
                        1000,
                        java.time.Duration.ofSeconds(30));
    }
}
