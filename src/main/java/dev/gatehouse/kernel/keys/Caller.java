package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * Who is calling: an authenticated API key, resolved for a request. A tenant key has a tenant; an
 * operator key has none and can do nothing inside a tenant.
 *
 * @param keyId the key's internal id (for last-use tracking; never serialized)
 * @param keyPublicId {@code key_…}
 * @param tenant the key's tenant, or null for an operator key
 * @param scopes effective scopes ({@code *:admin} already expanded)
 */
public record Caller(
        long keyId,
        String keyPublicId,
        String keyName,
        String last4,
        @Nullable TenantRef tenant,
        Set<Scope> scopes) {

    /** The tenant a key belongs to, as much as a request needs. */
    public record TenantRef(TenantId id, String publicId, String name) {}

    public Caller {
        scopes = Set.copyOf(scopes);
    }

    public boolean isOperator() {
        return tenant == null;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** The caller's tenant, or 403 when an operator key tries to act inside a tenant. */
    public TenantRef requireTenant() {
        if (tenant == null) {
            throw ApiProblem.forbidden("Operator keys cannot act inside a tenant.");
        }
        return tenant;
    }

    /** 403 unless the key holds {@code scope}. */
    public Caller require(Scope scope) {
        if (!has(scope)) {
            throw ApiProblem.forbidden("This key lacks the " + scope.wire() + " scope.");
        }
        return this;
    }

    /** The tenant, after checking the tenant scope: the usual first line of a tenant route. */
    public TenantId tenantWith(Scope scope) {
        TenantRef ref = requireTenant();
        require(scope);
        return ref.id();
    }
}
