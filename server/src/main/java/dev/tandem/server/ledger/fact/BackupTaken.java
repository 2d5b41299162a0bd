package dev.tandem.server.ledger.fact;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * An administrator took an online backup of the installation ({@code backup.taken}); public, of no
 * incident. The archive holds every incident's evidence, FORENSIC included, and, unless the key is
 * configured outside the data directory, the ledger's private signing key (docs/operations.md
 * "Backup and restore"): like an evidence read, it is recorded before the first byte leaves.
 *
 * <p>No file count or byte total: they include the FORENSIC items, whose sizes the auditor, who
 * reads this entry, may not learn (two backups around an upload would give its size). The server's
 * log and the answer's headers give them to the administrator.
 *
 * @param treeSize the ledger's tree size at the database snapshot the archive holds
 * @param signingKey whether the archive holds the ledger's private signing key
 */
public record BackupTaken(long treeSize, boolean signingKey) implements Fact {
    @Override
    public String type() {
        return "backup.taken";
    }

    @Override
    public @Nullable String incident() {
        return null;
    }

    @Override
    public ObjectNode body() {
        return Fact.object().put("treeSize", treeSize).put("signingKey", signingKey);
    }

    @Override
    public boolean privileged() {
        return false;
    }
}
