package dev.tandem.cli.analyze;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {
    @TempDir
    Path dir;

    @Test
    void aFolderWithNothingToReadIsAUsageErrorNotACleanOrg() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("exports"));
        CliRun r = CliRun.run("analyze", empty.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("tandem analyze: no files under " + empty + ": nothing was analyzed\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aFolderWithAFileIsAnalyzed() throws Exception {
        Files.writeString(
                dir.resolve("User.csv"),
                "Id,Username,UserType,Profile.Name\n0055g00000A,a@shop.example,Standard,Standard User\n");
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 finding(s) in 1 input(s)");
    }

    @Test
    void namesTheRowsAnHourlyLogRepeatsFromADailyOneOnStandardError() throws Exception {
        String header = "EVENT_TYPE,TIMESTAMP_DERIVED,REQUEST_ID,USER_ID,LOGIN_KEY,ENTITY_NAME,ROWS_PROCESSED\n";
        String ten = "API,2025-03-10T10:00:00Z,4Zr1A,005A,l1,Contact,40\n";
        Files.createDirectories(dir.resolve("daily"));
        Files.createDirectories(dir.resolve("hourly"));
        Files.writeString(
                dir.resolve("daily/API.csv"), header + "API,2025-03-10T09:00:00Z,4Zr19,005A,l1,Contact,30\n" + ten);
        Files.writeString(dir.resolve("hourly/API-10.csv"), header + ten);
        CliRun r = CliRun.run("analyze", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err())
                .isEqualTo("tandem analyze: " + dir.resolve("hourly/API-10.csv") + ": 1 row(s) already read from "
                        + dir.resolve("daily/API.csv") + " (same REQUEST_ID, EVENT_TYPE and TIMESTAMP: an hourly and a"
                        + " 24-hour log of the same hours); counted once\n");
        assertThat(r.out()).contains("0 finding(s) in 2 input(s); 2 events");
    }
}
