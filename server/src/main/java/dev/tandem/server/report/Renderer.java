package dev.tandem.server.report;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a {@link Report} with its Thymeleaf template under {@code templates/reports/} (XHTML, so
 * that the web interface can include the same templates and openhtmltopdf can parse the output),
 * and turns that same HTML into PDF. The PDF uses the base-14 fonts only: nothing is fetched.
 */
public final class Renderer {
    private final SpringTemplateEngine engine = new SpringTemplateEngine();

    public Renderer() {
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(Renderer.class.getClassLoader());
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding(StandardCharsets.UTF_8.name());
        templates.setCacheable(true);
        engine.setTemplateResolver(templates);
    }

    public String html(Report report) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("report", report);
        return engine.process("reports/" + report.kind(), context);
    }

    /** The PDF of {@code html}, as rendered by {@link #html}. */
    public byte[] pdf(String html) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.useUnicodeLineBreaker(new SpaceBreaker());
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the report as PDF failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Lines break between words, and inside a long word (more than {@value #LONG_WORD} characters: a
     * file name, a configuration item, an id, an e-mail address) after its separators {@code - _ / .
     * : # @}. openhtmltopdf's
     * own breaker breaks after such punctuation in every word, which split dates, times and control
     * ids ("2026-|12-06", "16:|30:22", "A.|16.1.5"). A word still wider than its column breaks where it
     * must ({@code word-wrap: break-word}: hashes); the columns are as wide as their short words
     * ({@link Columns}).
     */
    static final class SpaceBreaker implements FSTextBreaker {
        static final int LONG_WORD = 14;
        private static final String SEPARATORS = "-_/.:#@";
        private String text = "";
        private int at;

        @Override
        public void setText(String newText) {
            text = newText;
            at = 0;
        }

        @Override
        public int next() {
            if (at >= text.length()) {
                return -1;
            }
            int start = wordStart(at);
            int end = start;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
                end++;
            }
            int i = at;
            if (end - start > LONG_WORD) {
                while (i < end && SEPARATORS.indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                while (i < end && SEPARATORS.indexOf(text.charAt(i)) >= 0) {
                    i++;
                }
                if (i < end) {
                    at = i;
                    return i;
                }
            }
            i = end;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            at = i;
            return i;
        }

        /** Whether a long word may break after {@code c}. */
        static boolean separator(char c) {
            return SEPARATORS.indexOf(c) >= 0;
        }

        /** Where the word holding {@code i} starts. */
        private int wordStart(int i) {
            int s = i;
            while (s > 0 && !Character.isWhitespace(text.charAt(s - 1))) {
                s--;
            }
            return s;
        }
    }
}
