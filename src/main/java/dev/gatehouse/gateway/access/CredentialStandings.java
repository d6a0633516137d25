package dev.gatehouse.gateway.access;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a credential set may be used at a given moment (check 3 of the relay: the set, its actor,
 * its account and the tenant), without a token, key or address: for {@code decisions:explain},
 * which asks about a set rather than a request. Reads the database; never cached.
 */
@Component
public class CredentialStandings {

    /**
     * @param kind whether the set is {@code admin_unrestricted}
     * @param refusal why it may not be used, or null when it may
     */
    public record Standing(CredentialKind kind, @Nullable Refusal refusal) {}

    private final Credentials credentials;

    CredentialStandings(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The standing of the tenant's set {@code credentialPublicId} at {@code at}; empty if none. */
    public Optional<Standing> of(TenantId tenant, String credentialPublicId, Instant at) {
        return credentials
                .state(tenant, credentialPublicId)
                .map(s -> new Standing(s.kind(), s.standing(at)));
    }
}
