package dev.gatehouse.domains;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks connections in the background, on every node at once without overlap.
 *
 * <p>Design: each pass leases up to {@link #BATCH} due connections ({@link Connections#leaseDue},
 * {@code FOR UPDATE SKIP LOCKED}, next check pushed out by {@link #LEASE}) in a short system-scope
 * transaction, then checks each in its own tenant's scope through {@link ConnectionChecks#verify}
 * and schedules the next check: every minute in a connection's first hour, every 10 minutes until a
 * day old, then hourly, never past its deadline; {@code live} ones every {@code
 * DOMAINS_MONITOR_INTERVAL}. A node that dies mid-check leaves the lease to expire and another node
 * picks the connection up. The per-status gauge is refreshed here too, once a pass at most every 30
 * seconds, so scraping {@code /metrics} never queries the database.
 */
@Component
@ConditionalOnBooleanProperty(name = "gatehouse.products.domains", matchIfMissing = true)
class ConnectionWorker {

    static final int BATCH = 20;
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final SystemScope DUE =
            new SystemScope("domains: lease connections due for a DNS check");
    private static final SystemScope GAUGE =
            new SystemScope("domains: count connections by status for metrics");
    private static final Logger log = LoggerFactory.getLogger(ConnectionWorker.class);

    private final Connections connections;
    private final Applications applications;
    private final ConnectionChecks checks;
    private final Transactions tx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<ConnectionStatus, AtomicLong> counts = new ConcurrentHashMap<>();
    private volatile Instant countedAt = Instant.EPOCH;

    ConnectionWorker(
            Connections connections,
            Applications applications,
            ConnectionChecks checks,
            Transactions tx,
            JdbcClient jdbc,
            Clock clock,
            MeterRegistry meters) {
        this.connections = connections;
        this.applications = applications;
        this.checks = checks;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
        for (ConnectionStatus s : ConnectionStatus.values()) {
            AtomicLong n = new AtomicLong();
            counts.put(s, n);
            Gauge.builder("gatehouse_domains_connections", n, AtomicLong::get)
                    .tag("status", s.wire())
                    .description("Connections by status, all tenants")
                    .register(meters);
        }
    }

    @Scheduled(fixedDelayString = "${gatehouse.domains.worker-delay-ms:1000}", initialDelay = 1000)
    void pass() {
        try {
            runOnce();
            refreshCounts();
        } catch (RuntimeException e) {
            log.warn("connection check pass failed: {}", e.toString());
        }
    }

    /** One pass: lease what is due and check it. Returns how many connections were checked. */
    int runOnce() {
        List<Connections.Due> due = connections.leaseDue(DUE, clock.instant(), LEASE, BATCH);
        for (Connections.Due d : due) {
            check(d);
        }
        return due.size();
    }

    private void check(Connections.Due d) {
        Connection c = connections.findById(d.tenant(), d.id()).orElse(null);
        if (c == null) {
            return;
        }
        Application app = applications.findById(d.tenant(), c.applicationId()).orElse(null);
        if (app == null) {
            connections.scheduleNextCheck(d.tenant(), c.id(), null);
            return;
        }
        // The worker never revives a failed connection, so it never needs quota; should quota be
        // unavailable all the same, the connection is checked again on its usual schedule.
        Connection after =
                switch (checks.verify(d.tenant(), app, c, false)) {
                    case ConnectionChecks.Checked(Connection checked) -> checked;
                    case QuotaUnavailable q -> c;
                };
        connections.scheduleNextCheck(d.tenant(), c.id(), checks.nextCheck(after, clock.instant()));
    }

    private void refreshCounts() {
        Instant now = clock.instant();
        if (Duration.between(countedAt, now).compareTo(Duration.ofSeconds(30)) < 0) {
            return;
        }
        countedAt = now;
        Map<String, Long> byStatus = new java.util.HashMap<>();
        tx.inSystem(
                GAUGE,
                () -> {
                    jdbc.sql("select status, count(*) from domain_connections group by status")
                            .query((rs, n) -> byStatus.put(rs.getString(1), rs.getLong(2)))
                            .list();
                    return null;
                });
        counts.forEach((s, n) -> n.set(byStatus.getOrDefault(s.wire(), 0L)));
    }
}
