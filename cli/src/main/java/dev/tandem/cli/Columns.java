package dev.tandem.cli;

import java.util.ArrayList;
import java.util.List;

/** A table for a terminal: columns left-aligned to their widest cell, two spaces apart. */
public final class Columns {
    private Columns() {}

    /** The lines of {@code rows}, the first row being the header; the last column is not padded. */
    public static List<String> table(List<List<String>> rows) {
        int[] width = new int[rows.getFirst().size()];
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++)
                width[i] = Math.max(width[i], r.get(i).length());
        }
        List<String> lines = new ArrayList<>();
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) b.append("  ");
                String cell = r.get(i);
                b.append(cell);
                if (i < r.size() - 1) b.append(" ".repeat(Math.max(0, width[i] - cell.length())));
            }
            lines.add(b.toString().stripTrailing());
        }
        return lines;
    }
}
