package dev.tandem.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on the embedded store: H2 in file mode and file blobs in a temporary data directory. */
class H2ServerIT extends ServerContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "h2");
    }
}
