package dev.tandem.app.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time of a process, or of one of its threads by name, from Linux {@code /proc/<pid>/stat}
 * (fields 14 and 15, utime and stime, in clock ticks of 1/100 s, the x86-64 Linux USER_HZ). Zero
 * where /proc is absent: the numbers explain a benchmark, they never decide it.
 */
final class ProcCpu {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcCpu() {}

    /** Total CPU time of the process, all threads. */
    static long process(long pid) {
        return ticks(Path.of("/proc", Long.toString(pid), "stat")) * NANOS_PER_TICK;
    }

    /** CPU time of the process's threads whose name starts with {@code prefix} (Linux keeps 15 characters). */
    static long threads(long pid, String prefix) {
        String wanted = prefix.length() > 15 ? prefix.substring(0, 15) : prefix;
        long total = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                String comm = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                        .strip();
                if (comm.startsWith(wanted)) {
                    total += ticks(task.resolve("stat"));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total * NANOS_PER_TICK;
    }

    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat, StandardCharsets.US_ASCII);
            // the command name (field 2) may hold spaces; the fields after its closing parenthesis do not
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
