package dev.tandem.tools.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * What writing a new file costs this machine's kernel, per GB: once right after as much was written
 * and deleted (the page cache's freed pages are reused), once after a rest. A virtual machine whose
 * guest hands freed memory back to its host (virtio-balloon free page reporting, which reports free
 * blocks of 2 MiB and more a few seconds after they are freed) makes every page of the second write
 * a page fault on the host. Every benchmarked process writes its output to a new file, so each pays
 * the second figure for each byte it writes: a process that writes more pays more, on such a machine
 * only (docs/benchmarks.md, "Session 21"). The allocator hands out the memory freed last first, so
 * the probe writes as much as a run's output (a GiB): a few hundred MiB are served from memory the
 * guest still holds and show nothing.
 */
final class PageCacheProbe {
    private PageCacheProbe() {}

    /** Kernel CPU seconds per GB written to a new file: memory just freed, and memory freed {@code rest} before. */
    record Cost(double justFreedPerGb, double restedPerGb) {}

    private static final int CHUNK = 1 << 20;

    static Cost measure(Path dir, long bytes, Duration rest) throws IOException, InterruptedException {
        Path f = Files.createTempFile(dir, "tandem-bench-probe-", ".tmp");
        try {
            write(f, bytes); // frees as much for the next write to reuse
            Files.delete(f);
            double justFreed = write(f, bytes);
            Files.delete(f);
            Thread.sleep(rest.toMillis());
            double rested = write(f, bytes);
            return new Cost(justFreed / (bytes / 1e9), rested / (bytes / 1e9));
        } finally {
            Files.deleteIfExists(f);
        }
    }

    /** Writes {@code bytes} of zeros to a new file {@code f}; returns this thread's kernel CPU seconds for it. */
    private static double write(Path f, long bytes) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHUNK);
        long cpu0 = threads.getCurrentThreadCpuTime();
        long user0 = threads.getCurrentThreadUserTime();
        try (FileChannel ch = FileChannel.open(
                f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long left = bytes; left > 0; left -= CHUNK) {
                chunk.clear().limit((int) Math.min(CHUNK, left));
                while (chunk.hasRemaining()) ch.write(chunk);
            }
        }
        long kernel = (threads.getCurrentThreadCpuTime() - cpu0) - (threads.getCurrentThreadUserTime() - user0);
        return Math.max(0, kernel) / 1e9;
    }
}
