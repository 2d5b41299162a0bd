package dev.tandem.app.bench;

import dev.tandem.cli.TandemCommand;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tandem bench upload}: one large upload over loopback into a server child process (heap
 * capped at 512 MiB), against the same work done with standard tools in the same run: hash with
 * {@code openssl dgst -sha256} while copying the file to the same disk, then fsync the copy.
 */
@Command(
        name = "upload",
        mixinStandardHelpOptions = true,
        description = "One large evidence upload over loopback vs. tee | openssl dgst -sha256 + sync on the same disk.")
public final class UploadBench implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|TiB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern GC_PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");
    private static final double TARGET = 0.8;
    private static final double MB = 1_000_000.0;
    private static final long WARMUP_BYTES = 1L << 30;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            description = "Upload size, e.g. 1GiB, 512MiB (default 1GiB, 5GiB with --heap-check).")
    @Nullable
    String size;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where the file, its copy and the server's data go (default: the temp dir).")
    Path dir = Path.of(System.getProperty("java.io.tmpdir"));

    @Option(names = "--heap-check", description = "Report the server's peak heap during the upload (server -Xmx512m).")
    boolean heapCheck;

    @Option(
            names = "--client",
            paramLabel = "CLIENT",
            description = "The uploading client: curl (default when on the PATH: a client that costs the 2-core"
                    + " machine little) or java (java.net.http, as tandem evidence add).")
    String client = Files.isExecutable(Path.of("/usr/bin/curl")) ? "curl" : "java";

    @Option(
            names = "--runs",
            paramLabel = "N",
            description = "Alternating reference/Tandem runs; the best of each counts (default 1).")
    int runs = 1;

    @Override
    public Integer call() throws Exception {
        long bytes;
        try {
            bytes = parseSize(size != null ? size : heapCheck ? "5GiB" : "1GiB");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return TandemCommand.EXIT_USAGE;
        }
        Files.createDirectories(dir); // --dir may name a folder not made yet
        Path work = Files.createTempDirectory(dir, "tandem-bench-upload-");
        try {
            Path source = work.resolve("source.bin");
            long g0 = System.nanoTime();
            String sha = generate(source, bytes);
            System.out.printf(
                    Locale.ROOT,
                    "upload: %s of random bytes (sha256 %s…), generated and fsynced in %.1f s; everything under %s%n",
                    human(bytes),
                    sha.substring(0, 16),
                    (System.nanoTime() - g0) / 1e9,
                    work);
            System.out.printf(
                    Locale.ROOT,
                    "machine: %d cores, load average %.1f%n",
                    Runtime.getRuntime().availableProcessors(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            if (heapCheck) {
                return heapCheck(work, source, bytes, sha);
            }
            double bestRef = 0;
            double bestTandem = 0;
            for (int run = 1; run <= runs; run++) {
                double ref = reference(work, source, bytes, sha);
                System.out.printf(Locale.ROOT, "run %d reference %8.1f MB/s   (%.2f s)%n", run, bytes / MB / ref, ref);
                double tandem = tandem(work, source, bytes, sha, null);
                System.out.printf(
                        Locale.ROOT, "run %d tandem    %8.1f MB/s   (%.2f s)%n", run, bytes / MB / tandem, tandem);
                bestRef = Math.max(bestRef, bytes / MB / ref);
                bestTandem = Math.max(bestTandem, bytes / MB / tandem);
            }
            double ratio = bestTandem / bestRef;
            System.out.printf(
                    Locale.ROOT,
                    "reference: bash -c 'tee COPY < SOURCE | openssl dgst -sha256 && sync COPY' (copy on the same disk)%n"
                            + "tandem:    POST /api/v1/incidents/{id}/evidence by " + client + " over"
                            + " loopback; server child process -Xmx512m hashes, writes, fsyncs and renames;"
                            + " timed after one unmeasured warm-up upload of the same size (at most 1 GiB)%n"
                            + "ratio tandem/reference = %.2fx (target >= %.1fx: %s)%n",
                    ratio,
                    TARGET,
                    ratio >= TARGET ? "met" : "NOT met");
            return TandemCommand.EXIT_OK;
        } finally {
            LedgerAppendBench.deleteTree(work);
        }
    }

    /** Seconds for: tee SOURCE into COPY and into openssl dgst -sha256, then sync COPY (fsync). */
    private static double reference(Path work, Path source, long bytes, String sha) throws Exception {
        Path copy = work.resolve("copy.bin");
        List<String> cmd = List.of(
                "bash",
                "-c",
                "tee \"$1\" < \"$2\" | openssl dgst -sha256 && sync \"$1\"",
                "reference",
                copy.toString(),
                source.toString());
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (exit != 0 || !out.contains(sha) || Files.size(copy) != bytes) {
            throw new IllegalStateException("the reference run failed (exit " + exit + "): " + out);
        }
        Files.delete(copy);
        return seconds;
    }

    /** Seconds from the first byte sent to the 201; the answered sha256 must be the file's. */
    private double tandem(Path work, Path source, long bytes, String sha, @Nullable HeapWatch watch) throws Exception {
        Path data = work.resolve("server-data-" + System.nanoTime());
        String token = "bench-admin-token-" + Long.toHexString(System.nanoTime());
        ServerProcess.Launch launch = ServerProcess.Launch.ofThisExecutable(data, work.resolve("server.log"))
                .withJvmOptions("-Xmx512m")
                .withEnv("TANDEM_ADMIN_TOKEN", token);
        if (watch != null) {
            launch = launch.withJvmOptions("-Xlog:gc:file=" + watch.gcLog());
        }
        try (ServerProcess server = ServerProcess.start(launch, Duration.ofSeconds(180))) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> opened = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/incidents"))
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"bench\",\"severity\":\"LOW\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(opened.body());
            if (opened.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException("could not open an incident: " + opened.body());
            }
            URI evidence = URI.create(server.baseUrl() + "/api/v1/incidents/" + id.group(1)
                    + "/evidence?repository=AUDIT&kind=DATA_EXPORT&name=source.bin");
            // Warm-up, unmeasured: a running server has long compiled its hot paths (SHA-256 intrinsics need C2).
            Path warmup = work.resolve("warmup.bin");
            if (!Files.exists(warmup)) {
                generate(warmup, Math.min(bytes, WARMUP_BYTES));
            }
            HttpResponse<String> w = http.send(
                    HttpRequest.newBuilder(evidence)
                            .header("Authorization", "Bearer " + token)
                            .header("Content-Type", "application/octet-stream")
                            .POST(HttpRequest.BodyPublishers.ofFile(warmup))
                            .build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (w.statusCode() != 201) {
                throw new IllegalStateException("the warm-up upload answered " + w.statusCode() + ": " + w.body());
            }
            HttpRequest upload = HttpRequest.newBuilder(evidence)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(source))
                    .build();
            if (watch != null) {
                watch.start(server.pid());
            }
            long serverCpu0 = ProcCpu.process(server.pid());
            long clientCpu0 = ProcCpu.process(ProcessHandle.current().pid());
            long t0 = System.nanoTime();
            int status;
            String body;
            if (client.equals("curl")) {
                Path answer = work.resolve("answer.json");
                Process curl = new ProcessBuilder(
                                "curl",
                                "-s",
                                "-S",
                                "-o",
                                answer.toString(),
                                "-w",
                                "%{http_code}",
                                "-H",
                                "Authorization: Bearer " + token,
                                "-H",
                                "Content-Type: application/octet-stream",
                                "-X",
                                "POST",
                                "-T",
                                source.toString(),
                                evidence.toString())
                        .redirectErrorStream(true)
                        .start();
                String code = new String(curl.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                curl.waitFor();
                status = code.matches("\\d{3}") ? Integer.parseInt(code) : -1;
                body = Files.exists(answer) ? Files.readString(answer) : code;
            } else {
                HttpResponse<String> r = http.send(upload, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = r.statusCode();
                body = r.body();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "      cpu: server %.2f s, uploading client (java only) %.2f s%n",
                    (ProcCpu.process(server.pid()) - serverCpu0) / 1e9,
                    (ProcCpu.process(ProcessHandle.current().pid()) - clientCpu0) / 1e9);
            if (watch != null) {
                watch.stop();
            }
            if (status != 201 || !body.contains("\"sha256\":\"" + sha + "\"")) {
                throw new IllegalStateException("the upload answered " + status + ": " + body + "\nlog:\n"
                        + ServerProcess.tail(server.log(), 40));
            }
            return seconds;
        } finally {
            LedgerAppendBench.deleteTree(data);
        }
    }

    private int heapCheck(Path work, Path source, long bytes, String sha) throws Exception {
        HeapWatch watch = new HeapWatch(work.resolve("gc.log"));
        double seconds = tandem(work, source, bytes, sha, watch);
        long peakGc = 0;
        long capacity = 0;
        for (String line : Files.readAllLines(watch.gcLog(), StandardCharsets.UTF_8)) {
            Matcher m = GC_PAUSE.matcher(line);
            if (m.find()) {
                peakGc = Math.max(peakGc, Long.parseLong(m.group(1)));
                capacity = Math.max(capacity, Long.parseLong(m.group(3)));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "heap check: %s streamed into a server with -Xmx512m in %.1f s (%.1f MB/s), answered 201 with the right"
                        + " sha256%n"
                        + "  peak heap used before a GC (from -Xlog:gc): %d MiB; largest committed heap %d MiB%n"
                        + "  peak heap used sampled by jcmd GC.heap_info every second: %d MiB (%d samples)%n"
                        + "  server peak resident set (VmHWM): %d MiB%n"
                        + "  heap stayed under 512 MiB: %s%n",
                human(bytes),
                seconds,
                bytes / MB / seconds,
                peakGc,
                capacity,
                watch.peakUsedKib.get() / 1024,
                watch.samples.get(),
                watch.peakRssKib / 1024,
                Math.max(peakGc, watch.peakUsedKib.get() / 1024) < 512 ? "yes" : "NO");
        return TandemCommand.EXIT_OK;
    }

    /** Samples the server's heap with {@code jcmd <pid> GC.heap_info} while the upload runs. */
    private static final class HeapWatch {
        private final Path gcLog;
        final AtomicLong peakUsedKib = new AtomicLong();
        final AtomicLong samples = new AtomicLong();
        long peakRssKib;
        private volatile boolean running;
        private @Nullable Thread thread;
        private long pid;

        HeapWatch(Path gcLog) {
            this.gcLog = gcLog;
        }

        Path gcLog() {
            return gcLog;
        }

        void start(long serverPid) {
            this.pid = serverPid;
            running = true;
            String jcmd =
                    Path.of(ServerProcess.javaBinary()).resolveSibling("jcmd").toString();
            thread = Thread.ofPlatform().daemon().start(() -> {
                while (running) {
                    try {
                        Process p = new ProcessBuilder(jcmd, Long.toString(serverPid), "GC.heap_info")
                                .redirectErrorStream(true)
                                .start();
                        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        p.waitFor();
                        Matcher m = HEAP_USED.matcher(out);
                        if (m.find()) {
                            peakUsedKib.accumulateAndGet(Long.parseLong(m.group(1)), Math::max);
                            samples.incrementAndGet();
                        }
                        Thread.sleep(1000);
                    } catch (IOException e) {
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws InterruptedException, IOException {
            running = false;
            if (thread != null) {
                thread.join();
            }
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    peakRssKib = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        }
    }

    /** Random bytes from a seeded generator, written in 1 MiB blocks and fsynced; answers their SHA-256. */
    static String generate(Path file, long bytes) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        SplittableRandom random = new SplittableRandom(bytes);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long left = bytes;
            while (left > 0) {
                buf.clear();
                while (buf.remaining() >= 8) {
                    buf.putLong(random.nextLong());
                }
                int n = (int) Math.min(left, buf.position());
                buf.flip().limit(n);
                sha.update(buf.array(), 0, n);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                left -= n;
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--size must be a number with an optional unit B, KiB, MiB, GiB or TiB," + " got \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
        int shift = switch (unit) {
            case "KIB" -> 10;
            case "MIB" -> 20;
            case "GIB" -> 30;
            case "TIB" -> 40;
            default -> 0;
        };
        if (n <= 0 || Long.numberOfLeadingZeros(n) <= shift) {
            throw new IllegalArgumentException("--size out of range: " + text);
        }
        return n << shift;
    }

    static String human(long bytes) {
        List<String> units = new ArrayList<>(List.of("B", "KiB", "MiB", "GiB", "TiB"));
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.size() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", v, units.get(u));
    }
}
