package dev.tandem.cli;

import dev.tandem.pii.FolderWalk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths a command was given, each file or folder once: {@code tandem analyze a.csv a.csv} or
 * {@code tandem scan f ./f} names one file twice, which is read once, and the command says so in one
 * line on standard error naming the repeat (docs/contracts.md §4, "Additions"). Two paths are the
 * same when they resolve to the same real path (links followed); a path that cannot be resolved is
 * compared as given, absolute and normalized, and left for the command to report as unreadable.
 * {@link #inFolders} finds the files a folder given and a path in it (or two folders) both name.
 */
public final class GivenPaths {
    private GivenPaths() {}

    /** A path given again, and the earlier path it names the same file or folder as. */
    public record Repeat(Path again, Path first) {
        /** The line for standard error after {@code command: }. */
        public String message() {
            return again.equals(first)
                    ? again + ": given twice; read once"
                    : again + ": the same file as " + first + "; read once";
        }
    }

    /** The paths to read, in their order, and each one left out with the earlier path it repeats. */
    public record Result(List<Path> distinct, List<Repeat> repeats) {}

    public static Result of(List<Path> paths) {
        Map<Path, Path> first = new HashMap<>();
        List<Path> distinct = new ArrayList<>(paths.size());
        List<Repeat> repeats = new ArrayList<>();
        for (Path p : paths) {
            Path earlier = first.putIfAbsent(key(p), p);
            if (earlier == null) {
                distinct.add(p);
            } else {
                repeats.add(new Repeat(p, earlier));
            }
        }
        return new Result(List.copyOf(distinct), List.copyOf(repeats));
    }

    /**
     * The repeats among the files the paths stand for, a folder for the files {@link FolderWalk}
     * finds under it: a folder and a file in it, or two folders one inside the other, name some files
     * twice even when no path is given twice ({@code tandem scan dir dir/f}). A folder that cannot be
     * walked stands for nothing here; the command reports it.
     */
    public static Result inFolders(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try {
                for (FolderWalk.Entry e : FolderWalk.of(p)) {
                    if (e.error() == null) files.add(e.path());
                }
            } catch (IOException | UncheckedIOException e) {
                // reported by the command when it reads the folder
            }
        }
        return of(files);
    }

    private static Path key(Path p) {
        return FolderWalk.sameFile(p);
    }
}
