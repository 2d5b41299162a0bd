/**
 * Backups of an embedded installation: one zip archive holding the database snapshot, the ledger
 * signing key and every owned blob, with a manifest of each file's SHA-256 and the ledger's tree
 * size and root at the snapshot (ADR 063). Framework-free: the server and the command line take the
 * snapshot; this package writes, verifies and unpacks the archive.
 */
@NullMarked
package dev.tandem.backup;

import org.jspecify.annotations.NullMarked;
