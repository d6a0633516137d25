package dev.gatehouse.gateway.access;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.kernel.audit.Actor;
import dev.gatehouse.kernel.audit.AuditEntry;
import dev.gatehouse.kernel.audit.AuditLog;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.identity.Passwords;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.kernel.web.RateDecision;
import dev.gatehouse.kernel.web.RateLimit;
import dev.gatehouse.kernel.web.RateLimiter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The client's token exchange: a credential set's {@code client_id}, API password and x-api-key for
 * a gateway token ({@code gwt_…}), and the revocation of tokens.
 *
 * <p>Design, in order: (1) throttle per client address ({@value #PER_IP_PER_MINUTE}/min) and per
 * {@code client_id} ({@value #PER_CLIENT_PER_MINUTE}/min) on the kernel's shared rate limiter,
 * before any check, so guessing costs the guesser time; (2) find the set by {@code client_id} in
 * the system scope (the tenant is not known yet); (3) decide with {@link TokenCheck}: exactly one
 * Argon2id verification whatever fails, so every refusal takes the same time; (4) on success store
 * the token's keyed hash with its expiry ({@code GATEWAY_TOKEN_TTL}, never past the set's own
 * {@code expires_at}). Every attempt is audited with its true reason ({@code gateway.token.issued}
 * or {@code gateway.token.refused}); the client only ever learns "refused". The token is never
 * stored: the audited response preview has it redacted.
 */
@Component
public class TokenExchange {

    /** Token requests per minute from one client address. */
    public static final int PER_IP_PER_MINUTE = 60;

    /** Token requests per minute naming one {@code client_id}. */
    public static final int PER_CLIENT_PER_MINUTE = 30;

    static final RateLimit PER_IP = RateLimit.perMinute("gateway_token_ip", PER_IP_PER_MINUTE);
    static final RateLimit PER_CLIENT =
            RateLimit.perMinute("gateway_token_client", PER_CLIENT_PER_MINUTE);

    /** Longer client ids are not looked up (ours are 30 characters). */
    private static final int MAX_CLIENT_ID = 64;

    private static final SystemScope LOOKUP = new SystemScope("gateway: token exchange lookup");

    private final Credentials credentials;
    private final Tokens tokens;
    private final CredentialSecrets secrets;
    private final GatewayCallers callers;
    private final CredentialLastUse lastUse;
    private final RateLimiter limiter;
    private final AuditLog audit;
    private final Transactions tx;
    private final PublicIds ids;
    private final Clock clock;
    private final Duration ttl;
    private final TokenCheck check;

    TokenExchange(
            Credentials credentials,
            Tokens tokens,
            CredentialSecrets secrets,
            GatewayCallers callers,
            CredentialLastUse lastUse,
            RateLimiter limiter,
            AuditLog audit,
            Transactions tx,
            PublicIds ids,
            Clock clock,
            Settings settings,
            Passwords passwords) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.secrets = secrets;
        this.callers = callers;
        this.lastUse = lastUse;
        this.limiter = limiter;
        this.audit = audit;
        this.tx = tx;
        this.ids = ids;
        this.clock = clock;
        this.ttl = settings.section(GatewaySettings.class).tokenTtl();
        this.check = new TokenCheck(passwords::matches, passwords::dummyHash);
    }

    /** The outcome of one exchange, as a value; the edge maps it to 200, 401 or 429. */
    public sealed interface Exchange {
        /** The token value, shown this once; {@code expiresIn} in whole seconds. */
        record Issued(String accessToken, long expiresInSeconds, GatewayToken token)
                implements Exchange {
            @Override
            public String toString() {
                return "Issued[" + token.publicId() + ", redacted]";
            }
        }

        /** Any failure; the reason is in the audit trail only. */
        enum Refused implements Exchange {
            INSTANCE
        }

        record Throttled(long retryAfterSeconds) implements Exchange {}
    }

    /**
     * Decides one token request.
     *
     * @param authorization the {@code Authorization} header, or null
     * @param xApiKey the {@code x-api-key} header, or null
     * @param clientIp the client address as the kernel resolved it
     */
    public Exchange exchange(
            @Nullable String authorization, @Nullable String xApiKey, String clientIp) {
        String[] basic = basic(authorization);
        String clientId = basic == null ? null : basic[0];
        Optional<Long> throttled = throttle(clientIp, clientId);
        if (throttled.isPresent()) {
            refused(null, clientId, "throttled");
            return new Exchange.Throttled(throttled.get());
        }
        Optional<Credentials.ExchangeCandidate> found =
                clientId == null || clientId.isEmpty() || clientId.length() > MAX_CLIENT_ID
                        ? Optional.empty()
                        : credentials.byClientId(LOOKUP, clientId);
        String keyHash =
                xApiKey != null && GatewayCallers.KEY_SHAPE.matcher(xApiKey).matches()
                        ? secrets.keyedHash(xApiKey)
                        : null;
        Instant now = clock.instant();
        TokenCheck.Presented presented =
                new TokenCheck.Presented(
                        basic != null, basic == null ? "" : basic[1], keyHash, address(clientIp));
        return switch (check.decide(presented, found, now)) {
            case TokenCheck.Decision.Pass(CredentialState c) -> issue(c, now);
            case TokenCheck.Decision.Fail(Refusal reason, CredentialState c) -> {
                refused(c, clientId, reason.wire());
                yield Exchange.Refused.INSTANCE;
            }
        };
    }

    /**
     * Revokes a token; false when it already was. No request that starts after this returns passes
     * with it, on any node.
     */
    public boolean revoke(TenantId tenant, GatewayToken token, Actor by) {
        return tx.inTenant(
                tenant,
                () -> {
                    Optional<String> hash = tokens.revoke(tenant, token.id(), clock.instant());
                    if (hash.isEmpty()) {
                        return false;
                    }
                    callers.tokenChanged(hash.get());
                    audit.record(
                            AuditEntry.of(tenant, by, "gateway.token.revoked")
                                    .withTarget("gateway_token", token.publicId())
                                    .withDetails(
                                            Map.of("credential_id", token.credentialPublicId())));
                    return true;
                });
    }

    private Exchange issue(CredentialState c, Instant now) {
        String value = secrets.token();
        String publicId = ids.next("tok");
        Instant expires = now.plus(ttl);
        if (c.expiresAt() != null && c.expiresAt().isBefore(expires)) {
            expires = c.expiresAt();
        }
        Instant expiresAt = expires;
        long expiresIn = Math.max(1, Duration.between(now, expiresAt).toSeconds());
        TenantId tenant = new TenantId(c.tenantId());
        GatewayToken token =
                tx.inTenant(
                        tenant,
                        () -> {
                            GatewayToken t =
                                    tokens.insert(
                                            tenant,
                                            publicId,
                                            c.credentialId(),
                                            secrets.keyedHash(value),
                                            now,
                                            expiresAt);
                            Map<String, Object> details = new LinkedHashMap<>();
                            details.put("client_id", c.clientId());
                            details.put("account_id", c.accountPublicId());
                            details.put("actor_id", c.actorPublicId());
                            details.put("credential_id", c.credentialPublicId());
                            details.put("token_id", publicId);
                            details.put("expires_at", expiresAt.toString());
                            details.put(
                                    "response_preview",
                                    "{\"access_token\":\"[redacted]\",\"token_type\":\"Bearer\","
                                            + "\"expires_in\":"
                                            + expiresIn
                                            + "}");
                            audit.record(
                                    AuditEntry.of(tenant, actorOf(c), "gateway.token.issued")
                                            .withTarget("gateway_token", publicId)
                                            .allowed()
                                            .withDetails(details));
                            return t;
                        });
        lastUse.used(c.credentialId());
        return new Exchange.Issued(value, expiresIn, token);
    }

    private void refused(@Nullable CredentialState c, @Nullable String clientId, String reason) {
        Map<String, Object> details = new LinkedHashMap<>();
        String shownClient =
                c != null
                        ? c.clientId()
                        : clientId != null && PublicIds.looksLike("gwc", clientId)
                                ? clientId
                                : null;
        details.put("client_id", String.valueOf(shownClient));
        if (c != null) {
            details.put("account_id", c.accountPublicId());
            details.put("actor_id", c.actorPublicId());
            details.put("credential_id", c.credentialPublicId());
        }
        AuditEntry entry =
                AuditEntry.of(
                                c == null ? null : new TenantId(c.tenantId()),
                                c == null
                                        ? Actor.credential(
                                                shownClient == null ? "unknown" : shownClient, null)
                                        : actorOf(c),
                                "gateway.token.refused")
                        .denied(reason)
                        .withDetails(details);
        audit.record(entry);
    }

    private static Actor actorOf(CredentialState c) {
        return Actor.credential(c.credentialPublicId(), c.clientId());
    }

    private Optional<Long> throttle(String clientIp, @Nullable String clientId) {
        if (limiter.tryConsume("ip:" + clientIp, PER_IP) instanceof RateDecision.Limited l) {
            return Optional.of(l.retryAfterSeconds());
        }
        if (clientId != null
                && !clientId.isEmpty()
                && clientId.length() <= MAX_CLIENT_ID
                && limiter.tryConsume("client:" + clientId, PER_CLIENT)
                        instanceof RateDecision.Limited l) {
            return Optional.of(l.retryAfterSeconds());
        }
        return Optional.empty();
    }

    /** {client_id, password} from a Basic header, or null when it is missing or malformed. */
    static String @Nullable [] basic(@Nullable String header) {
        if (header == null
                || header.length() < 7
                || header.length() > 4096
                || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded =
                    new String(
                            Base64.getDecoder().decode(header.substring(6).strip()),
                            StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return null;
        }
        return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static @Nullable InetAddress address(String clientIp) {
        return AllowedIps.literal(clientIp);
    }
}
