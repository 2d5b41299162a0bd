package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tandem.controls.ControlTest;
import dev.tandem.controls.ObservationPeriod;
import dev.tandem.evidence.Repository;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.Caller;
import dev.tandem.server.access.Role;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The register's rows are read as the item their register was kept as (docs/access.md): an AUDIT
 * register by every member, one counsel pulled back to FORENSIC by LEGAL, the commander and a
 * responder LEGAL granted it, and by the others as a count.
 */
class RegisterReadTest {
    private static final ControlTest CC63 =
            new ControlTest("CC6.3", "PermissionSet:Sync", LocalDate.parse("2026-09-14"), "Audrey Blake", "25", 2);
    private static final ControlTest CC61 =
            new ControlTest("CC6.1", "Profile:Admin", LocalDate.parse("2026-09-15"), "Audrey Blake", "5", 3);
    private static final ControlTest CC72 =
            new ControlTest("CC7.2", "SIEM:Events", LocalDate.parse("2026-09-16"), "Ben Ode", "30", 2);

    private static final List<ControlTests.Filed> ROWS = List.of(
            new ControlTests.Filed(CC63, "reg-pulled", Repository.FORENSIC, 57L),
            new ControlTests.Filed(CC61, "reg-pulled", Repository.FORENSIC, 57L),
            new ControlTests.Filed(CC72, "reg-audit", Repository.AUDIT, null));

    private static Caller as(Role role, Caller.Grants grants) {
        return new Caller("someone", false, role, grants);
    }

    @Test
    void aPulledBackRegistersRowsAreWithheldFromTheAuditorTheLiaisonAndAResponderWithoutAGrant() {
        for (Role role : List.of(Role.AUDITOR, Role.AUDIT_LIAISON, Role.RESPONDER)) {
            ControlTests.Readable r = ControlTests.readable(ROWS, as(role, Caller.Grants.NONE));
            assertThat(r.tests()).as(role.name()).containsExactly(CC72);
            assertThat(r.withheld()).as(role.name()).containsExactly(new ControlTests.Withheld("reg-pulled", 57L, 2));
            assertThat(r.withheldRows()).isEqualTo(2);
        }
    }

    @Test
    void counselTheCommanderAndAGrantedResponderReadEveryRow() {
        for (Caller c : List.of(
                as(Role.LEGAL, Caller.Grants.NONE),
                as(Role.INCIDENT_COMMANDER, Caller.Grants.NONE),
                as(Role.RESPONDER, new Caller.Grants(false, Set.of("reg-pulled"))))) {
            ControlTests.Readable r = ControlTests.readable(ROWS, c);
            assertThat(r.tests()).as(c.toString()).containsExactly(CC63, CC61, CC72);
            assertThat(r.withheld()).as(c.toString()).isEmpty();
        }
    }

    @Test
    void aNonMemberReadsNoRow() {
        ControlTests.Readable r = ControlTests.readable(ROWS, Caller.outside("admin", true));
        assertThat(r.tests()).isEmpty();
        assertThat(r.withheld())
                .containsExactly(
                        new ControlTests.Withheld("reg-pulled", 57L, 2),
                        new ControlTests.Withheld("reg-audit", null, 1));
    }

    /** A period from 2026-09-16 on leaves out the pulled-back register's two rows, and the AUDIT one's not. */
    private static final ObservationPeriod FROM_16 =
            new ObservationPeriod(LocalDate.parse("2026-09-16"), LocalDate.parse("2027-03-31"));

    @Test
    void aPeriodRefusedForARowOfAPulledBackRegisterDoesNotNameItToWhoeverMayNotReadIt() {
        for (Caller c : List.of(
                as(Role.AUDIT_LIAISON, Caller.Grants.NONE),
                as(Role.AUDITOR, Caller.Grants.NONE),
                as(Role.RESPONDER, Caller.Grants.NONE),
                Caller.outside("admin", true))) {
            assertThatThrownBy(() -> ControlTests.refuseOutside(ROWS, FROM_16, c))
                    .as(c.toString())
                    .isInstanceOfSatisfying(DomainException.class, e -> {
                        assertThat(e.code()).isEqualTo("register-outside-period");
                        assertThat(e.getMessage())
                                .contains("reg-pulled")
                                .doesNotContain("PermissionSet:Sync")
                                .doesNotContain("Profile:Admin")
                                .doesNotContain("2026-09-14")
                                .doesNotContain("line");
                    });
        }
    }

    @Test
    void aPeriodRefusedForARowNamesItToWhoeverMayReadItsRegister() {
        for (Caller c : List.of(
                as(Role.LEGAL, Caller.Grants.NONE),
                as(Role.INCIDENT_COMMANDER, Caller.Grants.NONE),
                as(Role.RESPONDER, new Caller.Grants(false, Set.of("reg-pulled"))))) {
            assertThatThrownBy(() -> ControlTests.refuseOutside(ROWS, FROM_16, c))
                    .as(c.toString())
                    .hasMessageContaining("CC6.3 PermissionSet:Sync tested 2026-09-14 is before the observation period")
                    .hasMessageContaining("(line 2 of its import)");
        }
    }

    @Test
    void aPeriodRefusedForAnAuditRegistersRowNamesItAsBeforeToTheLiaisonAndAnAdministrator() {
        List<ControlTests.Filed> rows = List.of(
                new ControlTests.Filed(CC63, "reg-pulled", Repository.FORENSIC, 57L),
                new ControlTests.Filed(CC72, "reg-audit", Repository.AUDIT, null));
        ObservationPeriod from17 = new ObservationPeriod(LocalDate.parse("2026-09-17"), LocalDate.parse("2027-03-31"));
        for (Caller c : List.of(as(Role.AUDIT_LIAISON, Caller.Grants.NONE), Caller.outside("admin", true))) {
            // the AUDIT row is named, though the pulled-back one comes first
            assertThatThrownBy(() -> ControlTests.refuseOutside(rows, from17, c))
                    .as(c.toString())
                    .hasMessageContaining("CC7.2 SIEM:Events tested 2026-09-16")
                    .hasMessageNotContaining("PermissionSet:Sync");
        }
    }

    @Test
    void aPeriodHoldingEveryRowIsNotRefused() {
        ObservationPeriod all = new ObservationPeriod(LocalDate.parse("2026-09-01"), LocalDate.parse("2027-03-31"));
        ControlTests.refuseOutside(ROWS, all, as(Role.AUDIT_LIAISON, Caller.Grants.NONE));
    }

    @Test
    void anImportMatchesOnlyTheRowsOfRegistersItsImporterIsToldOf() {
        // the audit liaison and an administrator: a row of the pulled-back register is not held, so
        // importing it again is no confirmation that counsel's register holds it
        for (Caller c : List.of(as(Role.AUDIT_LIAISON, Caller.Grants.NONE), Caller.outside("admin", true))) {
            assertThat(ControlTests.held(ROWS, c))
                    .as(c.toString())
                    .containsExactly(java.util.Arrays.asList(
                            CC72.control(), CC72.configItem(), CC72.testedOn(), CC72.tester(), CC72.sample()));
        }
        assertThat(ControlTests.held(ROWS, as(Role.LEGAL, Caller.Grants.NONE))).hasSize(3);
    }
}
