package dev.tandem.server;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Tandem server: persistence, REST API and jobs around the framework-free cores. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(TandemProperties.class)
public class TandemServer {

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
