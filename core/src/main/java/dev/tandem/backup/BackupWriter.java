package dev.tandem.backup;

import dev.tandem.io.Streams;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Writes a backup archive in one pass: the manifest first (so a reader checks each file as it comes),
 * then every file, hashed again while it is copied. A blob whose bytes no longer hash to its address
 * fails the backup: it would fail the restore.
 */
public final class BackupWriter {
    private static final int BUFFER = 1 << 16;

    private BackupWriter() {}

    /**
     * A file to archive.
     *
     * @param path its path in the archive ({@link BackupManifest#safe})
     * @param sha256 the hash it must have (a blob's address), or null to compute it before writing
     */
    public record Source(String path, Path file, @Nullable String sha256) {}

    /** The archive's content was not what was expected of it: a blob changed or went missing. */
    public static final class SourceChanged extends IOException {
        public SourceChanged(String message) {
            super(message);
        }
    }

    /** Writes the archive to {@code out} (not closed) and answers its manifest. */
    public static BackupManifest write(
            OutputStream out,
            String source,
            Instant createdAt,
            BackupManifest.Ledger ledger,
            List<Source> sources,
            Progress progress)
            throws IOException {
        List<BackupManifest.FileEntry> entries = new ArrayList<>(sources.size());
        for (Source s : sources) {
            if (!Files.isRegularFile(s.file())) {
                throw new SourceChanged(s.path() + " is missing (" + s.file() + ")");
            }
            String sha = s.sha256() != null ? s.sha256() : sha256(s.file());
            entries.add(new BackupManifest.FileEntry(s.path(), Files.size(s.file()), sha));
        }
        BackupManifest manifest = new BackupManifest(
                BackupManifest.FORMAT, createdAt.truncatedTo(ChronoUnit.MILLIS).toString(), source, ledger, entries);
        ZipOutputStream zip = new ZipOutputStream(Streams.nonClosing(out));
        // Most of the bytes are evidence, often compressed already: the fastest level is enough.
        zip.setLevel(Deflater.BEST_SPEED);
        zip.putNextEntry(new ZipEntry(BackupManifest.NAME));
        zip.write(manifest.toJson());
        zip.closeEntry();
        long bytes = 0;
        long total = manifest.totalBytes();
        byte[] buf = new byte[BUFFER];
        for (int i = 0; i < sources.size(); i++) {
            Source s = sources.get(i);
            BackupManifest.FileEntry expected = entries.get(i);
            zip.putNextEntry(new ZipEntry(expected.path()));
            MessageDigest md = digest();
            long size = 0;
            try (InputStream in = Files.newInputStream(s.file())) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    md.update(buf, 0, n);
                    zip.write(buf, 0, n);
                    size += n;
                }
            }
            zip.closeEntry();
            String sha = HexFormat.of().formatHex(md.digest());
            if (size != expected.size() || !sha.equals(expected.sha256())) {
                throw new SourceChanged(expected.path() + " changed while it was copied, or is corrupt: "
                        + size + " bytes hashing to " + sha + ", expected " + expected.size() + " bytes hashing to "
                        + expected.sha256());
            }
            bytes += size;
            progress.done(i + 1, sources.size(), bytes, total);
            if (Thread.currentThread().isInterrupted()) {
                throw new java.io.InterruptedIOException("backup interrupted");
            }
        }
        zip.finish();
        zip.flush();
        return manifest;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
