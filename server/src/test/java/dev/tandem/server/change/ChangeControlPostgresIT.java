package dev.tandem.server.change;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Change control on PostgreSQL. */
class ChangeControlPostgresIT extends ChangeControlContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "change-pg");
    }
}
