package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ADR 060: a revoked or expired token, or a disabled user's, is refused by the very next request on
 * every server process sharing the database, with no wait for a cache to run out.
 */
class TokenRevocationAcrossServersIT {
    static TwoServers servers;
    static Api adminOnA;

    @BeforeAll
    static void start() throws Exception {
        servers = new TwoServers();
        adminOnA = servers.a(TwoServers.ADMIN_TOKEN);
    }

    @AfterAll
    static void stop() {
        servers.close();
    }

    @Test
    void aTokenRevokedOnOneServerIsRefusedByTheNextRequestOnTheOther() {
        String user = newUser("revoked");
        var issued = own(user)
                .postJson("/api/v1/users/" + user + "/tokens", "{\"label\":\"laptop\"}")
                .json();
        String token = issued.path("token").asString();
        String id = issued.path("id").asString();
        Api onB = servers.b(token);
        for (int i = 0; i < 5; i++) {
            assertThat(onB.get("/api/v1/incidents").status()).isEqualTo(200);
        }

        assertThat(servers.a(token)
                        .delete("/api/v1/users/" + user + "/tokens/" + id)
                        .status())
                .isEqualTo(204);

        Api.Response next = onB.get("/api/v1/incidents");
        assertThat(next.status()).isEqualTo(401);
        assertThat(next.json().path("type").asString()).isEqualTo("urn:tandem:problem:unauthenticated");
        assertThat(servers.a(token).get("/api/v1/incidents").status()).isEqualTo(401);
    }

    @Test
    void aDisabledUsersTokensAreRefusedByTheNextRequestOnTheOther() {
        String user = newUser("disabled");
        String first = token(user, "one");
        String second = token(user, "two");
        assertThat(servers.b(first).get("/api/v1/incidents").status()).isEqualTo(200);
        assertThat(servers.b(second).get("/api/v1/incidents").status()).isEqualTo(200);

        assertThat(adminOnA.postJson("/api/v1/users/" + user + "/disable", "").status())
                .isEqualTo(204);

        assertThat(servers.b(first).get("/api/v1/incidents").status()).isEqualTo(401);
        assertThat(servers.b(second).get("/api/v1/incidents").status()).isEqualTo(401);
        assertThat(servers.a(first).get("/api/v1/incidents").status()).isEqualTo(401);
    }

    @Test
    void anExpiredTokenIsRefusedByEveryServerFromTheMomentItExpires() {
        String user = newUser("expiring");
        String expiresAt = TwoServers.CLOCK.instant().plus(Duration.ofHours(1)).toString();
        String token = own(user)
                .postJson("/api/v1/users/" + user + "/tokens", "{\"label\":\"ci\",\"expiresAt\":\"" + expiresAt + "\"}")
                .json()
                .path("token")
                .asString();
        assertThat(servers.b(token).get("/api/v1/incidents").status()).isEqualTo(200);
        TwoServers.CLOCK.advance(Duration.ofMinutes(59));
        assertThat(servers.b(token).get("/api/v1/incidents").status()).isEqualTo(200);

        TwoServers.CLOCK.advance(Duration.ofMinutes(1));

        assertThat(servers.b(token).get("/api/v1/incidents").status()).isEqualTo(401);
        assertThat(servers.a(token).get("/api/v1/incidents").status()).isEqualTo(401);
    }

    private String newUser(String prefix) {
        String name = prefix + System.nanoTime();
        assertThat(adminOnA.postJson("/api/v1/users", "{\"username\":\"" + name + "\"}")
                        .status())
                .isEqualTo(201);
        return name;
    }

    /**
     * The user on server A, with a first token the server's own code issued them: an administrator
     * issues no token for another user (docs/access.md); the tests' tokens the user then issues for
     * themself through the API.
     */
    private Api own(String user) {
        return servers.a(TestUsers.token(servers.a.getBean(Accounts.class), user, "first"));
    }

    private String token(String user, String label) {
        return own(user)
                .postJson("/api/v1/users/" + user + "/tokens", "{\"label\":\"" + label + "\"}")
                .json()
                .path("token")
                .asString();
    }
}
