package dev.tandem.server.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TandemServer;
import dev.tandem.server.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every kind of blob the server stores (evidence content, stored PII findings) is read back byte
 * for byte after two restarts and a periodic sweep with no grace: the sweep removes only blobs that
 * no record owns. The start-up sweep once deleted stored PII findings at every start.
 */
class BlobsSurviveRestartsIT {
    static final String TOKEN = "blobs-restart-admin-token-0123456789";

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres"})
    void storedBlobsOfEveryKindSurviveRestartsAndTheSweep(String database) throws Exception {
        Path dataDir = TestDatabases.scratch("tandem-blobs-" + database + "-it");
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--tandem.data-dir=" + dataDir,
                "--tandem.admin-token=" + TOKEN,
                "--tandem.evidence.sweep-grace=PT0S",
                "--logging.level.dev.tandem=WARN"));
        if (database.equals("postgres")) {
            args.add("--spring.datasource.url=" + TestDatabases.freshPostgres());
            args.add("--spring.datasource.username=" + TestDatabases.user());
            args.add("--spring.datasource.password=");
            args.add("--spring.datasource.hikari.maximum-pool-size=5");
        }
        Map<String, byte[]> expected = new LinkedHashMap<>();
        try (ConfigurableApplicationContext server = TandemServer.start(args.toArray(String[]::new))) {
            Api api = api(server);
            String incident = api.postJson(
                            "/api/v1/incidents",
                            "{\"title\":\"Blobs\",\"severity\":\"LOW\",\"awareAt\":\"2026-11-26T08:00:00Z\"}")
                    .json()
                    .path("id")
                    .asString();
            for (String repository : List.of("AUDIT", "FORENSIC")) {
                byte[] export = ("Email,Phone\nada@" + repository.toLowerCase(java.util.Locale.ROOT)
                                + ".shop-example.de,+49 30 12345678\nbob@shop-example.de,+49 30 12345679\n")
                        .getBytes(StandardCharsets.UTF_8);
                Api.Response up = api.postBytes(
                        "/api/v1/incidents/" + incident + "/evidence?repository=" + repository
                                + "&kind=DATA_EXPORT&name=customers-" + repository + ".csv",
                        export);
                assertThat(up.status()).as(up.body()).isEqualTo(201);
                String evidence = up.json().path("id").asString();
                expected.put("/api/v1/evidence/" + evidence + "/content", export);
                String job = api.postJson("/api/v1/evidence/" + evidence + "/scans", "{}")
                        .json()
                        .path("id")
                        .asString();
                assertThat(api.awaitJob(job).path("status").asString()).isEqualTo("SUCCEEDED");
                var findings = api.getBytes("/api/v1/evidence/" + evidence + "/pii/findings");
                assertThat(findings.statusCode()).isEqualTo(200);
                assertThat(new String(findings.body(), StandardCharsets.UTF_8)).contains("EMAIL_ADDRESS");
                expected.put("/api/v1/evidence/" + evidence + "/pii/findings", findings.body());
            }
            readsBack(api, expected);
        }
        for (int restart = 1; restart <= 2; restart++) {
            try (ConfigurableApplicationContext server = TandemServer.start(args.toArray(String[]::new))) {
                readsBack(api(server), expected);
                // the periodic sweep, with no grace: only blobs without an owner may go
                server.getBean(BlobStoreConfiguration.Sweep.class).periodic();
                readsBack(api(server), expected);
            }
        }
    }

    private static void readsBack(Api api, Map<String, byte[]> expected) {
        expected.forEach((path, bytes) -> {
            var r = api.getBytes(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).isEqualTo(bytes);
        });
    }

    private static Api api(ConfigurableApplicationContext server) {
        int port = ((WebServerApplicationContext) server).getWebServer().getPort();
        return new Api("http://127.0.0.1:" + port, TOKEN);
    }
}
