package dev.tandem.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code --out} folder of a generator: new or empty. A generator run over an earlier run's
 * output overwrites the files both write and leaves the others, which a reader of the folder (the
 * analysis, the evaluation) would then take for part of the new output.
 */
public final class OutFolder {
    private OutFolder() {}

    /**
     * Why {@code out} cannot take the output, or null when it is absent or an empty folder.
     *
     * @param stays what the earlier files would do there, said after "give a new or empty folder"
     */
    public static @Nullable String refusal(Path out, String stays) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            return "--out " + out + " is a file; give a new or empty folder";
        }
        if (!Files.isDirectory(out)) return null;
        try (Stream<Path> entries = Files.list(out)) {
            if (entries.findAny().isEmpty()) return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "--out " + out + " is not empty; give a new or empty folder (" + stays + ")";
    }
}
