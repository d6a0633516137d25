package dev.gatehouse.kernel.cluster;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

/**
 * One platform thread per node holding one connection that {@code LISTEN}s for invalidations,
 * applies them, acknowledges them in {@code cluster_nodes}, and heartbeats. On any connection
 * problem it evicts every cache, reports itself unhealthy, and reconnects with backoff.
 */
final class InvalidationListener {

    private static final Logger log = LoggerFactory.getLogger(InvalidationListener.class);

    private final DataSource dataSource;
    private final Map<String, InvalidationHandler> handlers;
    private final ClusterSettings settings;
    private final Clock clock;
    private final String nodeId = "node-" + UUID.randomUUID();
    private final AtomicReference<@Nullable Instant> lastHeartbeat = new AtomicReference<>();
    private volatile boolean running;
    private volatile @Nullable Thread thread;
    private long seen;

    InvalidationListener(
            DataSource dataSource,
            Map<String, InvalidationHandler> handlers,
            ClusterSettings settings,
            Clock clock) {
        this.dataSource = dataSource;
        this.handlers = handlers;
        this.settings = settings;
        this.clock = clock;
    }

    String nodeId() {
        return nodeId;
    }

    Duration liveWindow() {
        return settings.liveWindow();
    }

    boolean healthy() {
        Instant last = lastHeartbeat.get();
        return last != null && clock.instant().isBefore(last.plus(settings.trustWindow()));
    }

    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread t = Thread.ofPlatform().daemon().name("gatehouse-invalidations").start(this::run);
        thread = t;
    }

    synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        deregister();
    }

    private void run() {
        long backoffMs = 100;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                listen(c);
                backoffMs = 100;
            } catch (SQLException e) {
                if (running) {
                    log.warn(
                            "Invalidation listener lost its connection ({}: {}); caches bypassed"
                                    + " until it is back",
                            e.getClass().getSimpleName(),
                            e.getMessage());
                }
            } finally {
                lastHeartbeat.set(null);
                evictEverything();
            }
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    private void listen(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + ClusterInvalidations.CHANNEL);
        }
        // Anything published before LISTEN took effect may be missing from our caches' view: start
        // clean.
        evictEverything();
        seen = currentSequence(c);
        PGConnection pg = c.unwrap(PGConnection.class);
        try (PreparedStatement beat =
                c.prepareStatement(
                        """
                        insert into cluster_nodes (node_id, heartbeat_at, seen_invalidation) values (?, now(), ?)
                        on conflict (node_id) do update set heartbeat_at = now(),
                            seen_invalidation = greatest(cluster_nodes.seen_invalidation, excluded.seen_invalidation)\
                        """)) {
            Instant nextBeat = Instant.MIN;
            while (running) {
                PGNotification[] notes =
                        pg.getNotifications(
                                (int) Math.max(50, settings.heartbeat().toMillis() / 2));
                boolean applied = notes != null && notes.length > 0 && apply(notes);
                if (applied || !clock.instant().isBefore(nextBeat)) {
                    beat.setString(1, nodeId);
                    beat.setLong(2, seen);
                    beat.executeUpdate();
                    lastHeartbeat.set(clock.instant());
                    nextBeat = clock.instant().plus(settings.heartbeat());
                }
            }
        }
    }

    private boolean apply(PGNotification[] notes) {
        for (PGNotification note : notes) {
            String[] parts = note.getParameter().split("\\|", 3);
            if (parts.length != 3) {
                log.warn("Ignoring malformed invalidation on {}", note.getName());
                continue;
            }
            InvalidationHandler handler = handlers.get(parts[1]);
            if (handler != null) {
                handler.evict(parts[2]);
            }
            seen = Math.max(seen, Long.parseLong(parts[0]));
        }
        return true;
    }

    /**
     * The last number handed out; 0 before the first (a fresh sequence reports last_value 1
     * uncalled).
     */
    private static long currentSequence(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs =
                        s.executeQuery(
                                "select case when is_called then last_value else 0 end"
                                        + " from cache_invalidation_seq")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void evictEverything() {
        handlers.values().forEach(InvalidationHandler::evictAll);
    }

    private void deregister() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("delete from cluster_nodes where node_id = ?")) {
            s.setString(1, nodeId);
            s.executeUpdate();
        } catch (SQLException e) {
            log.debug("Could not deregister node {}: {}", nodeId, e.getClass().getSimpleName());
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
