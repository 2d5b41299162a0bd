package dev.tandem.server.regulation;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The obligations contract on the embedded store: H2 in file mode in a temporary data directory. */
class ObligationsH2IT extends ObligationsContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "obligations-h2");
    }
}
