package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Mints and revokes API keys. The only place keys are born, so the no-escalation rule lives here: a
 * key is minted by a key holding {@code keys:admin}, with scopes that are a subset of the minter's
 * own. Outcomes are values; the HTTP edge maps them.
 */
public final class KeyIssuer {

    static final Duration MAX_LIFETIME = Duration.ofDays(3650);
    private static final SystemScope OPERATOR_KEYS = new SystemScope("operator key creation");

    /** A new key; {@code secret} is shown once and then dropped. */
    public record IssuedKey(StoredKey key, ApiKeySecret secret) {}

    /** Why minting was refused. */
    public sealed interface Refusal {
        record MissingScope(Scope scope) implements Refusal {}

        record Escalation(Set<Scope> notHeld) implements Refusal {}

        record Invalid(String field, String message) implements Refusal {}
    }

    public sealed interface Minted {
        record Issued(IssuedKey issued) implements Minted {}

        record Refused(Refusal refusal) implements Minted {}
    }

    private final ApiKeys keys;
    private final KeyHasher hasher;
    private final KeyVerifier verifier;
    private final PublicIds ids;
    private final Transactions tx;
    private final SecureRandom random;
    private final Clock clock;
    private final AuditLog audit;
    private final ScopeCatalog catalog;

    public KeyIssuer(
            ApiKeys keys,
            KeyHasher hasher,
            KeyVerifier verifier,
            PublicIds ids,
            Transactions tx,
            SecureRandom random,
            Clock clock,
            AuditLog audit,
            ScopeCatalog catalog) {
        this.audit = audit;
        this.catalog = catalog;
        this.keys = keys;
        this.hasher = hasher;
        this.verifier = verifier;
        this.ids = ids;
        this.tx = tx;
        this.random = random;
        this.clock = clock;
    }

    /** A key minted by another key of the same tenant. */
    public Minted mint(
            Caller minter, String name, Set<Scope> requested, @Nullable Instant expiresAt) {
        if (minter.tenant() == null) {
            return new Minted.Refused(new Refusal.MissingScope(Scope.KEYS_ADMIN));
        }
        return mint(
                new Minter(minter.tenant().id(), minter.scopes(), actorOf(minter)),
                name,
                requested,
                expiresAt);
    }

    /**
     * A key minted on behalf of someone of a tenant (an API key, or a portal user acting through
     * the portal): needs {@code keys:admin}, and the new key's scopes must all be held by the
     * minter.
     */
    public Minted mint(
            Minter minter, String name, Set<Scope> requested, @Nullable Instant expiresAt) {
        if (!minter.scopes().contains(Scope.KEYS_ADMIN)) {
            return new Minted.Refused(new Refusal.MissingScope(Scope.KEYS_ADMIN));
        }
        Optional<Refusal> invalid = validate(name, requested, expiresAt);
        if (invalid.isPresent()) {
            return new Minted.Refused(invalid.get());
        }
        Set<Scope> notHeld = new java.util.TreeSet<>(requested);
        notHeld.removeAll(minter.scopes());
        if (!notHeld.isEmpty()) {
            return new Minted.Refused(new Refusal.Escalation(notHeld));
        }
        return new Minted.Issued(
                issue(minter.tenant(), name, requested, expiresAt, minter.actor()));
    }

    /**
     * Who mints: the tenant, the scopes they hold (effective), and how the audit trail names them.
     */
    public record Minter(TenantId tenant, Set<Scope> scopes, Actor actor) {
        public Minter {
            scopes = Set.copyOf(scopes);
        }
    }

    /** The first admin key of a new tenant, with every tenant scope declared today. */
    public IssuedKey issueFirstAdminKey(TenantId tenant, Actor by) {
        return issue(tenant, "Admin key", catalog.tenantScopes(), null, by);
    }

