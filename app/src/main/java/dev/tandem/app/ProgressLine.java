package dev.tandem.app;

import dev.tandem.backup.Progress;
import java.io.PrintWriter;
import java.util.Locale;

/** Progress of a backup or restore on stderr, at most every two seconds, so large blob sets show it. */
final class ProgressLine implements Progress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final String what;
    private long last = System.nanoTime();

    ProgressLine(PrintWriter err, String what) {
        this.err = err;
        this.what = what;
    }

    @Override
    public void done(int files, int totalFiles, long bytes, long totalBytes) {
        long now = System.nanoTime();
        if (now - last >= EVERY_NANOS) {
            last = now;
            err.printf(
                    Locale.ROOT,
                    "%s: %d of %d files, %s of %s%n",
                    what,
                    files,
                    totalFiles,
                    size(bytes),
                    size(totalBytes));
            err.flush();
        }
    }

    static String size(long bytes) {
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (1024.0 * 1024 * 1024));
    }
}
