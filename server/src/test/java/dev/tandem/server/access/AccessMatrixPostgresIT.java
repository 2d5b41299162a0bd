package dev.tandem.server.access;

import dev.tandem.server.TestDatabases;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The role x endpoint matrix on PostgreSQL. */
class AccessMatrixPostgresIT extends AccessMatrixContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "access-pg");
    }
}
