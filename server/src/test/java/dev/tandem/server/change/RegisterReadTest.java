package dev.tandem.server.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.controls.ControlTest;
import dev.tandem.evidence.Repository;
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
}
