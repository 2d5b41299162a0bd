package dev.tandem.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file a command cannot read or write is named with the option and the cause in words, never the path twice. */
class FileProblemsTest {

    @TempDir
    Path dir;

    @Test
    void theCauseIsSaidInWords() {
        Path missing = dir.resolve("x.txt");
        assertThat(FileProblems.why(missing, new NoSuchFileException(missing.toString())))
                .isEqualTo("no such file");
        Path deeper = dir.resolve("no-such-folder").resolve("x.txt");
        assertThat(FileProblems.why(deeper, new NoSuchFileException(deeper.toString())))
                .isEqualTo("no such folder " + deeper.getParent());
        assertThat(FileProblems.why(missing, new AccessDeniedException(missing.toString())))
                .isEqualTo("permission denied");
        assertThat(FileProblems.why(missing, new IOException("disk full"))).isEqualTo("disk full");
    }

    @Test
    void verifySinceNamesTheOptionAndTheCause() {
        Path since = dir.resolve("checkpoint.txt");
        CliRun r = CliRun.run("verify", dir.toString(), "--since", since.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err())
                .contains("--since " + since + ": cannot read it (no such file)", "data/ledger/checkpoint")
                .doesNotContain(since + ": " + since);
    }

    @Test
    void anOutputInAFolderThatDoesNotExistIsNamedWithTheFolderAndNothingIsWritten() {
        Path out = dir.resolve("no-such-folder").resolve("out.txt");
        for (String[] command :
                new String[][] {{"ledger", "keygen", "--out"}, {"generate", "rules-table", "--output"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = out.toString();
            CliRun r = CliRun.run(args);
            String name = "tandem " + command[0] + " " + command[1];
            assertThat(r.exit()).as(name).isEqualTo(TandemCommand.EXIT_USAGE);
            assertThat(r.err())
                    .as(name)
                    .startsWith(name + ": " + command[2] + " " + out + ": cannot write it (no such folder "
                            + out.getParent() + ")");
            assertThat(out.getParent()).doesNotExist();
        }
    }

    @Test
    void deadlinesRulesNamesTheOptionAndTheCause() {
        Path rules = dir.resolve("rules.json");
        CliRun r = CliRun.run(
                "deadlines", "--aware", "2026-10-23T10:00:00Z", "--subjects", "DE=5", "--rules", rules.toString());
        assertThat(r.exit()).isEqualTo(TandemCommand.EXIT_USAGE);
        assertThat(r.err()).contains("--rules " + rules + ": cannot read the rule file (no such file)");
    }
}
