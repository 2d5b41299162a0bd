package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on the embedded store: H2 in file mode and file blobs in a temporary data directory. */
class H2ServerIT extends ServerContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "h2");
    }

    /** db/migration-{vendor} resolves to db/migration-h2: the PostgreSQL triggers (V10) are not run here. */
    @Test
    void migratesWithoutThePostgresOnlyMigration() {
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '10'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForObject(
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE version = '6' AND success", Integer.class))
                .isOne();
    }
}
