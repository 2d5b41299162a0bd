package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import dev.tandem.server.access.Role;
import dev.tandem.server.demo.DemoData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5's "done when": {@code tandem deadlines} and the server give the same cited obligations for
 * the demo incident. The demo runs with no company configured, as {@code tandem demo} does.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tandem.demo=true", "logging.level.dev.tandem=WARN"})
class DemoObligationsIT {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "demo-obligations");
    }

    @LocalServerPort
    int port;

    @Autowired
    DemoData demo;

    @Test
    void demoIncidentHasTheObligationsOfTheReadmeCommand() throws Exception {
        DemoData.Loaded loaded = demo.load();
        Api api = new Api("http://127.0.0.1:" + port, loaded.tokenOf(Role.INCIDENT_COMMANDER));
        String id = loaded.incident().id();
        JsonNode server = api.get("/api/v1/incidents/" + id + "/obligations").json();
        String aware = api.get("/api/v1/incidents/" + id).json().path("awareAt").asString();
        // counsel recorded when the breach was determined, three hours after awareness
        JsonNode facts = api.get("/api/v1/incidents/" + id + "/facts").json();
        String determined = facts.path("determinedAt").asString();
        assertThat(java.time.Duration.between(java.time.Instant.parse(aware), java.time.Instant.parse(determined)))
                .isEqualTo(java.time.Duration.ofHours(3));
        assertThat(facts.path("unauthorizedAccess").asBoolean()).isFalse();
        assertThat(facts.path("updatedBy").asString()).isEqualTo("counsel");
        // exactly the command of the README and the report
        JsonNode cli = ObligationsContract.cli("tandem deadlines --aware " + aware
                + " --subjects DE=1200,US-CA=800,US-TX=300 --data CONTACT,PAYMENT_CARD --established DE"
                + " --determined " + determined + " --format json");
        assertThat(ObligationsContract.contract(server.path("obligations")))
                .hasSize(cli.path("obligations").size())
                .isEqualTo(ObligationsContract.contract(cli.path("obligations")));
        assertThat(server.path("command").asString())
                .isEqualTo("tandem deadlines --aware " + aware
                        + " --subjects DE=1200,US-CA=800,US-TX=300 --data CONTACT,PAYMENT_CARD --established DE"
                        + " --determined " + determined + " --zone Europe/Berlin --format json");
        // Texas counts from the determination (Tex. Bus. & Com. Code 521.053(b))
        assertThat(ObligationsContract.find(server.path("obligations"), "us-tx-individuals@2020", "US-TX")
                        .path("clock")
                        .asString())
                .contains("after "
                        + java.time.Instant.parse(determined)
                                .atZone(java.time.ZoneId.of("America/Chicago"))
                                .toLocalDate())
                .contains("counted from the determination of the breach");
        assertThat(ObligationsContract.find(server.path("obligations"), "eu-gdpr-33-sa", "EU")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        // a second load finds the incident and does not compute again
        DemoData.Loaded again = demo.load();
        assertThat(again.fresh()).isFalse();
        String draft =
                api.get("/api/v1/incidents/" + id + "/notices/gdpr-art33").body();
        assertThat(draft).contains(DemoData.TITLE).contains("Data Protection Officer");
    }
}
