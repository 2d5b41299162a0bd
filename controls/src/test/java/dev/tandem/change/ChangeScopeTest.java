package dev.tandem.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.controls.ControlTest;
import dev.tandem.controls.Retest;
import dev.tandem.controls.Retests;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The review's case: a change approved for one permission set whose zip also changed the Admin profile. */
class ChangeScopeTest {
    static final String PERMSET = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Marketing Campaigns</label>
                <userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions>
            </PermissionSet>
            """;
    static final String PROFILE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Profile xmlns="http://soap.sforce.com/2006/04/metadata">
                <userLicense>Salesforce</userLicense>
                <userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>
            </Profile>
            """;
    static final String PROFILE_AFTER = PROFILE.replace(
            "<userPermissions><enabled>true</enabled><name>ViewSetup</name></userPermissions>",
            "<userPermissions><enabled>true</enabled><name>AuthorApex</name></userPermissions>\n"
                    + "    <userPermissions><enabled>false</enabled><name>ViewSetup</name></userPermissions>");
    static final String PERMSET_ENTRY =
            "force-app/main/default/permissionsets/Marketing_Campaigns.permissionset-meta.xml";
    static final String PROFILE_ENTRY = "force-app/main/default/profiles/Admin.profile-meta.xml";

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void aZipThatAlsoChangedAnotherProfileNamesItsItemsBeyondTheApproval() throws IOException {
        byte[] before = zip(PERMSET_ENTRY, PERMSET, PROFILE_ENTRY, PROFILE);
        byte[] after = zip(PERMSET_ENTRY, PERMSET.replace("true", "false"), PROFILE_ENTRY, PROFILE_AFTER);
        var r = ConfigDiff.diff("metadata.zip", before, "metadata.zip", after);
        List<String> touched = ChangeScope.touched(r.format().name(), "metadata.zip", r.differences());
        assertThat(touched)
                .containsExactly(
                        "PermissionSet:Marketing_Campaigns#ViewAllData",
                        "Profile:Admin#ViewSetup",
                        "Profile:Admin#AuthorApex");
        assertThat(ChangeScope.beyond(List.of("PermissionSet:Marketing_Campaigns"), touched))
                .containsExactly("Profile:Admin#ViewSetup", "Profile:Admin#AuthorApex");
        // approved the whole profile: nothing beyond; approved another part of it: both are beyond
        assertThat(ChangeScope.beyond(List.of("PermissionSet:Marketing_Campaigns", "profile:admin"), touched))
                .isEmpty();
        assertThat(ChangeScope.beyond(
                        List.of("PermissionSet:Marketing_Campaigns", "Profile:Admin#loginIpRanges"), touched))
                .containsExactly("Profile:Admin#ViewSetup", "Profile:Admin#AuthorApex");
    }

    @Test
    void itemsAreNamedAsTheAnalyzersAndTheRegisterNameThem() {
        String sf = ConfigDiff.Format.SALESFORCE_METADATA.name();
        String zip = ConfigDiff.Format.ZIP.name();
        // a plain document: named by its file, when its name says its component
        assertThat(ChangeScope.item(
                        sf,
                        "Integration_Sync.permissionset-meta.xml",
                        "PermissionSet/userPermissions[name=ViewAllData]"))
                .isEqualTo("PermissionSet:Integration_Sync#ViewAllData");
        assertThat(ChangeScope.item(sf, "after.xml", "PermissionSet/userPermissions[name=ViewAllData]"))
                .isNull();
        assertThat(ChangeScope.item(
                        sf, "Admin.profile", "Profile/loginIpRanges[startAddress=1.1.1.1,endAddress=1.1.1.2]"))
                .isEqualTo("Profile:Admin#loginIpRanges");
        assertThat(ChangeScope.item(sf, "Admin.profile", "Profile/description")).isEqualTo("Profile:Admin");
        assertThat(ChangeScope.item(sf, "Admin.profile", "(content)")).isNull();
        // in a zip: the entry's file; Metadata API suffixes and URL-encoded names too
        assertThat(
                        ChangeScope.item(
                                zip,
                                "m.zip",
                                "unpackaged/profiles/Custom%3A Sales.profile!/Profile/objectPermissions[object=Account]/viewAllRecords"))
                .isEqualTo("Profile:Custom: Sales#ViewAllRecords");
        assertThat(ChangeScope.item(zip, "m.zip", "objects/Account.object-meta.xml!/CustomObject/externalSharingModel"))
                .isEqualTo("CustomObject:Account#externalSharingModel");
        assertThat(ChangeScope.item(zip, "m.zip", "outer.zip!/permissionsets/X.permissionset!/PermissionSet/label"))
                .isEqualTo("PermissionSet:X");
        // a whole file added or removed: its suffix tells its type; a file that is no metadata names nothing
        assertThat(ChangeScope.item(zip, "m.zip", "permissionsets/New_Set.permissionset-meta.xml"))
                .isEqualTo("PermissionSet:New_Set");
        assertThat(ChangeScope.item(zip, "m.zip", "README")).isNull();
        assertThat(ChangeScope.item(zip, "m.zip", "notes.txt!/line 3")).isNull();
        // JSON, YAML, text: no item
        assertThat(ChangeScope.item("JSON", "deploy.json", "$.spec.replicas")).isNull();
    }

    @Test
    void itemsTouchedBeyondTheApprovalAreRetestedAndSaySo() {
        List<ControlTest> register = List.of(
                new ControlTest(
                        "CC6.3", "PermissionSet:Marketing_Campaigns", LocalDate.of(2026, 9, 14), "Blake", "25", 2),
                new ControlTest("CC6.1", "Profile:Admin", LocalDate.of(2026, 9, 15), "Blake", "5", 3));
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        var approvedOnly = new Retests.Executed(
                "c1", "Revoke", at, List.of("PermissionSet:Marketing_Campaigns"), List.of("CC6.3"));
        assertThat(Retests.of(register, List.of(approvedOnly)))
                .extracting(Retest::control)
                .containsExactly("CC6.3");
        var beyond = new Retests.Executed(
                "c1",
                "Revoke",
                at,
                List.of("PermissionSet:Marketing_Campaigns"),
                List.of("CC6.3"),
                List.of("PermissionSet:Marketing_Campaigns#ViewAllData", "Profile:Admin#AuthorApex"));
        List<Retest> r = Retests.of(register, List.of(beyond));
        assertThat(r).extracting(Retest::control).containsExactly("CC6.3", "CC6.1");
        assertThat(r.get(0).reason()).doesNotContain("beyond");
        assertThat(r.get(1).reason())
                .isEqualTo("the change modified Profile:Admin#AuthorApex beyond its approval, which the test of CC6.1"
                        + " on 2026-09-15 covered");
    }
}
