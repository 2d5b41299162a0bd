package dev.tandem.server.leak;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Leak analysis on PostgreSQL (the machine's, 127.0.0.1:5432), in a database of its own. */
class LeakAnalysisPostgresIT extends LeakAnalysisContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "leak-pg");
    }
}
