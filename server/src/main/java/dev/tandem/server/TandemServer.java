package dev.tandem.server;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Tandem server: persistence, REST API and jobs around the framework-free cores. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(TandemProperties.class)
public class TandemServer {

    private static final Logger log = LoggerFactory.getLogger(TandemServer.class);

    /** One line for whoever reads the log: what runs, on which database, with which data directory. */
    @EventListener(ApplicationReadyEvent.class)
    void started(ApplicationReadyEvent event) {
        Environment env = event.getApplicationContext().getEnvironment();
        String version = TandemServer.class.getPackage().getImplementationVersion();
        log.info(
                "Tandem {} started: database {}, data directory {}",
                version == null ? "development build" : version,
                Settings.redact(env.getProperty("spring.datasource.url", "")),
                Path.of(env.getProperty("tandem.data-dir", "./tandem-data"))
                        .toAbsolutePath()
                        .normalize());
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Starts the server; {@code args} are Spring arguments such as {@code --server.port=0}. */
    public static ConfigurableApplicationContext start(String... args) {
        return start(Map.of(), args);
    }

    /**
     * Starts the server with beans supplied from outside it (the executable hands the demo its
     * generated org, {@code demo.SampleOrg}), registered before the context refreshes.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> beans, String... args) {
        SpringApplication app = new SpringApplication(TandemServer.class);
        app.setLogStartupInfo(false);
        // every setting is checked before anything is created (the data directory, the database)
        app.addListeners(new Settings());
        if (!beans.isEmpty()) {
            app.addInitializers(ctx -> beans.forEach(ctx.getBeanFactory()::registerSingleton));
        }
        return app.run(args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
