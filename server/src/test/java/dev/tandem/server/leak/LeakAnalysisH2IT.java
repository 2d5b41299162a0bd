package dev.tandem.server.leak;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Leak analysis on the embedded store: H2 in file mode and file blobs in a temporary data directory. */
class LeakAnalysisH2IT extends LeakAnalysisContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tandem-leak-h2-it");
        registry.add("tandem.data-dir", dir::toString);
    }
}
