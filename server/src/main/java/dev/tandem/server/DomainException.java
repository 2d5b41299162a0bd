package dev.tandem.server;

/**
 * An expected refusal by the domain: what kind of refusal it is, a stable {@code code} and a detail
 * that names the input at fault. Services throw it without knowing HTTP; {@code web.Problems} is the
 * one place that maps each {@link Kind} to an RFC 9457 problem with its status, type
 * {@code urn:tandem:problem:<code>} (clients match on it, never on text), title and detail.
 */
public final class DomainException extends RuntimeException {

    /** What went wrong, as a client should understand it; each maps to one HTTP status. */
    public enum Kind {
        /** The request is malformed (parameters out of range). */
        BAD_REQUEST,
        /** Known to exist, but not the caller's to do. */
        FORBIDDEN,
        /** Does not exist, or the caller may not know it does. */
        NOT_FOUND,
        /** The current state refuses it (a transition, a duplicate, a finished job). */
        CONFLICT,
        /** The request's condition on the current state ({@code If-Match}) does not hold. */
        PRECONDITION_FAILED,
        /** The body is larger than accepted. */
        CONTENT_TOO_LARGE,
        /** The input is well-formed but not acceptable (a missing field, a bad value). */
        UNPROCESSABLE_CONTENT,
        /** Too many requests of this caller; try later. */
        TOO_MANY_REQUESTS,
        /** The server cannot take it now (a full queue); try later. */
        SERVICE_UNAVAILABLE,
        /** Storing it would exceed the space or quota available. */
        INSUFFICIENT_STORAGE
    }

    private final Kind kind;
    private final String code;
    private final String title;

    public DomainException(Kind kind, String code, String title, String detail) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.title = title;
    }

    public static DomainException notFound(String what, String id) {
        return new DomainException(Kind.NOT_FOUND, "not-found", what + " not found", "no " + what + " " + id);
    }

    public static DomainException unprocessable(String code, String detail) {
        return new DomainException(Kind.UNPROCESSABLE_CONTENT, code, "Unreadable input", detail);
    }

    public static DomainException badRequest(String code, String detail) {
        return new DomainException(Kind.BAD_REQUEST, code, "Bad request", detail);
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(Kind.FORBIDDEN, "forbidden", "Forbidden", detail);
    }

    public static DomainException conflict(String code, String title, String detail) {
        return new DomainException(Kind.CONFLICT, code, title, detail);
    }

    public static DomainException preconditionFailed(String code, String title, String detail) {
        return new DomainException(Kind.PRECONDITION_FAILED, code, title, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
