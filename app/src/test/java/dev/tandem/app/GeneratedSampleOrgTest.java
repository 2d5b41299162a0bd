package dev.tandem.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSampleOrgTest {
    @Test
    void writesTheFilesTheDemoFilesAsEvidence(@TempDir Path dir) throws Exception {
        GeneratedSampleOrg org = new GeneratedSampleOrg();
        org.write(2026, 40, 2_000, LocalDate.of(2026, 12, 5), dir);
        // the items DemoData files (demo.DemoData.ORG), and the two folders it zips
        for (String path : new String[] {
            "data/User.csv",
            "data/PermissionSetAssignment.csv",
            "exports/Contact_admin_export.csv",
            "setup/LoginHistory.csv",
            "setup/SetupAuditTrail.csv",
            "har/checkout-session.har",
            "har/checkout-firstparty.har",
            "har/product-discovery.har"
        }) {
            assertThat(dir.resolve(path)).isRegularFile();
        }
        assertThat(dir.resolve("eventlogs")).isDirectory();
        assertThat(dir.resolve("metadata")).isDirectory();
        Path firstDay;
        try (var days = Files.list(dir.resolve("eventlogs/production"))) {
            firstDay = days.sorted().findFirst().orElseThrow();
        }
        assertThat(Files.readString(firstDay.resolve("Login.csv"))).contains(org.productionOrg());
        // dated in the days before the day asked: its incident day (4 days before its end) in that week
        Path lastDay;
        try (var days = Files.list(dir.resolve("eventlogs/production"))) {
            lastDay = days.sorted().reduce((a, b) -> b).orElseThrow();
        }
        assertThat(LocalDate.parse(lastDay.getFileName().toString()).minusDays(3))
                .isBetween(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 12, 5));
        assertThat(org.sandboxOrg()).isNotEqualTo(org.productionOrg());
    }
}
