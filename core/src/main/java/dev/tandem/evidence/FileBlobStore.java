package dev.tandem.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Blobs as files under {@code root/sha256/ab/cd/<address>}. Writes go to {@code root/tmp}, are
 * fsynced, then atomically renamed to their address; the directory is fsynced so the rename
 * survives a crash. Existing blobs are never overwritten.
 */
public final class FileBlobStore implements BlobStore {
    private static final int BUFFER = 1 << 20;

    private final Path root;
    private final Path tmp;
    private final Path blobs;

    public FileBlobStore(Path root) throws IOException {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        this.blobs = this.root.resolve("sha256");
        Files.createDirectories(tmp);
        Files.createDirectories(blobs);
    }

    public Path root() {
        return root;
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        MessageDigest sha256 = sha256();
        Path temp = Files.createTempFile(tmp, "upload-", ".part");
        boolean moved = false;
        try {
            long size = 0;
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE);
                    Writer writer = new Writer(out)) {
                // Hashing here and writing on the writer's thread overlap: a large upload costs the
                // slower of the two, not their sum.
                ByteBuffer buf;
                while (true) {
                    buf = writer.emptyBuffer();
                    int n = in.readNBytes(buf.array(), 0, buf.capacity());
                    if (n <= 0) {
                        break;
                    }
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    sha256.update(buf.array(), 0, n);
                    buf.clear().limit(n);
                    writer.write(buf);
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("upload interrupted");
                    }
                }
                writer.finish();
                out.force(true);
            }
            ContentAddress address = ContentAddress.of(sha256.digest());
            Path target = pathOf(address);
            if (Files.exists(target)) {
                // Refresh the age so a sweep's grace period covers the record about to refer to it.
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                return new StoredBlob(address, size, true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return new StoredBlob(address, size, true);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob store needs a filesystem with atomic rename: " + root, e);
            }
            moved = true;
            fsyncDirectory(target.getParent());
            return new StoredBlob(address, size, false);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Writes full buffers to the channel on its own thread, handing emptied buffers back: three
     * buffers in rotation, so at most 3 MiB of an upload is in memory.
     */
    private static final class Writer implements AutoCloseable {
        private static final ByteBuffer END = ByteBuffer.allocate(0);
        private final BlockingQueue<ByteBuffer> empty = new ArrayBlockingQueue<>(3);
        private final BlockingQueue<ByteBuffer> full = new ArrayBlockingQueue<>(4);
        private final Thread thread;
        private volatile @Nullable IOException failure;

        Writer(FileChannel out) {
            for (int i = 0; i < 3; i++) {
                empty.add(ByteBuffer.allocate(BUFFER));
            }
            thread = Thread.ofPlatform().name("blob-writer").daemon().start(() -> {
                try {
                    for (ByteBuffer b = full.take(); b != END; b = full.take()) {
                        while (b.hasRemaining()) {
                            out.write(b);
                        }
                        empty.put(b);
                    }
                } catch (IOException e) {
                    failure = e;
                    empty.offer(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        ByteBuffer emptyBuffer() throws IOException {
            ByteBuffer b = take(empty);
            if (b == END) {
                throw rethrow();
            }
            return b;
        }

        void write(ByteBuffer b) throws IOException {
            put(b);
        }

        /** Waits until every buffer is written; throws the writer's failure if there was one. */
        void finish() throws IOException {
            put(END);
            join();
            if (failure != null) {
                throw rethrow();
            }
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                join();
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void join() throws InterruptedIOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a blob");
            }
        }

        private IOException rethrow() {
            IOException f = failure;
            return f != null ? new IOException(f.getMessage(), f) : new IOException("the blob writer stopped");
        }

        private void put(ByteBuffer b) throws IOException {
            try {
                if (failure != null) {
                    throw rethrow();
                }
                full.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a blob");
            }
        }

        private static ByteBuffer take(BlockingQueue<ByteBuffer> q) throws InterruptedIOException {
            try {
                return q.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a blob");
            }
        }
    }

    @Override
    public InputStream open(ContentAddress address) throws IOException {
        try {
            return Files.newInputStream(pathOf(address));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no blob " + address + " in " + root);
        }
    }

    @Override
    public boolean contains(ContentAddress address) {
        return Files.isRegularFile(pathOf(address));
    }

    @Override
    public int sweep(Predicate<ContentAddress> referenced, Instant olderThan) throws IOException {
        try (Stream<Path> parts = Files.list(tmp)) {
            for (Path p : parts.toList()) {
                if (Files.getLastModifiedTime(p).toInstant().isBefore(olderThan)) {
                    Files.deleteIfExists(p);
                }
            }
        }
        int removed = 0;
        try (Stream<Path> files = Files.walk(blobs)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (!ContentAddress.isValid(name)) {
                    continue;
                }
                ContentAddress address = new ContentAddress(name);
                if (Files.getLastModifiedTime(p).toInstant().isBefore(olderThan) && !referenced.test(address)) {
                    Files.deleteIfExists(p);
                    removed++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return removed;
    }

    Path pathOf(ContentAddress address) {
        String a = address.sha256();
        return blobs.resolve(a.substring(0, 2)).resolve(a.substring(2, 4)).resolve(a);
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        // POSIX: a rename is durable only once the directory itself is synced.
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some filesystems refuse to open directories; the rename is then as durable as they make it.
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
