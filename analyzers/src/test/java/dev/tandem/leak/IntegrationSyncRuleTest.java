package dev.tandem.leak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.salesforce.OrgConfig;
import dev.tandem.salesforce.OrgConfig.Grant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntegrationSyncRuleTest {
    @Test
    void namesTheObjectOfAnObjectPermission() {
        // "Revoke View All records" alone leaves the administrator to find which object's
        assertThat(IntegrationSyncRule.permissionText(new Grant("ViewAllRecords", "Contact", "ps.xml", 4)))
                .isEqualTo("View All records on Contact");
        assertThat(IntegrationSyncRule.permissionText(new Grant("ModifyAllRecords", "Account", "ps.xml", 5)))
                .isEqualTo("Modify All records on Account");
        assertThat(IntegrationSyncRule.permissionText(new Grant("ViewAllData", "", "ps.xml", 6)))
                .isEqualTo("View All Data");
    }

    @Test
    void proposesToRevokeAnObjectPermissionOnItsObjectSoThatItsApprovalCoversNoOtherObject() {
        var holder = new OrgConfig.AccessHolder(
                OrgConfig.HolderKind.PERMISSION_SET, "Integration_Sync", "", Map.of(), Map.of(), Map.of(), "ps.xml", 1);
        assertThat(IntegrationSyncRule.grantItem(holder, new Grant("ViewAllRecords", "Contact", "ps.xml", 4)))
                .isEqualTo("PermissionSet:Integration_Sync#ViewAllRecords/Contact");
        assertThat(IntegrationSyncRule.grantItem(holder, new Grant("ViewAllData", "", "ps.xml", 6)))
                .isEqualTo("PermissionSet:Integration_Sync#ViewAllData");
    }
}
