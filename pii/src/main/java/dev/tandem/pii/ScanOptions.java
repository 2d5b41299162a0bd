package dev.tandem.pii;

/**
 * How a scan runs.
 *
 * @param threads scanning threads (files and chunks of large text files run in parallel)
 * @param defaultRegion ISO 3166-1 region for phone numbers written without '+' (US: NANP shape)
 * @param chunkSize bytes per block read from a stream; also the unit of parallel work
 * @param maxInflatedBytes decompressed bytes allowed per top-level input (archives, gzip)
 * @param maxRatio decompressed to compressed bytes allowed once 64 MiB have been inflated
 * @param maxNesting archives inside archives allowed (an archive at the top is depth 1)
 */
public record ScanOptions(
        int threads, String defaultRegion, int chunkSize, long maxInflatedBytes, long maxRatio, int maxNesting) {

    public static final int DEFAULT_CHUNK = 1 << 20;

    public ScanOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1");
        if (chunkSize < 64) throw new IllegalArgumentException("chunkSize must be at least 64");
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Runtime.getRuntime().availableProcessors(), "US", DEFAULT_CHUNK, 16L << 30, 1000, 4);
    }

    public ScanOptions withThreads(int n) {
        return new ScanOptions(n, defaultRegion, chunkSize, maxInflatedBytes, maxRatio, maxNesting);
    }

    public ScanOptions withChunkSize(int n) {
        return new ScanOptions(threads, defaultRegion, n, maxInflatedBytes, maxRatio, maxNesting);
    }

    public ScanOptions withLimits(long inflated, long ratio, int nesting) {
        return new ScanOptions(threads, defaultRegion, chunkSize, inflated, ratio, nesting);
    }

    /** Bytes a chunk may give back to the next one to end at a safe split. */
    public int splitWindow() {
        return Math.min(64 * 1024, chunkSize / 2);
    }
}
