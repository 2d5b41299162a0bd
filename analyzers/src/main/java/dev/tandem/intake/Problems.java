package dev.tandem.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects problems with bounded memory: malformed rows are listed individually up to a cap per
 * file, then only counted, and the count is reported once per file by {@link #endOfFile(String)}.
 */
public final class Problems {
    private final int rowProblemsListedPerFile;
    private final List<Problem> list = new ArrayList<>();
    private final Map<String, long[]> malformedRows = new HashMap<>();

    public Problems(int rowProblemsListedPerFile) {
        this.rowProblemsListedPerFile = rowProblemsListedPerFile;
    }

    public void report(String file, long line, Problem.Kind kind, String message) {
        list.add(new Problem(file, line, kind, message));
    }

    public void report(Problem problem) {
        list.add(problem);
    }

    /** How many row problems of one file are listed before they are only counted. */
    public int rowProblemsListedPerFile() {
        return rowProblemsListedPerFile;
    }

    /** A malformed row: counted always, listed while under the per-file cap. */
    public void malformedRow(String file, long line, String message) {
        long[] count = malformedRows.computeIfAbsent(file, f -> new long[1]);
        count[0]++;
        if (count[0] <= rowProblemsListedPerFile) {
            list.add(new Problem(file, line, Problem.Kind.MALFORMED_ROW, message));
        }
    }

    /** Reports the total of malformed rows skipped in a file, if any. */
    public void endOfFile(String file) {
        long[] count = malformedRows.remove(file);
        if (count != null) {
            list.add(new Problem(
                    file,
                    0,
                    Problem.Kind.MALFORMED_ROWS_SKIPPED,
                    count[0] + " malformed row(s) skipped"
                            + (count[0] > rowProblemsListedPerFile
                                    ? " (the first " + rowProblemsListedPerFile + " are listed)"
                                    : "")));
        }
    }

    /** Adds, after these, the problems another collection found (a file read on another thread). */
    public void addAll(Problems other) {
        list.addAll(other.list);
    }

    public List<Problem> all() {
        return List.copyOf(list);
    }
}
