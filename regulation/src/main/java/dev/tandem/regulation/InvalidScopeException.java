package dev.tandem.regulation;

/**
 * An incident scope that cannot be evaluated: an unknown country or subdivision code, a negative
 * count, an unknown category or question. The message names the offending value; callers show it
 * as it is (the CLI exits with 2, the server answers 422).
 */
public final class InvalidScopeException extends IllegalArgumentException {
    public InvalidScopeException(String message) {
        super(message);
    }
}
