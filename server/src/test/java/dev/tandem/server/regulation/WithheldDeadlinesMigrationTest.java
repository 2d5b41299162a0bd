package dev.tandem.server.regulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V30's backfill on data written before it: which stored deadlines become withheld from the auditor
 * and which privileged judgements it finds (docs/obligations-api.md).
 */
class WithheldDeadlinesMigrationTest {
    private static final String T = "TIMESTAMP '2026-11-26 08:00:00+00:00'";

    @Test
    void marksDeadlinesFromCounselsFactsAndFromPrivilegedJudgementsAndNothingElse() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:v30-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .target("29")
                .load()
                .migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        // counsel set facts on "facts" once (cleared since: no row in incident_regulatory_facts);
        // "sealed" has a privileged MATERIAL judgement, "open" a public one
        entry(jdbc, 1, "incident.facts-set", "facts");
        entry(jdbc, 2, "judgement.recorded", "sealed");
        jdbc.update("INSERT INTO ledger_privileged (idx, salt, body) VALUES (2, X'00', '{}')");
        entry(jdbc, 3, "judgement.recorded", "open");
        for (String incident : new String[] {"facts", "sealed", "open"}) {
            jdbc.update("INSERT INTO incident (id, title, severity, time_zone, created_at, created_by, ledger_index)"
                    + " VALUES ('" + incident + "', 't', 'HIGH', 'UTC', " + T + ", 'a', 0)");
        }
        judgement(jdbc, "j-sealed", "sealed", 2);
        judgement(jdbc, "j-open", "open", 3);
        obligation(jdbc, "co-superseded", "facts", "us-co-individuals", "SUPERSEDED", true);
        obligation(jdbc, "gdpr", "facts", "eu-gdpr-33-sa", "OWED", true);
        obligation(jdbc, "co-no-due", "facts", "us-co-ag", "OWED", false);
        obligation(jdbc, "sec-sealed", "sealed", "us-sec-8k-105", "OWED", true);
        obligation(jdbc, "sec-open", "open", "us-sec-8k-105", "OWED", true);
        obligation(jdbc, "co-open", "open", "us-co-individuals", "OWED", true);

        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration")
                .target("30")
                .load()
                .migrate();

        assertThat(jdbc.queryForList("SELECT id FROM obligation WHERE due_withheld ORDER BY id", String.class))
                .containsExactly("co-superseded", "sec-sealed");
        assertThat(jdbc.queryForList("SELECT id FROM judgement WHERE reason_privileged", String.class))
                .containsExactly("j-sealed");
    }

    private static void entry(JdbcTemplate jdbc, long idx, String type, String incident) {
        jdbc.update(
                "INSERT INTO ledger_entry (idx, entry_type, incident_id, actor, recorded_at, leaf, leaf_hash)"
                        + " VALUES (?, ?, ?, 'a', " + T + ", X'00', X'00')",
                idx,
                type,
                incident);
    }

    private static void judgement(JdbcTemplate jdbc, String id, String incident, long idx) {
        jdbc.update(
                "INSERT INTO judgement (id, incident_id, question, answer, reason, decided_by, decided_at, ledger_index,"
                        + " recorded_at) VALUES (?, ?, 'MATERIAL', 'YES', 'r', 'a', " + T + ", ?, " + T + ")",
                id,
                incident,
                idx);
    }

    private static void obligation(
            JdbcTemplate jdbc, String id, String incident, String rule, String placement, boolean withDue) {
        jdbc.update(
                "INSERT INTO obligation (id, incident_id, rule_id, jurisdiction, recipient, regime, due, due_text,"
                        + " citation, confidence, requirement, detail, placement, position, status, created_at,"
                        + " computed_at) VALUES (?, ?, ?, 'X', 'R', 'r', " + (withDue ? T : "NULL")
                        + ", 't', 'c', 'PRIMARY', 'REQUIRED', '{}', ?, 0, 'PENDING', " + T + ", " + T + ")",
                id,
                incident,
                rule,
                placement);
    }
}
