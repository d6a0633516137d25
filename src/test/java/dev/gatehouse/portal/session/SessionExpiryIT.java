package dev.gatehouse.portal.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Tenants;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestClock;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/** Idle (30 min) and absolute (12 h) session limits, on a clock the test moves. */
class SessionExpiryIT {

    TestClock clock;
    Sessions sessions;
    TenantId tenant;

    @BeforeEach
    void setUp() {
        TestNode node = TestNode.shared();
        // A whole second: PostgreSQL keeps microseconds (rounding), so the limits stay exact.
        clock = new TestClock(Instant.parse("2026-11-25T09:00:00Z"));
        sessions = new Sessions(node.bean(SessionRows.class), new SecureRandom(), clock);
        String id = Tenancy.newTenant(node).id();
        tenant =
                node.bean(Tenants.class)
                        .findByPublicId(new SystemScope("test"), id)
                        .orElseThrow()
                        .id();
    }

    @Test
    void aSessionIdleForThirtyMinutesEnds() {
        Sessions.Started s = sessions.start(tenant, "usr_idle");
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.resolve(s.token().cookieValue())).isPresent();
        clock.advance(Duration.ofMinutes(29));
        assertThat(sessions.resolve(s.token().cookieValue()))
                .as("touched 29 minutes ago")
                .isPresent();
        clock.advance(Duration.ofMinutes(30));
        assertThat(sessions.resolve(s.token().cookieValue())).isEmpty();
        clock.advance(Duration.ofMinutes(-60));
        assertThat(sessions.resolve(s.token().cookieValue()))
                .as("an ended session stays ended")
                .isEmpty();
    }

    @Test
    void aBusySessionStillEndsTwelveHoursAfterSignIn() {
        Sessions.Started s = sessions.start(tenant, "usr_busy");
        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(sessions.resolve(s.token().cookieValue()))
                    .as("after %d min", (i + 1) * 20)
                    .isPresent();
        }
        clock.advance(Duration.ofMinutes(20));
        assertThat(sessions.resolve(s.token().cookieValue()))
                .as("12 h after sign-in, now %s, started %s", clock.instant(), s.session())
                .isEmpty();
    }

    @Test
    void endingEverywhereEndsEverySessionOfThatPersonOnly() {
        Sessions.Started a = sessions.start(tenant, "usr_a");
        Sessions.Started b = sessions.start(tenant, "usr_a");
        Sessions.Started other = sessions.start(tenant, "usr_b");
        assertThat(sessions.endEverywhere(tenant, "usr_a")).isEqualTo(2);
        assertThat(sessions.resolve(a.token().cookieValue())).isEmpty();
        assertThat(sessions.resolve(b.token().cookieValue())).isEmpty();
        assertThat(sessions.resolve(other.token().cookieValue())).isPresent();
    }

    @Test
    void garbageAndUnknownTokensResolveToNothing() {
        assertThat(sessions.resolve("")).isEmpty();
        assertThat(sessions.resolve("x".repeat(43))).isEmpty();
        assertThat(sessions.resolve("'; drop table portal_sessions; --")).isEmpty();
    }

    @Test
    void onlyTheTokensHashIsStored() {
        Sessions.Started s = sessions.start(tenant, "usr_hash");
        assertThat(s.token().toString()).isEqualTo("[redacted]");
        long plain =
                org.springframework.jdbc.core.simple.JdbcClient.create(
                                dev.gatehouse.testing.TestDatabase.ownerOf(
                                        TestNode.shared().database()))
                        .sql(
                                "select count(*) from portal_sessions where encode(token_hash,"
                                        + " 'escape') like ?")
                        .param("%" + s.token().cookieValue() + "%")
                        .query(Long.class)
                        .single();
        assertThat(plain).isZero();
    }
}
