package dev.gatehouse.erpsync;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This JVM's heap while a bench runs: the largest heap in use seen by a sampler every {@link
 * #EVERY}, and the largest heap left after any collection (from the collectors' notifications),
 * which is what the application kept alive at that moment plus garbage a young collection did not
 * reach.
 */
final class HeapWatch implements AutoCloseable {

    static final Duration EVERY = Duration.ofMillis(100);

    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Set<String> heapPools =
            ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName)
                    .collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors =
            ManagementFactory.getGarbageCollectorMXBeans();
    private final NotificationListener listener = this::collected;
    private final ScheduledExecutorService sampler =
            Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().daemon().name("heap-watch").unstarted(r));

    HeapWatch() {
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        sampler.scheduleAtFixedRate(
                () -> peakUsed.accumulateAndGet(used(), Math::max),
                0,
                EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    long peakUsed() {
        return Math.max(peakUsed.get(), used());
    }

    long peakAfterGc() {
        return peakAfterGc.get();
    }

    /** Heap in use after a full collection now. */
    long live() {
        System.gc();
        return used();
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void collected(Notification n, Object handback) {
        if (!n.getType()
                .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool :
                info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        peakAfterGc.accumulateAndGet(after, Math::max);
    }

    @Override
    public void close() throws Exception {
        sampler.shutdownNow();
        for (GarbageCollectorMXBean gc : collectors) {
            ((NotificationEmitter) gc).removeNotificationListener(listener);
        }
    }
}
