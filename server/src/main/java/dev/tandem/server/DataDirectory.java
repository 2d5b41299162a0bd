package dev.tandem.server;

import dev.tandem.evidence.Directories;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's data directory is its user's alone: it holds privileged evidence, counsel's text in
 * the database and the ledger's signing key. On a POSIX file system it is created {@code rwx------},
 * and what is in it is tightened to owner-only (directories {@code rwx------}, files {@code
 * rw-------}: the group's and others' bits removed) at start, each change logged. Files created
 * later inside it (by the embedded database, say) are out of other users' reach through the
 * directory's own permissions. Plain Java: the server's start-up calls it (docs/operations.md).
 */
public final class DataDirectory {
    private static final Logger log = LoggerFactory.getLogger(DataDirectory.class);
    /** How many changes are logged one by one; the rest are counted. */
    static final int LOGGED = 20;

    private static final Set<PosixFilePermission> GROUP_AND_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private DataDirectory() {}

    /** One tightened path, with its permissions before and after ({@code rwxr-xr-x} form). */
    public record Change(Path path, String before, String after) {}

    /**
     * Creates {@code root} owner-only if it does not exist, then tightens it and everything in it but
     * what is below its folder {@code notBelow} (the blob store, which writes owner-only itself; the
     * folder itself is tightened), and logs what changed. Nothing on a file system without POSIX
     * permissions.
     */
    public static List<Change> prepare(Path root, String notBelow) throws IOException {
        Directories.createOwnerOnly(root);
        // the walk goes through the real path: compare with the real path of what it skips
        List<Change> changes = tighten(root, root.toRealPath().resolve(notBelow)::equals);
        report(root, changes);
        return changes;
    }

    /**
     * Removes the group's and others' bits from {@code root} and every directory and regular file
     * below it (symbolic links are neither followed nor changed), but below {@code skip}'s
     * directories (a skipped directory itself is tightened) and for {@code skip}'s files.
     * A path that vanishes meanwhile, or whose permissions cannot be changed (another user's), is
     * logged and left.
     */
    public static List<Change> tighten(Path root, Predicate<Path> skip) throws IOException {
        if (!root.getFileSystem().supportedFileAttributeViews().contains("posix") || !Files.isDirectory(root)) {
            return List.of();
        }
        List<Change> changes = new ArrayList<>();
        Files.walkFileTree(root.toRealPath(), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (skip.test(dir)) {
                    ownerOnly(dir, changes); // itself, not what is below it
                    return FileVisitResult.SKIP_SUBTREE;
                }
                ownerOnly(dir, changes);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !skip.test(file)) {
                    ownerOnly(file, changes);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                log.warn("cannot read {} to keep it owner-only: {}", file, e.toString());
                return FileVisitResult.CONTINUE;
            }
        });
        return changes;
    }

    private static void ownerOnly(Path path, List<Change> changes) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            if (perms.stream().noneMatch(GROUP_AND_OTHERS::contains)) {
                return;
            }
            Set<PosixFilePermission> tight = EnumSet.noneOf(PosixFilePermission.class);
            tight.addAll(perms);
            tight.removeAll(GROUP_AND_OTHERS);
            Files.setPosixFilePermissions(path, tight);
            changes.add(new Change(path, PosixFilePermissions.toString(perms), PosixFilePermissions.toString(tight)));
        } catch (IOException | SecurityException e) {
            log.warn("cannot make {} owner-only: {}", path, e.toString());
        }
    }

    private static void report(Path root, List<Change> changes) {
        for (Change c : changes.subList(0, Math.min(LOGGED, changes.size()))) {
            log.info("data directory: {} was {}, now {} (owner only)", c.path(), c.before(), c.after());
        }
        if (changes.size() > LOGGED) {
            log.info(
                    "data directory: {} more paths under {} made owner-only",
                    changes.size() - LOGGED,
                    root.toAbsolutePath());
        }
    }
}
