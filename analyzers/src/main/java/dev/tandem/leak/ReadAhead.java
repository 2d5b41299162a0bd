package dev.tandem.leak;

import dev.tandem.intake.CsvTable;
import dev.tandem.intake.Header;
import dev.tandem.intake.Problems;
import dev.tandem.salesforce.ActivityEvent;
import dev.tandem.salesforce.EventLogReader;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the inputs of one analysis ahead of the thread that aggregates them, on worker threads:
 * opening an input, sniffing its first bytes and, for an Event Log File CSV (most of the bytes of
 * a collection), parsing its rows into {@link ActivityEvent}s, handed over in batches through a
 * bounded queue. The aggregating thread takes the inputs in their order and feeds the events to
 * the aggregates in the order of the rows, so the result is the one a single thread computes
 * (docs/adr/091-start-up-and-analysis-on-all-cores.md): only the parsing runs in parallel, up to
 * {@code workers} inputs at a time. Problems a worker finds are kept with the input and added to the
 * analysis's when the input is taken, in order. Other inputs are handed over opened, their first
 * bytes pushed back, and read by the aggregating thread as with one thread.
 */
final class ReadAhead implements AutoCloseable {
    /** Events per batch handed over, and batches queued per input: bounds the memory read ahead. */
    static final int BATCH = 2048;

    private static final int QUEUED = 4;

    private final List<AnalysisInput> inputs;
    private final int sniff;
    private final int rowProblemsListed;
    private final ExecutorService pool;
    private final int window;
    private final List<@Nullable Future<Ahead>> started = new ArrayList<>();

    /** An input as a worker left it. */
    sealed interface Ahead {}

    /** Not an event log: the opened stream, its first bytes pushed back, for the aggregating thread. */
    record Opened(InputStream in) implements Ahead {}

    /**
     * The input could not be opened ({@code opened} false) or its first bytes not read: what the
     * aggregating thread reports as it would have found it.
     */
    record Failed(IOException error, boolean opened) implements Ahead {}

    /**
     * An Event Log File CSV being parsed: batches of events in row order, then {@link #END}; when
     * the last batch is taken, {@link #problems()}, {@link #bytes()} and {@link #format()} are final.
     */
    static final class EventLog implements Ahead {
        final BlockingQueue<List<ActivityEvent>> batches = new ArrayBlockingQueue<>(QUEUED);
        private final Problems problems;
        private volatile long bytes;
        private volatile String format = "";
        private volatile @Nullable Throwable failure;

        EventLog(int rowProblemsListed) {
            this.problems = new Problems(rowProblemsListed);
        }

        /** Problems found while reading, in the order found. */
        Problems problems() {
            return problems;
        }

        long bytes() {
            return bytes;
        }

        /** As {@link AnalyzedInput#format()} names it. */
        String format() {
            return format;
        }

        /** A fault that ended the reading (a bug, not bad input), thrown on in the aggregating thread. */
        @Nullable
        Throwable failure() {
            return failure;
        }
    }

    /** Marks the end of an event log's batches. */
    static final List<ActivityEvent> END = List.of();

