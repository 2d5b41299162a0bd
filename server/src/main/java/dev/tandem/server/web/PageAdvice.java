package dev.tandem.server.web;

import dev.tandem.server.DomainException;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.AccessDenied;
import dev.tandem.server.access.AccessPolicy;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Decision;
import dev.tandem.server.access.Target;
import dev.tandem.server.identity.Actor;
import dev.tandem.server.ledger.LedgerUnavailableException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page gets (the caller, the clock, and {@code can}: the access policy's answer for
 * every action on the page's incident, so templates show a control only where the policy permits
 * it) and how a page's failure is shown: a page with the status an API call would get and a
 * message naming the input, never a stack trace. The problem type is in the page as
 * {@code data-problem}, the same {@code urn:tandem:problem:*} the API answers. An error page shows the
 * signed-in navigation too: an exception handler's model starts empty, so {@link #page} adds the
 * caller again, and the container's error page gets it from this advice. An address that matches
 * nothing is drawn by {@link UnknownPages} with {@link #page}.
 */
@ControllerAdvice(annotations = WebPages.class, assignableTypes = BasicErrorController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageAdvice {
    private static final Logger log = LoggerFactory.getLogger(PageAdvice.class);
    private static final String ACCESS = Access.class.getName();

    private final Clock clock;

    PageAdvice(Clock clock) {
        this.clock = clock;
    }

    @ModelAttribute("me")
    @Nullable
    Actor me() {
        return caller();
    }

    private static @Nullable Actor caller() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof Actor a ? a : null;
    }

    /** A fresh one-time token for a form that creates something ({@link FormTokens}). */
    @ModelAttribute("formToken")
    String formToken() {
        return FormTokens.issue();
    }

    @ModelAttribute("now")
    Instant now() {
        return clock.instant();
    }

    /**
     * For each action on this request's incident, by name: does the policy permit it to the caller?
     * Templates ask {@code can['EVIDENCE_ADD']}.
     */
    @ModelAttribute("can")
    Map<String, Boolean> can(HttpServletRequest request) {
        Map<String, Boolean> can = new TreeMap<>();
        if (request.getAttribute(ACCESS) instanceof Access access
                && access.resource().incident() == null) {
            // a page outside incidents (the incident list): the installation-wide actions it offers
            for (Action a : Action.values()) {
                if (a.target() == Target.INSTALLATION) {
                    can.put(
                            a.name(),
                            AccessPolicy.decide(access.caller(), a, dev.tandem.server.access.Resource.INSTALLATION)
                                    instanceof Decision.Permit);
                }
            }
        }
        if (request.getAttribute(ACCESS) instanceof Access access
                && access.resource().incident() != null) {
            var incident =
                    dev.tandem.server.access.Resource.incident(access.resource().incident());
            for (Action a : Action.values()) {
                // an obligation's, a change's and an evidence request's actions are decided on its incident
                // alone (AccessPolicy); a change's page narrows them by the change rules (ChangePages)
                if (a.target() == Target.INCIDENT
                        || a.target() == Target.OBLIGATION
                        || a.target() == Target.CHANGE
                        || a.target() == Target.EVIDENCE_REQUEST) {
                    can.put(a.name(), AccessPolicy.decide(access.caller(), a, incident) instanceof Decision.Permit);
                }
            }
        }
        return can;
    }

    @ExceptionHandler(AccessDenied.class)
    String denied(AccessDenied e, Model model, HttpServletResponse response) {
        return e.hidden()
                ? page(model, response, DomainException.notFound(e.what(), e.id()))
                : page(model, response, DomainException.forbidden(e.getMessage()));
    }

    @ExceptionHandler(DomainException.class)
    String domain(DomainException e, Model model, HttpServletResponse response) {
        return page(model, response, e);
    }

    @ExceptionHandler(LedgerUnavailableException.class)
    String ledger(LedgerUnavailableException e, Model model, HttpServletResponse response) {
        response.setHeader("Retry-After", "5");
        return page(
                model,
                response,
                new DomainException(
                        DomainException.Kind.SERVICE_UNAVAILABLE,
                        "ledger-unavailable",
                        "Ledger unavailable",
                        "the ledger could not record the change; nothing was recorded: try again"));
    }

    /** A query parameter of the wrong type ({@code ?since=abc}): 400 naming it, as the API answers. */
    @ExceptionHandler(org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class)
    String mismatch(
            org.springframework.web.method.annotation.MethodArgumentTypeMismatchException e,
            Model model,
            HttpServletResponse response) {
        Class<?> type = e.getRequiredType();
        String expected = type == null
                ? "a value of another kind"
                : Number.class.isAssignableFrom(type) || type == long.class || type == int.class
                        ? "a whole number"
                        : "a " + type.getSimpleName();
        return page(
                model,
                response,
                DomainException.badRequest("bad-request", e.getName() + ": '" + e.getValue() + "' is not " + expected));
    }

    /** A required query parameter left out: 400 naming it. */
    @ExceptionHandler(org.springframework.web.bind.MissingServletRequestParameterException.class)
    String missing(
            org.springframework.web.bind.MissingServletRequestParameterException e,
            Model model,
            HttpServletResponse response) {
        return page(model, response, DomainException.badRequest("bad-request", e.getParameterName() + ": required"));
    }

    /** Evidence bytes that are not those recorded, on a page's download: as the API does ({@link Problems#damaged}). */
    @ExceptionHandler(dev.tandem.evidence.DamagedBlobException.class)
    org.springframework.web.servlet.@Nullable ModelAndView damaged(
            dev.tandem.evidence.DamagedBlobException e, HttpServletResponse response) {
        if (BrokenOff.ifCommitted(e, response)) {
            return null;
        }
        ProblemDetail p = Problems.damagedDetail(e);
        response.setStatus(p.getStatus());
        var page = new org.springframework.web.servlet.ModelAndView("error");
        page.addObject("me", caller());
        page.addObject("status", p.getStatus());
        page.addObject("problem", String.valueOf(p.getType()));
        page.addObject("problemTitle", p.getTitle());
        page.addObject("detail", p.getDetail());
        return page;
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, HttpServletResponse response) {
        log.error("unexpected failure on a page", e);
        response.setStatus(HttpStatus.INTERNAL_SERVER_ERROR.value());
        model.addAttribute("me", caller());
        model.addAttribute("status", 500);
        model.addAttribute("problem", Problems.type("internal").toString());
        model.addAttribute("problemTitle", "Something went wrong");
        model.addAttribute("detail", "the server could not complete the request; nothing partial was recorded");
        return "error";
    }

    /** Fills {@code model} for the {@code error} page of {@code e} and sets the response's status; answers the view. */
    static String page(Model model, HttpServletResponse response, DomainException e) {
        HttpStatus status = Problems.status(e.kind());
        response.setStatus(status.value());
        model.addAttribute("me", caller());
        model.addAttribute("status", status.value());
        model.addAttribute("problem", Problems.type(e.code()).toString());
        model.addAttribute("problemTitle", e.title());
        model.addAttribute("detail", e.getMessage());
        return "error";
    }
}
