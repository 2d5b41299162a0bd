package dev.tandem.cli.ledger;

/** The server answered, but not in the shape docs/contracts.md §1 promises: the ledger cannot be verified (exit 1). */
final class MalformedAnswerException extends Exception {
    MalformedAnswerException(String message) {
        super(message);
    }

    MalformedAnswerException(String message, Throwable cause) {
        super(message, cause);
    }
}
