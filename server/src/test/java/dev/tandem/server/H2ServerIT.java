package dev.tandem.server;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on the embedded store: H2 in file mode and file blobs in a temporary data directory. */
class H2ServerIT extends ServerContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tandem-h2-it");
        registry.add("tandem.data-dir", dir::toString);
    }
}
