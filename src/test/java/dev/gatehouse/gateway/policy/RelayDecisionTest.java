package dev.gatehouse.gateway.policy;

import static dev.gatehouse.gateway.policy.PolicyFixture.endpoint;
import static dev.gatehouse.gateway.policy.PolicyFixture.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

class RelayDecisionTest {

    /** Monday 2026-12-14 13:00 PKT: inside the default schedule. */
    private static final Instant OPEN = Instant.parse("2026-12-14T08:00:00Z");

    /** Tuesday 2026-12-15 03:00 PKT: outside it. */
    private static final Instant NIGHT = Instant.parse("2026-12-14T22:00:00Z");

    private static final Catalog CATALOG =
            new Catalog(
                    List.of(
                            endpoint("ep_customer", "GET", "/customers/{id}"),
                            endpoint("ep_orders", "POST", "/orders")));

    private static final Admission STANDARD = new Admission.Admitted(CredentialKind.STANDARD);
    private static final Admission UNRESTRICTED =
            new Admission.Admitted(CredentialKind.ADMIN_UNRESTRICTED);

    private final AtomicInteger rateAsked = new AtomicInteger();

    private RateCheck within() {
        return () -> {
            rateAsked.incrementAndGet();
            return new RateCheck.Within();
        };
    }

    private RateCheck exceeded() {
        return () -> {
            rateAsked.incrementAndGet();
            return new RateCheck.Exceeded(Duration.ofSeconds(7));
        };
    }

    private static RelayFacts facts(
            boolean kill,
            Admission admission,
            List<Policy> policies,
            String method,
            String raw,
            Instant at) {
        return new RelayFacts(
                kill, admission, policies, Schedule.DEFAULT, CATALOG, method, raw, at);
    }

    private Decision.Deny denied(RelayFacts facts, RateCheck rate) {
        Decision d = RelayDecision.decide(facts, rate);
        assertThat(d).isInstanceOf(Decision.Deny.class);
        return (Decision.Deny) d;
    }

    private static final Policy READ = policy("pol_read", false, "GET /customers/*");
    private static final Policy EXEMPT = policy("pol_night", true, "GET /customers/{id}");

    @Test
    void aGrantedRequestInsideTheScheduleIsAllowedWithItsGrant() {
        Decision d =
                RelayDecision.decide(
                        facts(false, STANDARD, List.of(READ), "GET", "/customers/42", OPEN),
                        within());
        Decision.Allow allow = (Decision.Allow) d;
        assertThat(allow.endpoint().id()).isEqualTo("ep_customer");
        assertThat(allow.grant().policy().id()).isEqualTo("pol_read");
        assertThat(allow.grant().policy().version()).isEqualTo(3);
        assertThat(allow.grant().rule().toString()).isEqualTo("GET /customers/*");
        assertThat(allow.path().upstreamPath()).isEqualTo("/customers/42");
        assertThat(rateAsked).hasValue(1);
    }

    @Test
    void theKillSwitchDeniesEvenTheExemptAndTheUnrestricted() {
        for (Admission a :
                List.of(STANDARD, UNRESTRICTED, new Admission.Refused("token_unknown"))) {
            Decision.Deny d =
                    denied(facts(true, a, List.of(EXEMPT), "GET", "/customers/1", NIGHT), within());
            assertThat(d.reason()).isEqualTo(DenyReason.KILL_SWITCH_ENGAGED);
            assertThat(d.reason().status()).isEqualTo(503);
        }
        assertThat(rateAsked).hasValue(0);
    }

    @Test
    void aRefusedAdmissionIsUnauthorizedWithItsTrueReasonBeforeThePathIsRead() {
        Decision.Deny d =
                denied(
                        facts(
                                false,
                                new Admission.Refused("ip_not_allowed"),
                                List.of(READ),
                                "GET",
                                "/a/../b",
                                OPEN),
                        within());
        assertThat(d.reason()).isEqualTo(DenyReason.UNAUTHORIZED);
        assertThat(d.reason().code()).isEqualTo("unauthorized");
        assertThat(d.detail()).isEqualTo("ip_not_allowed");
    }

    @Test
    void aNonCanonicalPathIsRefusedBeforeTheCatalog() {
        Decision.Deny d =
                denied(
                        facts(false, UNRESTRICTED, List.of(), "GET", "/customers/%2e%2e", OPEN),
                        within());
        assertThat(d.reason()).isEqualTo(DenyReason.INVALID_PATH);
        assertThat(d.detail()).isEqualTo("encoded_dot");
        assertThat(d.endpoint()).isNull();
    }

