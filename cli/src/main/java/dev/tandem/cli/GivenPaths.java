package dev.tandem.cli;

import java.io.IOException;
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

    private static Path key(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
