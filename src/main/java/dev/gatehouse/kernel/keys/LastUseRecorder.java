package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.tenancy.SystemScope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers in memory when each key was last used and writes the times in one batch every few
 * seconds, so {@code last_used_at} costs no write per request. A crash loses at most one flush
 * interval of last-use times, which only ever move forward.
 */
public final class LastUseRecorder {

    private static final Logger log = LoggerFactory.getLogger(LastUseRecorder.class);
    private static final SystemScope FLUSH = new SystemScope("api-key last-use flush");

    private final ApiKeys keys;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    public LastUseRecorder(ApiKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    void used(long keyId) {
        pending.put(keyId, clock.instant());
    }

    /** Writes what was collected since the last flush; called on a schedule and at shutdown. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<Long, Instant> batch = new HashMap<>();
        for (Long id : pending.keySet()) {
            Instant at = pending.remove(id);
            if (at != null) {
                batch.put(id, at);
            }
        }
        try {
            keys.recordLastUse(FLUSH, batch);
        } catch (DataAccessException e) {
            batch.forEach((id, at) -> pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            log.warn(
                    "Could not record key last-use times; will retry ({})",
                    e.getClass().getSimpleName());
        }
    }
}
