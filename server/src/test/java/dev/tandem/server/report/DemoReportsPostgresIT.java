package dev.tandem.server.report;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The reports contract on PostgreSQL, in a database of its own. */
class DemoReportsPostgresIT extends DemoReportsContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "demo-reports-pg");
    }
}
