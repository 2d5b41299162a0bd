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
                + " --subjects DE=1200,GB=5,US-CA=800,US-TX=300 --data CONTACT,PAYMENT_CARD --established DE"
                + " --determined " + determined + " --format json");
        assertThat(ObligationsContract.contract(server.path("obligations")))
                .hasSize(cli.path("obligations").size())
                .isEqualTo(ObligationsContract.contract(cli.path("obligations")));
        assertThat(server.path("command").asString())
                .isEqualTo("tandem deadlines --aware " + aware
                        + " --subjects DE=1200,GB=5,US-CA=800,US-TX=300 --data CONTACT,PAYMENT_CARD --established DE"
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
        // the five customers in the UK owe the ICO a notice too (UK GDPR Art. 3(2), 33): a new user meets both
        assertThat(ObligationsContract.find(server.path("obligations"), "gb-ukgdpr-33-ico", "GB")
                        .path("status")
                        .asString())
                .isEqualTo("PENDING");
        // a second load finds the incident and does not compute again
        DemoData.Loaded again = demo.load();
        assertThat(again.fresh()).isFalse();
        String draft =
                api.get("/api/v1/incidents/" + id + "/notices/gdpr-art33").body();
        assertThat(draft).contains(DemoData.TITLE).contains("Data Protection Officer");
        // the ICO's draft, as the demo's DPO reads it: the UK's five only, the UK GDPR's paragraphs, and
        // what a controller outside the UK owes the Commissioner besides (ADR 149)
        String uk =
                api.get("/api/v1/incidents/" + id + "/notices/uk-gdpr-art33").body();
        assertThat(uk)
                .contains("To: the Information Commissioner's Office (ICO)")
                .contains("- Controller: Demo Retail GmbH")
                .contains("- Approximate number of data subjects: about 5\n")
                .contains("- Who is counted: the people in the UK only (no establishment there, UK GDPR Art. 3(2))")
                .contains("- Representative in the UK (UK GDPR Art. 27): [to be completed: ")
                .contains("Dana Schmidt, Data Protection Officer");
        assertThat(java.util.regex.Pattern.compile("(?<!UK )GDPR Art\\.")
                        .matcher(uk)
                        .find())
                .as("the notice to the ICO cites the UK GDPR only: %s", uk)
                .isFalse();
        assertThat(draft).doesNotContain("Representative in the UK");
    }
}
