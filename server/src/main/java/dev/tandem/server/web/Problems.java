package dev.tandem.server.web;

import dev.tandem.evidence.DamagedBlobException;
import dev.tandem.server.DomainException;
import dev.tandem.server.access.AccessDenied;
import dev.tandem.server.ledger.LedgerBusyException;
import dev.tandem.server.ledger.LedgerUnavailableException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** The one place where failures become RFC 9457 problem details; no stack trace ever leaves. */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    public static URI type(String code) {
        return URI.create("urn:tandem:problem:" + code);
    }

    public static ProblemDetail detail(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(type(code));
        p.setTitle(title);
        return p;
    }

    /** The domain's refusals: each kind is one HTTP status (and a Retry-After where trying later helps). */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException e) {
        HttpStatus status = status(e.kind());
        ResponseEntity<ProblemDetail> r = respond(detail(status, e.code(), e.title(), e.getMessage()));
        if (e.kind() == DomainException.Kind.TOO_MANY_REQUESTS
                || e.kind() == DomainException.Kind.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(status)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(r.getBody());
        }
        return r;
    }

    public static HttpStatus status(DomainException.Kind kind) {
        return switch (kind) {
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case CONTENT_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
            case UNPROCESSABLE_CONTENT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case TOO_MANY_REQUESTS -> HttpStatus.TOO_MANY_REQUESTS;
            case SERVICE_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case INSUFFICIENT_STORAGE -> HttpStatus.INSUFFICIENT_STORAGE;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
        };
    }

    /** The access policy's refusals: 403 with its reason, or exactly the 404 of an item that does not exist. */
    @ExceptionHandler(AccessDenied.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDenied e) {
        return domain(
                e.hidden() ? DomainException.notFound(e.what(), e.id()) : DomainException.forbidden(e.getMessage()));
    }

    /** The ledger could not take the change: nothing was recorded; the client may try again. */
    @ExceptionHandler(LedgerUnavailableException.class)
    ResponseEntity<ProblemDetail> ledgerUnavailable(LedgerUnavailableException e) {
        log.warn("ledger unavailable: {}", e.getMessage());
        boolean busy = e instanceof LedgerBusyException;
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, busy ? "1" : "5")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        busy ? "ledger-busy" : "ledger-unavailable",
                        busy ? "Ledger busy" : "Ledger unavailable",
                        busy ? e.getMessage() : "the ledger could not record the change; nothing was recorded"));
    }

    /**
     * Evidence bytes that are not those recorded ({@code Vault} logged which): before the answer is
     * committed, 500 {@code evidence-damaged} in place of the download's headers; once bytes have
     * left, the transfer is broken off ({@link BrokenOff}), so no client takes it as complete.
     */
    @ExceptionHandler(DamagedBlobException.class)
    @Nullable
    ResponseEntity<ProblemDetail> damaged(DamagedBlobException e, HttpServletResponse response) {
        return BrokenOff.ifCommitted(e, response) ? null : respond(damagedDetail(e));
    }

    static ProblemDetail damagedDetail(DamagedBlobException e) {
        return detail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "evidence-damaged",
                "Evidence damaged in the vault",
                "the stored bytes of sha256 " + e.expectedSha256() + " are not those recorded (" + e.getMessage()
                        + "); nothing was sent; restore the file from a backup (docs/operations.md)");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return respond(detail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
                "the server could not complete the request; nothing partial was recorded"));
    }

    /**
     * A body cut off by {@link BodyLimitFilter} is a 413, not an unreadable body; a body that is not
     * JSON, or JSON of the wrong shape, is 400 {@code bad-request} naming the line, column and field
     * ({@link UnreadableJson}); a missing body is 400 saying so. Spring's own message names the
     * handler method, so it is never passed on.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            org.springframework.http.converter.HttpMessageNotReadableException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof BodyLimitFilter.BodyTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(detail(
                                HttpStatus.CONTENT_TOO_LARGE,
                                "body-too-large",
                                "Body too large",
                                tooLarge.getMessage()));
            }
        }
        tools.jackson.core.JacksonException json = UnreadableJson.cause(ex);
        if (json != null) {
            return badRequest(UnreadableJson.detail(json));
        }
        if (String.valueOf(ex.getMessage()).startsWith("Required request body is missing")) {
            return badRequest("body: missing, this call requires one");
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }

    private static ResponseEntity<Object> badRequest(String detail) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> r = super.handleExceptionInternal(ex, body, headers, status, request);
        if (r != null
                && r.getBody() instanceof ProblemDetail p
                && (p.getType() == null || "about:blank".equals(p.getType().toString()))) {
            p.setType(
                    type(status.value() == 404 ? "not-found" : status.is4xxClientError() ? "bad-request" : "internal"));
            if (ex instanceof org.springframework.web.servlet.resource.NoResourceFoundException) {
                p.setDetail("no such address: " + request.getDescription(false).replaceFirst("^uri=", ""));
            }
        }
        return r;
    }

    /** For filters outside MVC (authentication): writes a problem straight to the response. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter()
                .write("{\"type\":\"" + type(code) + "\",\"title\":\"" + title + "\",\"status\":" + status.value()
                        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }
}
