package dev.tandem.pii;

import dev.tandem.pii.detect.ByteClasses;
import dev.tandem.pii.detect.CandidateScanner;
import dev.tandem.pii.detect.PhoneNumbers;
import dev.tandem.pii.input.Context;
import dev.tandem.pii.input.CountingInputStream;
import dev.tandem.pii.input.DamagedArchive;
import dev.tandem.pii.input.InflationBudget;
import dev.tandem.pii.input.Inputs;
import dev.tandem.pii.input.Out;
import dev.tandem.pii.input.RecordBoundaries;
import dev.tandem.pii.input.TextInput;
import dev.tandem.pii.input.Utf16;
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

    private final FolderWalk.Gate gate;

    private final Runnable onWorkerStart;

    public PiiScanner(ScanOptions options) {
        this(options, FolderWalk.Gate.OPEN, () -> {});
    }

    /**
     * A scanner whose reading and scanning threads each run {@code onWorkerStart} first, on
     * themselves, before any work (the command line lowers their scheduling priority there).
     */
    public PiiScanner(ScanOptions options, Runnable onWorkerStart) {
        this(options, FolderWalk.Gate.OPEN, onWorkerStart);
    }

    /** A scanner whose folder walks pass {@code gate} before entering each folder (for tests). */
    PiiScanner(ScanOptions options, FolderWalk.Gate gate) {
        this(options, gate, () -> {});
    }

    private PiiScanner(ScanOptions options, FolderWalk.Gate gate, Runnable onWorkerStart) {
        this.options = options;
        this.gate = gate;
        this.onWorkerStart = onWorkerStart;
    }

    public ScanOptions options() {
        return options;
    }

    /** A scanner for the calling thread (for in-memory payloads and tests). */
    public CandidateScanner candidateScanner() {
        return new CandidateScanner(new PhoneNumbers(options.defaultRegion()));
    }

    /** Totals of a scan, besides what went to the sink. */
    /**
     * @param unplacedPhones phone column values that look like national numbers
     *     ({@link PhoneNumbers#looksNational}) that neither the default region nor their record's
     *     country placed: not findings; a region given would read them
     */
    public record Report(long files, long bytes, List<InputProblem> problems, long unplacedPhones) {
        public Report(long files, long bytes, List<InputProblem> problems) {
            this(files, bytes, problems, 0);
        }

        public boolean fatalProblem() {
            return problems.stream().anyMatch(InputProblem::fatal);
        }
    }

    /** Scans one stream named {@code name} (closed by the scan); {@code format} may be AUTO. */
    public Report scan(InputStream in, String name, Format format, ScanSink sink, ScanProgress progress)
            throws InterruptedException {
        return run(List.of(new Source(name, null, in, format)), sink, progress);
    }

    /**
     * Scans files and folders (recursively, in path order; symbolic links to folders are not followed),
     * each real file once ({@link FolderWalk#sameFile}): a file a folder given earlier held, or held by
     * two folders given, is read where it comes first and left out after.
     */
    public Report scanPaths(List<Path> paths, ScanSink sink, ScanProgress progress) throws InterruptedException {
        List<Source> sources = new ArrayList<>();
        for (Path p : paths) sources.add(new Source(p.toString(), p, null, Format.AUTO));
        return run(sources, sink, progress);
    }

    private record Source(
            String name, @Nullable Path path, @Nullable InputStream stream, Format format) {}

    // ---- the engine ----

    private sealed interface Event permits Found, Subject, Problem, Advanced, Scanned, Merge {}

    private record Found(Finding f) implements Event {}

    private record Subject(SubjectRecord s) implements Event {}

    private record Problem(InputProblem p) implements Event {}

    private record Advanced(long bytes) implements Event {}

    private record Scanned(String file, long bytes) implements Event {}

    /** Results gathered in a part of a {@link PartedSink} on a scanning thread. */
    private record Merge(ScanSink part) implements Event {}

    /** Results per part: large enough that merging is cheap, small enough to bound memory (~200 KB of output). */
    private static final int PART_RESULTS = 2048;

    private static final List<Event> END = List.of();

    /** One task's results, in order, in bounded batches. */
    private static final class Channel implements Out {
        final BlockingQueue<List<Event>> queue;
        private final @Nullable PartedSink<ScanSink> parted;
        private List<Event> batch = new ArrayList<>();
        private @Nullable ScanSink part;
        private int inPart;

        Channel(@Nullable PartedSink<ScanSink> parted, int capacity) {
            this.parted = parted;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        void add(Event e) {
            batch.add(e);
            if (batch.size() >= 1024) flush();
        }

        private ScanSink part() {
            ScanSink p = part;
            if (p == null) {
                p = part = java.util.Objects.requireNonNull(parted).newPart();
                inPart = 0;
            }
            return p;
        }

        private void counted() {
            if (++inPart >= PART_RESULTS) flushPart();
        }

        /** Hands the current part on, alone in its batch, so at most a few parts wait in the queue. */
        private void flushPart() {
            ScanSink p = part;
            if (p == null) return;
            part = null;
            java.util.Objects.requireNonNull(parted).seal(p);
            flush();
            batch.add(new Merge(p));
            flush();
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

        /** Hands on what is left and ends the channel; the end is put even when the sink's {@code seal} fails. */
        void close() {
            try {
                flushPart();
                flush();
            } finally {
                try {
                    queue.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new Cancelled();
                }
            }
        }

        @Override
        public void finding(Finding f) {
            if (parted == null) {
                add(new Found(f));
            } else {
                part().finding(f);
                counted();
            }
        }

        @Override
        public void found(FindingView view) {
            if (parted == null) {
                add(new Found(view.toFinding()));
            } else {
                part().found(view);
                counted();
            }
        }

        @Override
        public void subject(SubjectRecord s) {
            if (parted == null) {
                add(new Subject(s));
            } else {
                part().subject(s);
                counted();
            }
        }

        @Override
        public void problem(InputProblem p) {
            flushPart();
            add(new Problem(p));
        }

        @Override
        public void scanned(String file, long bytes) {
            flushPart();
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

    private static final Channel DONE = new Channel(null, 1);

    /**
     * Batches a task's channel holds before its thread waits: results are taken in input order, so
     * every task but the first in line waits for those before it. With a handful of batches (as
     * before) a task after the first stopped after ~8,000 results and the threads took turns: two
     * threads scanned no faster than one. About 128 batches (parts of 2,048 results, ~400 KB of
     * output each) are shared among the tasks in line, so a chunk's results (1 MiB of dense
     * records: ~30 parts) fit while memory stays bounded (docs/adr/092-scan-output-as-bytes.md).
     */
    private Channel channel(@Nullable PartedSink<ScanSink> parted) {
        return new Channel(parted, Math.max(4, 128 / (2 * options.threads() + 2)));
    }

    /** The sink's parted form, or null when every result goes to it one by one on the caller's thread. */
    @SuppressWarnings("unchecked")
    private static @Nullable PartedSink<ScanSink> parted(ScanSink sink) {
        return sink instanceof PartedSink<?> p ? (PartedSink<ScanSink>) p : null;
    }

    private Report run(List<Source> sources, ScanSink sink, ScanProgress progress) throws InterruptedException {
        int threads = options.threads();
        PartedSink<ScanSink> parted = parted(sink);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(
                    () -> {
                        onWorkerStart.run();
                        r.run();
                    },
                    "tandem-scan");
            t.setDaemon(true);
            return t;
        });
        java.util.concurrent.atomic.LongAdder unplaced = new java.util.concurrent.atomic.LongAdder();
        ThreadLocal<CandidateScanner> scanners = ThreadLocal.withInitial(
                () -> new CandidateScanner(new PhoneNumbers(options.defaultRegion()), unplaced));
        BlockingQueue<Channel> order = new ArrayBlockingQueue<>(2 * threads + 2);
        Thread producer = Thread.ofPlatform()
                .name("tandem-scan-reader")
                .daemon()
                .unstarted(() -> {
                    onWorkerStart.run();
                    try {
                        try {
                            // each real file once: a folder and a file in it, or two folders one
                            // inside the other, name some files twice (FolderWalk.sameFile)
                            java.util.Set<Path> read = new java.util.HashSet<>();
                            for (Source s : sources) produce(s, read, pool, scanners, order, parted);
                        } catch (RuntimeException | Error e) {
                            // told, and the inputs end here: the caller is not left waiting for more
                            fail(order, "(reading the inputs)", "internal error: " + e, true, parted);
                        }
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
            while (true) {
                Channel ch = order.take();
                if (ch == DONE) break;
                while (true) {
                    List<Event> batch = ch.queue.take();
                    if (batch == END) break;
                    for (Event e : batch) {
                        switch (e) {
                            case Found(Finding f) -> sink.finding(f);
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
                            case Merge(ScanSink p) ->
                                java.util.Objects.requireNonNull(parted).merge(p);
                        }
                    }
                }
            }
        } finally {
            producer.interrupt();
            pool.shutdownNow();
        }
        return new Report(files, bytes, List.copyOf(problems), unplaced.sum());
    }

    private void produce(
            Source s,
            java.util.Set<Path> read,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        if (s.path() != null) {
            Path p = s.path();
            if (!Files.exists(p)) {
                fail(order, s.name(), "no such file or folder", true, parted);
                return;
            }
            if (Files.isDirectory(p)) {
                List<FolderWalk.Entry> entries;
                try {
                    entries = FolderWalk.of(p, gate);
                } catch (IOException | UncheckedIOException e) {
                    fail(order, s.name(), "folder not readable: " + reason(e), true, parted);
                    return;
                }
                for (FolderWalk.Entry e : entries) {
                    Path f = e.path();
                    IOException error = e.error();
                    if (error == null) {
                        if (read.add(FolderWalk.sameFile(f)))
                            produceFile(f.toString(), f, false, pool, scanners, order, parted);
                    } else if (f.equals(p))
                        fail(order, s.name(), "folder not readable: " + reason(error), true, parted);
                    else
                        fail(
                                order,
                                f.toString(),
                                (Files.isDirectory(f) ? "folder" : "file") + " not readable: " + reason(error),
                                false,
                                parted);
                }
                return;
            }
            if (read.add(FolderWalk.sameFile(p))) produceFile(s.name(), p, true, pool, scanners, order, parted);
        } else {
            InputStream in = s.stream();
            if (in != null)
                produceStream(
                        s.name(),
                        new BufferedInputStream(in, 1 << 16),
                        s.format(),
                        false,
                        pool,
                        scanners,
                        order,
                        parted);
        }
    }

    private void produceFile(
            String name,
            Path p,
            boolean named,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        BufferedInputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
        } catch (IOException e) {
            fail(order, name, "not readable: " + reason(e), named, parted);
            return;
        }
        produceStream(name, in, Format.AUTO, named, pool, scanners, order, parted);
    }

    private void produceStream(
            String name,
            BufferedInputStream given,
            Format format,
            boolean named,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        Format f;
        BufferedInputStream in = given;
        try {
            in.mark(4096);
            byte[] head = in.readNBytes(4096);
            in.reset();
            if (Utf16.hasBom(head)) {
                // transcoded to UTF-8 as it is read: offsets are into the UTF-8 bytes (Utf16)
                in = new BufferedInputStream(Utf16.toUtf8(in), 1 << 16);
                in.mark(4096);
                head = in.readNBytes(4096);
                in.reset();
            }
            f = Inputs.detect(name, format, head);
        } catch (IOException e) {
            close(in);
            fail(order, name, "not readable: " + reason(e), false, parted);
            return;
        }
        if (f == Format.TEXT) {
            produceTextBlocks(name, in, pool, scanners, order, parted);
            return;
        }
        if (RecordBoundaries.cuts(f)) {
            produceRecordParts(name, in, f, pool, scanners, order, parted);
            return;
        }
        Format detected = f;
        BufferedInputStream source = in;
        Channel ch = channel(parted);
        order.put(ch);
        pool.execute(() -> {
            CountingInputStream counted = new CountingInputStream(source);
            try (source) {
                Context ctx = new Context(
                        scanners.get(),
                        options,
                        ch,
                        new InflationBudget(options.maxInflatedBytes(), options.maxRatio()));
                Inputs.scanSync(counted, name, detected, ctx, 0);
                ch.scanned(name, counted.count());
            } catch (InterruptedException | Cancelled e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException | UncheckedIOException e) {
                // a named archive of which nothing could be inflated cannot be read at all (docs/contracts.md §4)
                boolean unreadable = named && e instanceof DamagedArchive d && d.nothingRead();
                ch.problem(new InputProblem(name, reason(e), unreadable));
                ch.scanned(name, counted.count());
            } catch (RuntimeException | Error e) {
                // a bug, or the JVM out of memory: told, and the scan ends (a task that died here
                // without closing its channel would leave the caller waiting for it forever)
                ch.problem(internalError(name, e));
                ch.scanned(name, counted.count());
            }
            try {
                ch.close();
            } catch (Cancelled ignored) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Text: the reader thread cuts blocks at safe splits, counts their newlines (so each block knows
     * its first line number and results need no renumbering) and hands each to the pool.
     */
    private void produceTextBlocks(
            String name,
            BufferedInputStream in,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        int size = options.chunkSize();
        byte[] carry = new byte[0];
        long offset = 0;
        long line = 1;
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
                Channel ch = channel(parted);
                order.put(ch);
                boolean last = eof && carry.length == 0;
                long total = offset;
                long blockLine = line;
                line += ByteClasses.countNewlines(buf, 0, len);
                pool.execute(() -> {
                    try {
                        try {
                            TextInput.scanBlock(scanners.get(), name, ch, buf, len, blockOffset, blockLine);
                        } catch (Cancelled e) {
                            throw e;
                        } catch (RuntimeException | Error e) {
                            // told, and the block's results end (see readPart)
                            ch.problem(internalError(name, e));
                        }
                        ch.advanced(len);
                        if (last) ch.scanned(name, total);
                        ch.close();
                    } catch (Cancelled e) {
                        Thread.currentThread().interrupt();
                    }
                });
                if (last) break;
            }
        } catch (IOException e) {
            Channel ch = channel(parted);
            order.put(ch);
            ch.problem(new InputProblem(name, "read failed at byte " + offset + ": " + reason(e), false));
            ch.scanned(name, offset);
            ch.close();
        }
    }

    /** How large a CSV or JSON part may grow, in chunks, while no record boundary comes; then the rest is one task. */
    private static final int MAX_PART_CHUNKS = 8;

    /** Reads one part of a file cut at records; answers the bytes it read. */
    @FunctionalInterface
    private interface PartReader {
        long read(Context ctx) throws IOException, InterruptedException;
    }

    /**
     * CSV, TSV and JSON: the reader thread cuts the file into parts of about a chunk that end at
     * record boundaries ({@link RecordBoundaries}), so each part is read by a fresh reader on any
     * thread, CSV parts after the file's header record. The cuts depend on the bytes only, never
     * on the number of threads, so the output is the same for any {@code --threads}. A file with no
     * boundary within {@link #MAX_PART_CHUNKS} chunks (one large JSON document) is read from there
     * on as one task.
     */
    private void produceRecordParts(
            String name,
            BufferedInputStream in,
            Format format,
            ExecutorService pool,
            ThreadLocal<CandidateScanner> scanners,
            BlockingQueue<Channel> order,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        int size = options.chunkSize();
        long maxPart = (long) size * MAX_PART_CHUNKS;
        RecordBoundaries cuts = null;
        byte @Nullable [] header = null;
        byte[] carry = new byte[0];
        long offset = 0;
        long line = 1;
        boolean eof = false;
        boolean handedOn = false;
        try {
            while (true) {
                if (Thread.interrupted()) throw new InterruptedException();
                byte[] buf = new byte[carry.length + size];
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int n = carry.length;
                int fedTo = n;
                int cut;
                while (true) {
                    if (!eof) {
                        n += in.readNBytes(buf, n, buf.length - n);
                        eof = n < buf.length; // readNBytes stops short only at the end
                    }
                    if (cuts == null) cuts = java.util.Objects.requireNonNull(RecordBoundaries.of(format, buf, n));
                    cut = cuts.feed(buf, fedTo, n);
                    fedTo = n;
                    if (eof) cut = n;
                    if (cut >= 0 || buf.length >= maxPart) break;
                    buf = java.util.Arrays.copyOf(buf, buf.length + size);
                }
                boolean first = offset == 0;
                if (first && cuts.headerEnd() > 0) header = java.util.Arrays.copyOf(buf, (int) cuts.headerEnd());
                byte @Nullable [] partHeader = first ? null : header;
                long partOffset = offset;
                long partLine = line;
                Channel ch = channel(parted);
                order.put(ch);
                if (cut < 0) {
                    InputStream rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(buf, 0, n), in);
                    handedOn = true;
                    pool.execute(() -> readPart(
                            ch,
                            name,
                            scanners,
                            rest,
                            partOffset,
                            true,
                            ctx -> Inputs.scanRest(ctx, name, format, partHeader, rest, partOffset, partLine)));
                    return;
                }
                byte[] part = buf;
                int len = cut;
                carry = java.util.Arrays.copyOfRange(buf, cut, n);
                offset += cut;
                line += ByteClasses.countNewlines(buf, 0, cut);
                boolean last = eof;
                pool.execute(() -> readPart(
                        ch,
                        name,
                        scanners,
                        null,
                        partOffset,
                        last,
                        ctx -> Inputs.scanPart(ctx, name, format, partHeader, part, len, partOffset, partLine)));
                if (last) return;
            }
        } catch (IOException e) {
            Channel ch = channel(parted);
            order.put(ch);
            ch.problem(new InputProblem(name, "read failed at byte " + offset + ": " + reason(e), false));
            ch.scanned(name, offset);
            ch.close();
        } finally {
            if (!handedOn) close(in);
        }
    }

    /** Runs one part on a scanning thread; the last part of a file reports it scanned, {@code in} (if any) is closed. */
    private void readPart(
            Channel ch,
            String name,
            ThreadLocal<CandidateScanner> scanners,
            @Nullable InputStream in,
            long offset,
            boolean last,
            PartReader reader) {
        long read = 0;
        try {
            Context ctx = new Context(
                    scanners.get(), options, ch, new InflationBudget(options.maxInflatedBytes(), options.maxRatio()));
            read = reader.read(ctx);
        } catch (InterruptedException | Cancelled e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException | UncheckedIOException e) {
            ch.problem(new InputProblem(name, "read failed after byte " + offset + ": " + reason(e), false));
        } catch (RuntimeException | Error e) {
            ch.problem(internalError(name, e));
        } finally {
            if (in != null) close(in);
        }
        try {
            if (last) ch.scanned(name, offset + read);
            ch.close();
        } catch (Cancelled ignored) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bug, or the JVM out of memory, while scanning {@code name}: an error (not an exception) ends the scan. */
    private static InputProblem internalError(String name, Throwable e) {
        return new InputProblem(name, "internal error: " + e, e instanceof Error);
    }

    private void fail(
            BlockingQueue<Channel> order,
            String name,
            String reason,
            boolean fatal,
            @Nullable PartedSink<ScanSink> parted)
            throws InterruptedException {
        Channel ch = channel(parted);
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
        if (t instanceof java.io.EOFException) return "unexpected end of data";
        String m = t.getMessage();
        if (t.getClass().getPackageName().startsWith("dev.tandem.")) return m == null ? "not readable" : m;
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
