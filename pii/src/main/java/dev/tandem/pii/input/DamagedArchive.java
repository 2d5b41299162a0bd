package dev.tandem.pii.input;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipException;
import org.jspecify.annotations.Nullable;

/**
 * A gzip or zip archive that ends early (cut by a copy or a download) or whose compressed data is
 * corrupt. What was inflated before the damage has been scanned; {@link #nothingRead()} says that
 * nothing could be, so a named archive counts as not readable at all (docs/contracts.md §4).
 */
public final class DamagedArchive extends MalformedInput {
    private final boolean nothingRead;

    DamagedArchive(String message, boolean nothingRead, @Nullable Throwable cause) {
        super(message, cause);
        this.nothingRead = nothingRead;
    }

    public boolean nothingRead() {
        return nothingRead;
    }

    /** "truncated" for an early end, "corrupt (detail)" for bad data. */
    static String what(IOException e) {
        if (e instanceof EOFException) return "truncated";
        String m = e.getMessage();
        return m == null || m.isBlank() ? "corrupt" : "corrupt (" + m + ")";
    }

    /**
     * Ends an inflating stream at the first truncation or corruption, as its end, so the readers
     * above scan what came before; the damage is kept for the archive reader to report.
     */
    static final class Guard extends FilterInputStream {
        private @Nullable IOException damage;
        private long delivered;

        Guard(InputStream in) {
            super(in);
        }

        @Nullable
        IOException damage() {
            return damage;
        }

        long delivered() {
            return delivered;
        }

        private int damaged(IOException e) {
            if (damage == null) damage = e;
            return -1;
        }

        @Override
        public int read() throws IOException {
            if (damage != null) return -1;
            try {
                int r = super.read();
                if (r >= 0) delivered++;
                return r;
            } catch (EOFException | ZipException e) {
                return damaged(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (damage != null) return -1;
            try {
                int r = super.read(b, off, len);
                if (r > 0) delivered += r;
                return r;
            } catch (EOFException | ZipException e) {
                return damaged(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            if (damage != null) return 0;
            try {
                long r = super.skip(n);
                delivered += r;
                return r;
            } catch (EOFException | ZipException e) {
                damaged(e);
                return 0;
            }
        }

        @Override
        public int available() throws IOException {
            if (damage != null) return 0;
            try {
                return super.available();
            } catch (EOFException | ZipException e) {
                damaged(e);
                return 0;
            }
        }
    }
}
