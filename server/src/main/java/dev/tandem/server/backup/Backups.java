package dev.tandem.server.backup;

import dev.tandem.backup.BackupWriter;
import dev.tandem.server.DomainException;
import dev.tandem.server.TandemProperties;
import dev.tandem.server.ledger.Ledger;
import dev.tandem.server.ledger.fact.BackupTaken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.stereotype.Service;

/**
 * Online backups of an embedded installation (ADR 063): a snapshot of the H2 database taken while
 * the server keeps writing, then the blobs that snapshot's {@code blob_owner} names.
 */
@Service
class Backups {
    private final DataSource dataSource;
    private final TandemProperties props;
    private final Ledger ledger;

    Backups(DataSource dataSource, TandemProperties props, Ledger ledger) {
        this.dataSource = dataSource;
        this.props = props;
        this.ledger = ledger;
    }

    /**
     * Records that {@code actor} takes the backup {@code prepared} ({@code backup.taken}): every
     * incident's content, and the signing key when the archive holds it, are about to leave, so the
     * entry comes first, as an evidence read's does (docs/contracts.md).
     */
    void recordTaken(Prepared prepared, String actor) {
        boolean signingKey = prepared.sources().stream().anyMatch(s -> s.path().startsWith(EmbeddedBackup.KEYS));
        ledger.record(
                ap -> ap.record(new BackupTaken(prepared.snapshot().ledger().treeSize(), signingKey), actor));
    }

    /** What one backup streams: the snapshot, the files, and the work folder to delete afterwards. */
    record Prepared(EmbeddedBackup.Snapshot snapshot, List<BackupWriter.Source> sources, long bytes, Path work) {}

    /**
     * Snapshots the database and lists what to stream; the caller deletes {@link Prepared#work()}.
     *
     * @throws DomainException 409 when the installation keeps its state in PostgreSQL
     */
    Prepared prepare() throws IOException {
        Path dataDir = props.dataDir();
        Path work = Files.createTempDirectory(Files.createDirectories(dataDir.resolve("backup-work")), "backup-");
        try {
            EmbeddedBackup.Snapshot snapshot;
            try (Connection live = dataSource.getConnection()) {
                String product = live.getMetaData().getDatabaseProductName();
                if (!"H2".equals(product)) {
                    throw DomainException.conflict(
                            "backup-not-embedded",
                            "Not an embedded installation",
                            "this installation keeps its state in " + product + ": back it up with pg_dump, then"
                                    + " copy the blob directory (docs/operations.md, \"Backup and restore\")");
                }
                snapshot = EmbeddedBackup.snapshot(live, work);
            }
            List<BackupWriter.Source> sources = EmbeddedBackup.sources(snapshot, dataDir);
            long bytes = 0;
            for (BackupWriter.Source s : sources) {
                bytes += Files.size(s.file());
            }
            return new Prepared(snapshot, sources, bytes, work);
        } catch (SQLException e) {
            EmbeddedBackup.delete(work);
            throw new IOException("the database snapshot failed: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            EmbeddedBackup.delete(work);
            throw e;
        }
    }
}
