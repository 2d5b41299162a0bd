package dev.tandem.pii;

import dev.tandem.pii.detect.ByteClasses;
import dev.tandem.pii.detect.CandidateScanner;
import dev.tandem.pii.detect.PhoneNumbers;
import dev.tandem.pii.input.Context;
import dev.tandem.pii.input.CountingInputStream;
import dev.tandem.pii.input.InflationBudget;
import dev.tandem.pii.input.Inputs;
import dev.tandem.pii.input.Out;
import dev.tandem.pii.input.TextInput;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Scans streams, files and folders for personal data with {@link ScanOptions#threads()} threads.
 *
 * <p>Work is cut into tasks: a block of a plain-text input (text is cut at safe splits, so blocks
 * are independent) or a whole structured input (CSV, JSON, HAR, archives, which carry state from
 * byte to byte). Tasks run on a pool; each writes its results into its own bounded channel, and
 * the caller's thread drains the channels in the order the tasks were created. Output is therefore
 * deterministic, and memory is bounded by the number of channels in flight (2 × threads + 2) times
 * a block, whatever the input size. Interrupting the calling thread stops the pool and rethrows.
 */
public final class PiiScanner {
    private final ScanOptions options;

    public PiiScanner(ScanOptions options) {
        this.options = options;
    }

    public ScanOptions options() {
        return options;
    }

    /** A scanner for the calling thread (for in-memory payloads and tests). */
    public CandidateScanner candidateScanner() {
        return new CandidateScanner(new PhoneNumbers(options.defaultRegion()));
    }

    /** Totals of a scan, besides what went to the sink. */
    public record Report(long files, long bytes, List<InputProblem> problems) {
        public boolean fatalProblem() {
            return problems.stream().anyMatch(InputProblem::fatal);
        }
    }

    /** Scans one stream named {@code name} (closed by the scan); {@code format} may be AUTO. */
    public Report scan(InputStream in, String name, Format format, ScanSink sink, ScanProgress progress)
            throws InterruptedException {
        return run(List.of(new Source(name, null, in, format)), sink, progress);
    }

    /** Scans files and folders (recursively, in path order; symbolic links to folders are not followed). */
    public Report scanPaths(List<Path> paths, ScanSink sink, ScanProgress progress) throws InterruptedException {
        List<Source> sources = new ArrayList<>();
        for (Path p : paths) sources.add(new Source(p.toString(), p, null, Format.AUTO));
        return run(sources, sink, progress);
    }

    private record Source(
            String name, @Nullable Path path, @Nullable InputStream stream, Format format) {}

    // ---- the engine ----

    private sealed interface Event permits Found, Subject, Problem, Advanced, Scanned, Lines {}

    private record Found(Finding f) implements Event {}

    private record Subject(SubjectRecord s) implements Event {}

    private record Problem(InputProblem p) implements Event {}

    private record Advanced(long bytes) implements Event {}

    private record Scanned(String file, long bytes) implements Event {}

    /** A text block ended with {@code newlines} in it: later blocks of the input are renumbered by it. */
    private record Lines(long newlines) implements Event {}

    private static final List<Event> END = List.of();

    /** One task's results, in order, in bounded batches. */
    private static final class Channel implements Out {
        final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(4);
        final boolean textBlock;
        final boolean firstBlock;
        private List<Event> batch = new ArrayList<>();

        Channel(boolean textBlock, boolean firstBlock) {
            this.textBlock = textBlock;
            this.firstBlock = firstBlock;
        }

        void add(Event e) {
            batch.add(e);
            if (batch.size() >= 1024) flush();
        }

        void flush() {
            if (batch.isEmpty()) return;
            List<Event> b = batch;
            batch = new ArrayList<>();
            try {
                queue.put(b);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }

        void close() {
            flush();
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Cancelled();
            }
        }

        @Override
        public void finding(Finding f) {
            add(new Found(f));
        }

        @Override
        public void subject(SubjectRecord s) {
            add(new Subject(s));
        }

        @Override
        public void problem(InputProblem p) {
            add(new Problem(p));
        }

        @Override
        public void scanned(String file, long bytes) {
            add(new Scanned(file, bytes));
        }

        @Override
        public void advanced(long bytes) {
            if (bytes > 0) add(new Advanced(bytes));
        }
    }

    /** The scan was cancelled while a worker waited for the consumer. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("scan cancelled", null, false, false);
        }
    }

    private static final Channel DONE = new Channel(false, false);

    private Report run(List<Source> sources, ScanSink sink, ScanProgress progress) throws InterruptedException {
        int threads = options.threads();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "tandem-scan");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<CandidateScanner> scanners = ThreadLocal.withInitial(this::candidateScanner);
        BlockingQueue<Channel> order = new ArrayBlockingQueue<>(2 * threads + 2);
        Thread producer = Thread.ofPlatform()
                .name("tandem-scan-reader")
                .daemon()
                .unstarted(() -> {
                    try {
                        for (Source s : sources) produce(s, pool, scanners, order);
                        order.put(DONE);
                    } catch (InterruptedException | Cancelled e) {
                        Thread.currentThread().interrupt();
                    }
                });
        producer.start();
        long files = 0;
        long bytes = 0;
        long done = 0;
        List<InputProblem> problems = new ArrayList<>();
        try {
            long lineBase = 0;
            while (true) {
                Channel ch = order.take();
                if (ch == DONE) break;
                if (ch.firstBlock) lineBase = 0;
                while (true) {
                    List<Event> batch = ch.queue.take();
                    if (batch == END) break;
                    for (Event e : batch) {
                        switch (e) {
                            case Found(Finding f) -> sink.finding(ch.textBlock ? f.withLine(f.line() + lineBase) : f);
                            case Subject(SubjectRecord s) -> sink.subject(s);
                            case Problem(InputProblem p) -> {
                                problems.add(p);
                                sink.problem(p);
                            }
                            case Advanced(long n) -> {
                                done += n;
                                progress.bytesDone(done);
                            }
                            case Scanned(String file, long n) -> {
                                files++;
                                bytes += n;
                                sink.scanned(file, n);
                            }
                            case Lines(long n) -> lineBase += n;
                        }
                    }
                }
            }
        } finally {
            producer.interrupt();
            pool.shutdownNow();
        }
        return new Report(files, bytes, List.copyOf(problems));
    }

    private void produce(
            Source s, ExecutorService pool, ThreadLocal<CandidateScanner> scanners, BlockingQueue<Channel> order)
            throws InterruptedException {
        if (s.path() != null) {
            Path p = s.path();
            if (!Files.exists(p)) {
                fail(order, s.name(), "no such file or folder", true);
                return;
            }
            if (Files.isDirectory(p)) {
                List<Path> files;
                try (Stream<Path> walk = Files.walk(p)) {
                    files = walk.filter(Files::isRegularFile).sorted().toList();
                } catch (IOException | UncheckedIOException e) {
                    fail(order, s.name(), "folder not readable: " + reason(e), true);
                    return;
                }
                for (Path f : files) produceFile(f.toString(), f, false, pool, scanners, order);
                return;
            }
            produceFile(s.name(), p, true, pool, scanners, order);
        } else {
            InputStream in = s.stream();
            if (in != null)
                produceStream(s.name(), new BufferedInputStream(in, 1 << 16), s.format(), pool, scanners, order);
        }
    }

    private void produceFile(
            String name,
            Path p,
            boolean named,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order)
            throws InterruptedException {
        BufferedInputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        } catch (IOException e) {
            fail(order, name, "not readable: " + reason(e), named);
            return;
        }
        produceStream(name, in, Format.AUTO, pool, scanners, order);
    }

    private void produceStream(
            String name,
            BufferedInputStream in,
            Format format,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order)
            throws InterruptedException {
        Format f;
        try {
            in.mark(4096);
            byte[] head = in.readNBytes(4096);
            in.reset();
            f = Inputs.detect(name, format, head);
        } catch (IOException e) {
            close(in);
            fail(order, name, "not readable: " + reason(e), false);
            return;
        }
        if (f == Format.TEXT) {
            produceTextBlocks(name, in, pool, scanners, order);
            return;
        }
        Format detected = f;
        Channel ch = new Channel(false, true);
        order.put(ch);
        pool.execute(() -> {
            try (in) {
                Context ctx = new Context(
                        scanners.get(),
                        options,
                        ch,
                        new InflationBudget(options.maxInflatedBytes(), options.maxRatio()));
                CountingInputStream counted = new CountingInputStream(in);
                Inputs.scanSync(counted, name, detected, ctx, 0);
                ch.scanned(name, counted.count());
            } catch (InterruptedException | Cancelled e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | UncheckedIOException e) {
                ch.problem(new InputProblem(name, reason(e), false));
                ch.scanned(name, 0);
            } catch (RuntimeException e) {
                ch.problem(new InputProblem(name, "internal error: " + e, false));
                ch.scanned(name, 0);
            }
            try {
                ch.close();
            } catch (Cancelled ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Text: the reader thread cuts blocks at safe splits and hands each to the pool. */
    private void produceTextBlocks(
            String name,
            BufferedInputStream in,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order)
            throws InterruptedException {
        int size = options.chunkSize();
        byte[] carry = new byte[0];
        long offset = 0;
        boolean first = true;
        boolean eof = false;
        try (in) {
            while (!eof || carry.length > 0) {
                if (Thread.interrupted()) throw new InterruptedException();
                byte[] buf = new byte[size];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int n = carry.length;
                while (!eof && n < size) {
                    int r = in.read(buf, n, size - n);
                    if (r < 0) eof = true;
                    else n += r;
                }
                int split = eof ? n : ByteClasses.safeSplit(buf, 0, n, options.splitWindow());
                carry = java.util.Arrays.copyOfRange(buf, split, n);
                long blockOffset = offset;
                offset += split;
                int len = split;
                Channel ch = new Channel(true, first);
                first = false;
                order.put(ch);
                boolean last = eof && carry.length == 0;
                long total = offset;
                pool.execute(() -> {
                    try {
                        long nl = TextInput.scanBlock(scanners.get(), name, ch, buf, len, blockOffset, 1);
                        ch.advanced(len);
                        if (last) ch.scanned(name, total);
                        ch.add(new Lines(nl));
                        ch.close();
                    } catch (Cancelled e) {
                        Thread.currentThread().interrupt();
                    }
                });
                if (last) break;
            }
        } catch (IOException e) {
            Channel ch = new Channel(false, false);
            order.put(ch);
            ch.problem(new InputProblem(name, "read failed at byte " + offset + ": " + reason(e), false));
            ch.scanned(name, offset);
            ch.close();
        }
    }

    private static void fail(BlockingQueue<Channel> order, String name, String reason, boolean fatal)
            throws InterruptedException {
        Channel ch = new Channel(false, true);
        order.put(ch);
        ch.problem(new InputProblem(name, reason, fatal));
        ch.close();
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
    }

    static String reason(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException) return "no such file";
        if (t instanceof AccessDeniedException) return "permission denied";
        String m = t.getMessage();
        String kind = t.getClass().getSimpleName();
        return m == null
                ? kind
                : (t instanceof IOException
                                && !kind.equals("IOException")
                                && !kind.equals("ZipException")
                                && !kind.equals("LimitExceeded")
                        ? kind + ": " + m
                        : m);
    }
}
