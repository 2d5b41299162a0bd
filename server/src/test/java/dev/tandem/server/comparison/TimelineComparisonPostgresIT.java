package dev.tandem.server.comparison;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contradiction check on PostgreSQL. */
class TimelineComparisonPostgresIT extends TimelineComparisonContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "compare-pg");
    }
}
