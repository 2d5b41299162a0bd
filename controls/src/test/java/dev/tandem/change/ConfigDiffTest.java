package dev.tandem.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class ConfigDiffTest {
    private static final String BEFORE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Integration Sync</label>
                <objectPermissions>
                    <allowRead>true</allowRead>
                    <object>Contact</object>
                    <viewAllRecords>true</viewAllRecords>
                </objectPermissions>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ViewAllData</name>
                </userPermissions>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ApiEnabled</name>
                </userPermissions>
            </PermissionSet>
            """;

    /** ViewAllData removed; Contact's viewAllRecords turned off; a new user permission at the end. */
    private static final String AFTER = """
            <?xml version="1.0" encoding="UTF-8"?>
            <PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
                <label>Integration Sync</label>
                <objectPermissions>
                    <allowRead>true</allowRead>
                    <object>Contact</object>
                    <viewAllRecords>false</viewAllRecords>
                </objectPermissions>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ApiEnabled</name>
                </userPermissions>
                <userPermissions>
                    <enabled>true</enabled>
                    <name>ApiUserOnly</name>
                </userPermissions>
            </PermissionSet>
            """;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void namesARemovedUserPermissionOfAPermissionSet() {
        var r = ConfigDiff.diff("Integration_Sync.permissionset-meta.xml", b(BEFORE), "after.xml", b(AFTER));
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.SALESFORCE_METADATA);
        assertThat(r.summary(10))
                .containsExactly(
                        "PermissionSet/objectPermissions[object=Contact]/viewAllRecords: viewAllRecords changed from"
                                + " \"true\" to \"false\"",
                        "PermissionSet/userPermissions[name=ViewAllData]: removed userPermissions ViewAllData",
                        "PermissionSet/userPermissions[name=ApiUserOnly]: added userPermissions ApiUserOnly");
        Difference removed = r.differences().get(1);
        assertThat(removed.kind()).isEqualTo(Difference.Kind.REMOVED);
        assertThat(removed.before()).isEqualTo("enabled=true; name=ViewAllData");
    }

    @Test
    void theSameMetadataReorderedHasNoDifference() {
        String reordered = BEFORE.replace(
                        "<userPermissions>\n        <enabled>true</enabled>\n        <name>ViewAllData</name>\n"
                                + "    </userPermissions>\n",
                        "")
                .replace(
                        "</PermissionSet>",
                        "    <userPermissions>\n        <name>ViewAllData</name>\n        <enabled>true</enabled>\n"
                                + "    </userPermissions>\n</PermissionSet>");
        assertThat(reordered).isNotEqualTo(BEFORE);
        assertThat(ConfigDiff.diff("a.xml", b(BEFORE), "a.xml", b(reordered)).differences())
                .isEmpty();
    }

    @Test
    void refusesADoctypeAndFallsBackToLines() {
        String evil = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>";
        var r = ConfigDiff.diff("a.xml", b(evil), "a.xml", b("<x>ok</x>"));
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.TEXT);
        assertThat(r.summary(5).toString()).doesNotContain("root:");
    }

    @Test
    void comparesJsonStructurally() {
        var r = ConfigDiff.diff(
                "policy.json",
                b("{\"sso\":{\"enforced\":false,\"ttl\":3600},\"ips\":[\"10.0.0.1\",\"10.0.0.2\"],\"old\":1}"),
                "policy.json",
                b("{\"ips\":[\"10.0.0.2\"],\"sso\":{\"ttl\":3600.0,\"enforced\":true},\"new\":\"1\"}"));
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.JSON);
        assertThat(r.summary(10))
                .containsExactly(
                        "$.sso.enforced: changed from false to true",
                        "$.ips: removed value \"10.0.0.1\"",
                        "$.old: removed old",
                        "$.new: added new");
    }

    @Test
    void comparesYamlStructurally() {
        var r = ConfigDiff.diff(
                "deploy.yaml",
                b("spec:\n  replicas: 3\n  egress:\n    - host: api.example.com\n      port: 443\n"),
                "deploy.yaml",
                b("spec:\n  replicas: 3\n  egress:\n    - host: api.example.com\n      port: 8443\n"));
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.YAML);
        assertThat(r.summary(10)).containsExactly("$.spec.egress[0].port: changed from 443 to 8443");
    }

    @Test
    void comparesTextLineByLine() {
        var r = ConfigDiff.diff(
                "sshd_config",
                b("Port 22\nPermitRootLogin yes\nPasswordAuthentication yes\nX11Forwarding no\n"),
                "sshd_config",
                b("Port 22\nPermitRootLogin no\nPasswordAuthentication yes\nX11Forwarding no\nMaxAuthTries 3\n"));
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.TEXT);
        assertThat(r.summary(10))
                .containsExactly(
                        "line 2: removed line 2: PermitRootLogin yes",
                        "line 2: added line 2: PermitRootLogin no",
                        "line 5: added line 5: MaxAuthTries 3");
    }

    @Test
    void comparesAZipEntryByEntry() throws IOException {
        byte[] before = zip("permissionsets/Integration_Sync.permissionset-meta.xml", BEFORE, "README", "x\n");
        byte[] after = zip("permissionsets/Integration_Sync.permissionset-meta.xml", AFTER, "NOTES", "y\n");
        var r = ConfigDiff.diff("metadata.zip", before, "metadata-after.zip", after);
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.ZIP);
        List<String> s = r.summary(10);
        assertThat(s)
                .contains(
                        "permissionsets/Integration_Sync.permissionset-meta.xml!/PermissionSet/userPermissions"
                                + "[name=ViewAllData]: removed userPermissions ViewAllData",
                        "README: removed file README",
                        "NOTES: added file NOTES");
    }

    private static byte[] zip(String n1, String c1, String n2, String c2) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(n1));
            z.write(b(c1));
            z.putNextEntry(new ZipEntry(n2));
            z.write(b(c2));
        }
        return out.toByteArray();
    }
}
