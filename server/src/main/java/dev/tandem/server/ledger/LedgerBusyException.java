package dev.tandem.server.ledger;

/**
 * The ledger has more work waiting than it can take within the configured time: the caller's change
 * was withdrawn before it ran (nothing was recorded) and may be tried again shortly. Answered 503
 * with {@code Retry-After}.
 */
public final class LedgerBusyException extends LedgerUnavailableException {
    public LedgerBusyException(int waiting) {
        super("the ledger is busy (" + waiting + " changes waiting); nothing was recorded, try again shortly", null);
    }
}
