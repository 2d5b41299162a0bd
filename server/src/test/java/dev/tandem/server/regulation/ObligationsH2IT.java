package dev.tandem.server.regulation;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The obligations contract on the embedded store: H2 in file mode in a temporary data directory. */
class ObligationsH2IT extends ObligationsContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tandem-obligations-h2-it");
        registry.add("tandem.data-dir", dir::toString);
    }
}
