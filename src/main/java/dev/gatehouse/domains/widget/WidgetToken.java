package dev.gatehouse.domains.widget;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * The claims of a widget token whose signature and claims were checked. It names an application and
 * never a tenant: the tenant is always looked up from the application.
 *
 * @param applicationId the application's public id ({@code sub})
 * @param id the token's own id ({@code jti}), which the audit trail names as the actor
 * @param hostname the normalised hostname the token is bound to, or null when any hostname may be
 *     connected
 * @param endUserRef the tenant's opaque reference for the end user, stored on connections the token
 *     creates
 */
public record WidgetToken(
        String applicationId,
        String id,
        @Nullable String hostname,
        @Nullable String endUserRef,
        Instant issuedAt,
        Instant expiresAt) {}
