package dev.tandem.server.report;

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
        builder.withHtmlContent(html, null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("rendering the report as PDF failed", e);
        }
        return out.toByteArray();
    }
}
