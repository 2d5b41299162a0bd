package dev.tandem.server.web;

import dev.tandem.server.DomainException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * An address that matches no page, API call or static resource (docs/web.md): a browser asking for a
 * page gets the {@code error} page (404, the layout with the signed-in navigation, {@code data-problem}
 * {@code urn:tandem:problem:not-found}); {@code /api/**}, and any client that does not prefer HTML,
 * gets the RFC 9457 problem exactly as {@link Problems} answers it. Unmatched addresses reach Spring as
 * {@link NoResourceFoundException} from the static resource handler, which must keep serving
 * {@code /css}, {@code /js} and {@code /webjars}: so this is an exception handler, not a {@code /**}
 * mapping. It has no selectors (the resource handler is no controller) and runs before {@link Problems}.
 * An address that exists but not for the request's method (a browser reloading the address a form
 * posted to) is decided by the same rule: the page is 405 with {@code Allow}, says the address takes a
 * form and links back to the nearest page above it ({@link #back}); the API's problem is unchanged.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnknownPages {
    private final Problems problems;
    private final RequestMappingHandlerMapping mappings;

    UnknownPages(Problems problems, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        this.problems = problems;
        this.mappings = mappings;
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

    /**
     * A method the address does not take: for a browser asking for a page, the error page, 405 with the
     * methods it takes; for a GET of an address that takes only a form's POST, a way back to the page
     * the form is on.
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    Object methodNotAllowed(
            HttpRequestMethodNotSupportedException e,
            HttpServletRequest request,
            HttpServletResponse response,
            WebRequest web)
            throws Exception {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (isApi(path) || !prefersHtml(request.getHeader(HttpHeaders.ACCEPT))) {
            return problems.handleException(e, web);
        }
        Set<HttpMethod> allowed = e.getSupportedHttpMethods();
        if (allowed != null && !allowed.isEmpty()) {
            response.setHeader(
                    HttpHeaders.ALLOW,
                    String.join(
                            ", ",
                            allowed.stream().map(HttpMethod::name).sorted().toList()));
        }
        String back = back(path);
        boolean form = allowed != null && allowed.contains(HttpMethod.POST) && !allowed.contains(HttpMethod.GET);
        String detail = form && HttpMethod.GET.matches(request.getMethod())
                ? "This address takes a form submission, not a visit: go back to " + back
                        + " and send the form from there"
                : "This address does not take " + request.getMethod() + "; go back to " + back;
        ExtendedModelMap model = new ExtendedModelMap();
        String view = PageAdvice.page(model, response, DomainException.badRequest("bad-request", detail));
        model.addAttribute("status", HttpStatus.METHOD_NOT_ALLOWED.value());
        model.addAttribute("problemTitle", "Not a page");
        model.addAttribute("back", back);
        return new ModelAndView(view, model.asMap(), HttpStatus.METHOD_NOT_ALLOWED);
    }

    /**
     * The nearest address above {@code path} that a page answers with GET ({@code /incidents/7/timeline}
     * to {@code /incidents/7}), else {@code /incidents}.
     */
    String back(String path) {
        for (String up = parent(path); !up.isEmpty(); up = parent(up)) {
            PathContainer candidate = PathContainer.parsePath(up);
            for (var e : mappings.getHandlerMethods().entrySet()) {
                if (org.springframework.util.ClassUtils.getUserClass(
                                        e.getValue().getBeanType())
                                .isAnnotationPresent(WebPages.class)
                        && e.getKey()
                                .getMethodsCondition()
                                .getMethods()
                                .contains(org.springframework.web.bind.annotation.RequestMethod.GET)
                        && e.getKey().getPathPatternsCondition() != null
                        && e.getKey().getPathPatternsCondition().getPatterns().stream()
                                .anyMatch(p -> p.matches(candidate))) {
                    return up;
                }
            }
        }
        return "/incidents";
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "" : path.substring(0, slash);
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
