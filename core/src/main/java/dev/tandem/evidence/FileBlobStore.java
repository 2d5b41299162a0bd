package dev.tandem.evidence;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
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
 *
 * <p>An upload runs as a pipeline of three threads: the caller reads the stream, a second thread
 * hashes, a third writes, so a large upload costs the slowest of the three, not their sum (ADR 053).
 * Where the filesystem supports it, the temporary file is written with direct I/O ({@code O_DIRECT}):
 * the bytes go from an aligned buffer to the disk without being copied into the page cache, which on
 * a virtual machine was the single largest cost of an upload, and the closing fsync has only
 * metadata left to flush. Elsewhere (tmpfs, for one) writes are buffered as usual.
 */
public final class FileBlobStore implements BlobStore {
    private static final Logger log = System.getLogger(FileBlobStore.class.getName());
    private static final int BUFFER = 1 << 20;
    private static final int BUFFERS = 4;

    private final Path root;
    private final Path tmp;
    private final Path blobs;
    /** Block size direct writes are aligned to, or 0 when this filesystem gets buffered writes. */
    private final int directAlignment;
    /** Aligned direct staging buffers, reused: direct memory is released only by the GC otherwise. */
    private final BlockingQueue<ByteBuffer> staging = new ArrayBlockingQueue<>(16);

    public FileBlobStore(Path root) throws IOException {
        this(root, true);
    }

    /**
     * @param directIo whether to try direct I/O for uploads; it is used only if a probe write in
     *     {@code root/tmp} succeeds
     */
    public FileBlobStore(Path root, boolean directIo) throws IOException {
        this.root = root.toAbsolutePath();
        this.tmp = this.root.resolve("tmp");
        this.blobs = this.root.resolve("sha256");
        Directories.createOwnerOnly(tmp);
        Directories.createOwnerOnly(blobs);
        this.directAlignment = directIo ? probeDirectIo(tmp) : 0;
    }

    public Path root() {
        return root;
    }

    /** Whether uploads are written with direct I/O on this store's filesystem. */
    public boolean directIo() {
        return directAlignment > 0;
    }

