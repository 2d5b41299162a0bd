package dev.tandem.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Stream helpers for writers that wrap a stream their caller owns. */
public final class Streams {
    private Streams() {}

    /**
     * {@code out} such that closing the wrapper only flushes it: a zip writer finishing its archive
     * closes what it wraps, but the caller (an HTTP response, a file it still writes to) owns
     * {@code out}. Bulk writes pass straight through ({@link FilterOutputStream} writes byte by byte).
     */
    public static OutputStream nonClosing(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
