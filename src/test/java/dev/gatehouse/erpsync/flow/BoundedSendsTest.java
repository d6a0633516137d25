package dev.gatehouse.erpsync.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.erpsync.step.StepCancellation;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** A step's items sent at most N at a time, with the step's log fields, stopping on failure. */
class BoundedSendsTest {

    static final List<Integer> ITEMS = IntStream.range(0, 40).boxed().toList();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void neverMoreThanTheBoundAtOnceAndEveryItemOnce() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<Integer> done = ConcurrentHashMap.newKeySet();
        BoundedSends.each(
                StepCancellation.forStep(),
                4,
                ITEMS,
                i -> {
                    most.accumulateAndGet(now.incrementAndGet(), Math::max);
                    sleep(5);
                    now.decrementAndGet();
                    assertThat(done.add(i)).isTrue();
                });
        assertThat(done).containsExactlyInAnyOrderElementsOf(ITEMS);
        assertThat(most.get()).as("the bound is reached and never passed").isEqualTo(4);
    }

    @Test
    void oneAtATimeRunsInOrderOnTheStepsThread() {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Thread step = Thread.currentThread();
        BoundedSends.each(
                StepCancellation.forStep(),
                1,
                ITEMS,
                i -> {
                    assertThat(Thread.currentThread()).isSameAs(step);
                    order.add(i);
                });
        assertThat(order).isEqualTo(ITEMS);
    }

    @Test
    void everyItemLogsWithTheStepsFields() {
        MDC.put("company", "co_x");
        Set<String> seen = ConcurrentHashMap.newKeySet();
        BoundedSends.each(
                StepCancellation.forStep(),
                3,
                ITEMS,
                i -> seen.add(String.valueOf(MDC.get("company"))));
        assertThat(seen).containsExactly("co_x");
    }

    @Test
    void theFirstFailureStopsHandingOutAndIsThrownAfterTheStartedOnesEnd() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        assertThatThrownBy(
                        () ->
                                BoundedSends.each(
                                        StepCancellation.forStep(),
                                        2,
                                        ITEMS,
                                        i -> {
                                            started.incrementAndGet();
                                            try {
                                                if (i == 3) {
                                                    throw new IllegalStateException("item 3");
                                                }
                                                sleep(20);
                                            } finally {
                                                ended.incrementAndGet();
                                            }
                                        }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("item 3");
        assertThat(started.get()).as("items after the failure were not handed out").isLessThan(10);
        assertThat(ended.get())
                .as("every started item ended before the throw")
                .isEqualTo(started.get());
    }

    @Test
    void aCancelledStepHandsOutNothingMore() throws InterruptedException {
        StepCancellation step = StepCancellation.forStep();
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Thread runner =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        BoundedSends.each(
                                                step,
                                                2,
                                                ITEMS,
                                                i -> {
                                                    started.incrementAndGet();
                                                    first.countDown();
                                                    sleep(50);
                                                });
                                    } catch (StepCancellation.Cancelled expected) {
                                        // the step's runner sees this
                                    }
                                });
        assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
        step.cancel();
        runner.interrupt();
        runner.join(5_000);
        assertThat(runner.isAlive()).isFalse();
        assertThat(started.get()).isLessThan(ITEMS.size());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
