package dev.tandem.server.ledger;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Records ledger entries from inside a {@link LedgerWork}; each call answers the entry's index. */
public interface Appender {

    /** Appends an entry whose body is visible to everyone who may read the log. */
    long append(String type, @Nullable String incident, String actor, ObjectNode body);

    /**
     * Appends a privileged (FORENSIC) entry: the leaf carries only a salted commitment to the body
     * (CONTRACTS.md §1); the salt and body are kept apart, for those entitled to open it.
     */
    long appendPrivileged(String type, @Nullable String incident, String actor, ObjectNode body);
}
