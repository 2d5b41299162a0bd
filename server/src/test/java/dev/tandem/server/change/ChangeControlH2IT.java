package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.server.Api;
import dev.tandem.server.TestDatabases;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Change control on the embedded store. */
class ChangeControlH2IT extends ChangeControlContract {
    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.embedded(registry, "change-h2");
    }

    /**
     * How many changes the incident of {@link #theListReadsTheIncidentsChangesAndRegisterOnce} holds:
     * with 200, its list read the incident's changes 201 times and its register 200 times before each
     * was read once for the list.
     */
    static final int MANY = 60;

    /**
     * The list of an incident's changes reads the incident's changes and its register once, however
     * many it lists (each change's view read all of the incident's changes again, for its links to
     * requests for the same items: quadratic in the changes), and each change in it reads as its own
     * answer does. Counted with H2's query statistics.
     */
    @Test
    void theListReadsTheIncidentsChangesAndRegisterOnce() {
        Team team = team("many", "Many changes");
        Api.Response imported =
                importRegister(team, "CC6.3,PermissionSet:Integration_Sync,2026-09-14,Audrey Blake,25 of 180\n");
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String pre = syncSnapshot(team, BEFORE);
        for (int i = 0; i < MANY; i++) {
            respondersRequest(team, pre);
        }
        jdbc.execute("SET QUERY_STATISTICS FALSE"); // drops what was counted so far
        jdbc.execute("SET QUERY_STATISTICS TRUE");
        Api.Response list;
        long changesRead;
        long registerRead;
        try {
            list = team.auditor().get("/api/v1/incidents/" + team.incident() + "/changes");
            changesRead = executions("%FROM change_request WHERE incident_id = ?%");
            registerRead = executions("%FROM control_test t JOIN control_test_import%");
        } finally {
            jdbc.execute("SET QUERY_STATISTICS FALSE");
        }
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json()).hasSize(MANY);
        assertThat(changesRead).as("reads of the incident's changes").isEqualTo(1);
        assertThat(registerRead).as("reads of the incident's register").isEqualTo(1);
        for (JsonNode c : list.json()) {
            assertThat(team.auditor()
                            .get("/api/v1/changes/" + c.path("id").asString())
                            .json())
                    .isEqualTo(c);
        }
        JsonNode last = list.json().get(MANY - 1);
        assertThat(last.path("sameItemsAs")).hasSize(MANY - 1);
        assertThat(last.path("openAlongside")).hasSize(MANY - 1);
    }

    /** How many times H2 ran the statements like {@code like} since its query statistics were turned on. */
    private long executions(String like) {
        Long n = jdbc.queryForObject(
                "SELECT COALESCE(SUM(EXECUTION_COUNT), 0) FROM INFORMATION_SCHEMA.QUERY_STATISTICS"
                        + " WHERE SQL_STATEMENT LIKE ?",
                Long.class,
                like);
        return n == null ? 0 : n;
    }
}
