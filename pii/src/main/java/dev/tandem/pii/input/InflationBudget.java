package dev.tandem.pii.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Zip-bomb limits for one top-level input: decompressed bytes in total, the ratio of decompressed
 * to compressed bytes (checked once 64 MiB have been inflated, so small highly repetitive files
 * pass), and nesting depth, all reported as {@link LimitExceeded} naming the limit.
 */
public final class InflationBudget {
    private static final long RATIO_FLOOR = 64L << 20;
    private final long maxInflated;
    private final long maxRatio;
    private long inflated;
    private long compressed;

    public InflationBudget(long maxInflated, long maxRatio) {
        this.maxInflated = maxInflated;
        this.maxRatio = maxRatio;
    }

    /** Thrown when an archive goes over a limit; the scan of that input stops, others go on. */
    public static final class LimitExceeded extends IOException {
        public LimitExceeded(String message) {
            super(message);
        }
    }

    /** Counts raw bytes read from the outermost compressed input. */
    InputStream countCompressed(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int r = super.read();
                if (r >= 0) compressed++;
                return r;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) compressed += r;
                return r;
            }
        };
    }

    /** Counts decompressed bytes and enforces the limits. */
    InputStream countInflated(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int r = super.read();
                if (r >= 0) add(1);
                return r;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int r = super.read(b, off, len);
                if (r > 0) add(r);
                return r;
            }
        };
    }

    private void add(long n) throws LimitExceeded {
        inflated += n;
        if (inflated > maxInflated) {
            throw new LimitExceeded("zip bomb suspected: more than " + maxInflated + " bytes decompressed");
        }
        if (inflated > RATIO_FLOOR && compressed > 0 && inflated / compressed > maxRatio) {
            throw new LimitExceeded("zip bomb suspected: " + inflated + " bytes decompressed from " + compressed
                    + " (ratio over " + maxRatio + ")");
        }
    }
}
