package dev.gatehouse.kernel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

class BatchingAuditWriterTest {

    private static final AuditSettings SMALL =
            new AuditSettings(
                    100,
                    10,
                    Duration.ofMillis(50),
                    Duration.ofSeconds(5),
                    2048,
                    Duration.ofSeconds(1),
                    100,
                    1000);

    private static EventRow row(int n) {
        return new EventRow(
                "evt_" + n,
                null,
                Instant.EPOCH,
                null,
                "system",
                "test",
                null,
                "test.ran",
                null,
                null,
                null,
                null,
                null,
                null,
                "{}",
                null);
    }

    @Test
    void fullQueueBlocksTheProducerAndLosesNothing() throws Exception {
        var release = new CountDownLatch(1);
        var written = new CopyOnWriteArrayList<EventRow>();
        var writer =
                new BatchingAuditWriter(
                        batch -> {
                            awaitQuietly(release);
                            written.addAll(batch);
                        },
                        SMALL,
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        int submitted = 100 + 10 + 50;
        var producer =
                Thread.ofPlatform()
                        .start(
                                () -> {
                                    for (int i = 0; i < submitted; i++) {
                                        writer.submit(row(i));
                                    }
                                });

        producer.join(500);
        assertThat(producer.isAlive()).as("producer blocks while the queue is full").isTrue();
        assertThat(writer.depth()).isEqualTo(100);

        release.countDown();
        producer.join(5_000);
        writer.stop();
        assertThat(written).hasSize(submitted);
        assertThat(written.stream().map(EventRow::publicId).distinct().count())
                .isEqualTo(submitted);
    }

    @Test
    void stopDrainsEverythingQueued() {
        var written = new AtomicInteger();
        var writer =
                new BatchingAuditWriter(
                        batch -> {
                            sleepQuietly(5);
                            written.addAndGet(batch.size());
                        },
                        SMALL,
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        for (int i = 0; i < 95; i++) {
            writer.submit(row(i));
        }

        writer.stop();

        assertThat(written).hasValue(95);
        assertThat(writer.submit(row(1000)))
                .as("a stopped writer refuses, so the caller writes itself")
                .isFalse();
    }

    @Test
    void batchesAreFlushedWithinTheIntervalAndAtMostBatchSize() throws Exception {
        var sizes = new CopyOnWriteArrayList<Integer>();
        var writer =
                new BatchingAuditWriter(
                        batch -> sizes.add(batch.size()),
                        SMALL,
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        writer.submit(row(1));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (sizes.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(sizes)
                .as("a lone event is written without waiting for a full batch")
                .containsExactly(1);
        for (int i = 0; i < 35; i++) {
            writer.submit(row(i + 10));
        }
        writer.stop();
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(36);
        assertThat(sizes).allMatch(s -> s <= 10);
    }

    @Test
    void failedWritesAreRetriedNotDropped() {
        var attempts = new AtomicInteger();
        var written = new CopyOnWriteArrayList<EventRow>();
        var writer =
                new BatchingAuditWriter(
                        batch -> {
                            if (attempts.incrementAndGet() <= 2) {
                                throw new IllegalStateException("database down");
                            }
                            written.addAll(batch);
                        },
                        SMALL,
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        writer.submit(row(1));
        writer.stop();
        assertThat(written).extracting(EventRow::publicId).isEqualTo(List.of("evt_1"));
    }

    @Test
    void waitingCallersShareBatchesAndLearnOfTheCommitOnlyAfterIt() throws Exception {
        var release = new CountDownLatch(1);
        var written = new CopyOnWriteArrayList<String>();
        var writer =
                new BatchingAuditWriter(
                        batch -> {
                            awaitQuietly(release);
                            batch.forEach(r -> written.add(r.publicId()));
                        },
                        SMALL,
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        int callers = 21;
        var futures = new CopyOnWriteArrayList<CompletableFuture<String>>();
        var seenAtCompletion = new CopyOnWriteArrayList<Boolean>();
        CompletableFuture<String> first = writer.submitCommitted(row(0));
        assertThat(first).isNotNull();
        futures.add(first);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writer.depth() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1); // the writer has taken row 0 and is blocked writing it
        }
        var start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < callers; i++) {
            int n = i;
            threads.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        awaitQuietly(start);
                                        futures.add(writer.submitCommitted(row(n)));
                                    }));
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        for (CompletableFuture<String> f : futures) {
            f.thenAccept(id -> seenAtCompletion.add(written.contains(id)));
        }
        assertThat(writer.depth()).isEqualTo(callers - 1);
        assertThat(futures).hasSize(callers).noneMatch(CompletableFuture::isDone);

        release.countDown();
        var ids = new ArrayList<String>();
        for (CompletableFuture<String> f : futures) {
            ids.add(f.get(10, TimeUnit.SECONDS));
        }
        writer.stop();

        assertThat(ids).containsExactlyInAnyOrderElementsOf(written);
        assertThat(seenAtCompletion)
                .as("each future completes only after its row was written")
                .hasSize(callers)
                .containsOnly(true);
        assertThat(writer.batchesWritten())
                .as("21 waiting callers, batches of at most 10: one blocked batch, then 2")
                .isEqualTo(3);
    }

    @Test
    void aWaitingCallerIsFailedWhenTheWriterGivesUpAtShutdown() throws Exception {
        var writer =
                new BatchingAuditWriter(
                        batch -> {
                            throw new IllegalStateException("database down");
                        },
                        new AuditSettings(
                                100,
                                10,
                                Duration.ofMillis(5),
                                Duration.ofSeconds(1),
                                2048,
                                Duration.ofSeconds(1),
                                100,
                                1000),
                        Thread.ofPlatform().factory(),
                        null);
        writer.start();
        CompletableFuture<String> committed = writer.submitCommitted(row(1));
        assertThat(committed).isNotNull();
        writer.stop();
        assertThat(committed).isCompletedExceptionally();
        assertThat(writer.submitCommitted(row(2)))
                .as("a stopped writer refuses, so the caller writes itself")
                .isNull();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
