package dev.tandem.server.backup;

import dev.tandem.backup.BackupManifest;
import dev.tandem.backup.BackupWriter;
import dev.tandem.evidence.ContentAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A backup of an embedded installation (H2 and file blobs under one data directory), online or
 * offline: plain JDBC and files, so that the server's endpoint and the offline command share it.
 *
 * <p>Consistency: the database is copied first, with H2's {@code BACKUP TO}, which copies the MVStore
 * as of one committed state while the server keeps writing. Then every blob that the <em>copy's</em>
 * {@code blob_owner} names is archived. Blobs are content-addressed, written (fsync, rename) before
 * the row that owns them commits, and never deleted while owned, so each one is on disk and holds
 * the bytes its name says; blobs written after the snapshot belong to rows the copy does not have
 * and are not needed.
 */
public final class EmbeddedBackup {
    /** The H2 settings of application.yml: identifiers are stored in lower case. */
    static final String H2_SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private static final String KEY_FILE_SUFFIX = ".tmp";

    /** Where an archive keeps the ledger's signing key (docs/operations.md). */
    static final String KEYS = "keys/";

    private EmbeddedBackup() {}

    /** The database of a data directory as application.yml opens it; never created here. */
    public static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:"
                + dataDir.toAbsolutePath().normalize().resolve("db").resolve("tandem") + H2_SETTINGS + ";IFEXISTS=TRUE";
    }

    /** Whether the data directory holds an embedded database. */
    public static boolean hasDatabase(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve("db").resolve("tandem.mv.db"));
    }

    /** Opens the embedded database of a data directory no server holds (H2 refuses, 90020, if one does). */
    public static Connection openOffline(Path dataDir) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(dataDir), "sa", "");
    }

    /** Whether an SQL exception says another process holds the database file. */
    public static boolean inUse(SQLException e) {
        return e.getErrorCode() == 90020;
    }

    /**
     * The database as of one committed state, unpacked in {@code work}, with what it says about the
     * ledger and the blobs it owns.
     *
     * @param files the database files, named as in the data directory's {@code db/}
     * @param blobs SHA-256 (hex) of every owned blob, sorted
     */
    public record Snapshot(List<Path> files, BackupManifest.Ledger ledger, List<String> blobs) {
        public Snapshot {
            files = List.copyOf(files);
            blobs = List.copyOf(blobs);
        }
    }

    /** Copies the live database into {@code work} (an empty directory) and reads the copy. */
    public static Snapshot snapshot(Connection live, Path work) throws SQLException, IOException {
        Path zip = work.resolve("h2-backup.zip").toAbsolutePath();
        try (Statement s = live.createStatement()) {
            s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
        }
        Path db = Files.createDirectories(work.resolve("db"));
        List<Path> files = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!BackupManifest.safe("db/" + e.getName())) {
                    throw new IOException("H2's backup holds an unexpected file: " + e.getName());
                }
                Path file = db.resolve(e.getName());
                Files.copy(in, file);
                files.add(file);
            }
        }
        Files.delete(zip);
        Path mv = files.stream()
                .filter(f -> f.getFileName().toString().endsWith(".mv.db"))
                .findFirst()
                .orElseThrow(() -> new IOException("H2's backup holds no .mv.db file: " + files));
        String base = mv.getFileName().toString().replace(".mv.db", "");
        BackupManifest.Ledger ledger;
        List<String> blobs;
        try (Connection copy = openReadOnly(db.resolve(base));
                Statement s = copy.createStatement()) {
            ledger = ledgerHead(s);
            blobs = ownedBlobs(s);
        }
        return new Snapshot(files, ledger, blobs);
    }

    /** Opens a copied database without writing to it; {@code base} is its path without {@code .mv.db}. */
    public static Connection openReadOnly(Path base) throws SQLException {
        return DriverManager.getConnection(
                "jdbc:h2:file:" + base.toAbsolutePath() + H2_SETTINGS + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "sa", "");
    }

    /** SHA-256 (hex) of every blob a Tandem database owns, sorted. */
    public static List<String> ownedBlobs(Statement s) throws SQLException {
        List<String> blobs = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT DISTINCT sha256 FROM blob_owner ORDER BY sha256")) {
            while (rs.next()) {
                blobs.add(rs.getString(1));
            }
        }
        return blobs;
    }

    /** The ledger head of a Tandem database. */
    public static BackupManifest.Ledger ledgerHead(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT tree_size, root_hash, checkpoint FROM ledger_head")) {
            if (!rs.next()) {
                throw new SQLException("the database has no ledger head: not a Tandem database");
            }
            return new BackupManifest.Ledger(
                    rs.getLong(1), Base64.getEncoder().encodeToString(rs.getBytes(2)), rs.getString(3));
        }
    }

    /** The files of the archive: the snapshot's database, the signing key, the owned blobs. */
    public static List<BackupWriter.Source> sources(Snapshot snapshot, Path dataDir) throws IOException {
        List<BackupWriter.Source> sources = new ArrayList<>();
        for (Path f : snapshot.files()) {
            sources.add(new BackupWriter.Source("db/" + f.getFileName(), f, null));
        }
        Path keys = dataDir.resolve("keys");
        if (Files.isDirectory(keys)) {
            try (Stream<Path> list = Files.list(keys)) {
                for (Path k : list.sorted().toList()) {
                    String name = KEYS + k.getFileName();
                    // Temporary files of a key being created are not keys (LedgerConfiguration).
                    if (Files.isRegularFile(k) && !name.endsWith(KEY_FILE_SUFFIX) && BackupManifest.safe(name)) {
                        sources.add(new BackupWriter.Source(name, k, null));
                    }
                }
            }
        }
        Path blobs = dataDir.resolve("blobs");
        for (String sha : snapshot.blobs()) {
            if (!ContentAddress.isValid(sha)) {
                throw new IOException("blob_owner names a malformed address: " + sha);
            }
            String path = blobPath(sha);
            sources.add(new BackupWriter.Source(path, blobs.resolve(path.substring("blobs/".length())), sha));
        }
        return sources;
    }

    /** Where a blob lives, relative to the data directory (FileBlobStore's layout). */
    public static String blobPath(String sha) {
        return "blobs/sha256/" + sha.substring(0, 2) + "/" + sha.substring(2, 4) + "/" + sha;
    }

    /** Removes a work directory and everything in it. */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