    @Test
    void anUnknownEndpointFailsClosedEvenForTheUnrestricted() {
        Decision.Deny d =
                denied(
                        facts(false, UNRESTRICTED, List.of(), "DELETE", "/customers/1", OPEN),
                        within());
        assertThat(d.reason()).isEqualTo(DenyReason.UNKNOWN_ENDPOINT);
        assertThat(d.reason().status()).isEqualTo(404);
    }

    @Test
    void withoutAGrantingRuleTheRequestIsDenied() {
        Decision.Deny d =
                denied(facts(false, STANDARD, List.of(READ), "POST", "/orders", OPEN), within());
        assertThat(d.reason()).isEqualTo(DenyReason.POLICY_DENIED);
        assertThat(d.endpoint().id()).isEqualTo("ep_orders");
        Decision.Deny none =
                denied(facts(false, STANDARD, List.of(), "GET", "/customers/1", OPEN), within());
        assertThat(none.reason()).isEqualTo(DenyReason.POLICY_DENIED);
        assertThat(rateAsked).hasValue(0);
    }

    @Test
    void theUnrestrictedNeedNoPolicy() {
        Decision d =
                RelayDecision.decide(
                        facts(false, UNRESTRICTED, List.of(), "POST", "/orders", OPEN), within());
        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) d).grant()).isNull();
    }

    @Test
    void outsideTheScheduleTheDenialNamesTheNextWindow() {
        Decision.Deny d =
                denied(
                        facts(false, STANDARD, List.of(READ), "GET", "/customers/1", NIGHT),
                        within());
        assertThat(d.reason()).isEqualTo(DenyReason.OUTSIDE_SCHEDULE);
        assertThat(d.nextWindowStart().toInstant())
                .isEqualTo(Instant.parse("2026-12-15T06:00:00Z"));
        assertThat(d.grant().policy().id()).isEqualTo("pol_read");
        assertThat(rateAsked).hasValue(0);
    }

    @Test
    void anExemptPolicyIsAllowedAtThreeInTheMorning() {
        Decision d =
                RelayDecision.decide(
                        facts(false, STANDARD, List.of(READ, EXEMPT), "GET", "/customers/1", NIGHT),
                        within());
        assertThat(d).isInstanceOf(Decision.Allow.class);
        assertThat(((Decision.Allow) d).grant().policy().id()).isEqualTo("pol_night");
    }

    @Test
    void anExemptPolicyThatDoesNotGrantTheRequestDoesNotLiftTheSchedule() {
        Policy exemptElsewhere = policy("pol_other", true, "POST /orders");
        Decision.Deny d =
                denied(
                        facts(
                                false,
                                STANDARD,
                                List.of(READ, exemptElsewhere),
                                "GET",
                                "/customers/1",
                                NIGHT),
                        within());
        assertThat(d.reason()).isEqualTo(DenyReason.OUTSIDE_SCHEDULE);
    }

    @Test
    void theUnrestrictedAreBoundByTheScheduleUnlessAGrantingPolicyIsExempt() {
        assertThat(
                        denied(
                                        facts(
                                                false,
                                                UNRESTRICTED,
                                                List.of(),
                                                "GET",
                                                "/customers/1",
                                                NIGHT),
                                        within())
                                .reason())
                .isEqualTo(DenyReason.OUTSIDE_SCHEDULE);
        assertThat(
                        RelayDecision.decide(
                                facts(
                                        false,
                                        UNRESTRICTED,
                                        List.of(EXEMPT),
                                        "GET",
                                        "/customers/1",
                                        NIGHT),
                                within()))
                .isInstanceOf(Decision.Allow.class);
    }

    @Test
    void theRateLimitIsAskedLastAndOnce() {
        Decision.Deny d =
                denied(
                        facts(false, STANDARD, List.of(READ), "GET", "/customers/1", OPEN),
                        exceeded());
        assertThat(d.reason()).isEqualTo(DenyReason.RATE_LIMITED);
        assertThat(d.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(d.reason().status()).isEqualTo(429);
        assertThat(rateAsked).hasValue(1);
    }

    @Test
    void theFirstGrantingPolicyInTheGivenOrderIsReported() {
        Policy credentialLevel = policy("pol_cred", false, "GET /customers/1");
        Decision.Allow allow =
                (Decision.Allow)
                        RelayDecision.decide(
                                facts(
                                        false,
                                        STANDARD,
                                        List.of(credentialLevel, READ),
                                        "GET",
                                        "/customers/1",
                                        OPEN),
                                within());
        assertThat(allow.grant().policy().id()).isEqualTo("pol_cred");
    }
}
