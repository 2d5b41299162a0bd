/**
 * The administrator's vault check as a job (docs/operations.md, "Backup and restore"): every owned
 * blob re-hashed on the job runner, with progress and what it found readable while it runs.
 */
@NullMarked
package dev.tandem.server.evidence.check;

import org.jspecify.annotations.NullMarked;
