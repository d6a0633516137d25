package dev.gatehouse.gateway.access;

import dev.gatehouse.gateway.GatewaySettings;
import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.cluster.SnapshotCache;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.keys.KeyHasher;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The relay's credential checks, once per request: is the bearer token known, unexpired and
 * unrevoked, does the {@code x-api-key} belong to its credential set, is the client inside the
 * set's {@code allowed_ips}, and are the set, its actor, its account and the tenant in good
 * standing. Thread-safe.
 *
 * <p>Design: the token is looked up by the kernel's keyed hash through a unique index, in the
 * system scope (the tenant is what the lookup finds), so the comparison is constant-time by
 * construction; the x-api-key's hash is compared with {@link java.security.MessageDigest#isEqual}.
 * A found token and everything its checks read (one query joining token, credential set, actor,
 * account and tenant) is cached per node, so a warm check makes no database round trip; times
 * (token and set expiry, the rotation overlap) are judged against the clock on every check. Every
 * change that can turn a passing check into a refusal — revoking a token or a set, rotating a set,
 * disabling an actor, suspending an account or the tenant — publishes an invalidation through
 * {@link ClusterInvalidations} inside its transaction, so every node has dropped the affected
 * snapshots before the change's call answers (ADR 0003). Unknown tokens are not cached (random
 * tokens cannot fill the cache). When the node cannot trust its caches, every check reads the
 * database.
 *
 * <p>An eviction can race a lookup that read the database just before the change committed; the
 * {@link SnapshotCache} makes sure a snapshot read before a change is never stored after that
 * change's eviction.
 */
@Component
public class GatewayCallers implements InvalidationHandler {

    static final String TOPIC = "gateway_callers";
    static final String TOKEN = "t";
    static final String CREDENTIAL = "c";
    static final String ACTOR = "a";
    static final String ACCOUNT = "n";
    static final String TENANT = "e";

    /** The shape of a gateway token: {@code gwt_} and 43 base64url characters (256 bits). */
    static final Pattern TOKEN_SHAPE = Pattern.compile("gwt_[A-Za-z0-9_-]{43}");

    static final Pattern KEY_SHAPE = Pattern.compile("gwk_[A-Za-z0-9_-]{43}");

    static final int MAX_ENTRIES = 100_000;

    private static final SystemScope LOOKUP = new SystemScope("gateway: token lookup by hash");

    private final Tokens tokens;
    private final KeyHasher hasher;
    private final ClusterInvalidations cluster;
    private final CredentialLastUse lastUse;
    private final Clock clock;
    private final int defaultRateLimit;
    private final SnapshotCache<CallerSnapshot> cache;

    GatewayCallers(
            Tokens tokens,
            KeyHasher hasher,
            ClusterInvalidations cluster,
            CredentialLastUse lastUse,
            Clock clock,
            Settings settings) {
        this.tokens = tokens;
        this.hasher = hasher;
        this.cluster = cluster;
        this.lastUse = lastUse;
        this.clock = clock;
        this.defaultRateLimit = settings.section(GatewaySettings.class).defaultRateLimitPerMinute();
        this.cache =
                new SnapshotCache<>(
                        MAX_ENTRIES, Duration.ofSeconds(settings.kernel().keyCacheSeconds()));
    }

    /**
     * Checks 2 and 3 of the relay for one request.
     *
     * @param bearerToken the value after {@code Bearer } in the {@code Authorization} header
     * @param xApiKey the {@code x-api-key} header, or null when it was missing
     * @param clientIp the client address as the kernel resolved it through {@code TRUSTED_PROXIES}
     */
    public CallerCheck check(
            String bearerToken, @Nullable String xApiKey, @Nullable InetAddress clientIp) {
        if (!TOKEN_SHAPE.matcher(bearerToken).matches()) {
            return new CallerCheck.Refused(Refusal.UNKNOWN_TOKEN, null);
        }
        String hash = HexFormat.of().formatHex(hasher.hash(bearerToken));
        Optional<CallerSnapshot> found = lookup(hash);
        if (found.isEmpty()) {
            return new CallerCheck.Refused(Refusal.UNKNOWN_TOKEN, null);
        }
        CallerSnapshot s = found.get();
        GatewayCaller who = callerOf(s);
        Refusal refusal = judge(s, xApiKey, clientIp, clock.instant());
        if (refusal != null) {
            return new CallerCheck.Refused(refusal, who);
        }
        lastUse.used(s.credential().credentialId());
        return new CallerCheck.Allowed(who);
    }

