package dev.tandem.tools.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.Tools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The PII tools keep the command names and options users know, registered as the executable does. */
class PiiToolsCommandsTest {

    private static String[] run(String... args) {
        CommandLine cl = Tools.register(TandemCommand.commandLine());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new String[] {Integer.toString(exit), out.toString(), err.toString()};
    }

    @Test
    void generatePiiCorpusWritesLabelsAndEvalPiiMeetsTheTargetOnIt(@TempDir Path dir) {
        String[] gen = run("generate", "pii-corpus", "--out", dir.toString(), "--size", "400KB", "--seed", "5");
        assertThat(gen[0]).as(gen[2]).isEqualTo("0");
        assertThat(gen[1]).contains("labels to " + dir);
        assertThat(Files.exists(dir.resolve("labels.jsonl"))).isTrue();

        String[] eval = run("eval", "pii", "--dir", dir.toString(), "--seed", "5");
        assertThat(eval[0]).as(eval[1] + eval[2]).isEqualTo("0");
        assertThat(eval[1]).contains("left out", "met (>= 0.995)").doesNotContain("MISSED");
    }

    @Test
    void aSecondCorpusIsNotWrittenOverTheFirst(@TempDir Path dir) throws Exception {
        assertThat(run("generate", "pii-corpus", "--out", dir.toString(), "--size", "100KB", "--seed", "5")[0])
                .isEqualTo("0");
        String labels = Files.readString(dir.resolve("labels.jsonl"));
        String[] again = run("generate", "pii-corpus", "--out", dir.toString(), "--size", "50KB", "--seed", "6");
        assertThat(again[0]).isEqualTo("2");
        assertThat(again[2])
                .startsWith("tandem generate pii-corpus: --out " + dir + " is not empty; give a new or empty folder")
                .contains("false positives");
        assertThat(Files.readString(dir.resolve("labels.jsonl")))
                .as("the first corpus untouched")
                .isEqualTo(labels);
    }

    @Test
    void benchScanIsRegistered() {
        String[] help = run("bench", "scan", "--help");
        assertThat(help[0]).isEqualTo("0");
        assertThat(help[1]).contains("--size", "--dir", "--seed", "--threads");
    }
}
