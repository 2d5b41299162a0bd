package dev.tandem.evidence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Durability of directory entries. */
public final class Directories {
    private Directories() {}

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
