package dev.tandem.server.portal;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Evidence requests and verified checkpoints on the embedded store. */
class EvidenceRequestsH2IT extends EvidenceRequestsContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "requests-h2");
    }
}
