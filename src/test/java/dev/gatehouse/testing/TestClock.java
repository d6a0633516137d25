package dev.gatehouse.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand, in UTC, for code that takes an injected {@link Clock}.
 * Thread-safe: nodes' background threads may read it while the test moves it.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** A clock at {@code 2026-11-25T10:00:00Z}, the date most tests use. */
    public static TestClock standard() {
        return new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advance(Duration by) {
        now.updateAndGet(i -> i.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
