package dev.tandem.server.ledger;

/**
 * A unit of work run by the {@link LedgerSequencer} inside its database transaction: it writes its
 * state rows with the shared JDBC template and records the matching ledger entries through the
 * {@link Appender}. If it throws, its rows and entries are rolled back (to a savepoint) and the
 * other units of the batch still commit. A unit must have no effect outside the database (it may
 * be run twice, ADR 052) and must not read or reference ledger rows: they are written after the
 * units of a batch have run.
 */
@FunctionalInterface
public interface LedgerWork<T> {
    T run(Appender appender) throws Exception;
}
