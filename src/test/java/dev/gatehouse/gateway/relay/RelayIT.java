package dev.gatehouse.gateway.relay;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * {@code ANY /gateway/v1/erp/{path…}} end to end on a real node and a recording upstream: one test
 * per answer of the relay (200 relayed, 401, 400, 404, 403 policy, 403 schedule, 429, 503), each
 * refusal audited with its reason and the checks it passed, nothing refused reaching the upstream,
 * and no client credential forwarded.
 */
class RelayIT {

    static TestNode node;
    static JdbcClient owner;
    static FakeUpstream erp;

    Tenancy.TestTenant tenant;
    AccessFixture.Issued credential;
    String token;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        erp = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        erp.close();
    }

    @BeforeEach
    void tenantWithUpstreamCatalogCredentialAndPolicy() {
        tenant = Tenancy.newTenant(node);
        admin(
                "PUT",
                "/v1/gateway/upstream",
                Http.json("base_url", erp.url("/erp"), "auth", Map.of("type", "none")),
                200);
        admin(
                "POST",
                "/v1/gateway/endpoints",
                Http.json("method", "GET", "path_template", "/customers/{id}"),
                201);
        admin(
                "POST",
                "/v1/gateway/endpoints",
                Http.json("method", "POST", "path_template", "/orders"),
                201);
        credential = AccessFixture.credential(node, tenant.adminKey());
        policy(List.of(Map.of("method", "GET", "path", "/customers/*")), true);
        token = AccessFixture.exchange(node, credential);
        erp.clear();
    }

    @Test
    void aGrantedRequestIsRelayedWithoutTheClientsCredentials() {
        Http.Response r = relay("GET", "/customers/42?expand=orders", token, credential.xApiKey());

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("\"ok\":true");
        FakeUpstream.Recorded got = erp.requests("/erp/customers/42").getFirst();
        assertThat(got.rawQuery()).isEqualTo("expand=orders");
        assertThat(got.has("authorization")).isFalse();
        assertThat(got.has("x-api-key")).isFalse();
        assertThat(got.header("x-request-id")).isEqualTo(r.header("X-Request-Id"));
        assertThat(got.header("x-forwarded-for")).isNotBlank();
        JsonNode event = event(r);
        assertThat(event.get("action").asString()).isEqualTo("gateway.relay.allowed");
        assertThat(event.toString())
                .contains("\"endpoint\"")
                .contains("/customers/{id}")
                .contains("\"policy\"")
                .doesNotContain(token)
                .doesNotContain(credential.xApiKey());
    }

    @Test
    void anUnknownTokenIs401AndAuditedAsAPlatformEvent() {
        Http.Response r = relay("GET", "/customers/42", "gwt_" + "x".repeat(43), "gwk_nothing");

        assertProblem(r, 401, "unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(reason(r)).isEqualTo("unknown_token");
        assertThat(erp.requests()).isEmpty();
    }

    @Test
    void aWrongApiKeyIs401WithItsTrueReasonInTheAuditOnly() {
        Http.Response r = relay("GET", "/customers/42", token, "gwk_" + "y".repeat(40));

        assertProblem(r, 401, "unauthorized");
        assertThat(r.body()).doesNotContain("api_key");
        assertThat(reason(r)).isEqualTo("wrong_api_key");
        assertThat(erp.requests()).isEmpty();
    }

    @Test
    void aPathWithDotSegmentsIsRefusedNotNormalized() {
        Http.Response r = relay("GET", "/customers/7/../42", token, credential.xApiKey());

        assertProblem(r, 400, "invalid_path");
        assertThat(reason(r)).isEqualTo("invalid_path");
        assertThat(erp.requests()).isEmpty();
    }

    @Test
    void anEndpointOutsideTheCatalogIs404() {
        Http.Response r = relay("GET", "/invoices/1", token, credential.xApiKey());

        assertProblem(r, 404, "unknown_endpoint");
        assertThat(erp.requests()).isEmpty();
    }

    @Test
    void aCatalogEndpointNoPolicyGrantsIs403() {
        Http.Response r = relay("POST", "/orders", token, credential.xApiKey());

        assertProblem(r, 403, "policy_denied");
        assertThat(reason(r)).isEqualTo("policy_denied");
        assertThat(erp.requests()).isEmpty();
    }

    @Test
    void outsideTheScheduleIs403WithTheNextWindow() {
        // A window on one day that is not today (UTC), so now is outside it whatever the hour.
        DayOfWeek open =
                ZonedDateTime.now(node.bean(Clock.class).withZone(ZoneOffset.UTC))
                        .getDayOfWeek()
                        .plus(3);
        admin(
                "PUT",
                "/v1/gateway/schedule",
                Http.json(
                        "timezone",
                        "UTC",
                        "days",
                        List.of(open.name().substring(0, 3)),
                        "start",
                        "09:00",
                        "end",
                        "17:00",
                        "enabled",
                        true),
                200);
        policy(List.of(Map.of("method", "POST", "path", "/orders")), false);

        Http.Response r = relay("POST", "/orders", token, credential.xApiKey());

        assertProblem(r, 403, "outside_schedule");
        assertThat(r.json().get("next_window_start").asString()).contains("T09:00");
        assertThat(erp.requests()).isEmpty();
        // The exempt policy still grants its own endpoints at the same moment.
        assertThat(relay("GET", "/customers/1", token, credential.xApiKey()).status())
                .isEqualTo(200);
    }

    @Test
    void overTheCredentialsRateLimitIs429WithRetryAfter() {
        AccessFixture.Issued slow =
                AccessFixture.credentialFor(
                        node,
                        tenant.adminKey(),
                        credential.accountId(),
                        credential.actorId(),
                        Map.of("rate_limit_per_minute", 1));
        String slowToken = AccessFixture.exchange(node, slow);

        assertThat(relay("GET", "/customers/1", slowToken, slow.xApiKey()).status()).isEqualTo(200);
        Http.Response r = relay("GET", "/customers/1", slowToken, slow.xApiKey());

        assertProblem(r, 429, "rate_limited");
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
        assertThat(erp.requests()).hasSize(1);
    }

    @Test
    void theKillSwitchStopsEveryRelayWhileTheAdministrationKeepsWorking() {
        admin("PUT", "/v1/gateway/kill-switch", Http.json("engaged", true, "reason", "drill"), 200);

        Http.Response r = relay("GET", "/customers/42", token, credential.xApiKey());

        assertProblem(r, 503, "kill_switch_engaged");
        assertThat(reason(r)).isEqualTo("kill_switch_engaged");
        assertThat(erp.requests()).isEmpty();
        admin("GET", "/v1/gateway/policies", null, 200);
        admin("PUT", "/v1/gateway/kill-switch", Http.json("engaged", false), 200);
        assertThat(relay("GET", "/customers/42", token, credential.xApiKey()).status())
                .isEqualTo(200);
    }

    @Test
    void aRevokedCredentialSetIsRefusedOnTheNextRequest() {
        assertThat(relay("GET", "/customers/1", token, credential.xApiKey()).status())
                .isEqualTo(200);
        admin("POST", "/v1/gateway/credentials/" + credential.id() + ":revoke", null, 200);

        Http.Response r = relay("GET", "/customers/1", token, credential.xApiKey());

        assertProblem(r, 401, "unauthorized");
        // Revoking a set revokes its tokens too, and the token is checked first.
        assertThat(reason(r)).isEqualTo("revoked_token");
        assertThat(erp.requests()).hasSize(1);
    }

    @Test
    void anExplanationGivesTheRelaysDecisionWithoutRelayingOrSpending() {
        Http.Response allowed =
                node.http()
                        .post(
                                "/v1/gateway/decisions:explain",
                                tenant.adminKey(),
                                Http.json(
                                        "credential_id",
                                        credential.id(),
                                        "method",
                                        "GET",
                                        "path",
                                        "/customers/42"));
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        JsonNode yes = allowed.json();
        assertThat(yes.get("decision").asString()).isEqualTo("allow");
        assertThat(yes.get("endpoint_template").asString()).isEqualTo("/customers/{id}");
        assertThat(yes.get("policy_id").asString()).startsWith("pol_");
        assertThat(yes.get("checks").get(1).get("result").asString()).isEqualTo("skip");

        JsonNode no =
                node.http()
                        .post(
                                "/v1/gateway/decisions:explain",
                                tenant.adminKey(),
                                Http.json(
                                        "credential_id",
                                        credential.id(),
                                        "method",
                                        "POST",
                                        "path",
                                        "/orders"))
                        .json();
        assertThat(no.get("decision").asString()).isEqualTo("deny");
        assertThat(no.get("status").asInt()).isEqualTo(403);
        assertThat(no.get("code").asString()).isEqualTo("policy_denied");
        assertThat(erp.requests()).isEmpty();

        assertProblem(
                node.http()
                        .post(
                                "/v1/gateway/decisions:explain",
                                tenant.adminKey(),
                                Http.json(
                                        "credential_id",
                                        "cred_nothing",
                                        "method",
                                        "GET",
                                        "path",
                                        "/customers/1")),
                404,
                "not_found");
        assertProblem(
                node.http()
                        .post(
                                "/v1/gateway/decisions:explain",
                                tenant.adminKey(),
                                Http.json("method", "GET", "path", "customers")),
                400,
                "invalid_request");
        // Another tenant's credential set is not found.
        assertProblem(
                node.http()
                        .post(
                                "/v1/gateway/decisions:explain",
                                Tenancy.newTenant(node).adminKey(),
                                Http.json(
                                        "credential_id",
                                        credential.id(),
                                        "method",
                                        "GET",
                                        "path",
                                        "/customers/1")),
                404,
                "not_found");
    }

    private Http.Response relay(String method, String path, String bearer, String key) {
        return node.http()
                .send(
                        method,
                        "/gateway/v1/erp" + path,
                        null,
                        method.equals("POST") ? "{}" : null,
                        Map.of("Authorization", "Bearer " + bearer, "x-api-key", key));
    }

    private void policy(List<Map<String, String>> rules, boolean exempt) {
        admin(
                "POST",
                "/v1/gateway/policies",
                Http.json(
                        "name",
                        "Partner " + System.nanoTime(),
                        "account_id",
                        credential.accountId(),
                        "rules",
                        rules,
                        "schedule_exempt",
                        exempt),
                201);
    }

    private void admin(String method, String path, String body, int expected) {
        Http.Response r = node.http().send(method, path, tenant.adminKey(), body, Map.of());
        assertThat(r.status()).as("%s %s: %s", method, path, r.body()).isEqualTo(expected);
    }

    private static String reason(Http.Response r) {
        return owner.sql(
                        "select coalesce(reason, '') from audit_events where ref = ? and action"
                                + " like 'gateway.relay.%'")
                .param(r.header("X-Request-Id"))
                .query(String.class)
                .single();
    }

    private static JsonNode event(Http.Response r) {
        return JsonMapper.builder()
                .build()
                .readTree(
                        owner.sql(
                                        "select row_to_json(a)::text from audit_events a where ref"
                                                + " = ? and action like 'gateway.relay.%'")
                                .param(r.header("X-Request-Id"))
                                .query(String.class)
                                .single());
    }
}
