package dev.tandem.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.server.Api;
import dev.tandem.server.TandemServer;
import dev.tandem.server.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/** TANDEM_ADMIN_TOKEN across restarts of one embedded installation. */
class AdminBootstrapIT {
    static final String FIRST = "bootstrap-first-0123456789abcdef";
    static final String SECOND = "bootstrap-second-0123456789abcdef";

    @Test
    void aChangedValueRevokesTheOldTokenAndARevokedValueStaysRevoked() throws Exception {
        Path dir = TestDatabases.scratch("tandem-bootstrap-it");
        try (var ctx = start(dir, FIRST)) {
            assertThat(api(ctx, FIRST).get("/api/v1/incidents").status()).isEqualTo(200);
        }
        try (var ctx = start(dir, SECOND)) {
            assertThat(api(ctx, FIRST).get("/api/v1/incidents").status()).isEqualTo(401);
            Api admin = api(ctx, SECOND);
            assertThat(admin.get("/api/v1/incidents").status()).isEqualTo(200);
            assertThat(admin.get("/api/v1/users/admin/tokens").json()).hasSize(1);

            List<JsonNode> tokenEntries = new ArrayList<>();
            admin.get("/api/v1/ledger/entries?from=0&to=" + treeSize(ctx))
                    .json()
                    .forEach(e -> {
                        if (e.path("entry").path("type").asString().startsWith("token.")) {
                            tokenEntries.add(e.path("entry"));
                        }
                    });
            assertThat(tokenEntries)
                    .extracting(e -> e.path("type").asString())
                    .containsExactly("token.issued", "token.revoked", "token.issued");
            assertThat(tokenEntries.get(1).path("body").path("id").asString())
                    .isEqualTo(tokenEntries.get(0).path("body").path("id").asString());
            assertThat(tokenEntries.get(1).path("actor").asString()).isEqualTo("system");
            assertThat(tokenEntries.toString())
                    .doesNotContain(FIRST)
                    .doesNotContain(SECOND)
                    .doesNotContain(Accounts.hash(FIRST))
                    .doesNotContain(Accounts.hash(SECOND));
        }
        // going back to a revoked value does not bring it back, nor revoke the current one
        try (var ctx = start(dir, FIRST)) {
            assertThat(api(ctx, FIRST).get("/api/v1/incidents").status()).isEqualTo(401);
            assertThat(api(ctx, SECOND).get("/api/v1/incidents").status()).isEqualTo(200);
        }
    }

    @Test
    void refusesToStartWhenTheUserAdminIsNotAnAdministrator() throws Exception {
        Path dir = TestDatabases.scratch("tandem-bootstrap-it");
        try (var ctx = start(dir, "")) {
            ctx.getBean(JdbcTemplate.class)
                    .update("INSERT INTO app_user (username, display_name, is_admin, created_at)"
                            + " VALUES ('admin', 'Not an administrator', FALSE, CURRENT_TIMESTAMP)");
        }
        assertThatThrownBy(() -> start(dir, FIRST).close())
                .rootCause()
                .hasMessageContaining("'admin' is not an administrator");
    }

    private static ConfigurableApplicationContext start(Path dir, String adminToken) {
        return new SpringApplicationBuilder(TandemServer.class)
                .logStartupInfo(false)
                .run(
                        "--server.port=0",
                        "--tandem.data-dir=" + dir,
                        "--tandem.admin-token=" + adminToken,
                        "--logging.level.dev.tandem=WARN",
                        "--logging.level.org.springframework=OFF");
    }

    private static Api api(ConfigurableApplicationContext ctx, String token) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        return new Api("http://127.0.0.1:" + port, token);
    }

    private static long treeSize(ConfigurableApplicationContext ctx) {
        Long size = ctx.getBean(JdbcTemplate.class)
                .queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1", Long.class);
        return size == null ? 0 : size;
    }
}
