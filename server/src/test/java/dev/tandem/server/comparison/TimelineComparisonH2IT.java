package dev.tandem.server.comparison;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contradiction check on the embedded store. */
class TimelineComparisonH2IT extends TimelineComparisonContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "compare-h2");
    }
}