    @Override
    public StoredBlob put(InputStream in, long maxBytes) throws IOException {
        Path temp = Files.createTempFile(tmp, "upload-", ".part");
        boolean moved = false;
        try {
            long size = 0;
            byte[] digest;
            try (FileChannel out = openTemp(temp);
                    Pipeline pipeline = new Pipeline(out, directAlignment, staging)) {
                while (true) {
                    byte[] buf = pipeline.emptyBuffer();
                    int n = in.readNBytes(buf, 0, buf.length);
                    if (n <= 0) {
                        pipeline.recycle(buf);
                        break;
                    }
                    size += n;
                    if (size > maxBytes) {
                        throw new BlobTooLargeException(maxBytes);
                    }
                    pipeline.submit(buf, n);
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("upload interrupted");
                    }
                }
                digest = pipeline.finish(size);
                out.force(true);
            }
            ContentAddress address = ContentAddress.of(digest);
            Path target = pathOf(address);
            if (Files.exists(target)) {
                // Refresh the age so a sweep's grace period covers the record about to refer to it, and
                // sync the directory: the upload that renamed this blob in may not have done so yet.
                Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
                Directories.sync(target.getParent());
                return new StoredBlob(address, size, true);
            }
            Directories.createOwnerOnly(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                Directories.sync(target.getParent());
                return new StoredBlob(address, size, true);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the blob store needs a filesystem with atomic rename: " + root, e);
            }
            moved = true;
            Directories.sync(target.getParent());
            return new StoredBlob(address, size, false);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    private FileChannel openTemp(Path temp) throws IOException {
        return directAlignment > 0
                ? FileChannel.open(temp, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)
                : FileChannel.open(temp, StandardOpenOption.WRITE);
    }

    /**
     * Tries one aligned direct write and a truncation, exactly as an upload does them. Returns the
     * alignment to use, or 0 when the filesystem refuses direct I/O.
     */
    private static int probeDirectIo(Path dir) {
        Path probe = null;
        try {
            probe = Files.createTempFile(dir, "direct-io-probe-", ".part");
            int alignment =
                    Math.max(4096, Math.toIntExact(Files.getFileStore(dir).getBlockSize()));
            if (BUFFER % alignment != 0) {
                return 0;
            }
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT)) {
                ByteBuffer b = ByteBuffer.allocateDirect(2 * alignment).alignedSlice(alignment);
                b.limit(alignment);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.truncate(1);
                ch.force(true);
            }
            return alignment;
        } catch (IOException | UnsupportedOperationException | ArithmeticException e) {
            log.log(Level.INFO, "no direct I/O in {0} ({1}): uploads are written through the page cache", dir, e);
            return 0;
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException e) {
                    // the start-up sweep removes stale temporary files
                }
            }
        }
    }

    /**
     * The hashing and writing threads of one upload. Buffers circulate: the caller fills an empty
     * one, the hasher hashes it, the writer writes it and hands it back, so at most {@link #BUFFERS}
     * MiB of an upload are in memory, plus one aligned staging buffer for direct I/O. No queue can
     * ever be full (each holds at most every buffer plus the end mark), so a failed writer can never
     * leave the hasher blocked; it leaves a poison buffer for the caller instead.
     */
    private static final class Pipeline implements AutoCloseable {
        private static final byte[] POISON = new byte[0];
        private static final Chunk END = new Chunk(POISON, 0);

        private record Chunk(byte[] data, int length) {}

        private final BlockingQueue<byte[]> empty = new ArrayBlockingQueue<>(BUFFERS + 1);
        private final BlockingQueue<Chunk> toHash = new ArrayBlockingQueue<>(BUFFERS + 1);
        private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(BUFFERS + 1);
        private final MessageDigest sha256 = sha256();
        private final FileChannel out;
        private final int alignment;
        private final BlockingQueue<ByteBuffer> stagingPool;
        private final @Nullable ByteBuffer stage;
        private final Thread hasher;
        private final Thread writer;
        private volatile @Nullable Throwable failure;
        private long written;

        Pipeline(FileChannel out, int alignment, BlockingQueue<ByteBuffer> stagingPool) {
            this.out = out;
            this.alignment = alignment;
            this.stagingPool = stagingPool;
            ByteBuffer s = null;
            if (alignment > 0) {
                s = stagingPool.poll();
                if (s == null) {
                    s = ByteBuffer.allocateDirect(BUFFER + alignment).alignedSlice(alignment);
                }
                s.clear();
            }
            this.stage = s;
            for (int i = 0; i < BUFFERS; i++) {
                empty.add(new byte[BUFFER]);
            }
            hasher = Thread.ofPlatform().name("blob-hasher").daemon().start(this::hashLoop);
            try {
                writer = Thread.ofPlatform().name("blob-writer").daemon().start(this::writeLoop);
            } catch (RuntimeException | Error e) {
                hasher.interrupt();
                throw e;
            }
        }

        private void hashLoop() {
            try {
                for (Chunk c = toHash.take(); c != END; c = toHash.take()) {
                    sha256.update(c.data(), 0, c.length());
                    toWrite.add(c);
                }
                toWrite.add(END);
            } catch (InterruptedException e) {
                // close() stops the pipeline this way; from anywhere else the caller must hear of it
                fail(new InterruptedIOException("the blob hasher was interrupted"));
                toWrite.add(END);
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                fail(e);
                toWrite.add(END); // let the writer finish, so that finish() does not wait for it forever
            }
        }

        private void writeLoop() {
            try {
                for (Chunk c = toWrite.take(); c != END; c = toWrite.take()) {
                    write(c);
                    empty.add(c.data());
                }
                if (stage != null && stage.position() > 0) {
                    // The tail: pad to a whole block for the direct write, then cut the file back.
                    int tail = stage.position();
                    int padded = (tail + alignment - 1) / alignment * alignment;
                    while (stage.position() < padded) {
                        stage.put((byte) 0);
                    }
                    drainStage();
                    out.truncate(written - padded + tail);
                }
            } catch (InterruptedException e) {
                // close() stops the pipeline this way; from anywhere else the caller must hear of it
                fail(new InterruptedIOException("the blob writer was interrupted"));
                Thread.currentThread().interrupt();
            } catch (IOException | RuntimeException | Error e) {
                fail(e);
            }
        }

        private void write(Chunk c) throws IOException {
            if (stage == null) {
                ByteBuffer b = ByteBuffer.wrap(c.data(), 0, c.length());
                while (b.hasRemaining()) {
                    written += out.write(b);
                }
                return;
            }
            int off = 0;
            while (off < c.length()) {
                int n = Math.min(stage.remaining(), c.length() - off);
                stage.put(c.data(), off, n);
                off += n;
                if (!stage.hasRemaining()) {
                    drainStage();
                }
            }
        }

        private void drainStage() throws IOException {
            ByteBuffer s = java.util.Objects.requireNonNull(stage);
            s.flip();
            while (s.hasRemaining()) {
                written += out.write(s);
            }
            s.clear();
        }

        private void fail(Throwable e) {
            if (failure == null) {
                failure = e;
            }
            empty.offer(POISON); // wakes a waiting caller at once; emptyBuffer() also checks failure
        }

        byte[] emptyBuffer() throws IOException {
            while (true) {
                if (failure != null) {
                    throw rethrow();
                }
                byte[] b;
                try {
                    b = empty.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing a blob");
                }
                if (b == POISON) {
                    throw rethrow();
                }
                if (b != null) {
                    return b;
                }
            }
        }

        void recycle(byte[] b) {
            empty.add(b);
        }

        void submit(byte[] b, int n) {
            toHash.add(new Chunk(b, n));
        }

        /** Waits until every buffer is hashed and written; returns the SHA-256 of all of them. */
        byte[] finish(long size) throws IOException {
            toHash.add(END);
            join(hasher);
            join(writer);
            if (failure != null) {
                throw rethrow();
            }
            long length = stage == null ? written : out.size();
            if (length != size) {
                throw new IOException("wrote " + length + " bytes of " + size);
            }
            return sha256.digest();
        }

        @Override
        public void close() {
            hasher.interrupt();
            writer.interrupt();
            try {
                join(hasher);
                join(writer);
            } catch (InterruptedIOException e) {
                Thread.currentThread().interrupt();
            }
            if (stage != null && !writer.isAlive()) {
                stagingPool.offer(stage);
            }
        }

        private static void join(Thread t) throws InterruptedIOException {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while writing a blob");
            }
        }

        private IOException rethrow() {
            Throwable f = failure;
            if (f instanceof IOException io) {
                return new IOException(io.getMessage(), io);
            }
            return f != null
                    ? new IOException("the blob writer failed: " + f, f)
                    : new IOException("the blob writer stopped");
        }
    }

    @Override
    public InputStream open(ContentAddress address) throws IOException {
        try {
            return Files.newInputStream(pathOf(address));
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException("no blob " + address + " in " + root
                    + " (servers sharing a database must share the blob directory, docs/operations.md)");
        }
    }

    @Override
    public String locate(ContentAddress address) {
        return pathOf(address).toString();
    }

    @Override
    public long size(ContentAddress address) {
        try {
            return Files.size(pathOf(address));
        } catch (IOException e) {
            return -1;
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-256", e);
        }
    }
}
