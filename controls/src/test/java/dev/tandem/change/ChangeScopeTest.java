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

    /**
     * Approved items the diffs show no change to (not carried out, or outside the snapshots) are told only where
     * every difference names its item: a data file's or a JSON difference names none, and may be the
     * approved change.
     */
    @Test
    void approvedItemsTheDiffsShowUnchangedAreToldWhereTheDiffsNameEveryItem() throws IOException {
        byte[] before = zip(PERMSET_ENTRY, PERMSET, PROFILE_ENTRY, PROFILE);
        byte[] after = zip(PERMSET_ENTRY, PERMSET.replace("true", "false"), PROFILE_ENTRY, PROFILE);
        var r = ConfigDiff.diff("metadata.zip", before, "metadata.zip", after);
        String zip = r.format().name();
        List<String> touched = ChangeScope.touched(zip, "metadata.zip", r.differences());
        assertThat(ChangeScope.namesEveryItem(zip, "metadata.zip", r.differences(), true, false))
                .isTrue();
        assertThat(ChangeScope.unchanged(
                        List.of("Profile:Admin#loginHours", "PermissionSet:Marketing_Campaigns", "Profile:Admin"),
                        touched))
                .containsExactly("Profile:Admin#loginHours", "Profile:Admin");
        // a whole item approved, one of its parts changed: changed
        assertThat(ChangeScope.unchanged(List.of("PermissionSet:Marketing_Campaigns"), touched))
                .isEmpty();
        // cut short, not compared, or a difference naming no item: the diffs cannot tell
        assertThat(ChangeScope.namesEveryItem(zip, "metadata.zip", r.differences(), true, true))
                .isFalse();
        assertThat(ChangeScope.namesEveryItem("NOT_COMPARED", "metadata.zip", List.of(), false, false))
                .isFalse();
        var data = ConfigDiff.diff(
                "metadata.zip",
                zip("data/User.csv", "Id,IsActive\n1,true\n"),
                "metadata.zip",
                zip("data/User.csv", "Id,IsActive\n1,false\n"));
        assertThat(ChangeScope.namesEveryItem(zip, "metadata.zip", data.differences(), true, false))
                .isFalse();
        var json = new Difference(Difference.Kind.CHANGED, "$.spec.replicas", "3", "2", "changed");
        assertThat(ChangeScope.namesEveryItem("JSON", "deploy.json", List.of(json), true, false))
                .isFalse();
        // nothing changed at all: no change to any item
        assertThat(ChangeScope.namesEveryItem("JSON", "deploy.json", List.of(), true, false))
                .isTrue();
    }

    @Test
    void itemsAreNamedAsTheAnalyzersAndTheRegisterNameThem() {
        String sf = ConfigDiff.Format.SALESFORCE_METADATA.name();
        String zip = ConfigDiff.Format.ZIP.name();
        // a plain document: named by its file, when its name says its component
        assertThat(item(
                        sf,
                        "Integration_Sync.permissionset-meta.xml",
                        "PermissionSet/userPermissions[name=ViewAllData]"))
                .containsExactly("PermissionSet:Integration_Sync#ViewAllData");
        assertThat(item(sf, "after.xml", "PermissionSet/userPermissions[name=ViewAllData]"))
                .isEmpty();
        assertThat(item(sf, "Admin.profile", "Profile/loginIpRanges[startAddress=1.1.1.1,endAddress=1.1.1.2]"))
                .containsExactly("Profile:Admin#loginIpRanges");
        // any other element is a part of the item, never the whole: approving one part approves no other
        assertThat(item(sf, "Admin.profile", "Profile/description")).containsExactly("Profile:Admin#description");
        assertThat(item(sf, "Admin.profile", "Profile/fieldPermissions[field=Contact.Email]/editable"))
                .containsExactly("Profile:Admin#fieldPermissions/Contact.Email");
        assertThat(item(sf, "Admin.profile", "Profile/objectPermissions[object=Account]/allowEdit"))
                .containsExactly("Profile:Admin#objectPermissions/Account");
        assertThat(item(sf, "Admin.profile", "Profile/classAccesses[apexClass=Billing]/enabled"))
                .containsExactly("Profile:Admin#classAccesses/Billing");
        // an element repeated without a key, or matched by several, is named by the element alone
        assertThat(item(sf, "Admin.profile", "Profile/description[2]")).containsExactly("Profile:Admin#description");
        assertThat(item(sf, "Admin.profile", "Profile")).containsExactly("Profile:Admin");
        assertThat(item(sf, "Admin.profile", "(content)")).isEmpty();
        // in a zip: the entry's file; Metadata API suffixes and URL-encoded names too
        assertThat(
                        item(
                                zip,
                                "m.zip",
                                "unpackaged/profiles/Custom%3A Sales.profile!/Profile/objectPermissions[object=Account]/viewAllRecords"))
                .containsExactly("Profile:Custom: Sales#ViewAllRecords/Account");
        assertThat(item(zip, "m.zip", "objects/Account.object-meta.xml!/CustomObject/externalSharingModel"))
                .containsExactly("CustomObject:Account#externalSharingModel");
        assertThat(item(zip, "m.zip", "outer.zip!/permissionsets/X.permissionset!/PermissionSet/label"))
                .containsExactly("PermissionSet:X#label");
        // a whole file added or removed: its suffix tells its type; a file that is no metadata names nothing
        assertThat(item(zip, "m.zip", "permissionsets/New_Set.permissionset-meta.xml"))
                .containsExactly("PermissionSet:New_Set");
        assertThat(item(zip, "m.zip", "README")).isEmpty();
        assertThat(item(zip, "m.zip", "notes.txt!/line 3")).isEmpty();
        // JSON, YAML, text: no item
        assertThat(item("JSON", "deploy.json", "$.spec.replicas")).isEmpty();
    }

    /** The items a change of the permission set Integration_Sync from {@code before} to {@code after} touched. */
    static List<String> touchedInPermissionSet(String before, String after) {
        String name = "Integration_Sync.permissionset-meta.xml";
        var r = ConfigDiff.diff(
                name, before.getBytes(StandardCharsets.UTF_8), name, after.getBytes(StandardCharsets.UTF_8));
        return ChangeScope.touched(r.format().name(), name, r.differences());
    }

    static List<String> item(String format, String postName, String path) {
        return ChangeScope.items(format, postName, new Difference(Difference.Kind.CHANGED, path, "a", "b", "changed"));
    }

    static final String CONTACT_MODIFY_ALL = """
                <objectPermissions>
                    <allowCreate>false</allowCreate>
                    <allowDelete>false</allowDelete>
                    <allowEdit>false</allowEdit>
                    <allowRead>false</allowRead>
                    <modifyAllRecords>true</modifyAllRecords>
                    <object>Contact</object>
                    <viewAllRecords>true</viewAllRecords>
                </objectPermissions>
            """;

    @Test
    void approvingOnePartOfAnItemDoesNotApproveAnObjectPermissionAddedBesideIt() {
        String after = PERMSET.replace(
                "<userPermissions><enabled>true</enabled><name>ViewAllData</name></userPermissions>\n",
                CONTACT_MODIFY_ALL);
        List<String> touched = touchedInPermissionSet(PERMSET, after);
        assertThat(touched)
                .containsExactly(
                        "PermissionSet:Integration_Sync#ViewAllData",
                        "PermissionSet:Integration_Sync#ModifyAllRecords/Contact",
                        "PermissionSet:Integration_Sync#ViewAllRecords/Contact");
        assertThat(ChangeScope.beyond(List.of("PermissionSet:Integration_Sync#ViewAllData"), touched))
                .containsExactly(
                        "PermissionSet:Integration_Sync#ModifyAllRecords/Contact",
                        "PermissionSet:Integration_Sync#ViewAllRecords/Contact");
        // the whole permission set approved covers each of its parts
        assertThat(ChangeScope.beyond(List.of("permissionset:integration_sync"), touched))
                .isEmpty();
        // an object permission granting other access (Edit, Delete) names that too; one removed is named alike
        String edit = CONTACT_MODIFY_ALL
                .replace("<allowEdit>false", "<allowEdit>true")
                .replace("<modifyAllRecords>true", "<modifyAllRecords>false");
        var removed = new Difference(
                Difference.Kind.REMOVED,
                "PermissionSet/objectPermissions[object=Contact]",
                "allowCreate=false; allowEdit=true; allowRead=true; object=Contact; viewAllRecords=false",
                null,
                "removed objectPermissions Contact");
        assertThat(ChangeScope.items("SALESFORCE_METADATA", "X.permissionset", removed))
                .containsExactly("PermissionSet:X#Read/Contact", "PermissionSet:X#objectPermissions/Contact");
        var added = ConfigDiff.diff(
                "X.permissionset",
                PERMSET.getBytes(StandardCharsets.UTF_8),
                "X.permissionset",
                PERMSET.replace("<label>", edit + "<label>").getBytes(StandardCharsets.UTF_8));
        assertThat(ChangeScope.touched(added.format().name(), "X.permissionset", added.differences()))
                .containsExactly("PermissionSet:X#ViewAllRecords/Contact", "PermissionSet:X#objectPermissions/Contact");
    }

    @Test
    void approvingViewAllOnOneObjectDoesNotApproveViewAllGrantedOnAnotherInTheSamePermissionSet() {
        String account = CONTACT_MODIFY_ALL
                .replace("<object>Contact", "<object>Account")
                .replace("<modifyAllRecords>true", "<modifyAllRecords>false");
        String before = PERMSET.replace("<label>", account + "<label>");
        String after = before.replace(
                        "<label>",
                        CONTACT_MODIFY_ALL.replace("<modifyAllRecords>true", "<modifyAllRecords>false") + "<label>")
                .replace(account, account.replace("<viewAllRecords>true", "<viewAllRecords>false"));
        List<String> touched = touchedInPermissionSet(before, after);
        // View All taken away on Account (approved), and granted on Contact in the same change (not approved)
        assertThat(touched)
                .containsExactlyInAnyOrder(
                        "PermissionSet:Integration_Sync#ViewAllRecords/Account",
                        "PermissionSet:Integration_Sync#ViewAllRecords/Contact");
        assertThat(ChangeScope.beyond(List.of("PermissionSet:Integration_Sync#ViewAllRecords/Account"), touched))
                .containsExactly("PermissionSet:Integration_Sync#ViewAllRecords/Contact");
        // an approval of the access on no object in particular covers it on every object, as it reads
        assertThat(ChangeScope.beyond(List.of("PermissionSet:Integration_Sync#viewallrecords"), touched))
                .isEmpty();
        // a register row of the access on any object is retested; one on another object is not
        List<ControlTest> register = List.of(
                new ControlTest(
                        "CC6.3",
                        "PermissionSet:Integration_Sync#ViewAllRecords",
                        LocalDate.of(2026, 9, 14),
                        "Blake",
                        "25",
                        2),
                new ControlTest(
                        "CC6.1",
                        "PermissionSet:Integration_Sync#ViewAllRecords/Lead",
                        LocalDate.of(2026, 9, 14),
                        "Blake",
                        "26",
                        3),
                new ControlTest(
                        "CC6.2",
                        "PermissionSet:Integration_Sync#ViewAllRecords/Contact",
                        LocalDate.of(2026, 9, 14),
                        "Blake",
                        "27",
                        4));
        var executed = new Retests.Executed(
                "c1",
                "Revoke",
                Instant.parse("2026-11-27T10:00:00Z"),
                List.of("PermissionSet:Integration_Sync#ViewAllRecords/Account"),
                List.of(),
                touched);
        List<Retest> retests = Retests.of(register, List.of(executed));
        assertThat(retests).extracting(Retest::control).containsExactly("CC6.3", "CC6.2");
        assertThat(retests.get(1).reason())
                .startsWith(
                        "the change modified PermissionSet:Integration_Sync#ViewAllRecords/Contact beyond its approval");
    }

    @Test
    void aSharingRuleIsNamedAsTheAnalyzersNameItSoItsApprovedDeletionIsNotBeyondTheApproval() throws IOException {
        String rules = """
                <?xml version="1.0" encoding="UTF-8"?>
                <SharingRules xmlns="http://soap.sforce.com/2006/04/metadata">
                    <sharingCriteriaRules>
                        <fullName>Share_All</fullName>
                        <accessLevel>Edit</accessLevel>
                        <label>Share All</label>
                        <sharedTo><allInternalUsers></allInternalUsers></sharedTo>
                    </sharingCriteriaRules>
                    <sharingOwnerRules>
                        <fullName>Owners</fullName>
                        <accessLevel>Read</accessLevel>
                        <label>Owners</label>
                    </sharingOwnerRules>
                </SharingRules>
                """;
        String entry = "force-app/main/default/sharingRules/Account.sharingRules-meta.xml";
        String without = rules.replaceAll("(?s)<sharingCriteriaRules>.*</sharingCriteriaRules>\\s*", "")
                .replace("<accessLevel>Read</accessLevel>", "<accessLevel>Edit</accessLevel>");
        var r = ConfigDiff.diff("m.zip", zip(entry, rules), "m.zip", zip(entry, without));
        List<String> touched = ChangeScope.touched(r.format().name(), "m.zip", r.differences());
        assertThat(touched).containsExactly("SharingRules:Account.Share_All", "SharingRules:Account.Owners");
        assertThat(ChangeScope.beyond(List.of("SharingRules:Account.Share_All"), touched))
                .containsExactly("SharingRules:Account.Owners");
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
        // approving a part does not approve the whole: a whole item touched beside it is beyond the approval
        var whole = new Retests.Executed(
                "c2", "Revoke", at, List.of("Profile:Admin#ViewSetup"), List.of(), List.of("Profile:Admin"));
        List<ControlTest> part = List.of(
                new ControlTest("CC6.2", "Profile:Admin#ModifyAllRecords", LocalDate.of(2026, 9, 15), "Blake", "6", 4));
        assertThat(Retests.of(part, List.of(whole)).getFirst().reason())
                .startsWith("the change modified Profile:Admin beyond its approval");
    }
}
