package dev.tandem.server.ledger;

import dev.tandem.server.ledger.fact.Fact;
import org.jspecify.annotations.Nullable;

/** Records ledger entries from inside a {@link LedgerWork}; each call answers the entry's index. */
public interface Appender {

    /**
     * Appends the entry of {@code fact}. A {@link Fact#privileged() privileged} fact's leaf carries
     * only a salted commitment to its body (docs/contracts.md §1); the salt and body are kept apart, for
     * those entitled to open it. Answers the entry's index.
     */
    long record(Fact fact, String actor);

    /**
     * A state write of this unit that nothing in the unit reads back and whose update count it does
     * not need: an {@code INSERT}, typically. The sequencer runs it after every unit of the batch has
     * run, in a JDBC batch with the same statement of neighbouring units (order kept): one round trip
     * for many units instead of one each. Should it fail, the whole batch is redone with each unit in
     * its own savepoint and its writes run at once, so that only the failing unit is refused.
     * No unit of the same batch sees the row either: a check-then-insert that two units could both
     * pass needs a unique constraint to catch it, or an immediate write.
     */
    void write(String sql, @Nullable Object... args);

    /**
     * Asks for a signed checkpoint with this unit's batch, however busy the log: once the unit's
     * caller is answered, the latest signed checkpoint covers its entries (an export bag is drawn from
     * one that holds its own export entry, docs/export.md). A unit that is refused asks for nothing.
     */
    void requireCheckpoint();
}
