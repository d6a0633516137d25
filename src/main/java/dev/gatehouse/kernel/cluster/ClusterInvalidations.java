package dev.gatehouse.kernel.cluster;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/**
 * Publishes cache invalidations to every node and tells each node whether its caches may be
 * trusted.
 *
 * <p>Design: {@link #publish} runs inside the transaction that changes the data and sends {@code
 * pg_notify} with a sequence number, which PostgreSQL delivers to every listening node only if that
 * transaction commits. After commit, the publishing thread evicts locally and then waits (bounded
 * by {@code ackTimeout}) until every live node has recorded that number in {@code cluster_nodes};
 * so once a revoke call has answered, no node still serves the revoked key from its cache. A node
 * is live while its heartbeat is fresh. A node that cannot heartbeat or has lost its listening
 * connection stops trusting its caches ({@link #cachesTrusted()} is false) well before other nodes
 * stop waiting for it, so a slow or cut-off node fails safe by reading the database.
 */
public final class ClusterInvalidations {

    static final String CHANNEL = "gatehouse_invalidation";

    private static final Logger log = LoggerFactory.getLogger(ClusterInvalidations.class);

    private final JdbcClient jdbc;
    private final Supplier<List<InvalidationHandler>> handlerSource;
    private volatile @Nullable Map<String, InvalidationHandler> handlers;
    private volatile @Nullable InvalidationListener listener;
    private final DataSource dataSource;
    private final ClusterSettings settings;
    private final Duration ackTimeout;
    private final Clock clock;

    /**
     * @param handlers the caches to keep coherent; asked for once, at {@link #start()}, so that
     *     caches may themselves depend on this class
     */
    public ClusterInvalidations(
            DataSource dataSource,
            Supplier<List<InvalidationHandler>> handlers,
            ClusterSettings settings,
            Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.handlerSource = handlers;
        this.settings = settings;
        this.ackTimeout = settings.ackTimeout();
        this.clock = clock;
    }

    /** Starts listening; until then (and whenever the listener is down) caches are not trusted. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        Map<String, InvalidationHandler> byTopic =
                handlerSource.get().stream()
                        .collect(
                                Collectors.toUnmodifiableMap(
                                        InvalidationHandler::topic, Function.identity()));
        handlers = byTopic;
        InvalidationListener started =
                new InvalidationListener(dataSource, byTopic, settings, clock);
        started.start();
        listener = started;
    }

    public synchronized void stop() {
        InvalidationListener l = listener;
        if (l != null) {
            l.stop();
            listener = null;
        }
    }

    /** False while this node may have missed an invalidation; caches must then be bypassed. */
    public boolean cachesTrusted() {
        InvalidationListener l = listener;
        return l != null && l.healthy();
    }

    /**
     * Invalidates {@code key} of {@code topic} on every node once the current transaction commits,
     * and makes the committing thread wait until every live node has applied it.
     *
     * @throws IllegalStateException when called outside a transaction, or for an unknown topic
     */
    public void publish(String topic, String key) {
        Map<String, InvalidationHandler> known = handlers;
        if (known == null || !known.containsKey(topic)) {
            throw new IllegalStateException("no invalidation handler for topic " + topic);
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException(
                    "publish must run inside the transaction that changes the data");
        }
        long seq = jdbc.sql("select nextval('cache_invalidation_seq')").query(Long.class).single();
        jdbc.sql("select pg_notify(?, ?)")
                .param(CHANNEL)
                .param(seq + "|" + topic + "|" + key)
                .query()
                .singleValue();
        TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        known.get(topic).evict(key);
                        awaitAcknowledgement(seq);
                    }
                });
    }

    private void awaitAcknowledgement(long seq) {
        Instant deadline = clock.instant().plus(ackTimeout);
        long behind = 0;
        while (clock.instant().isBefore(deadline)) {
            behind =
                    jdbc.sql(
                                    "select count(*) from cluster_nodes where heartbeat_at > now()"
                                        + " - make_interval(secs => ?) and seen_invalidation < ?")
                            .param(settings.liveWindow().toMillis() / 1000.0)
                            .param(seq)
                            .query(Long.class)
                            .single();
            if (behind == 0) {
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log.warn(
                "{} node(s) did not acknowledge invalidation {} within {} ms; they stop trusting"
                        + " their caches when their heartbeat lapses",
                behind,
                seq,
                ackTimeout.toMillis());
    }
}
