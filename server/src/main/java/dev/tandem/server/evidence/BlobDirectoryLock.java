package dev.tandem.server.evidence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Tells whether this process is the only one using a blob directory, so that the start-up sweep
 * may remove every unreferenced blob at once, or whether another server process (sharing the
 * directory and a PostgreSQL database) may have an upload in flight there, whose blob is not yet
 * referenced, so that the sweep must keep young blobs.
 *
 * <p>Every server holds a shared lock on {@code <blobs>/in-use.lock} for as long as it runs. A
 * starting server first tries the exclusive lock: it gets it only if no other process holds the
 * shared one, sweeps while holding it, then takes its own shared lock. The operating system drops
 * the locks of a killed process, so a server restarted after a crash finds itself alone.
 */
final class BlobDirectoryLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private @Nullable FileLock shared;

    private BlobDirectoryLock(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    static BlobDirectoryLock open(Path blobRoot) throws IOException {
        Path file = blobRoot.resolve("in-use.lock");
        return new BlobDirectoryLock(
                file,
                FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    /**
     * Runs {@code sweep} with {@code alone} = whether no other process uses the directory; holds the
     * exclusive lock meanwhile when alone. Then takes this process's shared lock.
     */
    void sweepThenShare(SweepAction sweep) throws IOException {
        FileLock exclusive = null;
        try {
            exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
        } catch (OverlappingFileLockException e) {
            // this JVM already uses the directory (two servers in one process, in tests)
        }
        try {
            sweep.run(exclusive != null);
        } finally {
            if (exclusive != null) {
                exclusive.release();
            }
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (shared == null) {
            try {
                shared = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                return; // this JVM holds a lock on the file already, which marks the directory in use
            }
            if (shared == null) {
                // another process is sweeping under the exclusive lock; it takes a moment
                if (System.nanoTime() > deadline) {
                    throw new IOException("another process has held the exclusive lock on " + file
                            + " for a minute; is a sweep stuck?");
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for the blob directory lock", e);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close(); // releases the lock
    }

    @FunctionalInterface
    interface SweepAction {
        void run(boolean alone) throws IOException;
    }
}
