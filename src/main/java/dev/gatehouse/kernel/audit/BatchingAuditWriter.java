package dev.gatehouse.kernel.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Writes high-volume audit events in batches, off the request thread.
 *
 * <p>Design: producers put prepared rows on a bounded queue; when it is full, {@link #submit}
 * blocks until there is room — it never drops an event. One writer thread takes the first waiting
 * row, collects more until the batch is full or the flush interval since that row has passed, and
 * writes the batch with one multi-row insert. A failed write is retried with backoff (producers
 * block meanwhile, as the queue fills). On {@link #stop()} the writer stops accepting, drains the
 * queue and exits; it stops after the web server (a lower phase), so in-flight requests can still
 * submit. Only when the database stays down past the shutdown timeout are the remaining rows
 * abandoned, with an error log naming how many.
 *
 * <p>Group commit: {@link #submitCommitted} queues a row with a future that completes (with the
 * row's public id) only after the batch holding it has been written and committed. Such a row makes
 * its batch urgent: the writer takes whatever else is already waiting and writes at once instead of
 * waiting out the flush interval, so callers that arrive while a batch is being written share the
 * next one, and none pays a round trip of its own. A future fails only when the writer gives up at
 * shutdown with its row unwritten.
 *
 * <p>Thread-safe.
 */
final class BatchingAuditWriter implements SmartLifecycle {

    /** Write one batch durably, or throw. */
    @FunctionalInterface
    interface BatchSink {
        void write(List<EventRow> batch);
    }

    private static final Logger log = LoggerFactory.getLogger(BatchingAuditWriter.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final BatchSink sink;

    /** A queued row, and who waits for its commit (null: nobody). */
    private record Queued(EventRow row, @Nullable CompletableFuture<String> committed) {}

    private final BlockingQueue<Queued> queue;
    private final int batchSize;
    private final long flushNanos;
    private final Duration shutdownTimeout;
    private final ThreadFactory threads;
    private final ReadWriteLock acceptLock = new ReentrantReadWriteLock();
    private final @Nullable Counter written;
    private final @Nullable Counter failures;
    private final @Nullable Counter batches;
    private final AtomicLong batchesWritten = new AtomicLong();

    private volatile boolean accepting;
    private volatile boolean draining;
    private volatile long drainDeadline;
    private @Nullable Thread writer;

    BatchingAuditWriter(
            BatchSink sink,
            AuditSettings settings,
            ThreadFactory threads,
            @Nullable MeterRegistry meters) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.batchSize = settings.batchSize();
        this.flushNanos = settings.flushInterval().toNanos();
        this.shutdownTimeout = settings.shutdownTimeout();
        this.threads = threads;
        if (meters != null) {
            Gauge.builder("gatehouse.audit.queue.depth", queue, BlockingQueue::size)
                    .description("Audit events waiting for the batching writer")
                    .register(meters);
            written =
                    Counter.builder("gatehouse.audit.events.written")
                            .description("Audit events written by the batching writer")
                            .register(meters);
            failures =
                    Counter.builder("gatehouse.audit.flush.failures")
                            .description("Failed batch writes (retried)")
                            .register(meters);
            batches =
                    Counter.builder("gatehouse.audit.batches.written")
                            .description("Batches (transactions) written by the batching writer")
                            .register(meters);
        } else {
            written = null;
            failures = null;
            batches = null;
        }
    }

    /**
     * Queues {@code row}, blocking while the queue is full.
     *
     * @return false when the writer is not running (the caller must write the row itself)
     */
    boolean submit(EventRow row) {
        return enqueue(new Queued(row, null));
    }

    /**
     * Queues {@code row} for group commit, blocking while the queue is full.
     *
     * @return a future completed with the row's public id once the batch holding it is committed,
     *     or null when the writer is not running (the caller must write the row itself)
     */
    @Nullable CompletableFuture<String> submitCommitted(EventRow row) {
        CompletableFuture<String> committed = new CompletableFuture<>();
        return enqueue(new Queued(row, committed)) ? committed : null;
    }

    private boolean enqueue(Queued queued) {
        acceptLock.readLock().lock();
        try {
            if (!accepting) {
                return false;
            }
            queue.put(queued);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while waiting for room in the audit queue", e);
        } finally {
            acceptLock.readLock().unlock();
        }
    }

    /** Events waiting to be written. */
    int depth() {
        return queue.size();
    }

    /** Batches written successfully since start (each one transaction of the sink). */
    long batchesWritten() {
        return batchesWritten.get();
    }

    @Override
    public synchronized void start() {
        if (writer != null) {
            return;
        }
        draining = false;
        accepting = true;
        writer = threads.newThread(this::run);
        writer.start();
    }

    @Override
    public void stop() {
        Thread running;
        synchronized (this) {
            running = writer;
            if (running == null) {
                return;
            }
            writer = null;
        }
        acceptLock.writeLock().lock();
        try {
            accepting = false;
        } finally {
            acceptLock.writeLock().unlock();
        }
        drainDeadline = System.nanoTime() + shutdownTimeout.toNanos();
        draining = true;
        try {
            running.join(shutdownTimeout.plusSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!queue.isEmpty()) {
            log.error("audit writer stopped with {} events not written", queue.size());
            List<Queued> left = new ArrayList<>();
            queue.drainTo(left);
            fail(left);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return writer != null;
    }

    /** Stops after the web server has stopped taking requests (its phases are above this). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 10_000;
    }

    @SuppressWarnings("InterruptedInCatchBlock") // clearing the flag is the point; see below
    private void run() {
        List<Queued> batch = new ArrayList<>(batchSize);
        while (!(draining && queue.isEmpty())) {
            try {
                collect(batch);
            } catch (InterruptedException e) {
                // Only the drain loop decides when to exit; keep writing what was taken.
                Thread.interrupted();
            }
            if (!batch.isEmpty() && !flush(batch)) {
                return;
            }
            batch.clear();
        }
    }

    /**
     * Takes the next batch: waits for a first row, then collects until the batch is full, the flush
     * interval has passed, or a row in it has a caller waiting for its commit (then it takes only
     * what is already queued).
     */
    private void collect(List<Queued> batch) throws InterruptedException {
        Queued first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        boolean urgent = first.committed() != null;
        long deadline = System.nanoTime() + flushNanos;
        while (batch.size() < batchSize) {
            int before = batch.size();
            queue.drainTo(batch, batchSize - batch.size());
            for (int i = before; i < batch.size() && !urgent; i++) {
                urgent = batch.get(i).committed() != null;
            }
            long wait = deadline - System.nanoTime();
            if (urgent || batch.size() >= batchSize || wait <= 0) {
                return;
            }
            Queued next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            urgent = next.committed() != null;
        }
    }

    /** Writes {@code batch}, retrying; false when giving up at the shutdown deadline. */
    private boolean flush(List<Queued> batch) {
        List<EventRow> rows = batch.stream().map(Queued::row).toList();
        long backoff = 100;
        while (true) {
            try {
                sink.write(rows);
                batchesWritten.incrementAndGet();
                if (written != null) {
                    written.increment(batch.size());
                }
                if (batches != null) {
                    batches.increment();
                }
                for (Queued q : batch) {
                    CompletableFuture<String> committed = q.committed();
                    if (committed != null) {
                        committed.complete(q.row().publicId());
                    }
                }
                return true;
            } catch (RuntimeException e) {
                if (failures != null) {
                    failures.increment();
                }
                if (draining && System.nanoTime() - drainDeadline > 0) {
                    log.error(
                            "audit writer giving up at shutdown: {} events in this batch and {}"
                                    + " queued not written",
                            batch.size(),
                            queue.size(),
                            e);
                    fail(batch);
                    return false;
                }
                log.warn(
                        "audit batch of {} events failed, retrying in {} ms",
                        batch.size(),
                        backoff,
                        e);
                pause(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    private static void fail(List<Queued> unwritten) {
        IllegalStateException abandoned =
                new IllegalStateException("the audit writer stopped before this event was written");
        for (Queued q : unwritten) {
            CompletableFuture<String> committed = q.committed();
            if (committed != null) {
                committed.completeExceptionally(abandoned);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
