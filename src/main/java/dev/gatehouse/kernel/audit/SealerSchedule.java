package dev.gatehouse.kernel.audit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link AuditSealer} every seal interval on one background thread, and once more at
 * shutdown, after the batching writer has drained (a lower phase stops later).
 */
final class SealerSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SealerSchedule.class);

    private final AuditSealer sealer;
    private final Duration interval;
    private final ThreadFactory threads;
    private @Nullable ScheduledExecutorService executor;

    SealerSchedule(AuditSealer sealer, Duration interval, ThreadFactory threads) {
        this.sealer = sealer;
        this.interval = interval;
        this.threads = threads;
    }

    @Override
    @SuppressWarnings("FutureReturnValueIgnored") // runOnce logs its own failures; stop() ends it
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(threads);
        executor.scheduleWithFixedDelay(
                this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running == null) {
            return;
        }
        running.shutdown();
        try {
            if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("audit sealer did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runOnce();
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 20_000;
    }

    private void runOnce() {
        try {
            sealer.sealScheduled();
        } catch (RuntimeException e) {
            log.warn("audit sealer run failed; the next run retries", e);
        }
    }
}
