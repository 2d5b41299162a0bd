package dev.tandem.app;

import dev.tandem.backup.ArchiveCheck;
import dev.tandem.backup.BackupManifest;
import dev.tandem.backup.BackupWriter;
import dev.tandem.cli.ServerConnection;
import dev.tandem.cli.TandemCommand;
import dev.tandem.evidence.Directories;
import dev.tandem.server.backup.EmbeddedBackup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem backup}: one archive holding a consistent copy of an embedded installation (ADR 063).
 * Offline it opens the data directory's H2 database itself, which H2 refuses while a server holds it;
 * online it asks the running server ({@code POST /api/v1/admin/backup}, an administrator's token) and
 * checks every file of what it received before keeping it. Either way the archive is written to a
 * temporary file beside {@code --out}, synced, and published under its name only if none exists.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up an embedded installation into one zip with a manifest of SHA-256 hashes.",
            "It holds the H2 database, the signing key and the owned blobs.",
            "Offline: --data-dir D. While a server runs on D: --server URL --token T (an administrator's).",
            "PostgreSQL installations: pg_dump, then the blob directory (docs/operations.md).",
            "Exit codes: 0 written, 1 a file failed its hash, 2 usage, unwritable output or not allowed for the"
                    + " token's user (403), 3 server unreachable or token refused."
        })
