package dev.gatehouse.kernel.operator;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.identity.Invitation;
import dev.gatehouse.kernel.identity.UserAdministration;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.keys.KeyVerifier;
import dev.gatehouse.kernel.tenancy.Plan;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Tenant;
import dev.gatehouse.kernel.tenancy.TenantStatusChanged;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;

import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Creates tenants (with their first admin key) and changes their status and plan. Suspending a
 * tenant refuses all its keys on every node before the call answers.
 */
public final class TenantAdministration {

    private static final SystemScope OPERATOR = new SystemScope("operator tenant administration");

    /**
     * A new tenant, its first admin key and, when an owner e-mail was given, its first portal owner
     * with a one-time password; both secrets are shown once.
     */
    public record Onboarded(
            Tenant tenant, KeyIssuer.IssuedKey adminKey, Invitation.@Nullable Invited owner) {}

    public sealed interface Creation {
        record Created(Onboarded onboarded) implements Creation {}

        record SlugTaken(String slug) implements Creation {}

        record Invalid(String field, String message) implements Creation {}
    }

    private final Tenants tenants;
    private final KeyIssuer issuer;
    private final KeyVerifier verifier;
    private final PublicIds ids;
    private final Transactions tx;
    private final Clock clock;
    private final AuditLog audit;
    private final UserAdministration users;

    private final ApplicationEventPublisher events;
    private final int defaultMaxConnections;

    public TenantAdministration(
            Tenants tenants,
            KeyIssuer issuer,
            KeyVerifier verifier,
            PublicIds ids,
            Transactions tx,
            Clock clock,
            AuditLog audit,
            UserAdministration users,
            ApplicationEventPublisher events,
            int defaultMaxConnections) {
        this.events = events;
        this.defaultMaxConnections = defaultMaxConnections;
        this.audit = audit;
        this.users = users;
        this.tenants = tenants;
        this.issuer = issuer;
        this.verifier = verifier;
        this.ids = ids;
        this.tx = tx;
        this.clock = clock;
    }

    public Creation create(String name, @Nullable String slug, Plan plan, Actor by) {
        return create(name, slug, plan, null, by);
    }

    /**
     * A tenant with its first admin key and, when {@code ownerEmail} is given, its first portal
     * owner.
     */
    public Creation create(
            String name, @Nullable String slug, Plan plan, @Nullable String ownerEmail, Actor by) {
        String trimmed = name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 200) {
            return new Creation.Invalid("name", "must be 1 to 200 characters");
        }
        String effectiveSlug = slug != null ? slug : slugOf(trimmed);
        if (!effectiveSlug.matches("^[a-z0-9][a-z0-9-]{0,62}$")) {
            return new Creation.Invalid(
                    "slug",
                    "must be 1 to 63 lowercase letters, digits or dashes, starting with a"
                            + " letter or digit");
        }
        try {
            return tx.inSystem(
                    OPERATOR, () -> createIn(trimmed, effectiveSlug, plan, ownerEmail, by));
        } catch (OwnerRefused refused) {
            return new Creation.Invalid("owner_email", refused.getMessage());
        }
    }

    private Creation createIn(
            String trimmed,
            String effectiveSlug,
            Plan plan,
            @Nullable String ownerEmail,
            Actor by) {
        {
            Optional<Tenant> created =
                    tenants.create(
                            OPERATOR,
                            ids.next("ten"),
                            trimmed,
                            effectiveSlug,
                            plan,
                            defaultMaxConnections,
                            clock.instant());
            if (created.isEmpty()) {
                return new Creation.SlugTaken(effectiveSlug);
            }
            Tenant tenant = created.get();
            audit.record(
                    AuditEntry.of(null, by, "tenant.created")
                            .withTarget("tenant", tenant.publicId())
                            .allowed()
                            .withDetails(
                                    Map.of(
                                            "name",
                                            tenant.name(),
                                            "slug",
                                            tenant.slug(),
                                            "plan",
                                            tenant.plan().wire())));
            KeyIssuer.IssuedKey key = issuer.issueFirstAdminKey(tenant.id(), by);
            Invitation.Invited owner =
                    ownerEmail == null
                            ? null
                            : switch (users.createOwner(tenant.id(), ownerEmail, "Owner", by)) {
                                case Invitation.Invited invited -> invited;
                                // Throwing rolls the whole tenant back: a tenant is created with
                                // its owner or not at all.
                                case Invitation.EmailTaken t ->
                                        throw new OwnerRefused(
                                                "is already used by another account");
                                case Invitation.Invalid(String field, String message) ->
                                        throw new OwnerRefused(message);
                                case Invitation.NotAllowed n -> throw new OwnerRefused(n.message());
                            };
            return new Creation.Created(new Onboarded(tenant, key, owner));
        }
    }

    /** Unwinds the creating transaction when the owner cannot be created. */
    private static final class OwnerRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OwnerRefused(String message) {
            super(message, null, false, false);
        }
    }

    /** True once any tenant exists. */
    public boolean anyTenant() {
        return tenants.count(OPERATOR) > 0;
    }

    public Optional<Tenant> find(String publicId) {
        return PublicIds.looksLike("ten", publicId)
                ? tenants.findByPublicId(OPERATOR, publicId)
                : Optional.empty();
    }

    /** Changes status, plan and/or connection limit; empty if there is no such tenant. */
    public Optional<Tenant> update(
            String publicId,
            Tenant.@Nullable Status status,
            @Nullable Plan plan,
            @Nullable Integer maxConnections,
            Actor by) {
        return tx.inSystem(
                OPERATOR,
                () ->
                        find(publicId)
                                .map(
                                        t -> {
                                            Tenant updated =
                                                    tenants.update(
                                                            OPERATOR,
                                                            t.id(),
                                                            status != null ? status : t.status(),
                                                            plan != null ? plan : t.plan(),
                                                            maxConnections != null
                                                                    ? maxConnections
                                                                    : t.maxConnections(),
                                                            clock.instant());
                                            if (updated.status() != t.status()) {
                                                verifier.invalidateTenant(t.id());
                                                events.publishEvent(
                                                        new TenantStatusChanged(
                                                                t.id(),
                                                                t.status(),
                                                                updated.status()));
                                            }
                                            audit.record(
                                                    AuditEntry.of(null, by, "tenant.updated")
                                                            .withTarget("tenant", t.publicId())
                                                            .allowed()
                                                            .withDetails(
                                                                    Map.of(
                                                                            "status",
                                                                            Map.of(
                                                                                    "from",
                                                                                    t.status()
                                                                                            .wire(),
                                                                                    "to",
                                                                                    updated.status()
                                                                                            .wire()),
                                                                            "plan",
                                                                            Map.of(
                                                                                    "from",
                                                                                    t.plan().wire(),
                                                                                    "to",
                                                                                    updated.plan()
                                                                                            .wire()),
                                                                            "max_connections",
                                                                            Map.of(
                                                                                    "from",
                                                                                    t
                                                                                            .maxConnections(),
                                                                                    "to",
                                                                                    updated
                                                                                            .maxConnections()))));
                                            return updated;
                                        }));
    }

    public static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("^-+|-+$", "");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "tenant" : slug;
    }
}
