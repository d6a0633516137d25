package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.TenantId;

/**
 * Who a relay request comes from, once its token and x-api-key passed: the ids the relay needs for
 * policies, the rate limit and the audit trail. Internal ids are never serialized; public ids are.
 *
 * @param rateLimitPerMinute the set's own limit, or the installation's default when it has none
 */
public record GatewayCaller(
        TenantId tenant,
        String tenantPublicId,
        long accountId,
        String accountPublicId,
        long actorId,
        String actorPublicId,
        long credentialId,
        String credentialPublicId,
        String clientId,
        long tokenId,
        String tokenPublicId,
        CredentialKind kind,
        int rateLimitPerMinute) {

    public boolean unrestricted() {
        return kind == CredentialKind.ADMIN_UNRESTRICTED;
    }
}
