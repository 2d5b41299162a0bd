package dev.tandem.pii;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The regular files under a folder, in path order, with the folders and files that could not be
 * read in their place: a subfolder that cannot be opened is one entry and the walk goes on with its
 * siblings (symbolic links to folders are not followed; links to files are files).
 */
public final class FolderWalk {
    /** A file to scan ({@code error} null) or a file or folder that could not be read. */
    public record Entry(Path path, @Nullable IOException error) {}

    /** Opens a folder before it is entered; throwing says it cannot be read (a seam for tests, which run as root). */
    @FunctionalInterface
    public interface Gate {
        Gate OPEN = dir -> {};

        void enter(Path dir) throws IOException;
    }

    private FolderWalk() {}

    /**
     * What tells two paths of one file apart from two files: the real path (links followed), else,
     * for a path that cannot be resolved, the path made absolute and normalized.
     */
    public static Path sameFile(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    public static List<Entry> of(Path root) throws IOException {
        return of(root, Gate.OPEN);
    }

    public static List<Entry> of(Path root, Gate gate) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                try {
                    gate.enter(dir);
                } catch (IOException e) {
                    entries.add(new Entry(dir, e));
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file)))
                    entries.add(new Entry(file, null));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                entries.add(new Entry(file, e));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) {
                if (e != null) entries.add(new Entry(dir, e));
                return FileVisitResult.CONTINUE;
            }
        });
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }
}
