package dev.gatehouse.gateway.upstream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The upstream session token of each tenant with {@code session} auth: obtained by login, cached
 * sealed in {@code gateway_upstreams} (shared by every node), renewed before it expires and again
 * after an upstream 401.
 *
 * <p>Design. A token is used while more than {@link #margin} of its {@code ttl_seconds} is left
 * (the margin is a tenth of the TTL, at most one minute), so a relay never starts with a token
 * about to lapse. Each node keeps the sealed token it last saw in memory (opened per use, so the
 * plaintext lives for one request) and asks the database only when it is missing or due.
 *
 * <p>Logins are coordinated so that many relays, and several nodes, seeing the same expired or
 * refused token cause one login. On a node, concurrent renewals of a tenant join one in-flight
 * renewal. Across nodes, a login is claimed by compare-and-set on {@code session_version}: {@link
 * Upstreams#claimLogin} succeeds only while the version is the one the node saw and no login is
 * under way (a login under way is a null token whose {@code session_expires_at} is a lease in the
 * future). The winner logs in and stores the sealed token with the next version; the others poll
 * the row (every {@link #POLL}) until the version moves: a token there is used, no token means the
 * login failed. A failed login leaves no token and a lease of {@link #FAILURE_BACKOFF}, so a broken
 * password causes at most one login per backoff across the cluster instead of one per relay. A
 * winner that dies mid-login frees the claim when its lease (the timeout plus a second) ends.
 *
 * <p>Thread-safe.
 */
final class UpstreamSessions {

    static final Duration FAILURE_BACKOFF = Duration.ofSeconds(2);
    static final Duration POLL = Duration.ofMillis(25);
    static final Duration MAX_MARGIN = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(UpstreamSessions.class);

    /** A token ready to send, and the session version it belongs to. */
    record Credential(String header, String value, long version) {
        @Override
        public String toString() {
            return "Credential[" + header + ": [redacted] v" + version + "]";
        }
    }

    /** The outcome of {@link #current} and {@link #renew}. */
    sealed interface Obtained permits Ready, Failed {}

    /** {@code loggedIn} is true when this call made the login. */
    record Ready(Credential credential, boolean loggedIn) implements Obtained {}

    record Failed(UpstreamLogin.Failure reason) implements Obtained {}

    /** What a node remembers of a tenant's session: sealed, with its config stamp and version. */
    private record Cached(
            Instant configStamp, long version, String sealedToken, Instant expiresAt) {}

    /** A failed login this node made: fail fast while the row still shows it. */
    private record Failure(long version, UpstreamLogin.Failure reason) {}

    private final Upstreams upstreams;
    private final UpstreamVault vault;
    private final UpstreamLogin login;
    private final Clock clock;
    private final Map<Long, Cached> cached = new ConcurrentHashMap<>();
    private final Map<Long, Failure> failures = new ConcurrentHashMap<>();
    private final Map<Long, CompletableFuture<Obtained>> inFlight = new ConcurrentHashMap<>();

    UpstreamSessions(Upstreams upstreams, UpstreamVault vault, UpstreamLogin login, Clock clock) {
        this.upstreams = upstreams;
        this.vault = vault;
        this.login = login;
        this.clock = clock;
    }

    /** The token to send now: the cached one while it is fresh, else a renewed one. */
    Obtained current(Upstream upstream, UpstreamAuth.Session auth) {
        Cached c = cached.get(upstream.tenant().value());
        if (c != null
                && c.configStamp().equals(upstream.updatedAt())
                && fresh(c.expiresAt(), auth)) {
            Optional<String> token = vault.openToken(upstream, c.sealedToken());
            if (token.isPresent()) {
                return new Ready(credential(auth, token.get(), c.version()), false);
            }
        }
        return renew(upstream, auth, c == null ? Long.MIN_VALUE : c.version());
    }

    /**
     * A token other than the one of version {@code staleVersion} (the upstream refused it or it is
     * due): another node's newer one when there is one, else a new login.
     */
    Obtained renew(Upstream upstream, UpstreamAuth.Session auth, long staleVersion) {
        long tenant = upstream.tenant().value();
        CompletableFuture<Obtained> mine = new CompletableFuture<>();
        CompletableFuture<Obtained> running = inFlight.putIfAbsent(tenant, mine);
        if (running != null) {
            return join(running, upstream);
        }
        try {
            Obtained result = obtain(upstream, auth, staleVersion);
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(tenant, mine);
        }
    }

    private Obtained obtain(Upstream upstream, UpstreamAuth.Session auth, long staleVersion) {
        Instant deadline = clock.instant().plusMillis(upstream.timeoutMs()).plusSeconds(1);
        Long waitingOn = null;
        while (true) {
            Instant now = clock.instant();
            Upstreams.StoredSession s =
                    upstreams
                            .session(upstream.tenant())
                            .orElse(new Upstreams.StoredSession(null, null, 0));
            if (s.sealedToken() != null
                    && s.expiresAt() != null
                    && s.version() != staleVersion
                    && fresh(s.expiresAt(), auth)) {
                Optional<String> token = vault.openToken(upstream, s.sealedToken());
                if (token.isPresent()) {
                    remember(upstream, s.version(), s.sealedToken(), s.expiresAt());
                    return new Ready(credential(auth, token.get(), s.version()), false);
                }
            }
            boolean leased =
                    s.sealedToken() == null && s.expiresAt() != null && s.expiresAt().isAfter(now);
            if (leased) {
                Failure mineFailed = failures.get(upstream.tenant().value());
                if (mineFailed != null && mineFailed.version() == s.version()) {
                    return new Failed(mineFailed.reason());
                }
                if (waitingOn != null && waitingOn != s.version()) {
                    return new Failed(UpstreamLogin.Failure.FAILED_ELSEWHERE);
                }
                if (now.isAfter(deadline)) {
                    return new Failed(UpstreamLogin.Failure.BUSY);
                }
                waitingOn = s.version();
                pause();
                continue;
            }
            Instant lease = now.plusMillis(upstream.timeoutMs()).plusSeconds(1);
            Optional<Long> claimed =
                    upstreams.claimLogin(upstream.tenant(), s.version(), now, lease);
            if (claimed.isPresent()) {
                return login(upstream, auth, claimed.get());
            }
            if (now.isAfter(deadline)) {
                return new Failed(UpstreamLogin.Failure.BUSY);
            }
            pause(); // another node claimed first (or the row is gone): look again shortly
        }
    }

    private Obtained login(Upstream upstream, UpstreamAuth.Session auth, long claimed) {
        Optional<UpstreamSecrets> secrets = vault.openSecrets(upstream);
        UpstreamLogin.Attempt attempt =
                secrets.isEmpty()
                        ? new UpstreamLogin.Attempt(
                                null,
                                UpstreamLogin.Failure.SECRETS_UNAVAILABLE,
                                null,
                                Duration.ZERO)
                        : login.login(upstream, auth, secrets.get());
        long next = claimed + 1;
        String token = attempt.token();
        if (token == null) {
            UpstreamLogin.Failure reason =
                    attempt.failure() == null ? UpstreamLogin.Failure.NO_TOKEN : attempt.failure();
            upstreams.endLogin(
                    upstream.tenant(), claimed, clock.instant().plus(FAILURE_BACKOFF), next);
            failures.put(upstream.tenant().value(), new Failure(next, reason));
            cached.remove(upstream.tenant().value());
            log.warn(
                    "Upstream session login for {} failed: {} (status {})",
                    upstream.publicId(),
                    reason.wire(),
                    attempt.status());
            return new Failed(reason);
        }
        failures.remove(upstream.tenant().value());
        Instant expires = clock.instant().plusSeconds(auth.ttlSeconds());
        String sealed = vault.sealToken(upstream, token);
        if (upstreams.storeSession(upstream.tenant(), claimed, sealed, expires, next)) {
            remember(upstream, next, sealed, expires);
        }
        log.info("Upstream session login for {} succeeded", upstream.publicId());
        return new Ready(credential(auth, token, next), true);
    }

    private Obtained join(CompletableFuture<Obtained> running, Upstream upstream) {
        try {
            return running.get(upstream.timeoutMs() + 2_000L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Failed(UpstreamLogin.Failure.BUSY);
        } catch (ExecutionException | TimeoutException e) {
            return new Failed(UpstreamLogin.Failure.BUSY);
        }
    }

    private void remember(Upstream upstream, long version, String sealed, Instant expires) {
        cached.put(
                upstream.tenant().value(),
                new Cached(upstream.updatedAt(), version, sealed, expires));
    }

    private boolean fresh(Instant expiresAt, UpstreamAuth.Session auth) {
        return clock.instant().plus(margin(auth)).isBefore(expiresAt);
    }

    /** How long before its expiry a token is renewed: a tenth of the TTL, at most a minute. */
    static Duration margin(UpstreamAuth.Session auth) {
        Duration tenth = Duration.ofSeconds(auth.ttlSeconds()).dividedBy(10);
        return tenth.compareTo(MAX_MARGIN) < 0 ? tenth : MAX_MARGIN;
    }

    private static Credential credential(UpstreamAuth.Session auth, String token, long version) {
        return new Credential(auth.tokenHeader(), auth.tokenPrefix() + token, version);
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Forgets what this node cached for the tenant (its upstream changed). */
    void forget(long tenant) {
        cached.remove(tenant);
        failures.remove(tenant);
    }
}
