package dev.tandem.app;

import dev.tandem.backup.ArchiveCheck;
import dev.tandem.backup.BackupManifest;
import dev.tandem.backup.BackupReader;
import dev.tandem.cli.TandemCommand;
import dev.tandem.evidence.Directories;
import dev.tandem.server.DataDirectory;
import dev.tandem.server.backup.EmbeddedBackup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem restore}: unpacks a backup into a new data directory (ADR 063). Every file is checked
 * against the manifest while it is written, into a hidden directory beside the target; then the
 * restored database must show the manifest's ledger size and root and own no blob that is missing.
 * Only then is the directory renamed to its name, so a failed restore leaves nothing behind.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a backup made by tandem backup into a new, empty data directory.",
            "Every file's SHA-256 is checked against the manifest.",
            "Exit codes: 0 restored, 1 the archive is corrupt or inconsistent (nothing restored), 2 usage."
        })
final class RestoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup archive.")
    Path from;

    @Option(
            names = "--data-dir",
            required = true,
            paramLabel = "DIR",
            description = "The data directory to create; refused unless it is absent or empty.")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(from) || !Files.isReadable(from)) {
            return fail(err, TandemCommand.EXIT_USAGE, from + ": not a readable file");
        }
        Path target = dataDir.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            if (!Files.isDirectory(target)) {
                return fail(err, TandemCommand.EXIT_USAGE, target + " exists and is not a directory");
            }
            try (Stream<Path> list = Files.list(target)) {
                if (list.findAny().isPresent()) {
                    return fail(err, TandemCommand.EXIT_USAGE, target + " is not empty; restore into a new directory");
                }
            }
        }
        Path parent = target.getParent();
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".restoring-");
        } catch (IOException e) {
            return fail(err, TandemCommand.EXIT_USAGE, "cannot write in " + parent + ": " + e);
        }
        try {
            ArchiveCheck check = BackupReader.extract(from, staging, new ProgressLine(err, "restore"));
            if (check instanceof ArchiveCheck.Corrupt(String reason)) {
                return fail(err, TandemCommand.EXIT_FOUND, from + " is corrupt: " + reason + "; nothing was restored");
            }
            BackupManifest manifest = ((ArchiveCheck.Intact) check).manifest();
            List<String> problems = consistency(staging, manifest);
            if (!problems.isEmpty()) {
                return fail(
                        err,
                        TandemCommand.EXIT_FOUND,
                        "the restored data disagrees with the manifest: " + String.join("; ", problems)
                                + "; nothing was restored");
            }
            // owner-only as the server writes them (docs/operations.md): the extracted folders and
            // files, blobs (FORENSIC items included), database and key, got the process's umask
            DataDirectory.tighten(staging, p -> false);
            // rename(2) replaces an empty directory: the restore appears under its name all at once.
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            Directories.sync(parent);
            out.printf(
                    "restored %s into %s%n  %d files, %s; ledger size %d, root %s (taken %s, %s)%n"
                            + "  start it with: tandem serve --data-dir %s%n",
                    from,
                    target,
                    manifest.files().size(),
                    ProgressLine.size(manifest.totalBytes()),
                    manifest.ledger().treeSize(),
                    manifest.ledger().rootHash(),
                    manifest.createdAt(),
                    manifest.source(),
                    target);
            out.flush();
            return TandemCommand.EXIT_OK;
        } finally {
            EmbeddedBackup.delete(staging);
        }
    }

    /** The restored database's ledger head is the manifest's, and every blob it owns was restored. */
    private static List<String> consistency(Path restored, BackupManifest manifest) {
        List<String> problems = new ArrayList<>();
        if (!EmbeddedBackup.hasDatabase(restored)) {
            problems.add("the archive holds no db/tandem.mv.db");
            return problems;
        }
        try (Connection db = EmbeddedBackup.openReadOnly(restored.resolve("db").resolve("tandem"));
                Statement s = db.createStatement()) {
            BackupManifest.Ledger head = EmbeddedBackup.ledgerHead(s);
            if (head.treeSize() != manifest.ledger().treeSize()
                    || !head.rootHash().equals(manifest.ledger().rootHash())) {
                problems.add("the database's ledger is at size " + head.treeSize() + ", root " + head.rootHash()
                        + "; the manifest says size " + manifest.ledger().treeSize() + ", root "
                        + manifest.ledger().rootHash());
            }
            List<String> missing = new ArrayList<>();
            for (String sha : EmbeddedBackup.ownedBlobs(s)) {
                if (!Files.isRegularFile(restored.resolve(EmbeddedBackup.blobPath(sha)))) {
                    missing.add(sha);
                }
            }
            if (!missing.isEmpty()) {
                problems.add(missing.size() + " blob(s) the database owns are not in the archive, first "
                        + missing.getFirst());
            }
        } catch (SQLException e) {
            problems.add("the restored database cannot be read: " + e.getMessage());
        }
        return problems;
    }

    private static int fail(PrintWriter err, int exit, String message) {
        err.println("tandem restore: " + message);
        err.flush();
        return exit;
    }
}
