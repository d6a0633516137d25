package dev.gatehouse.gateway.access;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code POST /gateway/v1/token} on its own node, which trusts the loopback proxy so each test can
 * speak from its own client address ({@code X-Forwarded-For}) and keep its own per-IP budget; and
 * the relay's credential checks ({@link GatewayCallers}) on the tokens it issues.
 */
class TokenExchangeIT {

    static final AtomicInteger ADDRESSES = new AtomicInteger();

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;
    static CapturedLogs logs;
    static JdbcClient owner;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("TRUSTED_PROXIES", "127.0.0.1/32,::1/128"));
        logs = CapturedLogs.start();
        http = node.http();
        tenant = Tenancy.newTenant(node);
        owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    @AfterAll
    static void stop() {
        logs.close();
        node.close();
    }

    /** A client address of its own: 198.18.0.0/15 is for benchmarks and tests. */
    /** The node's own clock: expiries are judged by it. */
    static Instant now() {
        return node.bean(Clock.class).instant();
    }

    static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (1 + n % 250);
    }

    static Http.Response token(String authorization, String key, String from) {
        return AccessFixture.token(http, authorization, key, Map.of("X-Forwarded-For", from));
    }

    static Http.Response token(AccessFixture.Issued c, String from) {
        return token(AccessFixture.basic(c.clientId(), c.apiPassword()), c.xApiKey(), from);
    }

    static CallerCheck check(String token, String key, String ip) {
        return node.bean(GatewayCallers.class).check(token, key, ip);
    }

    static String reasonOf(Http.Response r) {
        return owner.sql(
                        "select coalesce(reason, '') from audit_events where ref = ? and action"
                                + " like 'gateway.token.%'")
                .param(r.header("X-Request-Id"))
                .query(String.class)
                .single();
    }

    @Test
    void aCredentialSetGetsABearerTokenThatPassesTheRelayChecks() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        String from = newAddress();

        Http.Response r = token(c, from);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        JsonNode body = r.json();
        String token = body.get("access_token").asString();
        assertThat(token).startsWith("gwt_").hasSize(47);
        assertThat(body.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(reasonOf(r)).isEmpty();
        assertThat(check(token, c.xApiKey(), from))
                .isInstanceOfSatisfying(
                        CallerCheck.Allowed.class,
                        a -> {
                            assertThat(a.caller().credentialPublicId()).isEqualTo(c.id());
                            assertThat(a.caller().actorPublicId()).isEqualTo(c.actorId());
                            assertThat(a.caller().accountPublicId()).isEqualTo(c.accountId());
                            assertThat(a.caller().tenantPublicId()).isEqualTo(tenant.id());
                            assertThat(a.caller().tokenPublicId()).startsWith("tok_");
                            assertThat(a.caller().rateLimitPerMinute()).isEqualTo(600);
                            assertThat(a.caller().unrestricted()).isFalse();
                        });
    }

    @Test
    void aTokenNeverOutlivesItsCredentialSet() {
        AccessFixture.Issued c =
                AccessFixture.credential(
                        node,
                        tenant.adminKey(),
                        Map.of("expires_at", now().plusSeconds(600).toString()));

        Http.Response r = token(c, newAddress());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("expires_in").asLong()).isBetween(590L, 600L);
    }

    @Test
    void theRelayChecksRefuseWithTheTrueReason() throws Exception {
        AccessFixture.Issued c =
                AccessFixture.credential(
                        node,
                        tenant.adminKey(),
                        Map.of(
                                "allowed_ips",
                                List.of("198.18.0.0/15"),
                                "rate_limit_per_minute",
                                42,
                                "expires_at",
                                now().plusSeconds(4).toString()));
        String from = newAddress();
        Http.Response issued = token(c, from);
        assertThat(issued.status()).isEqualTo(200);
        String token = issued.json().get("access_token").asString();
        AccessFixture.Issued stranger = AccessFixture.credential(node, tenant.adminKey());

        assertThat(check(token, c.xApiKey(), from))
                .isInstanceOfSatisfying(
                        CallerCheck.Allowed.class,
                        a -> assertThat(a.caller().rateLimitPerMinute()).isEqualTo(42));
        assertRefused(check("gwt_" + "A".repeat(43), c.xApiKey(), from), Refusal.UNKNOWN_TOKEN);
        assertRefused(check("not a token", c.xApiKey(), from), Refusal.UNKNOWN_TOKEN);
        assertRefused(check(token, null, from), Refusal.WRONG_API_KEY);
        assertRefused(check(token, stranger.xApiKey(), from), Refusal.WRONG_API_KEY);
        assertRefused(check(token, c.xApiKey(), "203.0.113.9"), Refusal.IP_NOT_ALLOWED);
        Thread.sleep(4_100);
        assertRefused(check(token, c.xApiKey(), from), Refusal.EXPIRED_TOKEN);
    }

    static void assertRefused(CallerCheck check, Refusal reason) {
        assertThat(check)
                .isInstanceOfSatisfying(
                        CallerCheck.Refused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    @Test
    void everyFailureIsTheSame401AndTheAuditKnowsWhy() {
        String key = tenant.adminKey();
        AccessFixture.Issued good = AccessFixture.credential(node, key);
        AccessFixture.Issued revoked = AccessFixture.credential(node, key);
        http.post("/v1/gateway/credentials/" + revoked.id() + ":revoke", key, null);
        AccessFixture.Issued disabled = AccessFixture.credential(node, key);
        http.patch(
                "/v1/gateway/actors/" + disabled.actorId(), key, Http.json("status", "disabled"));
        AccessFixture.Issued suspended = AccessFixture.credential(node, key);
        http.patch(
                "/v1/gateway/accounts/" + suspended.accountId(),
                key,
                Http.json("status", "suspended"));
        AccessFixture.Issued fenced =
                AccessFixture.credential(node, key, Map.of("allowed_ips", List.of("192.0.2.0/24")));
        Tenancy.TestTenant gone = Tenancy.newTenant(node);
        AccessFixture.Issued ofSuspendedTenant = AccessFixture.credential(node, gone.adminKey());
        http.patch(
                "/v1/tenants/" + gone.id(), node.operatorKey(), Http.json("status", "suspended"));

        Map<String, Http.Response> answers = new LinkedHashMap<>();
        Map<String, String> expected = new LinkedHashMap<>();
        String basicGood = AccessFixture.basic(good.clientId(), good.apiPassword());
        put(
                answers,
                expected,
                "unknown_client",
                token(
                        AccessFixture.basic("gwc_0000000000000000000000000a", good.apiPassword()),
                        good.xApiKey(),
                        newAddress()));
        put(
                answers,
                expected,
                "wrong_password",
                token(
                        AccessFixture.basic(good.clientId(), "gwp_" + "x".repeat(43)),
                        good.xApiKey(),
                        newAddress()));
        put(
                answers,
                expected,
                "wrong_api_key",
                token(basicGood, "gwk_" + "y".repeat(43), newAddress()));
        put(answers, expected, "wrong_api_key", token(basicGood, null, newAddress()));
        put(answers, expected, "malformed_credentials", token(null, good.xApiKey(), newAddress()));
        put(
                answers,
                expected,
                "malformed_credentials",
                token("Bearer " + good.apiPassword(), good.xApiKey(), newAddress()));
        put(
                answers,
                expected,
                "malformed_credentials",
                token("Basic ***not-base64***", good.xApiKey(), newAddress()));
        put(answers, expected, "credential_revoked", token(revoked, newAddress()));
        put(answers, expected, "actor_disabled", token(disabled, newAddress()));
        put(answers, expected, "account_suspended", token(suspended, newAddress()));
        put(answers, expected, "ip_not_allowed", token(fenced, newAddress()));
        put(answers, expected, "tenant_suspended", token(ofSuspendedTenant, newAddress()));

        String reference = null;
        for (Map.Entry<String, Http.Response> e : answers.entrySet()) {
            Http.Response r = e.getValue();
            assertProblem(r, 401, "unauthorized");
            assertThat(r.header("WWW-Authenticate"))
                    .as(e.getKey())
                    .isEqualTo("Basic realm=\"gateway\"");
            ObjectNode body = (ObjectNode) r.json();
            body.remove("ref");
            if (reference == null) {
                reference = body.toString();
            }
            assertThat(body.toString()).as(e.getKey()).isEqualTo(reference);
            assertThat(reasonOf(r)).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
        }
        assertThat(token(good, newAddress()).status()).isEqualTo(200);
    }

    private static void put(
            Map<String, Http.Response> answers,
            Map<String, String> expected,
            String reason,
            Http.Response r) {
        String label = reason + "#" + answers.size();
        answers.put(label, r);
        expected.put(label, reason);
    }

    @Test
    void anUnknownClientAndAWrongPasswordTakeTheSameTime() {
        String key = tenant.adminKey();
        List<AccessFixture.Issued> sets = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sets.add(AccessFixture.credential(node, key));
        }
        List<Long> unknown = new ArrayList<>();
        List<Long> wrong = new ArrayList<>();
        int samples = 24;
        for (int i = 0; i < samples + 4; i++) {
            AccessFixture.Issued c = sets.get(i % sets.size());
            long a =
                    timed(
                            AccessFixture.basic(
                                    "gwc_" + String.format("%026d", i).replace('0', 'a'),
                                    c.apiPassword()),
                            c.xApiKey());
            long b = timed(AccessFixture.basic(c.clientId(), "gwp_" + "z".repeat(43)), c.xApiKey());
            if (i >= 4) { // the first few warm both paths up
                unknown.add(a);
                wrong.add(b);
            }
        }
        double ratio = (double) median(unknown) / median(wrong);
        assertThat(ratio)
                .as("median unknown %s ns / wrong password %s ns", median(unknown), median(wrong))
                .isBetween(0.5, 2.0);
    }

    private static long timed(String authorization, String apiKey) {
        long start = System.nanoTime();
        Http.Response r = token(authorization, apiKey, newAddress());
        long took = System.nanoTime() - start;
        assertThat(r.status()).isEqualTo(401);
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    @Test
    void aClientIdIsThrottledAfterItsBudget() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        String wrong = AccessFixture.basic(c.clientId(), "gwp_" + "w".repeat(43));
        Http.Response last = null;
        int answered401 = 0;
        for (int i = 0; i < TokenExchange.PER_CLIENT_PER_MINUTE + 10; i++) {
            last = token(wrong, c.xApiKey(), newAddress());
            if (last.status() == 429) {
                break;
            }
            answered401++;
        }
        assertProblem(last, 429, "rate_limited");
        assertThat(Long.parseLong(last.header("Retry-After"))).isPositive();
        assertThat(answered401)
                .isBetween(
                        TokenExchange.PER_CLIENT_PER_MINUTE,
                        // the bucket refills one token every 2 s while Argon2 runs
                        TokenExchange.PER_CLIENT_PER_MINUTE + 9);
    }

    @Test
    void anAddressIsThrottledAfterItsBudget() {
        String from = newAddress();
        Http.Response last = null;
        int answered401 = 0;
        for (int i = 0; i < TokenExchange.PER_IP_PER_MINUTE + 15; i++) {
            last = token(null, null, from);
            if (last.status() == 429) {
                break;
            }
            answered401++;
        }
        assertProblem(last, 429, "rate_limited");
        assertThat(last.header("Retry-After")).isNotNull();
        assertThat(answered401)
                .isBetween(TokenExchange.PER_IP_PER_MINUTE, TokenExchange.PER_IP_PER_MINUTE + 14);
    }

    @Test
    void plantedSecretsNeverReachTheAuditTrailOrTheLogs() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        String token = AccessFixture.exchange(node, c);
        token(
                AccessFixture.basic(c.clientId(), c.apiPassword()),
                "gwk_" + "q".repeat(43),
                newAddress());
        token(AccessFixture.basic(c.clientId(), c.xApiKey()), c.apiPassword(), newAddress());
        token(AccessFixture.basic(c.apiPassword(), c.xApiKey()), token, newAddress());
        token("Basic " + c.apiPassword(), c.xApiKey(), newAddress());
        JsonNode rotated =
                http.post("/v1/gateway/credentials/" + c.id() + ":rotate", tenant.adminKey(), "{}")
                        .json();
        check(token, c.xApiKey(), "198.18.0.1");
        List<String> planted =
                List.of(
                        c.apiPassword(),
                        c.xApiKey(),
                        token,
                        rotated.get("api_password").asString(),
                        rotated.get("x_api_key").asString());

        List<String> rows =
                owner.sql("select a::text from audit_events a where action like 'gateway.%'")
                        .query(String.class)
                        .list();
        assertThat(rows).anyMatch(r -> r.contains("gateway.token.issued"));
        assertThat(rows).anyMatch(r -> r.contains("[redacted]"));
        List<String> logLines = new ArrayList<>(logs.events());
        logLines.addAll(logs.consoleLines());
        assertThat(logLines).isNotEmpty();
        for (String secret : planted) {
            assertThat(rows).noneMatch(r -> r.contains(secret));
            assertThat(logLines).noneMatch(l -> l.contains(secret));
        }
        List<String> stored =
                owner.sql("select c::text from gateway_credentials c").query(String.class).list();
        stored.addAll(owner.sql("select t::text from gateway_tokens t").query(String.class).list());
        for (String secret : planted) {
            assertThat(stored).noneMatch(r -> r.contains(secret));
        }
    }

    @Test
    void lastUseIsRecordedWithoutAWritePerUse() {
        AccessFixture.Issued c = AccessFixture.credential(node, tenant.adminKey());
        AccessFixture.exchange(node, c);

        node.bean(CredentialLastUse.class).flush();

        JsonNode shown =
                http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", tenant.adminKey())
                        .json()
                        .get("data")
                        .get(0);
        assertThat(shown.get("last_used_at").isNull()).isFalse();
    }
}
