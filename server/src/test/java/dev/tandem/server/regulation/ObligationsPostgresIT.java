package dev.tandem.server.regulation;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The obligations contract on PostgreSQL (the machine's, 127.0.0.1:5432), in a database of its own. */
class ObligationsPostgresIT extends ObligationsContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "obligations-pg");
    }
}
