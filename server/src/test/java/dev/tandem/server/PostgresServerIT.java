package dev.tandem.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on PostgreSQL (the machine's, 127.0.0.1:5432), in a database of its own. */
class PostgresServerIT extends ServerContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "pg");
    }
}
