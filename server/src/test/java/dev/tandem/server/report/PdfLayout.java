package dev.tandem.server.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.springframework.web.util.HtmlUtils;

/**
 * A report's PDF read back with PDFBox and held against its HTML: every short value the HTML shows
 * (a citation {@code #28}, a date, a time, a control id, a word of up to twelve letters such as a
 * name or a status, or such a part of a longer word) is in the PDF's text as often and whole, not broken across lines nor cut at a
 * column's edge, and no text is drawn past the page's right margin.
 */
final class PdfLayout {
    /** Citations, dates, times, SOC 2 and ISO control ids, and short words. */
    private static final Pattern SHORT =
            Pattern.compile("(?<![\\w#.-])(?:#\\d+|\\d{4}-\\d{2}-\\d{2}|\\d{2}:\\d{2}:\\d{2}"
                    + "|(?:CC|PI|[ACP])\\d+\\.\\d+|A\\.\\d+(?:\\.\\d+)+|[A-Za-z]{2,12})(?![\\w-])");

    /**
     * Words of up to twelve letters and digits, alone or as a part of a longer word between its
     * separators ({@code SNAPSHOT} of {@code CONFIG_SNAPSHOT}, {@code Opportunity} of {@code
     * #ViewAllRecords/Opportunity}): a line may break after a separator, never inside them. A run of
     * more (a hash) may break anywhere.
     */
    private static final Pattern PART =
            Pattern.compile("(?<![A-Za-z0-9])(?=[0-9]*[A-Za-z])[A-Za-z0-9]{2,12}(?![A-Za-z0-9])");

    /** The page's right margin, 15 mm, less a point for rounding. */
    private static final float RIGHT_MARGIN = 15 / 25.4f * 72 - 1;

    private PdfLayout() {}

    /** What is wrong with how {@code pdf} shows {@code html}'s text; empty when nothing is. */
    static List<String> problems(String html, byte[] pdf) throws IOException {
        List<String> problems = new ArrayList<>();
        String shown =
                HtmlUtils.htmlUnescape(html.substring(html.indexOf("<body")).replaceAll("(?s)<[^>]*>", " "));
        Map<String, Integer> want = count(shown);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            float right = doc.getPage(0).getMediaBox().getWidth() - RIGHT_MARGIN;
            List<String> beyond = new ArrayList<>();
            PDFTextStripper stripper = new PDFTextStripper() {
                @Override
                protected void writeString(String text, List<TextPosition> positions) throws IOException {
                    for (TextPosition p : positions) {
                        if (p.getXDirAdj() + p.getWidthDirAdj() > right
                                && !p.getUnicode().isBlank()) {
                            beyond.add(text);
                            break;
                        }
                    }
                    super.writeString(text, positions);
                }
            };
            Map<String, Integer> got = count(stripper.getText(doc));
            want.forEach((value, n) -> {
                int found = got.getOrDefault(value, 0);
                if (found < n) {
                    problems.add("\"" + value + "\" is shown " + n + " times, whole in the PDF only " + found);
                }
            });
            beyond.forEach(text -> problems.add("drawn past the right margin: " + text));
        }
        return problems;
    }

    private static Map<String, Integer> count(String text) {
        Map<String, Integer> n = new TreeMap<>();
        for (Pattern p : List.of(SHORT, PART)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                n.merge(m.group(), 1, Integer::sum);
            }
        }
        return new HashMap<>(n);
    }
}
