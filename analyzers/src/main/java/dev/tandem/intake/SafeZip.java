package dev.tandem.intake;

import dev.tandem.pii.input.CountingInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Streams the entries of a zip archive without writing them anywhere. Entry names that would
 * escape a folder (zip slip: absolute paths, {@code ..} segments, drive letters, backslashes) are
 * reported and skipped; an archive that inflates beyond the configured total, or whose entries
 * inflate faster than the configured ratio (a zip bomb), is abandoned with a problem.
 */
public final class SafeZip {

    /** Limits on what an archive may inflate to. */
    public record Limits(long maxTotalBytes, long maxEntries, int maxRatio, long ratioGraceBytes) {
        public static Limits defaults() {
            return new Limits(8L * 1024 * 1024 * 1024, 100_000, 200, 1024 * 1024);
        }
    }

    /** What to do with each safe entry; the stream is closed by the caller of the visitor. */
    @FunctionalInterface
    public interface EntryVisitor {
        void visit(String entryName, InputStream content) throws IOException, InterruptedException;
    }

    /** Thrown from an entry's stream when the archive crosses a limit. */
    public static final class BombException extends IOException {
        BombException(String message) {
            super(message);
        }
    }

    private SafeZip() {}

    /** Visits each safe, non-directory entry in order; problems are reported under {@code file}. */
    public static void read(String file, InputStream raw, Limits limits, Problems problems, EntryVisitor visitor)
            throws InterruptedException {
        CountingInputStream counted = new CountingInputStream(raw);
        long[] total = {0};
        long entries = 0;
        try (ZipInputStream zip = new ZipInputStream(counted)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (++entries > limits.maxEntries()) {
                    problems.report(
                            file,
                            0,
                            Problem.Kind.ARCHIVE_BOMB,
                            "archive has more than " + limits.maxEntries() + " entries; the rest is not read");
                    return;
                }
                String name = e.getName();
                String unsafe = unsafeReason(name);
                if (unsafe != null) {
                    problems.report(
                            file,
                            0,
                            Problem.Kind.UNSAFE_ARCHIVE_ENTRY,
                            "entry \"" + printable(name) + "\" skipped: " + unsafe);
                    continue;
                }
                if (e.isDirectory()) {
                    continue;
                }
                if (!visit(file, name, new Bounded(zip, counted, total, limits, name), visitor, problems)) {
                    return;
                }
            }
            if (entries == 0) {
                problems.report(
                        file, 0, Problem.Kind.UNREADABLE, "no zip entries could be read (damaged or empty archive)");
            }
        } catch (ZipException ex) {
            problems.report(file, 0, Problem.Kind.UNREADABLE, "not a readable zip archive: " + ex.getMessage());
        } catch (IOException ex) {
            problems.report(file, 0, Problem.Kind.UNREADABLE, "archive reading failed: " + ex.getMessage());
        }
    }

    /**
     * Visits the content of a gzip stream (RFC 1952) as one entry named after {@code file} without
     * its {@code .gz}, under the limits of an archive: a stream that inflates past the total or the
     * ratio is abandoned as a bomb. Problems are reported under {@code file}.
     */
    public static void gunzip(String file, InputStream raw, Limits limits, Problems problems, EntryVisitor visitor)
            throws InterruptedException {
        String last = file.substring(file.lastIndexOf('/') + 1);
        String name = last.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") && last.length() > 3
                ? last.substring(0, last.length() - 3)
                : "content";
        CountingInputStream counted = new CountingInputStream(raw);
        try (java.util.zip.GZIPInputStream gz = new java.util.zip.GZIPInputStream(counted, 64 * 1024)) {
            visit(file, name, new Bounded(gz, counted, new long[1], limits, name), visitor, problems);
        } catch (ZipException ex) {
            problems.report(file, 0, Problem.Kind.UNREADABLE, "not a readable gzip stream: " + ex.getMessage());
        } catch (IOException ex) {
            problems.report(file, 0, Problem.Kind.UNREADABLE, "gzip reading failed: " + ex.getMessage());
        }
    }

    /** Hands one member to the visitor; false (with the problem reported) when it turned out a bomb. */
    private static boolean visit(String file, String name, Bounded content, EntryVisitor visitor, Problems problems)
            throws IOException, InterruptedException {
        try {
            visitor.visit(name, content);
        } catch (BombException bomb) {
            problems.report(file, 0, Problem.Kind.ARCHIVE_BOMB, bomb.getMessage());
            return false;
        }
        if (content.bomb != null) {
            problems.report(file, 0, Problem.Kind.ARCHIVE_BOMB, content.bomb);
            return false;
        }
        return true;
    }

    /** Why an entry name is unsafe to use as a path, or null when it is safe. */
    public static @Nullable String unsafeReason(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf('\0') >= 0) {
            return "NUL character in name";
        }
        if (name.indexOf('\\') >= 0) {
            return "backslash in name";
        }
        if (name.startsWith("/")) {
            return "absolute path";
        }
        if (name.length() >= 2 && name.charAt(1) == ':') {
            return "drive letter in name";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.equals("..")) {
                return "parent-directory segment (zip slip)";
            }
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 ? '?' : c);
        }
        return b.toString();
    }

    /** One entry's inflated bytes (of a zip entry or a gzip stream), checked against the limits as they are read. */
    private static final class Bounded extends InputStream {
        private final InputStream zip;
        private final CountingInputStream compressed;
        private final long[] total;
        private final Limits limits;
        private final String name;
        private final long compressedAtStart;
        private long inflated;

        @Nullable
        String bomb;

        Bounded(InputStream zip, CountingInputStream compressed, long[] total, Limits limits, String name) {
            this.zip = zip;
            this.compressed = compressed;
            this.total = total;
            this.limits = limits;
            this.name = name;
            this.compressedAtStart = compressed.count();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (bomb != null) {
                throw new BombException(bomb);
            }
            int n = zip.read(b, off, len);
            if (n > 0) {
                inflated += n;
                total[0] += n;
                if (total[0] > limits.maxTotalBytes()) {
                    bomb = "archive inflates beyond " + limits.maxTotalBytes()
                            + " bytes (zip bomb?); reading stopped in entry " + printable(name);
                    throw new BombException(bomb);
                }
                long in = Math.max(1, compressed.count() - compressedAtStart);
                if (inflated > limits.ratioGraceBytes() && inflated / in > limits.maxRatio()) {
                    bomb = "entry " + printable(name) + " inflates more than " + limits.maxRatio()
                            + " times its compressed size (zip bomb?); archive abandoned";
                    throw new BombException(bomb);
                }
            }
            return n;
        }

        @Override
        public void close() {
            // the archive stream stays open for the next entry
        }
    }
}
