package dev.tandem.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The contract on PostgreSQL (the machine's, 127.0.0.1:5432), in a database of its own. */
class PostgresServerIT extends ServerContract {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) throws Exception {
        TestDatabases.postgres(registry, "pg");
    }

    /** V10 in db/migration-{vendor}: Boot resolved the placeholder and the triggers refuse edits. */
    @Test
    void ledgerRowsRefuseUpdateAndDeleteInTheDatabase() {
        openIncident();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry", Long.class))
                .isPositive();
        assertThatThrownBy(() -> jdbc.update("UPDATE ledger_entry SET actor = 'mallory' WHERE idx = 0"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("the Tandem ledger is append-only: UPDATE on ledger_entry is refused");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM ledger_entry WHERE idx = 0"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("the Tandem ledger is append-only: DELETE on ledger_entry is refused");
        assertThatThrownBy(() -> jdbc.update("UPDATE ledger_node SET hash = hash WHERE lvl = 0"))
                .hasMessageContaining("UPDATE on ledger_node is refused");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM ledger_privileged"))
                .hasMessageContaining("DELETE on ledger_privileged is refused");
        assertThatThrownBy(() -> jdbc.update("TRUNCATE ledger_entry CASCADE"))
                .hasMessageContaining("TRUNCATE on ledger_entry is refused");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ledger_entry WHERE actor = 'mallory'", Long.class))
                .isZero();
    }

    @Test
    void ledgerHeadOnlyMovesForward() {
        openIncident();
        assertThatThrownBy(() -> jdbc.update("UPDATE ledger_head SET tree_size = tree_size - 1 WHERE id = 1"))
                .hasMessageContaining("the Tandem ledger only grows");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM ledger_head"))
                .hasMessageContaining("the Tandem ledger head is never removed");
        assertThat(jdbc.queryForObject(
                        "SELECT installed_rank FROM flyway_schema_history WHERE version = '10'", Integer.class))
                .isPositive();
    }
}
