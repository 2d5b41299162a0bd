package dev.tandem.server.change;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Change control on the embedded store. */
class ChangeControlH2IT extends ChangeControlContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "change-h2");
    }
}
