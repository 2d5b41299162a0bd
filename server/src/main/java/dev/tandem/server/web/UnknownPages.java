package dev.tandem.server.web;

import dev.tandem.server.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address that matches no page, API call or static resource (docs/web.md): a browser asking for a
 * page gets the {@code error} page (404, the layout with the signed-in navigation, {@code data-problem}
 * {@code urn:tandem:problem:not-found}); {@code /api/**}, and any client that does not prefer HTML,
 * gets the RFC 9457 problem exactly as {@link Problems} answers it. Unmatched addresses reach Spring as
 * {@link NoResourceFoundException} from the static resource handler, which must keep serving
 * {@code /css}, {@code /js} and {@code /webjars}: so this is an exception handler, not a {@code /**}
 * mapping. It has no selectors (the resource handler is no controller) and runs before {@link Problems}.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnknownPages {
    private final Problems problems;

    UnknownPages(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    Object notFound(Exception e, HttpServletRequest request, HttpServletResponse response, WebRequest web)
            throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isApi(path) || !prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            return problems.handleException(e, web);
        }
        ExtendedModelMap model = new ExtendedModelMap();
        String view = PageAdvice.page(
                model,
                response,
                new DomainException(
                        DomainException.Kind.NOT_FOUND, "not-found", "Page not found", "no page at " + path));
        return new ModelAndView(view, model.asMap(), HttpStatus.NOT_FOUND);
    }

    static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /**
     * Does the client name HTML (not only {@code *}{@code /*}) with a higher quality than any JSON? A
     * browser's navigation does; {@code Accept: application/json}, a missing header or {@code *}{@code /*}
     * do not.
     */
    static boolean prefersHtml(@Nullable String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (MediaType t : types) {
            if (t.isWildcardType() || t.isWildcardSubtype()) {
                continue;
            }
            double q = t.getQualityValue();
            if (MediaType.TEXT_HTML.equalsTypeAndSubtype(t)
                    || MediaType.APPLICATION_XHTML_XML.equalsTypeAndSubtype(t)) {
                html = Math.max(html, q);
            } else if (t.getSubtype().equals("json") || t.getSubtype().endsWith("+json")) {
                json = Math.max(json, q);
            }
        }
        return html > 0 && html > json;
    }
}