    /**
     * As {@link #check(String, String, InetAddress)}, with the client address in the textual form
     * {@code RequestInfo.clientIp()} gives (an IP literal; never resolved). An address that cannot
     * be read passes only a set without {@code allowed_ips}.
     */
    public CallerCheck check(String bearerToken, @Nullable String xApiKey, String clientIp) {
        return check(bearerToken, xApiKey, AllowedIps.literal(clientIp));
    }

    private @Nullable Refusal judge(
            CallerSnapshot s,
            @Nullable String xApiKey,
            @Nullable InetAddress clientIp,
            Instant now) {
        if (s.tokenRevokedAt() != null) {
            return Refusal.REVOKED_TOKEN;
        }
        if (!now.isBefore(s.tokenExpiresAt())) {
            return Refusal.EXPIRED_TOKEN;
        }
        String keyHash =
                xApiKey != null && KEY_SHAPE.matcher(xApiKey).matches()
                        ? HexFormat.of().formatHex(hasher.hash(xApiKey))
                        : null;
        if (s.credential().keyMatch(keyHash, now) == CredentialState.KeyMatch.NONE) {
            return Refusal.WRONG_API_KEY;
        }
        if (!s.credential().allowedIps().allows(clientIp)) {
            return Refusal.IP_NOT_ALLOWED;
        }
        return s.credential().standing(now);
    }

    private GatewayCaller callerOf(CallerSnapshot s) {
        CredentialState c = s.credential();
        return new GatewayCaller(
                new TenantId(c.tenantId()),
                c.tenantPublicId(),
                c.accountId(),
                c.accountPublicId(),
                c.actorId(),
                c.actorPublicId(),
                c.credentialId(),
                c.credentialPublicId(),
                c.clientId(),
                s.tokenId(),
                s.tokenPublicId(),
                c.kind(),
                c.rateLimitPerMinute() == null ? defaultRateLimit : c.rateLimitPerMinute());
    }

    private Optional<CallerSnapshot> lookup(String hash) {
        if (!cluster.cachesTrusted()) {
            return tokens.snapshot(LOOKUP, hash);
        }
        return cache.get(hash, h -> tokens.snapshot(LOOKUP, h));
    }

    /** Publishes the eviction of one token; call inside the transaction that revokes it. */
    void tokenChanged(String hashHex) {
        cluster.publish(TOPIC, TOKEN + ":" + hashHex);
    }

    /** Publishes the eviction of every token of a credential set; call inside its change. */
    void credentialChanged(long credentialId) {
        cluster.publish(TOPIC, CREDENTIAL + ":" + credentialId);
    }

    /** Publishes the eviction of every token of an actor's sets; call inside its change. */
    void actorChanged(long actorId) {
        cluster.publish(TOPIC, ACTOR + ":" + actorId);
    }

    /** Publishes the eviction of every token of an account's sets; call inside its change. */
    void accountChanged(long accountId) {
        cluster.publish(TOPIC, ACCOUNT + ":" + accountId);
    }

    /** Publishes the eviction of every token of a tenant; call inside its status change. */
    void tenantChanged(TenantId tenant) {
        cluster.publish(TOPIC, TENANT + ":" + tenant.value());
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        int colon = key.indexOf(':');
        String kind = colon < 0 ? "" : key.substring(0, colon);
        String value = colon < 0 ? "" : key.substring(colon + 1);
        if (kind.equals(TOKEN)) {
            cache.evict(value);
            return;
        }
        long id;
        try {
            id = Long.parseLong(value);
        } catch (NumberFormatException e) {
            cache.evictAll();
            return;
        }
        cache.evictIf(s -> s.concerns(kind, id));
    }

    @Override
    public void evictAll() {
        cache.evictAll();
    }
}
