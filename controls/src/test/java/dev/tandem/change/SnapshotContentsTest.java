package dev.tandem.change;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.change.ChangeRules.Refused;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** What a snapshot holds, and the rules that read it: a pre-change snapshot of what the change names, a diff of one type. */
class SnapshotContentsTest {
    private static byte[] doc(String root) {
        return ("<?xml version=\"1.0\"?><" + root
                        + " xmlns=\"http://soap.sforce.com/2006/04/metadata\"><label>x</label></" + root + ">")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] zip(String... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                z.write(doc("X"));
            }
        }
        return out.toByteArray();
    }

    private static final SnapshotContents.Held ADMIN = SnapshotContents.of("Admin.profile-meta.xml", doc("Profile"));
    private static final SnapshotContents.Held MARKETING =
            SnapshotContents.of("Marketing_Admin.permissionset-meta.xml", doc("PermissionSet"));

    @Test
    void aDocumentHoldsTheComponentItsRootAndFileNameSay() {
        assertThat(ADMIN.kind()).isEqualTo(SnapshotContents.Kind.DOCUMENT);
        assertThat(ADMIN.components()).containsExactly("Profile:Admin");
        assertThat(ADMIN.holds("Profile:Admin#ApiEnabled")).isTrue();
        assertThat(ADMIN.holds("profile:admin")).isTrue();
        assertThat(ADMIN.holds("PermissionSet:Marketing_Admin#ModifyAllData")).isFalse();
        assertThat(ADMIN.holds("Profile:Marketing_Admin")).isFalse();
        var unnamed = SnapshotContents.of("after.xml", doc("PermissionSet"));
        assertThat(unnamed.components()).containsExactly("PermissionSet:");
        assertThat(unnamed.holds("PermissionSet:X")).isFalse();
        assertThat(SnapshotContents.of("users.json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8))
                        .kind())
                .isEqualTo(SnapshotContents.Kind.OTHER);
    }

    @Test
    void aZipHoldsItsMetadataEntries() throws IOException {
        var z = SnapshotContents.of(
                "metadata.zip",
                zip(
                        "force-app/main/default/profiles/Admin.profile-meta.xml",
                        "force-app/main/default/permissionsets/Marketing_Admin.permissionset-meta.xml",
                        "unpackaged/sharingRules/Account.sharingRules",
                        "force-app/main/default/objects/Account/fields/Tier__c.field-meta.xml",
                        "unpackaged/package.xml"));
        assertThat(z.kind()).isEqualTo(SnapshotContents.Kind.ZIP);
        assertThat(z.components())
                .containsExactly(
                        "Profile:Admin",
                        "PermissionSet:Marketing_Admin",
                        "SharingRules:Account",
                        "CustomField:Account.Tier__c");
        assertThat(z.holds("PermissionSet:Marketing_Admin#ModifyAllData")).isTrue();
        assertThat(z.holds("SharingRules:Account.Share_All")).isTrue();
        assertThat(z.holds("CustomField:Account.Tier__c")).isTrue();
        assertThat(z.holds("PermissionSet:Integration_Full_Access")).isFalse();
    }

    /** The review's case: a permission set's change on the Admin profile's snapshot. */
    @Test
    void aPreChangeSnapshotMustHoldEachMetadataItemNamed() {
        var r = (Refused) ChangeRules.holds(
                ChangeKind.ACCESS_RESTRICTION, List.of("PermissionSet:Marketing_Admin#ModifyAllData"), List.of(ADMIN));
        assertThat(r.code()).isEqualTo("pre-snapshot-lacks-item");
        assertThat(r.reason())
                .startsWith("preSnapshots: no pre-change snapshot holds PermissionSet:Marketing_Admin, which"
                        + " configItems names (PermissionSet:Marketing_Admin#ModifyAllData): Admin.profile-meta.xml"
                        + " holds Profile:Admin.");
        assertThat(ChangeRules.holds(
                        ChangeKind.ACCESS_RESTRICTION,
                        List.of("PermissionSet:Marketing_Admin#ModifyAllData"),
                        List.of(ADMIN, MARKETING)))
                .isInstanceOf(ChangeRules.Allowed.class);
        // a credential rotation changes no metadata: revoking an app's tokens names an app no retrieve holds
        assertThat(ChangeRules.holds(
                        ChangeKind.CREDENTIAL_ROTATION, List.of("ConnectedApp:0H4xx0000000001"), List.of(ADMIN)))
                .isInstanceOf(ChangeRules.Allowed.class);
        assertThat(code(ChangeRules.holds(ChangeKind.CONFIGURATION, List.of("ConnectedApp:Sync"), List.of(ADMIN))))
                .isEqualTo("pre-snapshot-lacks-item");
        assertThat(ChangeRules.holds(
                        ChangeKind.CREDENTIAL_ROTATION,
                        List.of("NamedCredential:Billing_API", "ExternalDataSource:Warehouse"),
                        List.of(ADMIN)))
                .isInstanceOf(ChangeRules.Allowed.class);
        // the kind is the requester's word: a "rotation" that names a permission set or a profile changes
        // that metadata, and its snapshot must hold it as any change's must
        var mislabelled = (Refused) ChangeRules.holds(
                ChangeKind.CREDENTIAL_ROTATION,
                List.of("ConnectedApp:Marketing_Sync", "PermissionSet:Marketing_Admin#ModifyAllData"),
                List.of(ADMIN));
        assertThat(mislabelled.code()).isEqualTo("pre-snapshot-lacks-item");
        assertThat(mislabelled.reason())
                .startsWith("preSnapshots: no pre-change snapshot holds PermissionSet:Marketing_Admin, which"
                        + " configItems names (PermissionSet:Marketing_Admin#ModifyAllData)");
        assertThat(code(ChangeRules.holds(
                        ChangeKind.CREDENTIAL_ROTATION, List.of("Profile:Sales#ApiEnabled"), List.of(ADMIN))))
                .isEqualTo("pre-snapshot-lacks-item");
        assertThat(ChangeRules.holds(
                        ChangeKind.CREDENTIAL_ROTATION,
                        List.of("ConnectedApp:Marketing_Sync", "PermissionSet:Marketing_Admin#ModifyAllData"),
                        List.of(ADMIN, MARKETING)))
                .isInstanceOf(ChangeRules.Allowed.class);
        // no metadata item: nothing a snapshot could hold
        assertThat(ChangeRules.holds(
                        ChangeKind.ACCESS_RESTRICTION,
                        List.of("User:integration@example.com", "SIEM:Alerts"),
                        List.of(ADMIN)))
                .isInstanceOf(ChangeRules.Allowed.class);
    }

    /** The review's other case: a profile's pre-change snapshot, a permission set's post-change one. */
    @Test
    void aDiffNeverPairsDifferentMetadataTypes() throws IOException {
        var sales = SnapshotContents.of("Sales.profile-meta.xml", doc("Profile"));
        var salesSet = SnapshotContents.of("Sales.permissionset-meta.xml", doc("PermissionSet"));
        var r = (Refused) ChangeRules.comparable("pre1", sales, "post1", salesSet);
        assertThat(r.code()).isEqualTo("snapshot-type-mismatch");
        assertThat(r.reason())
                .startsWith("postSnapshots: evidence post1 (Sales.permissionset-meta.xml holds"
                        + " PermissionSet:Sales) is not of the configuration its pre-change snapshot pre1 is"
                        + " (Sales.profile-meta.xml holds Profile:Sales)");
        assertThat(code(ChangeRules.comparable("pre1", ADMIN, "post1", sales))).isEqualTo("snapshot-type-mismatch");
        assertThat(code(ChangeRules.comparable(
                        "pre1", sales, "post1", SnapshotContents.of("Sales.profile-meta.xml", doc("Profile")))))
                .isEqualTo("allowed");
        assertThat(code(ChangeRules.comparable(
                        "pre1", sales, "post1", SnapshotContents.of("after.xml", doc("Profile")))))
                .isEqualTo("allowed");
        var zip = SnapshotContents.of("metadata.zip", zip("profiles/Sales.profile-meta.xml"));
        assertThat(code(ChangeRules.comparable("pre1", zip, "post1", sales))).isEqualTo("snapshot-type-mismatch");
        assertThat(code(ChangeRules.comparable(
                        "pre1",
                        zip,
                        "post1",
                        SnapshotContents.of("metadata.zip", zip("permissionsets/Sales.permissionset-meta.xml")))))
                .isEqualTo("snapshot-type-mismatch");
        assertThat(code(ChangeRules.comparable(
                        "pre1",
                        zip,
                        "post1",
                        SnapshotContents.of(
                                "metadata.zip",
                                zip("profiles/Sales.profile-meta.xml", "permissionsets/New.permissionset-meta.xml")))))
                .isEqualTo("allowed");
        var json = SnapshotContents.of("a.json", "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(code(ChangeRules.comparable("pre1", json, "post1", json))).isEqualTo("allowed");
        assertThat(code(ChangeRules.comparable("pre1", sales, "post1", json))).isEqualTo("snapshot-type-mismatch");
    }

    private static String code(ChangeRules.Check c) {
        return c instanceof Refused r ? r.code() : "allowed";
    }
}
