/** The ledger in the server: the one sequencer that appends entries with their state rows, and the log's HTTP face. */
@NullMarked
package dev.tandem.server.ledger;

import org.jspecify.annotations.NullMarked;
