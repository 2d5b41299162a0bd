package dev.tandem.server.ledger;

import org.jspecify.annotations.Nullable;

/** The ledger could not record (database down, shutting down): the caller's change did not happen. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
