package dev.tandem.server.export;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The export contract on PostgreSQL, in a database of its own. */
class DemoExportPostgresIT extends DemoExportContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "demo-export-pg");
    }
}
