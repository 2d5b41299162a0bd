/**
 * Evidence: content addressing (SHA-256), the {@link dev.tandem.evidence.BlobStore} contract and its
 * filesystem provider. Framework-free; the server adds persistence and the ledger entry.
 */
@NullMarked
package dev.tandem.evidence;

import org.jspecify.annotations.NullMarked;
