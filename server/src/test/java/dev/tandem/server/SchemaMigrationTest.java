package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line the server logs for the schema migrations it applied at start-up (docs/operations.md). */
class SchemaMigrationTest {

    @Test
    void anEmptyDatabaseIsCreatedAtTheLastVersionWithTheCountOfMigrations() {
        assertThat(SchemaMigration.summary(null, "39", 34))
                .isEqualTo("database schema created at version 39 (34 migrations applied)");
    }

    @Test
    void anOlderSchemaIsMigratedFromItsVersionToTheLast() {
        assertThat(SchemaMigration.summary("38", "39", 1))
                .isEqualTo("database schema migrated from version 38 to 39 (1 migration applied)");
    }

    @Test
    void aSchemaUpToDateSaysItsVersion() {
        assertThat(SchemaMigration.summary("39", null, 0)).isEqualTo("database schema at version 39, up to date");
    }
}
