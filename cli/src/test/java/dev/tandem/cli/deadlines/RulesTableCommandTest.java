package dev.tandem.cli.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.CliRun;
import dev.tandem.cli.TandemCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesTableCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheTableToTheFileGiven() throws Exception {
        Path out = dir.resolve("rules.md");
        CliRun r = CliRun.run("generate", "rules-table", "--output", out.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_OK);
        assertThat(Files.readString(out)).contains("eu-gdpr-33-sa");
    }
}
