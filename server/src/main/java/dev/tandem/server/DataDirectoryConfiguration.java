package dev.tandem.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

/**
 * Keeps the data directory owner-only ({@link DataDirectory}): created and tightened before any
 * bean writes under it (the embedded database, the blob store, the signing key), and once more
 * when the server is ready, for what start-up created in it (the embedded database's files, which
 * H2 creates with the process's default permissions). Neither pass walks below the blob store: it
 * creates its files and directories owner-only itself, and a walk of every blob would make each
 * start slower as the vault grows.
 */
@Configuration(proxyBeanMethods = false)
class DataDirectoryConfiguration {
    private static final Logger log = LoggerFactory.getLogger(DataDirectoryConfiguration.class);
    private final TandemProperties props;

    DataDirectoryConfiguration(TandemProperties props) {
        this.props = props;
    }

    /** A bean factory post-processor runs before any other bean is made: nothing has written yet. */
    @Bean
    static BeanFactoryPostProcessor ownerOnlyDataDirectory(Environment environment) {
        return factory -> {
            Path root = Path.of(environment.getProperty("tandem.data-dir", "./tandem-data"));
            try {
                DataDirectory.prepare(root, BLOBS);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the data directory " + root, e);
            }
        };
    }

    /**
     * Not logged one by one: what was there before start-up was tightened, and logged, by the first
     * pass; what this pass changes the server itself has just created.
     */
    @EventListener(ApplicationReadyEvent.class)
    void tightenWhatStartUpCreated() throws IOException {
        Path root = props.dataDir();
        int changed = DataDirectory.tighten(root, root.toRealPath().resolve(BLOBS)::equals)
                .size();
        log.debug("data directory: {} paths created at start-up made owner-only", changed);
    }

    /**
     * Not walked below: the blob store's files were always written owner-only, the data directory's
     * own permissions keep its folders out of reach, and a walk of millions of blobs would make
     * every start slower.
     */
    private static final String BLOBS = "blobs";
}