final class BackupCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory, when no server runs on it.")
    @Nullable
    Path dataDir;

    @Option(names = "--server", paramLabel = "URL", description = "The server running on the data directory.")
    @Nullable
    String server;

    @Option(
            names = "--token",
            paramLabel = "T",
            description = "An administrator's API token; env:NAME reads it from the environment variable NAME"
                    + " (default: the TANDEM_TOKEN environment variable).")
    @Nullable
    String token;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "The archive to write; never overwritten.")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((dataDir == null) == (server == null)) {
            return usage(err, "give --data-dir DIR (offline) or --server URL --token T (while a server runs)");
        }
        ServerConnection.@Nullable Target remote = null;
        if (server != null) {
            try {
                remote = ServerConnection.target(server, token, System::getenv);
            } catch (ServerConnection.Problem e) {
                return usage(err, e.getMessage());
            }
        }
        Path target = out.toAbsolutePath().normalize();
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return usage(err, target + " exists; a backup never overwrites a file");
        }
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            return usage(err, "cannot write " + target + ": " + parent + " is not a directory");
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(parent, "." + target.getFileName() + ".", ".part");
        } catch (IOException e) {
            return usage(err, "cannot write in " + parent + ": " + e);
        }
        try {
            BackupManifest manifest;
            if (remote != null) {
                Outcome o = online(remote, tmp, err);
                if (o.exit() != TandemCommand.EXIT_OK) {
                    return o.exit();
                }
                manifest = o.manifest();
            } else {
                Outcome o = offline(dataDir, tmp, parent, err);
                if (o.exit() != TandemCommand.EXIT_OK) {
                    return o.exit();
                }
                manifest = o.manifest();
            }
            try {
                // A hard link fails if the name exists: no backup replaces a file created meanwhile.
                Files.createLink(target, tmp);
            } catch (FileAlreadyExistsException e) {
                return usage(err, target + " was created while the backup ran; it is left as it was");
            }
            Directories.sync(parent);
            stdout.printf(
                    "backup written: %s%n  %d files, %s; ledger size %d, root %s%n",
                    target,
                    manifest.files().size(),
                    ProgressLine.size(manifest.totalBytes()),
                    manifest.ledger().treeSize(),
                    manifest.ledger().rootHash());
            stdout.flush();
            return TandemCommand.EXIT_OK;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private record Outcome(int exit, @Nullable BackupManifest manifest) {
        static Outcome failed(int exit) {
            return new Outcome(exit, null);
        }
    }

    private Outcome offline(Path dir, Path tmp, Path parent, PrintWriter err) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Outcome.failed(usage(err, "no data directory at " + dir));
        }
        if (!EmbeddedBackup.hasDatabase(dir)) {
            return Outcome.failed(usage(err, dir + " holds no embedded database (db/tandem.mv.db)"));
        }
        Path work = Files.createTempDirectory(parent, ".tandem-backup-work-");
        try {
            EmbeddedBackup.Snapshot snapshot;
            try (Connection db = EmbeddedBackup.openOffline(dir)) {
                snapshot = EmbeddedBackup.snapshot(db, work);
            } catch (SQLException e) {
                if (EmbeddedBackup.inUse(e)) {
                    return Outcome.failed(usage(
                            err,
                            "a server is running on " + dir + ": take the backup through it, with"
                                    + " --server URL --token T (an administrator's token)"));
                }
                return Outcome.failed(usage(err, "cannot read the database in " + dir + ": " + e.getMessage()));
            }
            try (FileChannel ch =
                            FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    OutputStream o = Channels.newOutputStream(ch)) {
                BackupManifest m = BackupWriter.write(
                        o,
                        "offline",
                        Clock.systemUTC().instant(),
                        snapshot.ledger(),
                        EmbeddedBackup.sources(snapshot, dir),
                        new ProgressLine(err, "backup"));
                o.flush();
                ch.force(true);
                return new Outcome(TandemCommand.EXIT_OK, m);
            } catch (BackupWriter.SourceChanged e) {
                err.println("tandem backup: " + e.getMessage());
                return Outcome.failed(TandemCommand.EXIT_FOUND);
            }
        } finally {
            EmbeddedBackup.delete(work);
        }
    }

    private Outcome online(ServerConnection.Target remote, Path tmp, PrintWriter err)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpRequest request = HttpRequest.newBuilder(remote.resolve("api/v1/admin/backup"))
                .header("Authorization", "Bearer " + remote.token())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return failed(err, ServerConnection.unreachable(remote.base(), e));
        }
        int status = response.statusCode();
        if (status != 200) {
            try (InputStream in = response.body()) {
                return failed(
                        err,
                        ServerConnection.answered(status, new String(in.readNBytes(64 << 10), StandardCharsets.UTF_8)));
            }
        }
        long expected =
                response.headers().firstValueAsLong("Tandem-Backup-Bytes").orElse(-1);
        try (InputStream in = response.body();
                FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                OutputStream o = Channels.newOutputStream(ch)) {
            byte[] buf = new byte[1 << 16];
            long received = 0;
            long last = System.nanoTime();
            int n;
            while ((n = in.read(buf)) > 0) {
                o.write(buf, 0, n);
                received += n;
                if (System.nanoTime() - last > 2_000_000_000L) {
                    last = System.nanoTime();
                    err.println("backup: received " + ProgressLine.size(received)
                            + (expected > 0 ? " (the files hold " + ProgressLine.size(expected) + ")" : ""));
                    err.flush();
                }
            }
            ch.force(true);
        } catch (IOException e) {
            err.println("tandem backup: the server's stream broke off: " + ServerConnection.why(remote.base(), e)
                    + "; nothing was written");
            return Outcome.failed(TandemCommand.EXIT_UNREACHABLE);
        }
        // What was received is kept only if every file in it matches the manifest.
        ArchiveCheck check = dev.tandem.backup.BackupReader.verify(tmp, new ProgressLine(err, "checking"));
        if (check instanceof ArchiveCheck.Corrupt(String reason)) {
            err.println("tandem backup: the archive received is not intact: " + reason + "; nothing was written");
            return Outcome.failed(TandemCommand.EXIT_FOUND);
        }
        return new Outcome(TandemCommand.EXIT_OK, ((ArchiveCheck.Intact) check).manifest());
    }

    private static Outcome failed(PrintWriter err, ServerConnection.Failure failure) {
        err.println("tandem backup: " + failure.message());
        return Outcome.failed(failure.exit());
    }

    private static int usage(PrintWriter err, String message) {
        err.println("tandem backup: " + message);
        err.flush();
        return TandemCommand.EXIT_USAGE;
    }
}
