package dev.tandem.server.job;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JobsPostgresIT extends JobsContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "jobs-pg");
    }
}
