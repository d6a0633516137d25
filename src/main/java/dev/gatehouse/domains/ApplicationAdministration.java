package dev.gatehouse.domains;

import dev.gatehouse.domains.ask.LiveHostnames;
import dev.gatehouse.domains.webhooks.WebhookSecrets;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Creating, changing and deleting applications. The webhook secret is generated here, sealed at
 * once, and returned to the caller exactly twice in its life: at creation and at rotation.
 */
@Component
public class ApplicationAdministration {

    private final Applications applications;
    private final Connections connections;
    private final LiveHostnames live;
    private final WebhookSecrets secrets;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    ApplicationAdministration(
            Applications applications,
            Connections connections,
            LiveHostnames live,
            WebhookSecrets secrets,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.applications = applications;
        this.connections = connections;
        this.live = live;
        this.secrets = secrets;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /** A new application and its webhook secret ({@code whsec_…}), shown once. */
    public record Created(Application application, String webhookSecret) {}

    public Created create(TenantId tenant, Applications.Fields fields, Actor by) {
        String publicId = ids.next("app");
        String secret = secrets.generate();
        Instant now = clock.instant();
        Application app =
                tx.inTenant(
                        tenant,
                        () -> {
                            Application a =
                                    applications.insert(
                                            tenant,
                                            publicId,
                                            fields,
                                            secrets.seal(tenant, publicId, secret),
                                            now);
                            audit.record(
                                    AuditEntry.of(tenant, by, "application.created")
                                            .withTarget("application", publicId)
                                            .withDetails(Map.of("name", fields.name())));
                            return a;
                        });
        return new Created(app, secret);
    }

    /**
     * Applies {@code fields}; the {@code ask} answers of its live hostnames are refreshed on every
     * node.
     */
    public Application update(
            TenantId tenant, Application app, Applications.Fields fields, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Application updated =
                            applications.update(tenant, app.id(), fields, clock.instant());
                    if (!updated.origin().equals(app.origin())
                            || updated.status() != app.status()) {
                        // One announcement, however many hostnames the application serves.
                        live.changedApplication(app.id());
                    }
                    audit.record(
                            AuditEntry.of(tenant, by, "application.updated")
                                    .withTarget("application", app.publicId()));
                    return updated;
                });
    }

    /**
     * Deletes the application and removes its connections; {@code ask} denies them once this
     * returns.
     */
    public void delete(TenantId tenant, Application app, Actor by) {
        tx.inTenant(
                tenant,
                () -> {
                    Instant now = clock.instant();
                    if (!connections.removeAllOf(tenant, app.id(), now).isEmpty()) {
                        live.changedApplication(app.id());
                    }
                    applications.delete(tenant, app.id(), now);
                    audit.record(
                            AuditEntry.of(tenant, by, "application.deleted")
                                    .withTarget("application", app.publicId()));
                    return null;
                });
    }

    /**
     * Replaces the webhook secret; the new one is returned once. Deliveries already queued are
     * signed with it.
     */
    public String rotateWebhookSecret(TenantId tenant, Application app, Actor by) {
        String secret = secrets.generate();
        tx.inTenant(
                tenant,
                () -> {
                    applications.replaceWebhookSecret(
                            tenant,
                            app.id(),
                            secrets.seal(tenant, app.publicId(), secret),
                            clock.instant());
                    audit.record(
                            AuditEntry.of(tenant, by, "application.webhook_secret_rotated")
                                    .withTarget("application", app.publicId()));
                    return null;
                });
        return secret;
    }
}
