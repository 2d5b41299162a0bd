package dev.tandem.server.backup;

import dev.tandem.backup.BackupManifest;
import dev.tandem.backup.BackupWriter;
import dev.tandem.server.access.Access;
import dev.tandem.server.access.Action;
import dev.tandem.server.access.Guard;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/backup}: a consistent backup of a running embedded installation, streamed
 * as the archive {@code tandem backup --server} saves (ADR 063). The database is snapshotted before
 * the answer starts, so a failure there is a problem answer; a blob that fails its hash later breaks
 * the stream, which the client's check of the archive finds.
 */
@RestController
class BackupController {
    private static final Logger log = LoggerFactory.getLogger(BackupController.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Backups backups;
    private final Clock clock;

    BackupController(Backups backups, Clock clock) {
        this.backups = backups;
        this.clock = clock;
    }

    @PostMapping("/api/v1/admin/backup")
    @Guard(Action.BACKUP)
    void backup(Access access, HttpServletResponse response) throws IOException {
        Instant now = clock.instant();
        Backups.Prepared prepared = backups.prepare();
        try {
            EmbeddedBackup.Snapshot snapshot = prepared.snapshot();
            List<BackupWriter.Source> sources = prepared.sources();
            long bytes = prepared.bytes();
            log.info(
                    "backup: database snapshot at ledger size {}, {} files, {} bytes to stream",
                    snapshot.ledger().treeSize(),
                    sources.size(),
                    bytes);
            backups.recordTaken(prepared, access.username());
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/zip");
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    ContentDisposition.attachment()
                            .filename("tandem-backup-" + STAMP.format(now) + ".zip")
                            .build()
                            .toString());
            response.setHeader("Tandem-Backup-Files", Integer.toString(sources.size()));
            response.setHeader("Tandem-Backup-Bytes", Long.toString(bytes));
            response.setHeader(
                    "Tandem-Ledger-Size", Long.toString(snapshot.ledger().treeSize()));
            OutputStream out = response.getOutputStream();
            BackupManifest manifest =
                    BackupWriter.write(out, "online", now, snapshot.ledger(), sources, (f, t, b, tb) -> {});
            out.flush();
            log.info(
                    "backup: {} files streamed, ledger size {}",
                    manifest.files().size(),
                    manifest.ledger().treeSize());
        } finally {
            EmbeddedBackup.delete(prepared.work());
        }
    }
}