    /** An operator key: {@code tenants:admin} only, belongs to no tenant. */
    public IssuedKey issueOperatorKey(String name, Actor by) {
        ApiKeySecret secret = ApiKeySecret.generate(random);
        return tx.inSystem(
                OPERATOR_KEYS,
                () -> {
                    StoredKey stored =
                            keys.insertOperatorKey(
                                    OPERATOR_KEYS,
                                    newKey(
                                            secret,
                                            name,
                                            Set.of(Scope.TENANTS_ADMIN),
                                            null,
                                            by.id()));
                    audit.record(
                            AuditEntry.of(null, by, "operator_key.created")
                                    .withTarget("api_key", stored.publicId())
                                    .allowed()
                                    .withDetails(
                                            Map.of(
                                                    "name",
                                                    stored.name(),
                                                    "last4",
                                                    stored.last4())));
                    return new IssuedKey(stored, secret);
                });
    }

    /**
     * Revokes a key of the caller's tenant; on return no node accepts it any more. Empty if
     * unknown. Revoking a revoked key changes nothing and records nothing.
     */
    public Optional<StoredKey> revoke(TenantId tenant, String publicId, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Optional<ApiKeys.Revocation> revoked =
                            keys.revoke(tenant, publicId, clock.instant());
                    revoked.filter(ApiKeys.Revocation::now)
                            .map(ApiKeys.Revocation::key)
                            .ifPresent(
                                    k -> {
                                        verifier.invalidate(keys.hashOf(tenant, k.id()));
                                        audit.record(
                                                AuditEntry.of(tenant, by, "api_key.revoked")
                                                        .withTarget("api_key", k.publicId())
                                                        .allowed()
                                                        .withDetails(
                                                                Map.of(
                                                                        "name", k.name(), "last4",
                                                                        k.last4())));
                                    });
                    return revoked.map(ApiKeys.Revocation::key);
                });
    }

    /** The audit actor for a key. */
    public static Actor actorOf(Caller caller) {
        return caller.isOperator()
                ? Actor.operator(caller.keyPublicId(), caller.keyName())
                : Actor.apiKey(caller.keyPublicId(), caller.keyName());
    }

    private IssuedKey issue(
            TenantId tenant,
            String name,
            Set<Scope> scopes,
            @Nullable Instant expiresAt,
            Actor by) {
        ApiKeySecret secret = ApiKeySecret.generate(random);
        return tx.inTenant(
                tenant,
                () -> {
                    StoredKey stored =
                            keys.insert(tenant, newKey(secret, name, scopes, expiresAt, by.id()));
                    Map<String, Object> details = new java.util.LinkedHashMap<>();
                    details.put("name", stored.name());
                    details.put(
                            "scopes", stored.scopes().stream().map(Scope::wire).sorted().toList());
                    details.put("last4", stored.last4());
                    if (expiresAt != null) {
                        details.put("expires_at", expiresAt.toString());
                    }
                    audit.record(
                            AuditEntry.of(tenant, by, "api_key.created")
                                    .withTarget("api_key", stored.publicId())
                                    .allowed()
                                    .withDetails(details));
                    return new IssuedKey(stored, secret);
                });
    }

    private ApiKeys.NewKey newKey(
            ApiKeySecret secret,
            String name,
            Set<Scope> scopes,
            @Nullable Instant expiresAt,
            String createdBy) {
        return new ApiKeys.NewKey(
                ids.next("key"),
                name.strip(),
                hasher.hash(secret),
                secret.last4(),
                scopes,
                expiresAt,
                createdBy,
                clock.instant());
    }

    private Optional<Refusal> validate(
            String name, Set<Scope> scopes, @Nullable Instant expiresAt) {
        if (name.isBlank() || name.strip().length() > 200) {
            return Optional.of(new Refusal.Invalid("name", "must be 1 to 200 characters"));
        }
        if (scopes.isEmpty()) {
            return Optional.of(new Refusal.Invalid("scopes", "must name at least one scope"));
        }
        if (scopes.contains(Scope.TENANTS_ADMIN)) {
            return Optional.of(
                    new Refusal.Invalid("scopes", "tenants:admin belongs to operator keys only"));
        }
        Instant now = clock.instant();
        if (expiresAt != null
                && (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME)))) {
            return Optional.of(
                    new Refusal.Invalid(
                            "expires_at", "must be in the future and within 3650 days"));
        }
        return Optional.empty();
    }
}
