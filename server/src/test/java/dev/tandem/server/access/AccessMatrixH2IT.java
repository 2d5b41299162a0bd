package dev.tandem.server.access;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The role x endpoint matrix on the embedded store. */
class AccessMatrixH2IT extends AccessMatrixContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "access-h2");
    }
}
