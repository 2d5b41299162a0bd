package dev.tandem.server.ledger;

import dev.tandem.ledger.Checkpoint;
import dev.tandem.ledger.Commitment;
import dev.tandem.ledger.CompactRange;
import dev.tandem.ledger.LedgerEntry;
import dev.tandem.ledger.MerkleLog;
import dev.tandem.ledger.Node;
import dev.tandem.ledger.NoteSigner;
import dev.tandem.server.ledger.fact.Fact;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one writer of the log. Request threads submit {@link LedgerWork}; a single thread drains
 * them in batches and runs each batch in one database transaction (group commit): it locks the
 * head row, so several server processes sharing a database append one batch at a time and never
 * fork or reorder the log; each unit runs in its own savepoint; the new leaves, subtree hashes and
 * a freshly signed checkpoint are written with the units' state rows, and everything commits at
 * once. A unit's caller is answered only after that commit.
 */
public final class LedgerSequencer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LedgerSequencer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JdbcNodeStore nodes;
    private final NoteSigner signer;
    private final String origin;
    private final Clock clock;
    private final JsonMapper json;
    private final int batchSize;
    private final BlockingQueue<Pending<?>> queue;
    private final Duration queueTimeout;
    private final Thread thread;
    private final long checkpointIntervalNanos;
    private volatile boolean closed;
    private long lastSignedNanos = System.nanoTime();
    private @Nullable CompactRange range;

    LedgerSequencer(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            NoteSigner signer,
            String origin,
            Clock clock,
            JsonMapper json,
            int batchSize,
            Duration checkpointInterval) {
        this(jdbc, tx, signer, origin, clock, json, batchSize, checkpointInterval, 100_000, Duration.ofSeconds(30));
    }

    /**
     * @param queueCapacity units waiting at most; a caller who finds the queue full waits up to
     *     {@code queueTimeout} for room
     * @param queueTimeout how long a caller's unit may wait to be taken into a batch before the caller
     *     is answered {@link LedgerBusyException} (the unit is then withdrawn: it never runs)
     */
    LedgerSequencer(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            NoteSigner signer,
            String origin,
            Clock clock,
            JsonMapper json,
            int batchSize,
            Duration checkpointInterval,
            int queueCapacity,
            Duration queueTimeout) {
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.queueTimeout = queueTimeout;
        this.jdbc = jdbc;
        this.tx = tx;
        this.nodes = new JdbcNodeStore(jdbc);
        this.signer = signer;
        this.origin = origin;
        this.clock = clock;
        this.json = json;
        this.batchSize = batchSize;
        this.checkpointIntervalNanos = checkpointInterval.toNanos();
        this.thread = Thread.ofPlatform().name("ledger-sequencer").daemon().unstarted(this::loop);
    }

    void start() {
        thread.start();
    }

    JdbcNodeStore nodeStore() {
        return nodes;
    }

    /** Runs {@code work} in the next batch and answers its result once the batch has committed. */
    public <T> T submit(LedgerWork<T> work) {
        if (closed) {
            throw new IllegalStateException("the ledger is shut down");
        }
        Pending<T> p = new Pending<>(work, new CompletableFuture<>());
        long deadline = System.nanoTime() + queueTimeout.toNanos();
        try {
            if (!queue.offer(p, queueTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LedgerBusyException(queue.size());
            }
            try {
                return p.result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Still waiting in the queue: withdraw it, it never runs, and the caller may try again.
                // Already taken into a batch: its outcome is about to be known; wait for it.
                if (queue.remove(p)) {
                    throw new LedgerBusyException(queue.size());
                }
                return p.result.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while waiting for the ledger", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new LedgerUnavailableException("ledger work failed: " + cause, cause);
        }
    }

    private void loop() {
        List<Pending<?>> batch = new ArrayList<>(batchSize);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            queue.drainTo(batch, batchSize - 1);
            runBatch(batch);
            batch.clear();
        }
        Pending<?> p;
        while ((p = queue.poll()) != null) {
            p.result.completeExceptionally(new LedgerUnavailableException("the ledger is shut down", null));
        }
    }

    private void runBatch(List<Pending<?>> batch) {
        List<Runnable> answers = new ArrayList<>(batch.size());
        try {
            try {
                // Optimistic: no savepoint per unit (on PostgreSQL each costs two round trips on the one
                // sequencer connection). A failing unit rolls the whole batch back, which is then redone
                // with a savepoint per unit so that only the failing unit is refused. Units only write
                // through JDBC, so running them again after a rollback is safe.
                tx.executeWithoutResult(status -> {
                    answers.clear();
                    appendBatch(batch, status, answers, false);
                });
            } catch (UnitFailed f) {
                range = null;
                if (batch.size() == 1) {
                    Pending<?> only = batch.getFirst();
                    answers.clear();
                    answers.add(() -> only.result.completeExceptionally(f.getCause()));
                } else {
                    tx.executeWithoutResult(status -> {
                        answers.clear();
                        appendBatch(batch, status, answers, true);
                    });
                }
            }
            answers.forEach(Runnable::run);
        } catch (RuntimeException | Error e) {
            // The transaction rolled back: nothing of this batch exists. Reload the frontier next time.
            range = null;
            log.warn("ledger batch of {} rolled back: {}", batch.size(), e.toString());
            for (Pending<?> p : batch) {
                p.result.completeExceptionally(new LedgerUnavailableException("the ledger could not commit", e));
            }
        }
    }

    private void appendBatch(
            List<Pending<?>> batch, TransactionStatus status, List<Runnable> answers, boolean savepoints) {
        Long size = jdbc.queryForObject("SELECT tree_size FROM ledger_head WHERE id = 1 FOR UPDATE", Long.class);
        if (size == null) {
            throw new IllegalStateException("the ledger head row is missing");
        }
        CompactRange current = range;
        if (current == null || current.size() != size) {
            // Another process appended since (or first use): the frontier is at most 64 stored nodes.
            current = CompactRange.load(size, nodes);
        }
        range = null; // until this transaction commits, the cached frontier is not trustworthy
        List<Node> newNodes = new ArrayList<>();
        List<Object[]> entryRows = new ArrayList<>();
        List<Object[]> privilegedRows = new ArrayList<>();
        boolean checkpointRequired = false;
        // With savepoints (the redo of a failed batch) each unit's writes run at once, inside its savepoint.
        StateWrites deferred = savepoints ? null : new StateWrites();
        for (Pending<?> p : batch) {
            Object savepoint = savepoints ? status.createSavepoint() : null;
            UnitAppender appender = new UnitAppender(current.size(), deferred);
            try {
                Object value = p.work.run(appender);
                if (savepoint != null) {
                    status.releaseSavepoint(savepoint);
                }
                for (byte[] leafHash : appender.leafHashes) {
                    newNodes.addAll(current.append(leafHash));
                }
                entryRows.addAll(appender.entryRows);
                privilegedRows.addAll(appender.privilegedRows);
                checkpointRequired |= appender.checkpointRequired;
                answers.add(() -> p.completeWith(value));
            } catch (Exception e) {
                if (savepoint == null) {
                    throw new UnitFailed(e);
                }
                status.rollbackToSavepoint(savepoint);
                answers.add(() -> p.result.completeExceptionally(e));
            }
        }
        if (deferred != null) {
            try {
                deferred.run(jdbc);
            } catch (RuntimeException e) {
                // Which unit's write failed is not known: redo the batch unit by unit.
                throw new UnitFailed(e);
            }
        }
        // The entry rows of the whole batch go in as JDBC batches: one round trip each, not one per
        // entry. No unit reads ledger rows inside its work, so writing them last changes nothing it sees.
        if (!entryRows.isEmpty()) {
            jdbc.batchUpdate(
                    "INSERT INTO ledger_entry (idx, entry_type, incident_id, actor, recorded_at, leaf, leaf_hash)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    entryRows);
        }
        if (!privilegedRows.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO ledger_privileged (idx, salt, body) VALUES (?, ?, ?)", privilegedRows);
        }
        nodes.insert(newNodes);
        byte[] root = current.rootHash();
        // Signing costs more than appending a small entry, so under load a checkpoint is signed at
        // most every checkpointInterval; as soon as no work waits it is signed at once, so a quiet
        // log's checkpoint always covers every entry whose caller has been answered. A unit may require
        // one (Appender#requireCheckpoint).
        long now = System.nanoTime();
        if (checkpointRequired || queue.isEmpty() || now - lastSignedNanos >= checkpointIntervalNanos) {
            String checkpoint = signer.sign(new Checkpoint(origin, current.size(), root).text());
            jdbc.update(
                    "UPDATE ledger_head SET tree_size = ?, root_hash = ?, checkpoint = ? WHERE id = 1",
                    current.size(),
                    root,
                    checkpoint);
            answers.add(() -> lastSignedNanos = now);
        } else {
            jdbc.update("UPDATE ledger_head SET tree_size = ?, root_hash = ? WHERE id = 1", current.size(), root);
        }
        CompactRange committed = current;
        answers.add(() -> range = committed);
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Builds a unit's entries as it appends them; indices are tentative until the unit succeeds,
     * and its rows are written with the batch's (or dropped with the unit).
     */
    private final class UnitAppender implements Appender {
        private final long base;
        private final @Nullable StateWrites deferred;
        private final List<byte[]> leafHashes = new ArrayList<>();
        private final List<Object[]> entryRows = new ArrayList<>();
        private final List<Object[]> privilegedRows = new ArrayList<>();
        private boolean checkpointRequired;

        UnitAppender(long base, @Nullable StateWrites deferred) {
            this.base = base;
            this.deferred = deferred;
        }

        @Override
        public void write(String sql, @Nullable Object... args) {
            if (deferred == null) {
                jdbc.update(sql, args);
            } else {
                deferred.add(sql, args);
            }
        }

        @Override
        public void requireCheckpoint() {
            checkpointRequired = true;
        }

        @Override
        public long record(Fact fact, String actor) {
            ObjectNode body = fact.body();
            if (!fact.privileged()) {
                return write(fact.type(), fact.incident(), actor, body);
            }
            byte[] salt = Commitment.newSalt();
            ObjectNode sealed = (ObjectNode) Commitment.privilegedBody(Commitment.commit(salt, body));
            long index = write(fact.type(), fact.incident(), actor, sealed);
            privilegedRows.add(new Object[] {index, salt, json.writeValueAsString(body)});
            return index;
        }

        private long write(String type, @Nullable String incident, String actor, ObjectNode body) {
            long index = base + leafHashes.size();
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            LedgerEntry entry = new LedgerEntry(type, incident, actor, at, body);
            byte[] leaf = entry.leaf();
            byte[] leafHash = MerkleLog.leafHash(leaf);
            entryRows.add(new Object[] {index, type, incident, actor, Timestamp.from(at), leaf, leafHash});
            leafHashes.add(leafHash);
            return index;
        }
    }

    /**
     * The deferred state writes of a batch's units, in the order they were made; consecutive writes
     * with the same SQL go to the database as one JDBC batch.
     */
    private static final class StateWrites {
        private final List<String> sqls = new ArrayList<>();
        private final List<List<Object[]>> args = new ArrayList<>();

        void add(String sql, @Nullable Object[] values) {
            if (sqls.isEmpty() || !sqls.getLast().equals(sql)) {
                sqls.add(sql);
                args.add(new ArrayList<>());
            }
            args.getLast().add(values.clone());
        }

        void run(JdbcTemplate jdbc) {
            for (int i = 0; i < sqls.size(); i++) {
                List<Object[]> rows = args.get(i);
                if (rows.size() == 1) {
                    jdbc.update(sqls.get(i), rows.getFirst());
                } else {
                    jdbc.batchUpdate(sqls.get(i), rows);
                }
            }
        }
    }

    /** A unit failed in an optimistic batch: roll the batch back and redo it with savepoints. */
    private static final class UnitFailed extends RuntimeException {
        UnitFailed(Exception cause) {
            super(cause);
        }
    }

    private record Pending<T>(LedgerWork<T> work, CompletableFuture<T> result) {
        @SuppressWarnings("unchecked")
        void completeWith(Object value) {
            result.complete((T) value);
        }
    }
}
