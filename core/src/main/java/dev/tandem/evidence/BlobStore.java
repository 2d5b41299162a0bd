package dev.tandem.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Content-addressed, write-once storage of evidence bytes. There is no delete in the API that
 * callers see: only {@link #sweep} removes blobs, and only those no record refers to (a crash
 * between storing the bytes and committing their record leaves such a blob).
 */
public interface BlobStore {

    /**
     * Streams {@code in} into the store in one pass, hashing while writing; the blob is durable
     * (fsync, atomic rename to its address) when this returns. On any failure, including a client
     * that stops sending, nothing is left at an address.
     *
     * @param maxBytes the most bytes accepted; past it {@link BlobTooLargeException} is thrown
     */
    StoredBlob put(InputStream in, long maxBytes) throws IOException;

    /** Opens a stored blob for reading. */
    InputStream open(ContentAddress address) throws IOException;

    boolean contains(ContentAddress address);

    /** The stored size of the blob at {@code address} in bytes, or -1 when it is absent or unknown. */
    default long size(ContentAddress address) {
        return -1;
    }

    /** Where the blob at {@code address} is kept, for an operator to find it (a log line). */
    default String locate(ContentAddress address) {
        return address.sha256();
    }

    /**
     * Removes blobs written before {@code olderThan} for which {@code referenced} answers false,
     * and temporary files of interrupted writes. Returns the number of blobs removed.
     */
    int sweep(Predicate<ContentAddress> referenced, Instant olderThan) throws IOException;
}
