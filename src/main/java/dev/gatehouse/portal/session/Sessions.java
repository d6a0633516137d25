package dev.gatehouse.portal.session;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;

import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Starts, resolves and ends portal sessions.
 *
 * <p>Design: a session is a row found by the SHA-256 of the cookie's random token, read on every
 * portal request (no cache), so signing out, signing out everywhere, a password change or a removed
 * user take effect on the next request on every node. A session ends after 30 minutes without a
 * request (idle) or 12 hours after sign-in (absolute), measured on the injected clock. To avoid a
 * write per request, {@code last_seen_at} is moved forward at most once a minute. A new session
 * (new token, new CSRF token) is made at every sign-in, so a token planted before sign-in is
 * worthless.
 */
@Component
public final class Sessions {

    public static final Duration IDLE = Duration.ofMinutes(30);
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SystemScope LOOKUP = new SystemScope("portal session lookup");

    /** A new session and the token for its cookie. */
    public record Started(SessionToken token, PortalSession session) {}

    private final SessionRows rows;
    private final SecureRandom random;
    private final Clock clock;

    Sessions(SessionRows rows, SecureRandom random, Clock clock) {
        this.rows = rows;
        this.random = random;
        this.clock = clock;
    }

    public Started start(TenantId tenant, String userPublicId) {
        SessionToken token = SessionToken.generate(random);
        byte[] csrf = new byte[32];
        random.nextBytes(csrf);
        Instant now = clock.instant();
        PortalSession session =
                rows.insert(
                        tenant,
                        token.hash(),
                        userPublicId,
                        Base64.getUrlEncoder().withoutPadding().encodeToString(csrf),
                        now,
                        now.plus(ABSOLUTE));
        return new Started(token, session);
    }

    /** The live session behind a cookie value; an expired one is deleted and not returned. */
    public Optional<PortalSession> resolve(String cookieValue) {
        Optional<SessionToken> token = SessionToken.parse(cookieValue);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<PortalSession> found = rows.findByToken(LOOKUP, token.get().hash());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PortalSession s = found.get();
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(IDLE))) {
            rows.delete(s.tenant(), s.id());
            return Optional.empty();
        }
        if (!now.isBefore(s.lastSeenAt().plus(TOUCH_EVERY))) {
            rows.touch(s.tenant(), s.id(), now);
        }
        return Optional.of(s);
    }

    public void end(PortalSession session) {
        rows.delete(session.tenant(), session.id());
    }

    /** Ends every session of a user, on every node, from the next request on. */
    public int endEverywhere(TenantId tenant, String userPublicId) {
        return rows.deleteAllOf(tenant, userPublicId);
    }

    /** Deletes sessions that can no longer be used; run on a schedule. */
    public int purge() {
        Instant now = clock.instant();
        return rows.deleteExpired(LOOKUP, now.minus(IDLE), now);
    }
}
