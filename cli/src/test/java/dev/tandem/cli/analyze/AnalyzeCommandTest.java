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
}
