package dev.tandem.server.change;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ControlTestRegister;
import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.evidence.Intake;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.ledger.fact.ControlTestsImported;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The audit firm's control test register, per incident: each import is read whole first (a fault
 * refuses it, naming the line, and nothing is recorded), then kept as AUDIT evidence
 * ({@code DOCUMENT}) with its rows and a {@code control-tests.imported} entry in one ledger unit.
 * The register of an incident is every row imported into it.
 */
@Service
public class ControlTests {
    /** The longest name a register is kept under (a file name's usual limit). */
    static final int MAX_NAME = 255;

    private final JdbcTemplate jdbc;
    private final Vault vault;
    private final Clock clock;

    ControlTests(JdbcTemplate jdbc, Vault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** An import: {@code imported} new rows; {@code skipped} rows the register held already. */
    public record Imported(String id, String evidence, String sha256, int imported, int skipped, long ledgerIndex) {}

    /**
     * Imports a register. A row the incident's register holds already (same control, item, date,
     * tester and sample) is skipped and counted, so importing the same file again adds nothing; a
     * file with no new row at all is refused (409 {@code register-already-imported}) and not kept.
     */
    public Imported importRegister(String incident, byte[] csv, String name, String actor) {
        // the register is kept as evidence under this name: the same checks as any item's name
        Intake.name(name, MAX_NAME);
        LocalDate latest = LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
        ControlTestRegister.Read read = ControlTestRegister.read(csv, ControlCatalog.standard(), latest);
        if (read instanceof ControlTestRegister.Rejected r) {
            if (r.code().equals("csv-too-large")) {
                throw new DomainException(
                        DomainException.Kind.CONTENT_TOO_LARGE, r.code(), "Register too large", r.detail());
            }
            throw DomainException.unprocessable(r.code(), r.detail());
        }
        List<ControlTest> all = ((ControlTestRegister.Rows) read).tests();
        Set<List<Object>> held = new HashSet<>();
        register(incident).forEach(t -> held.add(key(t)));
        List<ControlTest> rows = all.stream().filter(t -> held.add(key(t))).toList();
        int skipped = all.size() - rows.size();
        if (rows.isEmpty()) {
            throw DomainException.conflict(
                    "register-already-imported",
                    "Register already imported",
                    "file: all " + all.size() + " rows are in the register already; nothing imported");
        }
        String id = Ids.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        try {
            return vault.add(
                    new Vault.Metadata(
                            incident,
                            Repository.AUDIT,
                            EvidenceKind.DOCUMENT,
                            name,
                            "audit firm",
                            "Control test register (control,configItem,testedOn,tester,sample)",
                            null),
                    new ByteArrayInputStream(csv),
                    csv.length,
                    actor,
                    (ap, item) -> {
                        List<ControlTestsImported.Test> tests = rows.stream()
                                .map(t -> new ControlTestsImported.Test(
                                        t.control(),
                                        t.configItem(),
                                        t.testedOn().toString(),
                                        t.tester()))
                                .toList();
                        long index = ap.record(
                                new ControlTestsImported(incident, id, item.id(), item.sha256(), tests), actor);
                        jdbc.update(
                                "INSERT INTO control_test_import (id, incident_id, evidence_id, row_count, imported_at,"
                                        + " imported_by, ledger_index) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                id,
                                incident,
                                item.id(),
                                rows.size(),
                                Timestamp.from(now),
                                actor,
                                index);
                        for (ControlTest t : rows) {
                            ap.write(
                                    "INSERT INTO control_test (import_id, line, incident_id, control_id, config_item,"
                                            + " tested_on, tester, sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                    id,
                                    t.line(),
                                    incident,
                                    t.control(),
                                    t.configItem(),
                                    Date.valueOf(t.testedOn()),
                                    t.tester(),
                                    t.sample());
                        }
                        return new Imported(id, item.id(), item.sha256(), rows.size(), skipped, index);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What makes two rows the same test: everything but the line. */
    private static List<Object> key(ControlTest t) {
        return java.util.Arrays.asList(t.control(), t.configItem(), t.testedOn(), t.tester(), t.sample());
    }

    /** Every row imported into the incident, oldest import first. */
    public List<ControlTest> register(String incident) {
        return jdbc.query(
                "SELECT t.* FROM control_test t JOIN control_test_import i ON i.id = t.import_id"
                        + " WHERE t.incident_id = ? ORDER BY i.ledger_index, t.line",
                (rs, n) -> new ControlTest(
                        rs.getString("control_id"),
                        rs.getString("config_item"),
                        rs.getDate("tested_on").toLocalDate(),
                        rs.getString("tester"),
                        rs.getString("sample"),
                        rs.getLong("line")),
                incident);
    }
}
