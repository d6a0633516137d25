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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
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
    private final BlockingQueue<EventRow> queue;
    private final int batchSize;
    private final long flushNanos;
    private final Duration shutdownTimeout;
    private final ThreadFactory threads;
    private final ReadWriteLock acceptLock = new ReentrantReadWriteLock();
    private final @Nullable Counter written;
    private final @Nullable Counter failures;

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
        } else {
            written = null;
            failures = null;
        }
    }

    /**
     * Queues {@code row}, blocking while the queue is full.
     *
     * @return false when the writer is not running (the caller must write the row itself)
     */
    boolean submit(EventRow row) {
        acceptLock.readLock().lock();
        try {
            if (!accepting) {
                return false;
            }
            queue.put(row);
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
        List<EventRow> batch = new ArrayList<>(batchSize);
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

    private void collect(List<EventRow> batch) throws InterruptedException {
        EventRow first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + flushNanos;
        while (batch.size() < batchSize) {
            queue.drainTo(batch, batchSize - batch.size());
            long wait = deadline - System.nanoTime();
            if (batch.size() >= batchSize || wait <= 0) {
                return;
            }
            EventRow next = queue.poll(wait, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
        }
    }

    /** Writes {@code batch}, retrying; false when giving up at the shutdown deadline. */
    private boolean flush(List<EventRow> batch) {
        long backoff = 100;
        while (true) {
            try {
                sink.write(List.copyOf(batch));
                if (written != null) {
                    written.increment(batch.size());
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

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
