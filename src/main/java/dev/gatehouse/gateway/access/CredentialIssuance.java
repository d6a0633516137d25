package dev.gatehouse.gateway.access;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issuing, revoking and rotating credential sets, audited. The API password and x-api-key are made
 * here and leave only in the answer of {@link #issue} or {@link #rotate}, once; only their hashes
 * are stored. Revoking or rotating evicts the relay's cached checks on every node before it
 * returns.
 *
 * <p>Who may issue {@code admin_unrestricted}: every route here needs {@code gateway:admin}, and
 * portal operators manage gateway credentials too. So the permission is explicit in {@link Issuer}:
 * an API key holding {@code gateway:admin} may ({@link Issuer#of(Caller)}); in the portal only the
 * {@code owner} and {@code admin} roles may, an {@code operator} issues {@code standard} sets only
 * (the portal builds its {@link Issuer} from the role).
 */
@Component
public class CredentialIssuance {

    /** The longest a rotation may keep the replaced secrets working: 24 hours. */
    public static final Duration MAX_OVERLAP = Duration.ofHours(24);

    private final Credentials credentials;
    private final Tokens tokens;
    private final CredentialSecrets secrets;
    private final GatewayCallers callers;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;

    CredentialIssuance(
            Credentials credentials,
            Tokens tokens,
            CredentialSecrets secrets,
            GatewayCallers callers,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.secrets = secrets;
        this.callers = callers;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Who issues, for the audit trail, and whether they may issue {@code admin_unrestricted} sets.
     */
    public record Issuer(Actor actor, boolean mayIssueUnrestricted) {

        /** An API key: it may issue unrestricted sets when it holds {@code gateway:admin}. */
        public static Issuer of(Caller caller) {
            return new Issuer(KeyIssuer.actorOf(caller), caller.has(GatewayScopes.ADMIN));
        }
    }

    /** The settings of a new credential set, already checked. */
    public record CredentialRequest(
            CredentialKind kind,
            @Nullable Instant expiresAt,
            @Nullable Integer rateLimitPerMinute,
            AllowedIps allowedIps) {}

    /** The secrets of a set, in the one answer that shows them. */
    public record OneTimeSecrets(String clientId, String apiPassword, String xApiKey) {
        @Override
        public String toString() {
            return "OneTimeSecrets[" + clientId + ", redacted]";
        }
    }

    /** Issuing either made the set (with its secrets) or was refused. */
    public sealed interface Issuing {
        record Issued(Credential credential, OneTimeSecrets secrets) implements Issuing {}

        /** {@code admin_unrestricted} asked for by an issuer who may not issue it. */
        enum UnrestrictedNotPermitted implements Issuing {
            INSTANCE
        }
    }

    /** A rotated set and its new secrets, shown once. */
    public record Rotated(Credential credential, OneTimeSecrets secrets) {}

    public Issuing issue(
            TenantId tenant, GatewayActor holder, CredentialRequest request, Issuer by) {
        if (request.kind() == CredentialKind.ADMIN_UNRESTRICTED && !by.mayIssueUnrestricted()) {
            audit.record(
                    AuditEntry.of(tenant, by.actor(), "gateway.credential.issue_refused")
                            .withTarget("gateway_actor", holder.publicId())
                            .denied("unrestricted_not_permitted"));
            return Issuing.UnrestrictedNotPermitted.INSTANCE;
        }
        CredentialSecrets.Pair pair = secrets.pair();
        String publicId = ids.next("cred");
        String clientId = ids.next("gwc");
        Instant now = clock.instant();
        Credential issued =
                tx.inTenant(
                        tenant,
                        () -> {
                            Credential c =
                                    credentials.insert(
                                            tenant,
                                            new Credentials.NewCredential(
                                                    publicId,
                                                    holder.id(),
                                                    clientId,
                                                    pair.passwordHash(),
                                                    pair.apiKeyHash(),
                                                    request.kind(),
                                                    request.expiresAt(),
                                                    request.rateLimitPerMinute(),
                                                    request.allowedIps().blocks()),
                                            now);
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("actor_id", holder.publicId());
                            details.put("client_id", clientId);
                            details.put("kind", request.kind().wire());
                            details.put("expires_at", String.valueOf(request.expiresAt()));
                            details.put(
                                    "rate_limit_per_minute",
                                    String.valueOf(request.rateLimitPerMinute()));
                            details.put("allowed_ips", c.allowedIps());
                            audit.record(
                                    AuditEntry.of(tenant, by.actor(), "gateway.credential.issued")
                                            .withTarget("gateway_credential", publicId)
                                            .allowed()
                                            .withDetails(details));
                            return c;
                        });
        return new Issuing.Issued(
                issued, new OneTimeSecrets(clientId, pair.apiPassword(), pair.xApiKey()));
    }

    /**
     * Revokes the set and its tokens; empty when it was already revoked. No request that starts
     * after this returns passes with it, on any node.
     */
    public Optional<Credential> revoke(TenantId tenant, Credential current, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Instant now = clock.instant();
                    if (!credentials.revoke(tenant, current.id(), now)) {
                        return Optional.empty();
                    }
                    int revokedTokens = tokens.revokeAllOf(tenant, current.id(), now);
                    callers.credentialChanged(current.id());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.credential.revoked")
                                    .withTarget("gateway_credential", current.publicId())
                                    .withDetails(Map.of("tokens_revoked", revokedTokens)));
                    return credentials.find(tenant, current.publicId());
                });
    }

    /**
     * Replaces both secrets; the old ones stop at once, or after {@code overlap} (at most {@link
     * #MAX_OVERLAP}). Empty when the set is revoked. Tokens already issued stay valid until they
     * expire (revoke the set or the token to stop them).
     */
    public Optional<Rotated> rotate(
            TenantId tenant, Credential current, Duration overlap, Actor by) {
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new IllegalArgumentException(
                    "overlap must be between 0 and " + MAX_OVERLAP + ", was " + overlap);
        }
        CredentialSecrets.Pair pair = secrets.pair();
        return tx.inTenant(
                tenant,
                () -> {
                    Instant now = clock.instant();
                    Instant until = overlap.isZero() ? null : now.plus(overlap);
                    Optional<Credential> rotated =
                            credentials.rotate(
                                    tenant,
                                    current.id(),
                                    pair.passwordHash(),
                                    pair.apiKeyHash(),
                                    until,
                                    now);
                    if (rotated.isEmpty()) {
                        return Optional.<Rotated>empty();
                    }
                    callers.credentialChanged(current.id());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.credential.rotated")
                                    .withTarget("gateway_credential", current.publicId())
                                    .withDetails(
                                            Map.of(
                                                    "overlap_seconds",
                                                    overlap.toSeconds(),
                                                    "previous_valid_until",
                                                    String.valueOf(until))));
                    return Optional.of(
                            new Rotated(
                                    rotated.get(),
                                    new OneTimeSecrets(
                                            current.clientId(),
                                            pair.apiPassword(),
                                            pair.xApiKey())));
                });
    }
}
