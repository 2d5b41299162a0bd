package dev.tandem.pii.input;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read (and skipped) through it: progress and per-file totals. */
public final class CountingInputStream extends FilterInputStream {
    private long count;

    public CountingInputStream(InputStream in) {
        super(in);
    }

    /** Bytes read or skipped so far. */
    public long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int r = super.read();
        if (r >= 0) count++;
        return r;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int r = super.read(b, off, len);
        if (r > 0) count += r;
        return r;
    }

    @Override
    public long skip(long n) throws IOException {
        long r = super.skip(n);
        count += r;
        return r;
    }
}
