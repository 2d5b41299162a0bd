package dev.tandem.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The error summary of a refused full-page post (docs/web.md, "Form errors"): when a handler answers
 * a page with a 4xx status, the refusals it put in the model become {@code pageErrors}, a list of
 * {@link PageError}s, each naming the id of the message beside its field. {@link ErrorSummaryDialect}
 * then starts the page's title with "Error: " and puts the summary at the top of its {@code <main>}.
 *
 * <p>The pages put a refusal in the model in one of a few shapes, all read here: {@code errors}, a
 * map from field to message, each shown as {@code err-<field>}; {@code somethingError}, a message
 * shown as {@code something-error} ({@code scopeError} beside the field {@code scopeErrorField}
 * names); {@code formError}, a map with the obligation's id and the message, shown as
 * {@code error-<obligation>}; and {@code error} with {@code errorForm}, shown as
 * {@code <form>-error}, or with {@code errorRequest} for a request's forms, as {@code error-<request>}. An htmx request swaps a fragment and gets no
 * summary: the script moves focus to the fragment's message instead.
 */
public final class FormErrors implements HandlerInterceptor {
    /** The model attribute holding the summary's entries. */
    public static final String ATTRIBUTE = "pageErrors";

    /** One refusal: its message and the id of the element showing it beside its field, if any. */
    public record PageError(String message, @Nullable String target) {}

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, @Nullable ModelAndView mav) {
        if (mav == null
                || response.getStatus() < 400
                || "true".equals(request.getHeader("HX-Request"))
                || (mav.getViewName() != null && mav.getViewName().startsWith("redirect:"))) {
            return;
        }
        List<PageError> errors = collect(mav.getModel());
        if (!errors.isEmpty()) {
            mav.addObject(ATTRIBUTE, errors);
        }
    }

    /** The refusals in a page's model, in the order the model holds them. */
    public static List<PageError> collect(Map<String, ?> model) {
        List<PageError> errors = new ArrayList<>();
        for (var entry : model.entrySet()) {
            String name = entry.getKey();
            Object value = entry.getValue();
            if (name.equals("errors") && value instanceof Map<?, ?> fields) {
                fields.forEach((field, message) -> {
                    if (message != null && !message.toString().isBlank()) {
                        errors.add(new PageError(message.toString(), "err-" + field));
                    }
                });
            } else if (name.equals("formError") && value instanceof Map<?, ?> refused) {
                Object message = refused.get("message");
                if (message != null) {
                    Object obligation = refused.get("obligation");
                    errors.add(new PageError(message.toString(), obligation == null ? null : "error-" + obligation));
                }
            } else if (name.equals("error") && value instanceof String message && !message.isBlank()) {
                errors.add(new PageError(message, target(model.get("errorForm"), model.get("errorRequest"))));
            } else if (name.equals("scopeError") && value instanceof String message) {
                Object field = model.get("scopeErrorField");
                String target = field == null || field.toString().isEmpty() ? "scope-error" : "s-" + field + "-error";
                errors.add(new PageError(message, target));
            } else if (name.endsWith("Error")
                    && name.length() > 5
                    && value instanceof String message
                    && !message.isBlank()) {
                errors.add(new PageError(message, kebab(name.substring(0, name.length() - 5)) + "-error"));
            }
        }
        return errors;
    }

    private static @Nullable String target(@Nullable Object form, @Nullable Object request) {
        if (request != null && !request.toString().isEmpty()) {
            return "error-" + request;
        }
        return form == null || form.toString().isEmpty() ? null : form + "-error";
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration implements WebMvcConfigurer {
        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new FormErrors());
        }
    }
}
