package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.leak.ContainmentAction.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {
    @Test
    void proposesEachContainmentOnceInTheOrderFirstGiven() {
        Subject user = new Subject(SubjectKind.USER, "integration.sync@shopco.com");
        ContainmentAction remove = new ContainmentAction(
                Action.REMOVE_PERMISSION_SET_ASSIGNMENT,
                user,
                "PermissionSetAssignment:Integration_Full_Access@integration.sync@shopco.com",
                "Remove the assignment of permission set Integration_Full_Access from integration.sync@shopco.com");
        ContainmentAction freeze = new ContainmentAction(Action.FREEZE_USER, user, "User:" + user.id(), "Freeze");
        Finding f = new Finding(
                LeakPattern.OVERPERMISSIONED_INTEGRATION_SYNC,
                Severity.CRITICAL,
                "t",
                user,
                List.of(),
                null,
                List.of("CC6.3"),
                "r",
                List.of(remove, freeze, remove));
        assertThat(f.containment()).containsExactly(remove, freeze);
    }
}
