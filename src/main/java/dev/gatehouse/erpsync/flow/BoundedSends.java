package dev.gatehouse.erpsync.flow;

import dev.gatehouse.erpsync.step.StepCancellation;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A step's items sent to the portal at most {@code concurrency} at a time ({@code
 * SYNC_PORTAL_CONCURRENCY}).
 *
 * <p>Design: the portal answers each item in tens of milliseconds, during which one item after the
 * other leaves the step idle; a company with thousands of items due would then need longer than a
 * step may last. Each item's work (its Sage reads, its ledger claim, its portal call, its writes)
 * runs on a virtual thread of its own, with the step's log fields; the step's thread only hands
 * items out and waits. A step timeout interrupts the step's thread and cancels every statement and
 * exchange open ({@link StepCancellation}): no item is handed out after that, and the open ones end
 * on their cancelled calls. The first failure of an item stops the handing out and is thrown once
 * every started item has ended. With a concurrency of 1 the items run on the step's own thread, in
 * order, as SageConnect sent them. Exactly-once does not depend on the order: every send goes
 * through its ledger claim.
 */
public final class BoundedSends {

    private BoundedSends() {}

    /**
     * Runs {@code work} on each of {@code items}, at most {@code concurrency} at once, while {@code
     * step} is not cancelled.
     */
    public static <T> void each(
            StepCancellation step, int concurrency, Iterable<T> items, Consumer<T> work) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (concurrency == 1) {
            for (T item : items) {
                step.check();
                work.accept(item);
            }
            return;
        }
        Semaphore slots = new Semaphore(concurrency);
        @Nullable Map<String, String> fields = MDC.getCopyOfContextMap();
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            try {
                for (T item : items) {
                    step.check();
                    slots.acquire();
                    if (failure.get() != null) {
                        slots.release();
                        break;
                    }
                    senders.execute(
                            () -> {
                                if (fields != null) {
                                    MDC.setContextMap(fields);
                                }
                                try {
                                    work.accept(item);
                                } catch (RuntimeException | Error e) {
                                    failure.compareAndSet(null, e);
                                } finally {
                                    MDC.clear();
                                    slots.release();
                                }
                            });
                }
            } catch (InterruptedException e) {
                senders.shutdownNow();
                Thread.currentThread().interrupt();
                throw new StepCancellation.Cancelled();
            } catch (RuntimeException e) {
                senders.shutdownNow();
                throw e;
            }
        }
        // A timeout while the last items were out: the step is over, whatever they counted.
        step.check();
        if (Thread.currentThread().isInterrupted()) {
            throw new StepCancellation.Cancelled();
        }
        Throwable first = failure.get();
        if (first instanceof RuntimeException r) {
            throw r;
        }
        if (first instanceof Error e) {
            throw e;
        }
    }
}
