package dev.tandem.server.leak;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Leak analysis on the embedded store: H2 in file mode and file blobs in a temporary data directory. */
class LeakAnalysisH2IT extends LeakAnalysisContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "leak-h2");
    }
}
