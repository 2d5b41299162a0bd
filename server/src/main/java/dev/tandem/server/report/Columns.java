package dev.tandem.server.report;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The widths of a report table's columns, as percentages of the table, from what the columns hold:
 * every column is at least as wide as its longest word (a date, a control id, a name, one citation),
 * so that no short value is broken across lines, and the rest of the width goes to the columns with
 * the most text. Long words (file names, configuration items) break after their separators, so
 * they need room for their widest part; a part longer than a column's share (SHA-256 hashes, ids)
 * may break anywhere. A table too wide for the page is set in smaller type ({@link #SIZES}). Widths are estimated from Helvetica's and Courier's advance widths,
 * the PDF's base-14 fonts (docs/reports.md); the web page uses them as hints.
 */
final class Columns {
    /** The width of the page's text, in ems of the body font: A4 less 2 × 15 mm, at 9.5 pt. */
    static final double PAGE = (210 - 2 * 15) / 25.4 * 72 / 9.5;

    /** A cell's padding and border, in ems: 2 × 3 pt and 1 pt. */
    static final double PADDING = 7 / 9.5;

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
     * The type sizes a table may be set in, in points, the body's first: a table whose words do not fit
     * the page side by side at one is set in the next (docs/reports.md "PDF layout").
     */
    static final List<Double> SIZES = List.of(9.5, 8.0, 7.0);

    /**
     * How a table is laid out: each column's width in percent, the citation column last, and the
     * type size its cells are set in ({@link #SIZES}).
     */
    record Layout(List<Double> widths, double size) {
        Layout {
            widths = List.copyOf(widths);
        }

        /** The class of a table set smaller than the body ({@code small}, {@code smaller}); null at the body's size. */
        @Nullable
        String sizeClass() {
            int i = SIZES.indexOf(size);
            return i <= 0 ? null : i == 1 ? "small" : "smaller";
        }
    }

    /**
     * The width of each column, in percent, the citation column ({@code cites}) last.
     *
     * @param header the headings, without the citation column's
     * @param cells each row's cells, as many as the headings
     * @param cites each row's citation text
     */
    static List<Double> widths(List<String> header, List<List<String>> cells, List<String> cites) {
        return layout(header, cells, cites).widths();
    }

    /**
     * The widths of {@link #widths}, at the largest of {@link #SIZES} at which every column is as wide
     * as its longest word that must stay whole: a table too wide for the page at the body's size is set
     * smaller rather than breaking its short words (at the smallest size, if still too wide, each
     * column gets its share in proportion to its longest word).
     */
    static Layout layout(List<String> header, List<List<String>> cells, List<String> cites) {
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
        // the text's widths scale with its size, the cells' padding and borders do not
        double size = SIZES.getLast();
        for (double s : SIZES) {
            if (sumMin * s / SIZES.getFirst() <= available) {
                size = s;
                break;
            }
        }
        double scale = size / SIZES.getFirst();
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            if (sumMin * scale >= available) {
                w[i] = min[i] * scale; // too many columns for their words: each in proportion to its longest
            } else if (sumMax * scale <= available) {
                w[i] = max[i] * scale; // everything fits: the spare width in proportion to the text
            } else {
                w[i] = (min[i] + (max[i] - min[i]) * (available / scale - sumMin) / (sumMax - sumMin)) * scale;
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
        return new Layout(out, size);
    }

    /**
     * The widest part of {@code text} that must stay whole, in ems of the body's type. Lines break
     * between words, and inside a word longer than {@link Renderer.SpaceBreaker#LONG_WORD} characters
     * after its separators (as {@link Renderer.SpaceBreaker} does): such a word needs room for its
     * widest part between them ({@code SNAPSHOT} of {@code CONFIG_SNAPSHOT}). A part itself longer than
     * that (a hash, a name run together) may break anywhere, and asks only for {@link #BROKEN_WORD}. A
     * word that more text follows asks for the space after it too: the PDF's renderer fits a word on a
     * line with its trailing space, and breaks it inside when the two do not fit ("CC6.3 on
     * 2|026-09-23 covered").
     */
    static double longestWord(String text) {
        double widest = 0;
        String[] words = text.strip().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            List<String> parts = parts(words[i]);
            for (int j = 0; j < parts.size(); j++) {
                String part = parts.get(j);
                boolean spaceAfter = j == parts.size() - 1 && i < words.length - 1;
                double w = part.length() > Renderer.SpaceBreaker.LONG_WORD
                        ? BROKEN_WORD
                        : helvetica(part) + (spaceAfter ? helvetica(" ") : 0);
                widest = Math.max(widest, w);
            }
        }
        return widest;
    }

    /** {@code word} as lines may break it: whole, or when long after each run of its separators. */
    private static List<String> parts(String word) {
        if (word.length() <= Renderer.SpaceBreaker.LONG_WORD) {
            return List.of(word);
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 1; i < word.length(); i++) {
            if (Renderer.SpaceBreaker.separator(word.charAt(i - 1))
                    && !Renderer.SpaceBreaker.separator(word.charAt(i))) {
                parts.add(word.substring(start, i));
                start = i;
            }
        }
        parts.add(word.substring(start));
        return parts;
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
