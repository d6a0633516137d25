package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.SystemScope;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers in memory when each credential set was last used (a token exchange or a relay) and
 * writes the times in one batch every {@code gatehouse.kernel.last-used-flush-ms} (30 s by default)
 * and at shutdown, as the kernel's {@code LastUseRecorder} does for API keys: {@code last_used_at}
 * costs no write per request. A crash loses at most one interval of times, which only move forward.
 */
@Component
public class CredentialLastUse {

    private static final Logger log = LoggerFactory.getLogger(CredentialLastUse.class);
    private static final SystemScope FLUSH = new SystemScope("gateway: credential last-use flush");

    private final Credentials credentials;
    private final Clock clock;
    private final ConcurrentHashMap<Long, Instant> pending = new ConcurrentHashMap<>();

    CredentialLastUse(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    void used(long credentialId) {
        pending.put(credentialId, clock.instant());
    }

    /** Writes what was collected since the last flush. */
    @Scheduled(fixedDelayString = "${gatehouse.kernel.last-used-flush-ms:30000}")
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
            credentials.recordLastUse(FLUSH, batch);
        } catch (DataAccessException e) {
            batch.forEach((id, at) -> pending.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
            log.warn(
                    "Could not record credential last-use times; will retry ({})",
                    e.getClass().getSimpleName());
        }
    }

    @jakarta.annotation.PreDestroy
    void atShutdown() {
        flush();
    }
}
