/** The evidence vault: streaming intake into the blob store, one ledger entry per item and per read, owners of every blob. */
@NullMarked
package dev.tandem.server.evidence;

import org.jspecify.annotations.NullMarked;
