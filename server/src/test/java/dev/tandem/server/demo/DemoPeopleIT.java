package dev.tandem.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo has a member in every role, each with a token, so that a new user can send the same
 * request as the auditor and as counsel and see the difference; a second start prints the same
 * tokens instead of minting new ones.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class DemoPeopleIT {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "demo-people");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRoleHasAMemberWithATokenAndTheSameRequestAnswersEachAsTheyMaySee() throws Exception {
        DemoData.Loaded loaded = demo.load();
        String base = "http://127.0.0.1:" + port;
        String incident = loaded.incident().id();
        Map<String, String> roles = new HashMap<>();
        new Api(base, loaded.tokenOf(Role.INCIDENT_COMMANDER))
                .get("/api/v1/incidents/" + incident + "/members")
                .json()
                .forEach(m ->
                        roles.put(m.path("username").asString(), m.path("role").asString()));
        for (Role r : Role.values()) {
            assertThat(roles).containsValue(r.name());
            Api.Response me = new Api(base, loaded.tokenOf(r)).get("/api/v1/incidents/" + incident);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.json().path("role").asString()).isEqualTo(r.name());
        }
        String item = "/api/v1/evidence/" + loaded.privilegedItem();
        JsonNode asCounsel = new Api(base, loaded.tokenOf(Role.LEGAL)).get(item).json();
        JsonNode asAuditor =
                new Api(base, loaded.tokenOf(Role.AUDITOR)).get(item).json();
        assertThat(asCounsel.path("name").asString()).isEqualTo("intake-memo-privileged.md");
        assertThat(asAuditor.has("name")).isFalse();
        assertThat(asAuditor.path("commitment").asString()).hasSize(64);
        // the administrator manages people but is no member of the incident
        assertThat(new Api(base, loaded.adminToken())
                        .get("/api/v1/incidents/" + incident)
                        .status())
                .isEqualTo(404);

        Integer tokensBefore = jdbc.queryForObject("SELECT COUNT(*) FROM api_token", Integer.class);
        DemoData.Loaded again = demo.load();
        assertThat(again.fresh()).isFalse();
        assertThat(again.tokens()).isEqualTo(loaded.tokens());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM api_token", Integer.class))
                .isEqualTo(tokensBefore);
    }
}
