package dev.tandem.server.web;

import org.springframework.http.HttpStatus;

/**
 * An expected failure of an API call, answered as RFC 9457 problem details. {@code code} is stable:
 * clients match on the problem {@code type} ({@code urn:tandem:problem:<code>}), never on text.
 */
public final class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String title;

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", what + " not found", "no " + what + " " + id);
    }

    public static ApiProblem unprocessable(String code, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, "Unreadable input", detail);
    }

    public static ApiProblem badRequest(String code, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, code, "Bad request", detail);
    }

    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
