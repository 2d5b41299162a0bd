package dev.tandem.server;

import org.flywaydb.core.api.output.MigrateResult;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The database schema brought up to date at start-up, in one line of the server's own: Flyway's
 * own INFO lines (one per migration, 34 on an empty database) are left out of the console, where a
 * first start would otherwise open with them (docs/operations.md "Start-up", ADR 147). Flyway's
 * warnings and errors are still logged as they come.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigration {
    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    @Bean
    FlywayMigrationStrategy migrateAndSaySo() {
        return flyway -> {
            MigrateResult result = flyway.migrate();
            log.info(summary(result.initialSchemaVersion, result.targetSchemaVersion, result.migrationsExecuted));
        };
    }

    /**
     * What the migration did: {@code from} the version before (null on an empty database), {@code to}
     * the version after (null when nothing was applied), {@code applied} how many migrations ran.
     */
    static String summary(@Nullable String from, @Nullable String to, int applied) {
        if (applied == 0) {
            return "database schema at version " + (from == null ? "none" : from) + ", up to date";
        }
        String count = applied + (applied == 1 ? " migration" : " migrations");
        return from == null
                ? "database schema created at version " + to + " (" + count + " applied)"
                : "database schema migrated from version " + from + " to " + to + " (" + count + " applied)";
    }
}
