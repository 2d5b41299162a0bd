package dev.tandem.tools.pii;

import dev.tandem.cli.TandemCommand;
import dev.tandem.tools.OutFolder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tandem generate pii-corpus --out DIR --size 100MB --seed N}: a labeled corpus for {@code eval pii}. */
@Command(
        name = "pii-corpus",
        mixinStandardHelpOptions = true,
        description = {
            "A seeded corpus with every PII entity and decoys; labels in DIR/labels.jsonl.",
            "Logs, CSV/TSV, JSON/JSONL, HAR, gzip and zip."
        })
public final class PiiCorpusCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "A new or empty folder to write into.")
    Path out;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "100MB",
            converter = Sizes.Converter.class,
            description = "Total size (default: ${DEFAULT-VALUE}).")
    long size;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String notEmpty = OutFolder.refusal(
                out,
                "the files of a corpus generated there before would stay beside this one's, unlabeled, and"
                        + " tandem eval pii --dir would count their findings as false positives");
        if (notEmpty != null) {
            spec.commandLine().getErr().println("tandem generate pii-corpus: " + notEmpty);
            return TandemCommand.EXIT_USAGE;
        }
        try {
            CorpusGenerator.Result r = new CorpusGenerator(seed).generate(out, size, true);
            spec.commandLine()
                    .getOut()
                    .printf("wrote %d files, %d bytes, %d labels to %s%n", r.files(), r.bytes(), r.labels(), out);
            return TandemCommand.EXIT_OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("tandem generate pii-corpus: " + out + ": " + e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
    }
}
