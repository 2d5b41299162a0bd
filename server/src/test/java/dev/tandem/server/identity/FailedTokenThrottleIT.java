package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Refused bearer tokens from one address are answered 429 past the limit; valid ones still pass. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tandem.admin-token=" + FailedTokenThrottleIT.ADMIN_TOKEN,
            "tandem.security.failed-token-limit=5",
            "tandem.security.failed-token-window=PT1H",
            "logging.level.dev.tandem=WARN"
        })
class FailedTokenThrottleIT {
    static final String ADMIN_TOKEN = "throttle-admin-token-0123456789abcdef";

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "throttle");
    }

    @Test
    void answersUnknownTokensWith429AfterTheLimitAndStillAcceptsValidOnes() {
        Api admin = new Api("http://127.0.0.1:" + port, ADMIN_TOKEN);
        Api guesser = admin.as("tdm_guessed-" + System.nanoTime());
        for (int i = 0; i < 5; i++) {
            assertThat(guesser.get("/api/v1/incidents").status())
                    .as("guess %d", i)
                    .isEqualTo(401);
        }

        Api.Response throttled = guesser.get("/api/v1/incidents");
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.contentType()).startsWith("application/problem+json");
        assertThat(throttled.json().path("type").asString()).isEqualTo("urn:tandem:problem:too-many-failed-tokens");
        // a fifth of an hour per failure
        assertThat(throttled.header("Retry-After")).isNotNull();
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 720L);
        assertThat(admin.as("tdm_another-guess").get("/api/v1/incidents").status())
                .isEqualTo(429);

        assertThat(admin.get("/api/v1/incidents").status()).isEqualTo(200);
        // requests without a token are not refused tokens: they stay 401
        assertThat(admin.as(null).get("/api/v1/incidents").status()).isEqualTo(401);
    }
}
