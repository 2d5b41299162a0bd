package dev.tandem.server.identity;

import dev.tandem.ledger.NoteSigner;
import dev.tandem.server.Api;
import dev.tandem.server.TandemServer;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.regulation.MutableClock;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Two server application contexts, each with its own web server, data directory and connection
 * pool, on one fresh PostgreSQL database and one signing key: as two server processes sharing a
 * database, with a clock the test moves for both (the only thing they share in memory).
 */
final class TwoServers implements AutoCloseable {
    static final String ADMIN_TOKEN = "two-servers-admin-token-0123456789";
    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    final ConfigurableApplicationContext a;
    final ConfigurableApplicationContext b;

    @TestConfiguration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        Clock sharedClock() {
            return CLOCK;
        }
    }

    TwoServers(String... extraProperties) throws IOException {
        String url = TestDatabases.freshPostgres();
        String key = NoteSigner.generate("tandem/it").privateKey();
        // one after the other: the first creates the schema, the installation and the head row
        a = start(url, key, extraProperties);
        b = start(url, key, extraProperties);
    }

    private static ConfigurableApplicationContext start(String url, String key, String... extra) throws IOException {
        String[] args = {
            "--server.port=0",
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestDatabases.user(),
            "--spring.datasource.password=",
            "--spring.datasource.hikari.maximum-pool-size=8",
            "--tandem.data-dir=" + TestDatabases.scratch("tandem-two-servers"),
            "--tandem.ledger.signing-key=" + key,
            "--tandem.admin-token=" + ADMIN_TOKEN,
            "--logging.level.dev.tandem=WARN"
        };
        String[] all = new String[args.length + extra.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return new SpringApplicationBuilder(TandemServer.class, SharedClock.class)
                .logStartupInfo(false)
                .run(all);
    }

    Api a(String token) {
        return api(a, token);
    }

    Api b(String token) {
        return api(b, token);
    }

    private static Api api(ConfigurableApplicationContext ctx, String token) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Api("http://127.0.0.1:" + port, token);
    }

    @Override
    public void close() {
        try {
            b.close();
        } finally {
            a.close();
        }
    }
}
