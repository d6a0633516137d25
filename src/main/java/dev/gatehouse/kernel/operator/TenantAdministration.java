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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Creates tenants (with their first admin key) and changes their status, plan and the limits
 * products keep for them ({@link TenantLimits}). Suspending a tenant refuses all its keys on every
 * node before the call answers.
 */
public final class TenantAdministration {

    private static final SystemScope OPERATOR = new SystemScope("operator tenant administration");

    /** A tenant as the operator sees it: the kernel's row and the products' limits, by name. */
    public record Administered(Tenant tenant, Map<String, Integer> limits) {
        public Administered {
            limits = Collections.unmodifiableMap(new TreeMap<>(limits));
        }
    }

    /**
     * A new tenant, its first admin key and, when an owner e-mail was given, its first portal owner
     * with a one-time password; both secrets are shown once.
     */
    public record Onboarded(
            Administered tenant,
            KeyIssuer.IssuedKey adminKey,
            Invitation.@Nullable Invited owner) {}

    public sealed interface Creation {
        record Created(Onboarded onboarded) implements Creation {}

        record SlugTaken(String slug) implements Creation {}

        record Invalid(String field, String message) implements Creation {}
    }

    /** The outcome of {@link #update}. */
    public sealed interface Update {
        record Updated(Administered tenant) implements Update {}

        record NoSuchTenant() implements Update {}

        record Invalid(String field, String message) implements Update {}
    }

    /** What {@link #update} changes; null leaves a field as it is. */
    public record Change(
            Tenant.@Nullable Status status, @Nullable Plan plan, Map<String, Integer> limits) {
        public Change {
            limits = Map.copyOf(limits);
        }
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
    private final List<TenantLimits> limits;

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
            List<TenantLimits> limits) {
        this.events = events;
        this.audit = audit;
        this.users = users;
        this.tenants = tenants;
        this.issuer = issuer;
        this.verifier = verifier;
        this.ids = ids;
        this.tx = tx;
        this.clock = clock;
        this.limits = List.copyOf(limits);
        Set<String> names = new java.util.HashSet<>(Set.of("status", "plan"));
        for (TenantLimits.Limit l : limitDefinitions()) {
            if (!names.add(l.name())) {
                throw new IllegalStateException("tenant field " + l.name() + " is declared twice");
            }
        }
    }

    /** Every limit the installed products keep per tenant. */
    public List<TenantLimits.Limit> limitDefinitions() {
        return limits.stream().flatMap(l -> l.limits().stream()).toList();
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
            return new Creation.Invalid("owner_email", String.valueOf(refused.getMessage()));
        }
    }

    private Creation createIn(
            String trimmed,
            String effectiveSlug,
            Plan plan,
            @Nullable String ownerEmail,
            Actor by) {
        Optional<Tenant> created =
                tenants.create(
                        OPERATOR, ids.next("ten"), trimmed, effectiveSlug, plan, clock.instant());
        if (created.isEmpty()) {
            return new Creation.SlugTaken(effectiveSlug);
        }
        Tenant tenant = created.get();
        limits.forEach(l -> l.tenantCreated(tenant.id()));
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
                                    throw new OwnerRefused("is already used by another account");
                            case Invitation.Invalid(String field, String message) ->
                                    throw new OwnerRefused(message);
                            case Invitation.NotAllowed n -> throw new OwnerRefused(n.message());
                        };
        return new Creation.Created(new Onboarded(administered(tenant), key, owner));
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

    public Optional<Administered> find(String publicId) {
        return PublicIds.looksLike("ten", publicId)
                ? tx.inSystem(
                        OPERATOR,
                        () -> tenants.findByPublicId(OPERATOR, publicId).map(this::administered))
                : Optional.empty();
    }

    /** Changes status, plan and/or limits, and audits what changed from what. */
    public Update update(String publicId, Change change, Actor by) {
        for (Map.Entry<String, Integer> e : change.limits().entrySet()) {
            Optional<TenantLimits.Limit> limit =
                    limitDefinitions().stream()
                            .filter(l -> l.name().equals(e.getKey()))
                            .findFirst();
            if (limit.isEmpty()) {
                return new Update.Invalid(e.getKey(), "is not a known field");
            }
            int v = e.getValue();
            if (v < limit.get().min() || v > limit.get().max()) {
                return new Update.Invalid(e.getKey(), limit.get().rule() + ", was " + v);
            }
        }
        return tx.inSystem(
                OPERATOR,
                () ->
                        PublicIds.looksLike("ten", publicId)
                                ? tenants.findByPublicId(OPERATOR, publicId)
                                        .<Update>map(t -> new Update.Updated(apply(t, change, by)))
                                        .orElseGet(Update.NoSuchTenant::new)
                                : new Update.NoSuchTenant());
    }

    private Administered apply(Tenant t, Change change, Actor by) {
        Administered before = administered(t);
        Tenant updated =
                tenants.update(
                        OPERATOR,
                        t.id(),
                        change.status() != null ? change.status() : t.status(),
                        change.plan() != null ? change.plan() : t.plan(),
                        clock.instant());
        for (TenantLimits product : limits) {
            Map<String, Integer> own = new TreeMap<>();
            product.limits().stream()
                    .map(TenantLimits.Limit::name)
                    .filter(change.limits()::containsKey)
                    .forEach(n -> own.put(n, change.limits().get(n)));
            if (!own.isEmpty()) {
                product.change(t.id(), own);
            }
        }
        if (updated.status() != t.status()) {
            verifier.invalidateTenant(t.id());
            events.publishEvent(new TenantStatusChanged(t.id(), t.status(), updated.status()));
        }
        Administered after = administered(updated);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", fromTo(t.status().wire(), updated.status().wire()));
        details.put("plan", fromTo(t.plan().wire(), updated.plan().wire()));
        after.limits().forEach((n, v) -> details.put(n, fromTo(before.limits().get(n), v)));
        audit.record(
                AuditEntry.of(null, by, "tenant.updated")
                        .withTarget("tenant", t.publicId())
                        .allowed()
                        .withDetails(details));
        return after;
    }

    private static Map<String, Object> fromTo(@Nullable Object from, Object to) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        return m;
    }

    private Administered administered(Tenant t) {
        Map<String, Integer> values = new TreeMap<>();
        limits.forEach(l -> values.putAll(l.values(t.id())));
        return new Administered(t, values);
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
