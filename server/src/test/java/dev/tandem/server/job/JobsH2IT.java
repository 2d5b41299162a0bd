package dev.tandem.server.job;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class JobsH2IT extends JobsContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "jobs-h2");
    }
}
