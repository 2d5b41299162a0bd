package dev.tandem.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.intake.SafeXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrgConfigTest {
    private static void add(OrgConfig c, String file, String xml) throws Exception {
        c.add(file, SafeXml.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void namesComponentsFromSourceAndMetadataApiFileNames() {
        assertThat(dev.tandem.controls.ConfigItems.componentName(
                        "force-app/main/default/profiles/Custom%3A Sales.profile-meta.xml"))
                .isEqualTo("Custom: Sales");
        assertThat(dev.tandem.controls.ConfigItems.componentName(
                        "org.zip!/unpackaged/permissionsets/Ops.permissionset"))
                .isEqualTo("Ops");
        assertThat(dev.tandem.controls.ConfigItems.componentName("objects/Contact/Contact.object-meta.xml"))
                .isEqualTo("Contact");
    }

    @Test
    void readsBroadGrantsOfPermissionSetsAndStandardProfileLabels() throws Exception {
        OrgConfig c = new OrgConfig();
        add(c, "permissionsets/Ops.permissionset-meta.xml", """
                <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                  <label>Ops</label>
                  <objectPermissions><allowRead>true</allowRead><object>Contact</object><viewAllRecords>true</viewAllRecords></objectPermissions>
                  <userPermissions><enabled>false</enabled><name>ModifyAllData</name></userPermissions>
                  <userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions>
                </PermissionSet>
                """);
        add(c, "profiles/Admin.profile-meta.xml", """
                <Profile xmlns="http://soap.sforce.com/2006/04/metadata">
                  <userPermissions><enabled>true</enabled><name>ModifyAllData</name></userPermissions>
                </Profile>
                """);
        var ops = c.permissionSets("ops").getFirst();
        assertThat(ops.broadDataGrants(Set.of("Contact")))
                .extracting(OrgConfig.Grant::permission, OrgConfig.Grant::object)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ViewAllData", ""),
                        org.assertj.core.groups.Tuple.tuple("ViewAllRecords", "Contact"));
        assertThat(ops.userPermissions()).doesNotContainKey("ModifyAllData");
        assertThat(c.profile("System Administrator")).isNotNull();
        assertThat(c.profile("System Administrator").administers()).isTrue();
    }

    @Test
    void readsSharingRulesObjectsConnectedAppsAndNamedCredentials() throws Exception {
        OrgConfig c = new OrgConfig();
        add(c, "sharingRules/Contact.sharingRules-meta.xml", """
                <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                  <sharingGuestRules>
                    <fullName>G</fullName><accessLevel>Read</accessLevel>
                    <sharedTo><guestUser>Site_Guest</guestUser></sharedTo>
                  </sharingGuestRules>
                </SharingRules>
                """);
        add(c, "objects/Contact/Contact.object-meta.xml", """
                <CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
                  <externalSharingModel>Read</externalSharingModel><sharingModel>Private</sharingModel>
                </CustomObject>
                """);
        add(c, "namedCredentials/Legacy.namedCredential-meta.xml", """
                <NamedCredential xmlns="http://soap.sforce.com/2006/04/metadata"><endpoint>http://x.example</endpoint></NamedCredential>
                """);
        add(c, "extlClntAppOauthPolicies/App.ecaOauthPlcy-meta.xml", """
                <ExtlClntAppOauthConfigurablePolicies xmlns="http://soap.sforce.com/2006/04/metadata">
                  <externalClientApplication>App</externalClientApplication>
                  <ipRelaxationPolicyType>Bypass</ipRelaxationPolicyType>
                  <clientCredentialsFlowUser>svc@x.com</clientCredentialsFlowUser>
                </ExtlClntAppOauthConfigurablePolicies>
                """);
        assertThat(c.sharingRules()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo("Contact.G");
            assertThat(r.ruleType()).isEqualTo("guest");
            assertThat(r.sharedToKind()).isEqualTo("guestUser");
            assertThat(r.line()).isEqualTo(2);
        });
        assertThat(c.object("Contact").external()).isEqualTo("Read");
        assertThat(c.namedCredentials().getFirst().url()).isEqualTo("http://x.example");
        assertThat(c.clientApps()).singleElement().satisfies(a -> {
            assertThat(a.runAsUser()).isEqualTo("svc@x.com");
            assertThat(a.ipRelaxation()).isEqualTo("Bypass");
        });
    }
}
