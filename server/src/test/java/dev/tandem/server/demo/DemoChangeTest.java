package dev.tandem.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.change.ConfigDiff;
import dev.tandem.tools.crm.CrmOrgGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's post-change metadata differs from the generated org's by exactly the revoked grants. */
class DemoChangeTest {
    @Test
    void thePostChangeMetadataLacksViewAllDataAndNothingElseChanged(@TempDir Path dir) throws Exception {
        // the names the demo's change relies on are the generator's
        assertThat(DemoChange.INTEGRATION_USER).isEqualTo(CrmOrgGenerator.INTEGRATION_USER);
        assertThat(DemoChange.INTEGRATION_PERMSET).isEqualTo(CrmOrgGenerator.INTEGRATION_PERMSET);
        CrmOrgGenerator.generate(CrmOrgGenerator.Settings.of(DemoData.ORG_SEED, 20, 500), dir);
        DemoData.zip(dir.resolve("metadata"), dir.resolve("metadata.zip"));
        byte[] before = Files.readAllBytes(dir.resolve("metadata.zip"));
        byte[] after = DemoChange.withoutViewAllData(before);
        ConfigDiff.Result r = ConfigDiff.diff("metadata.zip", before, "metadata.zip", after);
        assertThat(r.format()).isEqualTo(ConfigDiff.Format.ZIP);
        assertThat(r.summary(10))
                .containsExactly(
                        DemoChange.PERMSET_FILE
                                + "!/PermissionSet/userPermissions[name=ViewAllData]: removed userPermissions"
                                + " ViewAllData",
                        DemoChange.PERMSET_FILE
                                + "!/PermissionSet/objectPermissions[object=Contact]/viewAllRecords: viewAllRecords"
                                + " changed from \"true\" to \"false\"");
    }
}
