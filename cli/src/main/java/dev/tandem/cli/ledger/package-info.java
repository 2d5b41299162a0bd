/** {@code tandem ledger …} and {@code tandem bench ledger-proofs}: the ledger seen from outside the server. */
@NullMarked
package dev.tandem.cli.ledger;

import org.jspecify.annotations.NullMarked;