    ReadAhead(List<AnalysisInput> inputs, int workers, int sniff, int rowProblemsListed) {
        this.inputs = inputs;
        this.sniff = sniff;
        this.rowProblemsListed = rowProblemsListed;
        this.window = workers;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "tandem-analyze-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The input at {@code index}, once a worker has opened it (and, for an event log, started
     * parsing it); starts the workers on the inputs after it. Inputs are taken in order.
     */
    Ahead take(int index) throws InterruptedException {
        while (started.size() <= Math.min(inputs.size() - 1, index + window)) {
            AnalysisInput in = inputs.get(started.size());
            CompletableFuture<Ahead> opened = new CompletableFuture<>();
            pool.execute(() -> read(in, opened));
            started.add(opened);
        }
        Future<Ahead> f = started.get(index);
        started.set(index, null);
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("reading " + inputs.get(index).name() + " failed", e.getCause());
        }
    }

    /** On a worker: opens and sniffs one input; parses it when it is an event log. */
    private void read(AnalysisInput in, CompletableFuture<Ahead> opened) {
        InputStream raw;
        try {
            raw = in.source().open();
        } catch (IOException e) {
            opened.complete(new Failed(e, false));
            return;
        } catch (RuntimeException e) {
            opened.completeExceptionally(e);
            return;
        }
        try {
            PushbackInputStream pushback = new PushbackInputStream(raw, sniff);
            byte[] head = pushback.readNBytes(sniff);
            pushback.unread(head);
            if (!isEventLog(head)) {
                opened.complete(new Opened(pushback));
                if (pool.isShutdown()) {
                    closeQuietly(pushback); // the analysis ended while this input was opened
                }
                return;
            }
            EventLog log = new EventLog(rowProblemsListed);
            opened.complete(log);
            parse(in.name(), pushback, head, log);
        } catch (IOException | RuntimeException e) {
            if (!opened.isDone()) {
                // nothing read for certain: the aggregating thread reads it and reports the fault
                opened.complete(
                        new Failed(e instanceof IOException io ? io : new IOException(e.getMessage(), e), true));
            }
            closeQuietly(raw);
        }
    }

    /** Plain text whose CSV header names EVENT_TYPE: what the aggregating thread would read as one. */
    private static boolean isEventLog(byte[] head) {
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return false;
        }
        int first = LeakAnalyzer.firstNonSpace(head);
        if (first < 0 || head[first] == '<' || head[first] == '{' || head[first] == '[') {
            return false;
        }
        if (!LeakAnalyzer.looksLikeText(head)) {
            return false;
        }
        Header peek = CsvTable.peekHeader(head);
        return peek != null && EventLogReader.isEventLogFile(peek);
    }

    private void parse(String name, InputStream pushback, byte[] head, EventLog log) {
        Batches batches = new Batches(log);
        LeakAnalyzer.Counter counter = new LeakAnalyzer.Counter();
        try {
            // the stream is closed here too: a table that could not be opened may leave it open
            try (BufferedInputStream in = new BufferedInputStream(counter.wrap(pushback), sniff);
                    CsvTable table = CsvTable.open(name, in, log.problems)) {
                if (table == null) {
                    log.format = "csv";
                } else {
                    log.format = LeakAnalyzer.eventLogFormat(CsvTable.peekHeader(head), head);
                    EventLogReader.read(name, table, log.problems, batches, () -> {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new Cancelled();
                        }
                    });
                }
            }
            batches.flush();
        } catch (Cancelled e) {
            return;
        } catch (IOException | RuntimeException | Error e) {
            log.failure = e;
        } finally {
            log.bytes = counter.count;
        }
        try {
            log.batches.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects events into batches and queues each full one. */
    private static final class Batches implements Consumer<ActivityEvent> {
        private final EventLog log;
        private List<ActivityEvent> batch = new ArrayList<>(BATCH);

        Batches(EventLog log) {
            this.log = log;
        }

        @Override
        public void accept(ActivityEvent e) {
            batch.add(e);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                put(log, batch);
                batch = new ArrayList<>(BATCH);
            }
        }
    }

    private static void put(EventLog log, List<ActivityEvent> batch) {
        try {
            log.batches.put(batch);
        } catch (InterruptedException e) {
            throw new Cancelled();
        }
    }

    /** The analysis stopped: a worker leaves its input. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    /** Stops the workers and closes what they opened and nobody took. */
    @Override
    public void close() {
        pool.shutdownNow();
        for (Future<Ahead> f : started) {
            if (f != null && f.isDone() && !f.isCancelled()) {
                try {
                    if (f.get() instanceof Opened o) {
                        closeQuietly(o.in());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException e) {
                    // nothing was opened
                }
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the analysis is over or failed; a failing close adds nothing
        }
    }
}
