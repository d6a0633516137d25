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

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The use cases of a connection's life: open it (within quota) and remove it, and the records it
 * needs. Checking its DNS and moving its status is {@link ConnectionChecks}.
 */
@Component
public class ConnectionLifecycle {

    private static final SystemScope HOSTNAME_CLAIMS =
            new SystemScope("domains: hostname claimed by another application");

    private final Connections connections;
    private final Quota quota;
    private final WebhookOutbox outbox;
    private final LiveHostnames live;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final SecureRandom random;
    private final Clock clock;
    private final DomainsSettings settings;
    private final Hostnames hostnames;

    ConnectionLifecycle(
            Connections connections,
            Quota quota,
            WebhookOutbox outbox,
            LiveHostnames live,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            SecureRandom random,
            Clock clock,
            Settings settings) {
        this.connections = connections;
        this.quota = quota;
        this.outbox = outbox;
        this.live = live;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.settings = settings.section(DomainsSettings.class);
        this.hostnames = new Hostnames(this.settings.reservedSuffixes());
    }

    /** The outcome of {@link #create}. */
    public sealed interface Created
            permits Opened,
                    AlreadyOpen,
                    InvalidHostname,
                    HostnameTaken,
                    QuotaExceeded,
                    QuotaUnavailable {}

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
     * tenant's advisory lock; when quota cannot be evaluated, creates nothing and answers {@link
     * QuotaUnavailable}. Must not run inside a transaction.
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
        try {
            return tx.inTenant(tenant, () -> open(tenant, app, hostname, endUserRef, by));
        } catch (QuotaUnknown unknown) {
            return new QuotaUnavailable();
        }
    }

    private Created open(
            TenantId tenant,
            Application app,
            String hostname,
            @Nullable String endUserRef,
            Actor by) {
        Quota.Reservation reservation = quota.reserve(tenant);
        if (reservation instanceof Quota.Reservation.Unavailable) {
            throw new QuotaUnknown();
        }
        Optional<Connection> open = connections.findOpen(tenant, app.id(), hostname);
        if (open.isPresent()) {
            return new AlreadyOpen(open.get());
        }
        if (reservation instanceof Quota.Reservation.Full(int limit)) {
            return new QuotaExceeded(limit);
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
                        .withDetails(Map.of("hostname", hostname, "application", app.publicId())));
        return new Opened(c);
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

    /**
     * Unwinds the creating transaction when quota cannot be evaluated (PostgreSQL has aborted it);
     * never leaves this class.
     */
    private static final class QuotaUnknown extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QuotaUnknown() {
            super("connection quota could not be evaluated", null, false, false);
        }
    }

    /** At least 128 random bits, URL-safe. */
    private String challenge() {
        byte[] b = new byte[24];
        random.nextBytes(b);
        return "gh-verify=" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
