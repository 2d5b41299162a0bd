package dev.tandem.controls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigItemsTest {
    @Test
    void anItemIsReadInTheFormTheDiffsAndTheRegisterUse() {
        assertThat(ConfigItems.normalize("Profile:Admin#ApiEnabled")).contains("Profile:Admin#ApiEnabled");
        // spacing around the type, after its colon and around the # is no part of a name
        assertThat(ConfigItems.normalize(" Profile: Admin#ApiEnabled")).contains("Profile:Admin#ApiEnabled");
        assertThat(ConfigItems.normalize("Profile : Admin # ApiEnabled ")).contains("Profile:Admin#ApiEnabled");
        // a space inside a name is the name's
        assertThat(ConfigItems.normalize("Profile:Custom: Sales")).contains("Profile:Custom: Sales");
        assertThat(ConfigItems.normalize("Egress:files.example.com:80,8080"))
                .contains("Egress:files.example.com:80,8080");
        assertThat(ConfigItems.normalize("PermissionSet:X#ViewAllRecords/Contact"))
                .contains("PermissionSet:X#ViewAllRecords/Contact");
    }

    @Test
    void whatCannotBeReadAsTypeAndNameIsNoItem() {
        assertThat(ConfigItems.normalize("Admin profile")).isEmpty();
        assertThat(ConfigItems.normalize("Salesforce production org")).isEmpty();
        assertThat(ConfigItems.normalize("Admin profile: login hours")).isEmpty();
        assertThat(ConfigItems.normalize(":Admin")).isEmpty();
        assertThat(ConfigItems.normalize("Profile:")).isEmpty();
        assertThat(ConfigItems.normalize("Profile: #ApiEnabled")).isEmpty();
        assertThat(ConfigItems.normalize("Profile:Admin#")).isEmpty();
        assertThat(ConfigItems.normalize("Profile:Admin\nPermissionSet:X")).isEmpty();
    }

    @Test
    void aMetadataItemIsOfItsComponent() {
        assertThat(ConfigItems.metadata("Profile:Admin#loginIpRanges")).isTrue();
        assertThat(ConfigItems.metadata("permissionset:Sync")).isTrue();
        assertThat(ConfigItems.metadata("SIEM:Alerts")).isFalse();
        assertThat(ConfigItems.metadata("User:integration@example.com")).isFalse();
        assertThat(ConfigItems.credential("ConnectedApp:Marketing_Sync")).isTrue();
        assertThat(ConfigItems.credential("namedcredential:Billing_API#password"))
                .isTrue();
        assertThat(ConfigItems.credential("PermissionSet:Marketing_Admin#ModifyAllData"))
                .isFalse();
        assertThat(ConfigItems.credential("User:integration@example.com")).isFalse();
        assertThat(ConfigItems.component("Profile:Admin#loginIpRanges")).isEqualTo("Profile:Admin");
        assertThat(ConfigItems.component("SharingRules:Account.Share_All")).isEqualTo("SharingRules:Account");
        assertThat(ConfigItems.component("PermissionSet:X#ViewAllRecords/Contact"))
                .isEqualTo("PermissionSet:X");
    }

    /** ADR 140: the types that say who may see or do what, as a change's items name them, whatever their case. */
    @Test
    void accessItemsAreProfilesPermissionSetsTheirGroupsAndSharingRules() {
        assertThat(ConfigItems.access("Profile:Admin#ApiEnabled")).isTrue();
        assertThat(ConfigItems.access("PermissionSet:Integration_Sync#ViewAllData"))
                .isTrue();
        assertThat(ConfigItems.access("permissionsetgroup:Sales")).isTrue();
        assertThat(ConfigItems.access("SharingRules:Account.Share_All")).isTrue();
        assertThat(ConfigItems.access("ConnectedApp:Marketing_Sync")).isFalse();
        assertThat(ConfigItems.access("CustomField:Account.Tier")).isFalse();
        assertThat(ConfigItems.access("User:ada@example.com")).isFalse();
        assertThat(ConfigItems.access("Profile")).isFalse();
    }
}
