package dev.tandem.server.pii;

import dev.tandem.server.TestDatabases;
import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PiiScanPostgresIT extends PiiScanContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        String url = TestDatabases.freshPostgres();
        String dir = Files.createTempDirectory("tandem-pii-pg").toString();
        registry.add("tandem.data-dir", () -> dir);
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestDatabases::user);
        registry.add("spring.datasource.password", () -> "");
    }
}
