package dev.gatehouse.kernel.keys;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.kernel.cluster.InvalidationHandler;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Checks a presented API key and says why it fails, as a value.
 *
 * <p>Design: malformed keys are refused without touching the database. Well-formed ones are looked
 * up by keyed hash through a unique index, in the system scope (the tenant is not known yet); an
 * index lookup on an HMAC is itself the constant-time comparison, since equal hashes are the only
 * match. Lookups are cached per node in Caffeine and every change that could turn a valid key
 * invalid (revoke, tenant suspension) is published through {@link ClusterInvalidations}, which
 * evicts it on every node before the change's request answers. Expiry is checked against the
 * injected clock on every call, cached or not. When the node cannot trust its caches the database
 * is read every time.
 */
public final class KeyVerifier implements InvalidationHandler {

    static final String TOPIC = "api_keys";
    private static final SystemScope LOOKUP = new SystemScope("api-key lookup");

    private final ApiKeys keys;
    private final KeyHasher hasher;
    private final ClusterInvalidations cluster;
    private final LastUseRecorder lastUse;
    private final Clock clock;
    private final ScopeCatalog scopes;
    private final Cache<String, Optional<ApiKeys.Lookup>> cache;

    public KeyVerifier(
            ApiKeys keys,
            KeyHasher hasher,
            ClusterInvalidations cluster,
            LastUseRecorder lastUse,
            Clock clock,
            Duration cacheTtl,
            ScopeCatalog scopes) {
        this.scopes = scopes;
        this.keys = keys;
        this.hasher = hasher;
        this.cluster = cluster;
        this.lastUse = lastUse;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(cacheTtl).build();
    }

    /** Verifies the key in an {@code Authorization: Bearer} header value (without the scheme). */
    public KeyVerification verify(String presented) {
        Optional<ApiKeySecret> secret = ApiKeySecret.parse(presented);
        if (secret.isEmpty()) {
            return KeyVerification.NotFound.INSTANCE;
        }
        byte[] hash = hasher.hash(secret.get());
        Optional<ApiKeys.Lookup> found = lookup(hash, secret.get());
        if (found.isEmpty()) {
            return KeyVerification.NotFound.INSTANCE;
        }
        KeyVerification outcome = judge(found.get());
        if (outcome instanceof KeyVerification.Valid(Caller caller)) {
            lastUse.used(caller.keyId());
        }
        return outcome;
    }

    private Optional<ApiKeys.Lookup> lookup(byte[] hash, ApiKeySecret secret) {
        if (!cluster.cachesTrusted()) {
            return load(hash, secret);
        }
        return cache.get(HexFormat.of().formatHex(hash), h -> load(hash, secret));
    }

    /**
     * Finds the key by its current hash, or by a hash made under a previous {@code APP_KEY}, in
     * which case the stored hash is replaced by the current one before anything is cached, so cache
     * keys and stored hashes always agree.
     */
    private Optional<ApiKeys.Lookup> load(byte[] hash, ApiKeySecret secret) {
        Optional<ApiKeys.Lookup> found = keys.findByHash(LOOKUP, hash);
        if (found.isPresent()) {
            return found;
        }
        for (byte[] old : hasher.previousHashes(secret)) {
            if (keys.rehash(LOOKUP, old, hash)) {
                return keys.findByHash(LOOKUP, hash);
            }
        }
        return Optional.empty();
    }

    private KeyVerification judge(ApiKeys.Lookup found) {
        StoredKey key = found.key();
        TenantId owner = key.tenantId() == null ? null : new TenantId(key.tenantId());
        if (key.revokedAt() != null) {
            return new KeyVerification.Revoked(key.publicId(), owner);
        }
        if (key.expiresAt() != null && !clock.instant().isBefore(key.expiresAt())) {
            return new KeyVerification.Expired(key.publicId(), owner);
        }
        if (owner != null && !"active".equals(found.tenantStatus())) {
            return new KeyVerification.TenantSuspended(key.publicId(), owner);
        }
        Caller.TenantRef tenant =
                owner == null
                        ? null
                        : new Caller.TenantRef(
                                owner,
                                java.util.Objects.requireNonNull(found.tenantPublicId()),
                                java.util.Objects.requireNonNull(found.tenantName()));
        return new KeyVerification.Valid(
                new Caller(
                        key.id(),
                        key.publicId(),
                        key.name(),
                        key.last4(),
                        tenant,
                        scopes.effective(key.scopes())));
    }

    /**
     * Publishes the eviction of one key's cache entry; call inside the transaction that changes it.
     */
    void invalidate(byte[] hash) {
        cluster.publish(TOPIC, HexFormat.of().formatHex(hash));
    }

    /**
     * Publishes the eviction of every key of {@code tenant}, after its status changed; call inside
     * the transaction that changes it.
     */
    public void invalidateTenant(TenantId tenant) {
        keys.hashesOf(tenant).forEach(this::invalidate);
    }

    @Override
    public String topic() {
        return TOPIC;
    }

    @Override
    public void evict(String key) {
        cache.invalidate(key);
    }

    @Override
    public void evictAll() {
        cache.invalidateAll();
    }
}
