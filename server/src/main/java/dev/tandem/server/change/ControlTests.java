package dev.tandem.server.change;

import dev.tandem.controls.ControlCatalog;
import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ControlTestRegister;
import dev.tandem.controls.ObservationPeriod;
import dev.tandem.evidence.EvidenceKind;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.Ids;
import dev.tandem.server.access.Caller;
import dev.tandem.server.evidence.Intake;
import dev.tandem.server.evidence.Vault;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.ControlTestsImported;
import dev.tandem.server.ledger.fact.ObservationPeriodSet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
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
    private final Ledger ledger;

    ControlTests(JdbcTemplate jdbc, Vault vault, Clock clock, Ledger ledger) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
        this.ledger = ledger;
    }

    /** An import: {@code imported} new rows; {@code skipped} rows the register held already. */
    public record Imported(String id, String evidence, String sha256, int imported, int skipped, long ledgerIndex) {}

    /**
     * Imports a register. A row the incident's register holds already (same control, item, date,
     * tester and sample) is skipped and counted, so importing the same file again adds nothing; a
     * file with no new row at all is refused (409 {@code register-already-imported}) and not kept.
     * With an observation period set, a row dated outside it refuses the file (422 {@code
     * outside-period}, naming its line), checked again in the unit that records it. A row is held
     * already only when {@code caller} is told of it ({@link #told}): matched against a register
     * counsel pulled back, the count of skipped rows would confirm its rows to whoever may not read
     * them (docs/access.md, ADR 144).
     */
    public Imported importRegister(String incident, byte[] csv, String name, Caller caller) {
        String actor = caller.username();
        // the register is kept as evidence under this name: the same checks as any item's name
        Intake.name(name, MAX_NAME);
        LocalDate latest = LocalDate.ofInstant(clock.instant(), ZoneOffset.ofHours(14));
        ObservationPeriod period = period(incident).map(Period::period).orElse(null);
        ControlTestRegister.Read read = ControlTestRegister.read(csv, ControlCatalog.standard(), latest, period);
        if (read instanceof ControlTestRegister.Rejected r) {
            if (r.code().equals("csv-too-large")) {
                throw new DomainException(
                        DomainException.Kind.CONTENT_TOO_LARGE, r.code(), "Register too large", r.detail());
            }
            throw DomainException.unprocessable(r.code(), r.detail());
        }
        List<ControlTest> all = ((ControlTestRegister.Rows) read).tests();
        Set<List<Object>> held = held(filed(incident), caller);
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
                            null,
                            null),
                    new ByteArrayInputStream(csv),
                    csv.length,
                    actor,
                    (ap, item) -> {
                        // checked again in the unit: the period was set meanwhile
                        ObservationPeriod inForce =
                                period(incident).map(Period::period).orElse(null);
                        if (inForce != null && !inForce.equals(period)) {
                            refuseOutside(rows, inForce, name);
                        }
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

    /** The rows an import by {@code caller} counts as held already: those of registers {@code caller} is told of. */
    static Set<List<Object>> held(List<Filed> rows, Caller caller) {
        Set<List<Object>> held = new HashSet<>();
        rows.stream().filter(f -> told(f, caller)).forEach(f -> held.add(key(f.test())));
        return held;
    }

    /**
     * Whether a refusal or an import's counts may tell {@code caller} of a register's rows: an AUDIT
     * register is the audit firm's file as imported (every member reads it, an administrator imports
     * it); one counsel pulled back to FORENSIC only whoever may read its item (docs/access.md).
     */
    static boolean told(Filed f, Caller caller) {
        return f.repository() == Repository.AUDIT || caller.mayRead(f.evidence(), f.repository());
    }

    /** What makes two rows the same test: everything but the line. */
    private static List<Object> key(ControlTest t) {
        return java.util.Arrays.asList(t.control(), t.configItem(), t.testedOn(), t.tester(), t.sample());
    }

    /**
     * Every row imported into the incident, oldest import first, each with the time of its import's
     * ledger entry (as the reports read it).
     */
    public List<ControlTest> register(String incident) {
        return jdbc.query(
                "SELECT t.*, l.recorded_at AS imported FROM control_test t JOIN control_test_import i ON i.id ="
                        + " t.import_id JOIN ledger_entry l ON l.idx = i.ledger_index"
                        + " WHERE t.incident_id = ? ORDER BY i.ledger_index, t.line",
                (rs, n) -> row(rs),
                incident);
    }

    /**
     * A register row with the item its register was kept as: whether a caller reads the row follows
     * that item's repository (an AUDIT register counsel pulled back is FORENSIC, ADR 104).
     */
    record Filed(
            ControlTest test,
            String evidence,
            Repository repository,
            @Nullable Long pulledBack) {}

    /** The rows of one register withheld from a caller: the item's id, the move's entry, how many rows. */
    public record Withheld(String evidence, @Nullable Long pulledBack, int rows) {}

    /**
     * The register as a caller may read it (docs/access.md): the rows of every register item they may
     * read, and each other register by its item, the move's entry and its number of rows.
     */
    public record Readable(List<ControlTest> tests, List<Withheld> withheld) {
        public Readable {
            tests = List.copyOf(tests);
            withheld = List.copyOf(withheld);
        }

        /** The rows left out, in all. */
        public int withheldRows() {
            return withheld.stream().mapToInt(Withheld::rows).sum();
        }
    }

    /** The rows {@code caller} reads as the items they were filed as decide, the others counted by item. */
    static Readable readable(List<Filed> rows, Caller caller) {
        List<ControlTest> tests = new java.util.ArrayList<>();
        java.util.Map<String, Withheld> withheld = new java.util.LinkedHashMap<>();
        for (Filed f : rows) {
            if (caller.mayRead(f.evidence(), f.repository())) {
                tests.add(f.test());
            } else {
                withheld.merge(
                        f.evidence(),
                        new Withheld(f.evidence(), f.pulledBack(), 1),
                        (a, b) -> new Withheld(a.evidence(), a.pulledBack(), a.rows() + 1));
            }
        }
        return new Readable(tests, List.copyOf(withheld.values()));
    }

    /**
     * Every row imported into the incident that {@code caller} may read, as {@link #register(String)}
     * orders them: a register counsel pulled back to FORENSIC is read as its item is, and its rows
     * are withheld from whoever may not read that item (counted by {@link Readable#withheld}).
     */
    public Readable register(String incident, Caller caller) {
        return readable(filed(incident), caller);
    }

    /** Every row imported into the incident with the item its register was kept as, oldest import first. */
    private List<Filed> filed(String incident) {
        return jdbc.query(
                "SELECT t.*, l.recorded_at AS imported, e.id AS evidence, e.repository, e.pulled_back_index"
                        + " FROM control_test t JOIN control_test_import i ON i.id = t.import_id"
                        + " JOIN ledger_entry l ON l.idx = i.ledger_index JOIN evidence e ON e.id = i.evidence_id"
                        + " WHERE t.incident_id = ? ORDER BY i.ledger_index, t.line",
                (rs, n) -> {
                    long moved = rs.getLong("pulled_back_index");
                    return new Filed(
                            row(rs),
                            rs.getString("evidence"),
                            Repository.valueOf(rs.getString("repository")),
                            rs.wasNull() ? null : moved);
                },
                incident);
    }

    private static ControlTest row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ControlTest(
                rs.getString("control_id"),
                rs.getString("config_item"),
                rs.getDate("tested_on").toLocalDate(),
                rs.getString("tester"),
                rs.getString("sample"),
                rs.getLong("line"),
                rs.getTimestamp("imported").toInstant());
    }

    // ------------------------------------------------------------------ the observation period

    /** The period in force, who set it, when, and its entry. */
    public record Period(ObservationPeriod period, Instant setAt, String setBy, long ledgerIndex) {}

    public Optional<Period> period(String incident) {
        return jdbc
                .query(
                        "SELECT * FROM observation_period WHERE incident_id = ?",
                        (rs, n) -> new Period(
                                new ObservationPeriod(
                                        rs.getDate("start_day").toLocalDate(),
                                        rs.getDate("end_day").toLocalDate()),
                                rs.getTimestamp("set_at").toInstant(),
                                rs.getString("set_by"),
                                rs.getLong("ledger_index")),
                        incident)
                .stream()
                .findFirst();
    }

    /**
     * Sets the incident's observation period ({@code audit.period-set}): {@code start} and {@code end}
     * ISO 8601 days (422 {@code bad-start}, {@code bad-end}, {@code bad-period} naming the field). A
     * register row already imported outside it refuses it (409 {@code register-outside-period}, naming
     * the row to a caller told of it, {@link #refuseOutside(List, ObservationPeriod, Caller)}), as it
     * would be refused at import; the same period again is 409 {@code period-unchanged}. Nothing is
     * recorded on a refusal.
     */
    public Period setPeriod(String incident, @Nullable String start, @Nullable String end, Caller caller) {
        String actor = caller.username();
        ObservationPeriod p;
        try {
            p = new ObservationPeriod(day("start", start), day("end", end));
        } catch (IllegalArgumentException e) {
            throw DomainException.unprocessable("bad-period", "start, end: " + e.getMessage());
        }
        return ledger.record(ap -> {
            Optional<Period> before = period(incident);
            if (before.isPresent() && before.get().period().equals(p)) {
                throw DomainException.conflict(
                        "period-unchanged",
                        "Observation period unchanged",
                        "start, end: the observation period is " + p.words() + " already; nothing recorded");
            }
            refuseOutside(filed(incident), p, caller);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            long index = ap.record(
                    new ObservationPeriodSet(
                            incident,
                            p.start().toString(),
                            p.end().toString(),
                            before.map(b -> b.period().start().toString()).orElse(null),
                            before.map(b -> b.period().end().toString()).orElse(null)),
                    actor);
            jdbc.update("DELETE FROM observation_period WHERE incident_id = ?", incident);
            jdbc.update(
                    "INSERT INTO observation_period (incident_id, start_day, end_day, set_at, set_by, ledger_index)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    incident,
                    Date.valueOf(p.start()),
                    Date.valueOf(p.end()),
                    Timestamp.from(now),
                    actor,
                    index);
            return new Period(p, now, actor, index);
        });
    }

    private static LocalDate day(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.unprocessable("bad-" + field, field + ": required, a day such as 2026-01-01");
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.unprocessable(
                    "bad-" + field, field + ": \"" + value + "\" is not a calendar date (ISO 8601, e.g. 2026-01-01)");
        }
    }

    /** Refuses a file being imported ({@code file}) with a row outside the period: 422, as its read would. */
    private static void refuseOutside(List<ControlTest> rows, ObservationPeriod p, String file) {
        for (ControlTest t : rows) {
            if (!p.contains(t.testedOn())) {
                throw DomainException.unprocessable(
                        "outside-period", "line " + t.line() + ", column testedOn: " + outside(t, p));
            }
        }
    }

    /**
     * Refuses a period that leaves a register row out (409 {@code register-outside-period}). The row
     * is named, with its line, to a caller told of its register ({@link #told}); a row of a register
     * counsel pulled back is not named to the others (docs/access.md, ADR 144), who are told that one
     * of that item's rows is outside, which the public {@code control-tests.imported} entry says anyway.
     */
    static void refuseOutside(List<Filed> rows, ObservationPeriod p, Caller caller) {
        List<Filed> out =
                rows.stream().filter(f -> !p.contains(f.test().testedOn())).toList();
        if (out.isEmpty()) {
            return;
        }
        Filed named = out.stream().filter(f -> told(f, caller)).findFirst().orElse(null);
        String detail = named != null
                ? "start, end: the register's row " + outside(named.test(), p) + " (line "
                        + named.test().line() + " of its import); the register lists the tests of the period"
                : "start, end: a row of register " + out.getFirst().evidence() + ", which counsel pulled back to"
                        + " FORENSIC, is outside the observation period (" + p.words() + "); its rows are"
                        + " withheld from you (the register lists the tests of the period)";
        throw DomainException.conflict("register-outside-period", "Register outside the period", detail);
    }

    private static String outside(ControlTest t, ObservationPeriod p) {
        return t.control() + " " + t.configItem() + " tested " + t.testedOn() + " is " + p.place(t.testedOn())
                + " the observation period (" + p.words() + ")";
    }
}
