package dev.tandem.server.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The widths of a report table's columns, as percentages of the table, from what the columns hold:
 * every column is at least as wide as its longest word (a date, a control id, a name, one citation),
 * so that no short value is broken across lines, and the rest of the width goes to the columns with
 * the most text. Words longer than {@link #LONGEST_WORD} (SHA-256 hashes, ids, configuration item
 * names) are allowed to break. Widths are estimated from Helvetica's and Courier's advance widths,
 * the PDF's base-14 fonts (docs/reports.md); the web page uses them as hints.
 */
final class Columns {
    /** The width of the page's text, in ems of the body font: A4 less 2 × 15 mm, at 9.5 pt. */
    static final double PAGE = (210 - 2 * 15) / 25.4 * 72 / 9.5;

    /** A cell's padding and border, in ems: 2 × 3 pt and 1 pt. */
    static final double PADDING = 7 / 9.5;

    /** A word wider than this (in ems, about 13 characters) may be broken: hashes, ids, paths. */
    static final double LONGEST_WORD = 7.5;

    /** What a column whose words may all break asks for, at least (about 7 characters). */
    static final double BROKEN_WORD = 4;

    /** What a column may ask for, at most, when its text is long: the rest goes to other columns. */
    static final double LONGEST_TEXT = 45;

    /** The estimate's margin over the fonts' widths. */
    private static final double MARGIN = 1.1;

    /** The citation column is Courier 8 pt: 0.6 em of 8 pt per character, in ems of 9.5 pt. */
    private static final double COURIER = 0.6 * 8 / 9.5;

    private Columns() {}

    /**
     * The width of each column, in percent, the citation column ({@code cites}) last.
     *
     * @param header the headings, without the citation column's
     * @param cells each row's cells, as many as the headings
     * @param cites each row's citation text
     */
    static List<Double> widths(List<String> header, List<List<String>> cells, List<String> cites) {
        int n = header.size() + 1;
        double[] min = new double[n];
        double[] max = new double[n];
        for (int i = 0; i < header.size(); i++) {
            // headings are bold: about a tenth wider
            min[i] = longestWord(header.get(i)) * 1.1;
            max[i] = helvetica(header.get(i)) * 1.1;
        }
        min[n - 1] = longestWord("Ledger") * 1.1;
        max[n - 1] = helvetica("Ledger") * 1.1;
        for (List<String> row : cells) {
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                min[i] = Math.max(min[i], longestWord(row.get(i)));
                max[i] = Math.max(max[i], Math.min(LONGEST_TEXT, helvetica(row.get(i))));
            }
        }
        for (String cite : cites) {
            for (String word : cite.split("\\s+")) {
                min[n - 1] = Math.max(min[n - 1], word.length() * COURIER);
            }
            max[n - 1] = Math.max(max[n - 1], Math.min(LONGEST_TEXT, cite.length() * COURIER));
        }
        double available = PAGE - n * PADDING;
        double sumMin = 0;
        double sumMax = 0;
        for (int i = 0; i < n; i++) {
            min[i] *= MARGIN;
            max[i] = Math.max(min[i], max[i] * MARGIN);
            sumMin += min[i];
            sumMax += max[i];
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (sumMin >= available) {
                w[i] = min[i]; // too many columns for their words: each in proportion to its longest
            } else if (sumMax <= available) {
                w[i] = max[i]; // everything fits: the spare width in proportion to the text
            } else {
                w[i] = min[i] + (max[i] - min[i]) * (available - sumMin) / (sumMax - sumMin);
            }
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += w[i] + PADDING;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Math.round((w[i] + PADDING) / total * 1000) / 10.0);
        }
        return out;
    }

    /**
     * The widest word of {@code text} that must stay whole, in ems; a word wider than {@link
     * #LONGEST_WORD} may break, and asks only for {@link #BROKEN_WORD}. A word that more text follows
     * asks for the space after it too: the PDF's renderer fits a word on a line with its trailing
     * space, and breaks it inside when the two do not fit ("CC6.3 on 2|026-09-23 covered").
     */
    static double longestWord(String text) {
        double widest = 0;
        String[] words = text.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            double w = helvetica(words[i]);
            double needs = i < words.length - 1 ? w + helvetica(" ") : w;
            widest = Math.max(widest, w > LONGEST_WORD ? BROKEN_WORD : needs);
        }
        return widest;
    }

    /** The width of {@code text} in Helvetica, in ems (the advance widths of its AFM, rounded). */
    static double helvetica(String text) {
        double w = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("ijl'|".indexOf(c) >= 0) {
                w += 0.23;
            } else if (" .,:;!I[]/\\()ft".indexOf(c) >= 0) {
                w += 0.29;
            } else if ("r-\"".indexOf(c) >= 0) {
                w += 0.34;
            } else if ("mM".indexOf(c) >= 0) {
                w += 0.84;
            } else if ("wW@".indexOf(c) >= 0) {
                w += 0.95;
            } else if (c >= 'A' && c <= 'Z' || c == '%' || c == '&') {
                w += 0.72;
            } else {
                w += 0.56; // digits, most lower-case letters, and anything else
            }
        }
        return w;
    }
}
