package dev.tandem.server.portal;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Evidence requests and verified checkpoints on PostgreSQL. */
class EvidenceRequestsPostgresIT extends EvidenceRequestsContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "requests-pg");
    }
}
