package dev.tandem.server.pii;

import java.nio.file.Files;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class PiiScanH2IT extends PiiScanContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        String dir = Files.createTempDirectory("tandem-pii-h2").toString();
        registry.add("tandem.data-dir", () -> dir);
    }
}
