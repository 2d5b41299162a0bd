package dev.tandem.ledger;

/** Leaf bytes that are not a well-formed ledger entry (docs/contracts.md §1); the message names what is wrong. */
public final class MalformedLeafException extends IllegalArgumentException {

    public MalformedLeafException(String message) {
        super(message);
    }

    public MalformedLeafException(String message, Throwable cause) {
        super(message, cause);
    }
}
