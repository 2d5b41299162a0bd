/**
 * Backups of the embedded store (ADR 063): {@link dev.tandem.server.backup.EmbeddedBackup} takes a
 * transactionally consistent H2 snapshot and archives it with the blobs its {@code blob_owner}
 * names; the administrator's {@code POST /api/v1/admin/backup} streams that archive from a running
 * server. PostgreSQL installations are backed up with pg_dump (docs/operations.md).
 */
@NullMarked
package dev.tandem.server.backup;

import org.jspecify.annotations.NullMarked;
