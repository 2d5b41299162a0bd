package dev.tandem.regulation;

/** A rule file that cannot be used; the message names the file, the rule id and the field. */
public final class RuleBookException extends RuntimeException {
    public RuleBookException(String message) {
        super(message);
    }

    public RuleBookException(String message, Throwable cause) {
        super(message, cause);
    }
}
