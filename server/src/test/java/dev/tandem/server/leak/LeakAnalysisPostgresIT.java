package dev.tandem.server.leak;

import dev.tandem.server.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Leak analysis on PostgreSQL (the machine's, 127.0.0.1:5432), in a database of its own. */
class LeakAnalysisPostgresIT extends LeakAnalysisContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        String url = TestDatabases.freshPostgres();
        Path dir = Files.createTempDirectory("tandem-leak-pg-it");
        registry.add("tandem.data-dir", dir::toString);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", () -> "");
    }
}
