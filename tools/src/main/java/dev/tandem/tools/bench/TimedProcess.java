package dev.tandem.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One child process timed from start to exit, its standard output written to a file as a user's
 * {@code > findings.jsonl} would (its lines counted and its SHA-256 taken after the clock stops, so
 * the bench's own reading costs the measured process no CPU on a machine of few cores), its peak
 * resident set size sampled from {@code /proc/PID/status} (VmHWM) every 10 ms.
 */
public final class TimedProcess {
    private TimedProcess() {}

    /**
     * What a run gave: wall-clock seconds, exit code, output lines, bytes and digest, peak RSS (-1:
     * unknown), CPU seconds in user and kernel mode together and in kernel mode alone (-1: unknown),
     * stderr's end, and what the process wrote to the file named by {@code TANDEM_CPU_REPORT} when
     * it was asked to (else empty).
     */
    public record Result(
            double seconds,
            int exit,
            long lines,
            long outputBytes,
            String sha256,
            long peakRss,
            double cpuSeconds,
            double kernelSeconds,
            String stderr,
            String cpuReport) {}

    /** The variable a {@code tandem scan} reads to report where its CPU went (its {@code ThreadCpu}). */
    public static final String CPU_REPORT = "TANDEM_CPU_REPORT";

    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    /**
     * Runs {@code command}; under GNU time ({@code /usr/bin/time}) when it is installed, which
     * reports the child's CPU time and peak RSS exactly (its own start costs about a millisecond).
     */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, false);
    }

    /**
     * As {@link #run(List)}; with {@code cpuReport} the child is given {@value #CPU_REPORT}, a file
     * it writes its CPU by kind of thread to as it ends, and the result carries that line.
     */
    public static Result run(List<String> command, boolean cpuReport) throws IOException, InterruptedException {
        Path report = cpuReport ? Files.createTempFile("tandem-bench-", ".cpu") : null;
        try {
            return run(command, report);
        } finally {
            if (report != null) Files.deleteIfExists(report);
        }
    }

    private static Result run(List<String> command, Path report) throws IOException, InterruptedException {
        Path err = Files.createTempFile("tandem-bench-", ".stderr");
        Path times = Files.createTempFile("tandem-bench-", ".time");
        boolean timed = Files.isExecutable(GNU_TIME);
        List<String> cmd = command;
        if (timed) {
            cmd = new java.util.ArrayList<>(
                    List.of(GNU_TIME.toString(), "-q", "-f", "%U %S %M", "-o", times.toString()));
            cmd.addAll(command);
        }
        Path out = Files.createTempFile("tandem-bench-", ".out");
        try {
            long t0 = System.nanoTime();
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (report != null) pb.environment().put(CPU_REPORT, report.toString());
            Process p = pb.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            long peak = 0;
            Path status = Path.of("/proc/" + p.pid() + "/status");
            while (p.isAlive()) {
                peak = Math.max(peak, vmHwm(status));
                Thread.sleep(10);
            }
            int exit = p.waitFor();
            double secs = (System.nanoTime() - t0) / 1e9;
            long lines = 0;
            long written = 0;
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(out)) {
                byte[] buf = new byte[1 << 16];
                int n;
                while ((n = in.read(buf)) > 0) {
                    sha.update(buf, 0, n);
                    written += n;
                    for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                }
            }
            String e = Files.readString(err, StandardCharsets.UTF_8);
            if (e.length() > 2000) e = e.substring(e.length() - 2000);
            double cpu = -1;
            double kernel = -1;
            if (timed) {
                String[] t = Files.readString(times).trim().split("\\s+");
                if (t.length >= 3) {
                    try {
                        double k = Double.parseDouble(t[t.length - 2]);
                        cpu = Double.parseDouble(t[t.length - 3]) + k;
                        kernel = k;
                        peak = Long.parseLong(t[t.length - 1]) * 1024;
                    } catch (NumberFormatException ignored) {
                        // the child was killed before time could report
                    }
                }
            }
            String cpuLine = report != null
                    ? Files.readString(report, StandardCharsets.UTF_8).trim()
                    : "";
            return new Result(
                    secs,
                    exit,
                    lines,
                    written,
                    HexFormat.of().formatHex(sha.digest()),
                    peak == 0 ? -1 : peak,
                    cpu,
                    kernel,
                    e,
                    cpuLine);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(times);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long vmHwm(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) return Long.parseLong(l.replaceAll("\\D", "")) * 1024;
            }
        } catch (IOException | RuntimeException ignored) {
            // process gone
        }
        return 0;
    }

    /** The first executable called {@code name} on the PATH, or null. */
    public static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String d : path.split(":")) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }
}
