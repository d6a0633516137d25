package dev.gatehouse.domains;

import dev.gatehouse.domains.ask.LiveHostnames;
import dev.gatehouse.domains.webhooks.WebhookOutbox;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checking a connection's DNS and moving its status: the manual verify (API, widget, portal,
 * delegated DNS) and the background worker's.
 *
 * <p>Design: DNS is asked outside any transaction, so no row lock is held across network I/O. The
 * results are then applied in one tenant transaction as a chain of compare-and-swap updates ({@link
 * Connections#compareAndSet}), each step computed by {@link Transitions} from the status the row
 * holds at that moment. Whoever wins a step writes its webhook event (and, for {@code live}, the
 * usage record) in the same transaction; a loser's update matches no row and fires nothing. So the
 * API's verify and the background worker, on any nodes, may race freely: each change happens once.
 * The partial unique index on verified/live hostnames is the last word on {@code hostname_taken}: a
 * race lost there rolls the transaction back and is recorded as the failure reason instead.
 * Reviving a failed connection needs quota; when quota cannot be evaluated the whole transaction
 * rolls back (nothing recorded, status unchanged) and the answer is {@link QuotaUnavailable}.
 *
 * <p>Every check also runs the CAA preflight ({@link CaaPreflight}) with the DNS questions and
 * records it with the records' results. It is reported only: it moves no status (ADR 0025).
 */
@Component
public class ConnectionChecks {

    /** The outcome of {@link #verify}. */
    public sealed interface Verification permits Checked, QuotaUnavailable {}

    /** DNS was checked; {@code connection} is as it stands afterwards. */
    public record Checked(Connection connection) implements Verification {}

    private final Connections connections;
    private final Quota quota;
    private final Usage usage;
    private final DnsLookup dns;
    private final WebhookOutbox outbox;
    private final LiveHostnames live;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;
    private final DomainsSettings settings;
    private final ConnectionLifecycle lifecycle;
    private final MeterRegistry meters;

    ConnectionChecks(
            Connections connections,
            Quota quota,
            Usage usage,
            DnsLookup dns,
            WebhookOutbox outbox,
            LiveHostnames live,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            Settings settings,
            ConnectionLifecycle lifecycle,
            MeterRegistry meters) {
        this.connections = connections;
        this.quota = quota;
        this.usage = usage;
        this.dns = dns;
        this.outbox = outbox;
        this.live = live;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.settings = settings.section(DomainsSettings.class);
        this.lifecycle = lifecycle;
        this.meters = meters;
    }

    /**
     * Checks DNS for {@code c} now and applies every transition the answers allow. A manual verify
     * may revive a failed connection (quota permitting); the worker's may fail a late one. Must not
     * run inside a transaction: DNS is asked first, then one transaction applies the results.
     */
    public Verification verify(TenantId tenant, Application app, Connection c, boolean manual) {
        if (c.status() == ConnectionStatus.REMOVED) {
            return new Checked(c);
        }
        List<RecordCheck> checks = RecordMatching.check(recordsToCheck(app, c), dns);
        CaaCheck caa = CaaPreflight.check(c.hostname(), dns, settings.allowedCas());
        meters.counter("gatehouse_domains_caa_checks_total", "status", caa.status().wire())
                .increment();
        checks.forEach(
                k ->
                        meters.counter(
                                        "gatehouse_domains_dns_checks_total",
                                        "outcome",
                                        k.outcome().wire())
                                .increment());
        try {
            tx.inTenant(
                    tenant,
                    () -> {
                        apply(tenant, app, c, checks, caa, manual);
                        return null;
                    });
        } catch (DuplicateKeyException taken) {
            // Another application claimed the hostname between our check and our update.
            connections.recordCheck(tenant, c.id(), checks, caa, clock.instant(), "hostname_taken");
        } catch (QuotaUnknown unknown) {
            return new QuotaUnavailable();
        }
        return new Checked(connections.findById(tenant, c.id()).orElseThrow());
    }

    /** The next time the worker should check {@code c}, or null when it needs no more checks. */
    @Nullable Instant nextCheck(Connection c, Instant now) {
        return switch (c.status()) {
            case LIVE -> now.plus(settings.monitorInterval());
            case PENDING, VERIFIED -> {
                Duration age =
                        Duration.between(c.deadlineAt().minus(settings.verifyDeadline()), now);
                Duration step =
                        age.compareTo(Duration.ofHours(1)) < 0
                                ? Duration.ofMinutes(1)
                                : age.compareTo(Duration.ofHours(24)) < 0
                                        ? Duration.ofMinutes(10)
                                        : Duration.ofHours(1);
                Instant next = now.plus(step);
                // Past the deadline a connection is still pending only while its DNS servers do
                // not answer: retry on the schedule, not at the deadline again (that would be now).
                yield next.isAfter(c.deadlineAt()) && now.isBefore(c.deadlineAt())
                        ? c.deadlineAt()
                        : next;
            }
            case FAILED, REMOVED -> null;
        };
    }

    private List<DnsRecord> recordsToCheck(Application app, Connection c) {
        List<DnsRecord> all = lifecycle.records(app, c);
        // Ownership is proven once; a live or verified hostname is checked for routing only.
        return switch (c.status()) {
            case VERIFIED, LIVE ->
                    all.stream().filter(r -> r.purpose() == DnsRecord.Purpose.ROUTING).toList();
            default -> all;
        };
    }

    private void apply(
            TenantId tenant,
            Application app,
            Connection c,
            List<RecordCheck> checks,
            CaaCheck caa,
            boolean manual) {
        Instant now = clock.instant();
        boolean ownership =
                Transitions.purpose(checks, DnsRecord.Purpose.OWNERSHIP).allMatch(RecordCheck::ok);
        boolean routed = Target.routed(checks);
        ConnectionStatus status = connections.status(tenant, c.id()).orElseThrow();
        connections.recordCheck(tenant, c.id(), mergeChecks(c, checks, status), caa, now, null);
        boolean quotaBlocked = false;
        for (int i = 0; i < 4; i++) {
            boolean proven =
                    ownership
                            || status == ConnectionStatus.VERIFIED
                            || status == ConnectionStatus.LIVE;
            Transitions.Facts facts =
                    Transitions.facts(c.deadlineAt(), checks, proven, routed, manual, now);
            Optional<Transitions.Step> step = Transitions.next(status, facts);
            if (step.isEmpty()) {
                break;
            }
            Transitions.Step s = step.get();
            Instant newDeadline = null;
            if (status == ConnectionStatus.FAILED) {
                switch (quota.reserve(tenant)) {
                    case Quota.Reservation.Fits f -> {}
                    case Quota.Reservation.Full f -> quotaBlocked = true;
                    case Quota.Reservation.Unavailable u -> throw new QuotaUnknown();
                }
                if (quotaBlocked) {
                    break;
                }
                newDeadline = now.plus(settings.verifyDeadline());
            }
            if (connections.compareAndSet(
                    tenant, c.id(), status, s.to(), s.reason(), now, newDeadline)) {
                fired(tenant, app, c, status, s, now);
                status = s.to();
            } else {
                status = connections.status(tenant, c.id()).orElseThrow();
            }
        }
        String reason =
                status == ConnectionStatus.FAILED && quotaBlocked
                        ? "quota_exceeded"
                        : Transitions.reason(
                                status,
                                Transitions.facts(
                                        c.deadlineAt(), checks, ownership, routed, manual, now));
        if (reason != null) {
            connections.recordCheck(
                    tenant, c.id(), mergeChecks(c, checks, status), caa, now, reason);
        }
    }

    /**
     * A verified or live connection re-checks routing only; keep the ownership result of the last
     * full check.
     */
    private static List<RecordCheck> mergeChecks(
            Connection c, List<RecordCheck> fresh, ConnectionStatus status) {
        boolean checkedOwnership =
                fresh.stream().anyMatch(k -> k.record().purpose() == DnsRecord.Purpose.OWNERSHIP);
        if (checkedOwnership
                || status == ConnectionStatus.PENDING
                || status == ConnectionStatus.FAILED) {
            return fresh;
        }
        List<RecordCheck> kept =
                c.lastCheck().stream()
                        .filter(k -> k.record().purpose() == DnsRecord.Purpose.OWNERSHIP)
                        .toList();
        List<RecordCheck> routing =
                fresh.stream()
                        .filter(k -> k.record().purpose() == DnsRecord.Purpose.ROUTING)
                        .toList();
        return java.util.stream.Stream.concat(kept.stream(), routing.stream()).toList();
    }

    private void fired(
            TenantId tenant,
            Application app,
            Connection c,
            ConnectionStatus from,
            Transitions.Step s,
            Instant now) {
        if (s.to() == ConnectionStatus.LIVE) {
            usage.wentLive(tenant, c.id(), now);
        }
        if (s.to() == ConnectionStatus.LIVE || from == ConnectionStatus.LIVE) {
            live.changed(c.hostname());
        }
        Connection after = connections.findById(tenant, c.id()).orElseThrow();
        outbox.enqueue(tenant, app, s.event(), lifecycle.view(app, after), now);
        audit.recordAsync(
                AuditEntry.of(tenant, Actor.system("domains"), s.event())
                        .withTarget("connection", c.publicId())
                        .withDetails(
                                Map.of(
                                        "hostname",
                                        c.hostname(),
                                        "from",
                                        from.wire(),
                                        "to",
                                        s.to().wire())));
    }

    /**
     * Unwinds the verifying transaction when quota cannot be evaluated (PostgreSQL has aborted it);
     * never leaves this class.
     */
    private static final class QuotaUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QuotaUnknown() {
            super("connection quota could not be evaluated", null, false, false);
        }
    }
}
