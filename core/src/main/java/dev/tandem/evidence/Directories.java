package dev.tandem.evidence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Durability of directory entries, and directories only their owner reaches. */
public final class Directories {
    private Directories() {}

    /**
     * {@link Files#createDirectories}, each directory it creates {@code rwx------} on a POSIX file
     * system (directories that exist are left as they are): what a server keeps under its data
     * directory (privileged evidence, the database) is its own user's alone.
     */
    public static Path createOwnerOnly(Path dir) throws IOException {
        if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return Files.createDirectories(dir);
        }
        return Files.createDirectories(
                dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * Syncs {@code dir} itself. POSIX: a new name in a directory (a rename, a link) is durable only
     * once the directory is synced. Some filesystems refuse to open directories; the name is then as
     * durable as they make it.
     */
    public static void sync(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // see above: nothing more can be done here
        }
    }
}
