package dev.tandem.leak;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/** A named input: a file, or a stream with the name it should be reported under. */
public record AnalysisInput(String name, Source source) {

    /** Opens the input's bytes; each input is read once. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    public static AnalysisInput of(Path path) {
        return of(path.toString(), path);
    }

    public static AnalysisInput of(String name, Path path) {
        return new AnalysisInput(name, () -> Files.newInputStream(path));
    }

    /** A stream that can be read once (an upload, a blob): a second open fails. */
    public static AnalysisInput of(String name, InputStream in) {
        AtomicBoolean opened = new AtomicBoolean();
        return new AnalysisInput(name, () -> {
            if (opened.getAndSet(true)) {
                throw new IOException("stream input " + name + " was already read");
            }
            return in;
        });
    }
}
