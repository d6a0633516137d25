package dev.gatehouse.domains;

import dev.gatehouse.domains.ask.LiveHostnames;
import dev.gatehouse.domains.webhooks.WebhookOutbox;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import io.micrometer.core.instrument.MeterRegistry;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of a connection: create, check DNS and move state, remove.
 *
 * <p>Design: DNS is asked outside any transaction, so no row lock is held across network I/O. The
 * results are then applied in one tenant transaction as a chain of compare-and-swap updates ({@link
 * Connections#compareAndSet}), each step computed by {@link Transitions} from the status the row
 * holds at that moment. Whoever wins a step writes its webhook event (and, for {@code live}, the
 * usage record) in the same transaction; a loser's update matches no row and fires nothing. So the
 * API's verify and the background worker, on any nodes, may race freely: each change happens once.
 * The partial unique index on verified/live hostnames is the last word on {@code hostname_taken}: a
 * race lost there rolls the transaction back and is recorded as the failure reason instead.
 */
@Component
public class ConnectionLifecycle {

    private static final SystemScope HOSTNAME_CLAIMS =
            new SystemScope("domains: hostname claimed by another application");

    private final Connections connections;
    private final Quota quota;
    private final Usage usage;
    private final DnsLookup dns;
    private final WebhookOutbox outbox;
    private final LiveHostnames live;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final SecureRandom random;
    private final Clock clock;
    private final DomainsSettings settings;
    private final Hostnames hostnames;
    private final MeterRegistry meters;

    ConnectionLifecycle(
            Connections connections,
            Quota quota,
            Usage usage,
            DnsLookup dns,
            WebhookOutbox outbox,
            LiveHostnames live,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            SecureRandom random,
            Clock clock,
            Settings settings,
            MeterRegistry meters) {
        this.connections = connections;
        this.quota = quota;
        this.usage = usage;
        this.dns = dns;
        this.outbox = outbox;
        this.live = live;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.settings = settings.section(DomainsSettings.class);
        this.hostnames = new Hostnames(this.settings.reservedSuffixes());
        this.meters = meters;
    }

    /** The outcome of {@link #create}. */
    public sealed interface Created
            permits Opened, AlreadyOpen, InvalidHostname, HostnameTaken, QuotaExceeded {}

    public record Opened(Connection connection) implements Created {}

    /** The application already has a non-removed connection for the hostname: idempotent create. */
    public record AlreadyOpen(Connection connection) implements Created {}

    public record InvalidHostname(Hostnames.Reason reason) implements Created {}

    public record HostnameTaken() implements Created {}

    public record QuotaExceeded(int limit) implements Created {}

    /** The records the customer must create for {@code c}. */
    public List<DnsRecord> records(Application app, Connection c) {
        return c.records(settings.challengeLabel(), app.target());
    }

    public ConnectionView view(Application app, Connection c) {
        return ConnectionView.of(c, records(app, c));
    }

    /**
     * Opens a connection for {@code rawHostname}, or returns the open one. Reserves quota under the
     * tenant's advisory lock; throws (and creates nothing) when quota cannot be evaluated.
     */
    public Created create(
            TenantId tenant,
            Application app,
            String rawHostname,
            @Nullable String endUserRef,
            Actor by) {
        String hostname;
        switch (hostnames.check(rawHostname)) {
            case Hostnames.Valid(String h) -> hostname = h;
            case Hostnames.Invalid(Hostnames.Reason reason) -> {
                return new InvalidHostname(reason);
            }
        }
        if (connections.claimedElsewhere(HOSTNAME_CLAIMS, hostname, app.id())) {
            return new HostnameTaken();
        }
        return tx.inTenant(
                tenant,
                () -> {
                    boolean fits = quota.reserve(tenant);
                    Optional<Connection> open = connections.findOpen(tenant, app.id(), hostname);
                    if (open.isPresent()) {
                        return new AlreadyOpen(open.get());
                    }
                    if (!fits) {
                        return new QuotaExceeded(quota.limit(tenant));
                    }
                    Instant now = clock.instant();
                    long id =
                            connections.insert(
                                    tenant,
                                    new Connections.NewConnection(
                                            ids.next("conn"),
                                            app.id(),
                                            hostname,
                                            challenge(),
                                            endUserRef,
                                            now,
                                            now.plus(settings.verifyDeadline())));
                    Connection c = connections.findById(tenant, id).orElseThrow();
                    outbox.enqueue(tenant, app, "connection.created", view(app, c), now);
                    audit.record(
                            AuditEntry.of(tenant, by, "connection.created")
                                    .withTarget("connection", c.publicId())
                                    .withDetails(
                                            Map.of(
                                                    "hostname",
                                                    hostname,
                                                    "application",
                                                    app.publicId())));
                    return new Opened(c);
                });
    }

    /**
     * Checks DNS for {@code c} now and applies every transition the answers allow. A manual verify
     * may revive a failed connection (quota permitting); the worker's may fail a late one.
     *
     * @return the connection as it stands afterwards
     */
    public Connection verify(TenantId tenant, Application app, Connection c, boolean manual) {
        if (c.status() == ConnectionStatus.REMOVED) {
            return c;
        }
        List<RecordCheck> checks = RecordMatching.check(recordsToCheck(app, c), dns);
        checks.forEach(
                k ->
                        meters.counter(
                                        "gatehouse_domains_dns_checks_total",
                                        "outcome",
                                        k.outcome().wire())
                                .increment());
        boolean ownership =
                checks.stream()
                        .filter(k -> k.record().purpose() == DnsRecord.Purpose.OWNERSHIP)
                        .allMatch(RecordCheck::ok);
        boolean routed = Target.routed(checks);
        try {
            tx.inTenant(
                    tenant,
                    () -> {
                        apply(tenant, app, c, checks, ownership, routed, manual);
                        return null;
                    });
        } catch (DuplicateKeyException taken) {
            // Another application claimed the hostname between our check and our update.
            connections.recordCheck(tenant, c.id(), checks, clock.instant(), "hostname_taken");
        }
        return connections.findById(tenant, c.id()).orElseThrow();
    }

    private List<DnsRecord> recordsToCheck(Application app, Connection c) {
        List<DnsRecord> all = records(app, c);
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
            boolean ownership,
            boolean routed,
            boolean manual) {
        Instant now = clock.instant();
        ConnectionStatus status = connections.status(tenant, c.id()).orElseThrow();
        connections.recordCheck(tenant, c.id(), mergeChecks(c, checks, status), now, null);
        boolean quotaBlocked = false;
        for (int i = 0; i < 4; i++) {
            boolean proven =
                    ownership
                            || status == ConnectionStatus.VERIFIED
                            || status == ConnectionStatus.LIVE;
            Optional<Transitions.Step> step =
                    Transitions.next(
                            status,
                            new Transitions.Facts(
                                    proven, routed, !now.isBefore(c.deadlineAt()), manual));
            if (step.isEmpty()) {
                break;
            }
            Transitions.Step s = step.get();
            Instant newDeadline = null;
            if (status == ConnectionStatus.FAILED) {
                if (!quota.reserve(tenant)) {
                    quotaBlocked = true;
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
                switch (status) {
                    case PENDING -> "ownership_not_proven";
                    case VERIFIED -> "routing_mismatch";
                    case FAILED -> quotaBlocked ? "quota_exceeded" : null;
                    case LIVE, REMOVED -> null;
                };
        if (reason != null) {
            connections.recordCheck(tenant, c.id(), mergeChecks(c, checks, status), now, reason);
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
        outbox.enqueue(tenant, app, s.event(), view(app, after), now);
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

    /** Removes the connection; {@code ask} denies its hostname on every node once this returns. */
    public boolean remove(TenantId tenant, Application app, Connection c, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    for (int i = 0; i < 4; i++) {
                        ConnectionStatus status = connections.status(tenant, c.id()).orElseThrow();
                        if (status == ConnectionStatus.REMOVED) {
                            return false;
                        }
                        Instant now = clock.instant();
                        if (connections.compareAndSet(
                                tenant,
                                c.id(),
                                status,
                                ConnectionStatus.REMOVED,
                                null,
                                now,
                                null)) {
                            if (status == ConnectionStatus.LIVE) {
                                live.changed(c.hostname());
                            }
                            Connection after = connections.findById(tenant, c.id()).orElseThrow();
                            outbox.enqueue(
                                    tenant, app, "connection.removed", view(app, after), now);
                            audit.record(
                                    AuditEntry.of(tenant, by, "connection.removed")
                                            .withTarget("connection", c.publicId())
                                            .withDetails(Map.of("hostname", c.hostname())));
                            return true;
                        }
                    }
                    throw new IllegalStateException(
                            "connection status kept changing during removal");
                });
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
                yield next.isAfter(c.deadlineAt()) ? c.deadlineAt() : next;
            }
            case FAILED, REMOVED -> null;
        };
    }

    /** At least 128 random bits, URL-safe. */
    private String challenge() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return "gh-verify=" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
