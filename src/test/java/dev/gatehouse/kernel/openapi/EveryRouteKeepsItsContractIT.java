package dev.gatehouse.kernel.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.dns.CredentialBodies;
import dev.gatehouse.gateway.controls.HolderFixture;
import dev.gatehouse.testing.ApiContract;
import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every operation of the OpenAPI document, walked through its success and main refusals on a real
 * node (with the project's BIND for {@code apply}); {@link Http} checks each exchange against the
 * document ({@link ApiContract}), and the last test fails if an operation went uncalled, so a new
 * route joins the walk.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryRouteKeepsItsContractIT {

    private static final Set<String> CALLED = ConcurrentHashMap.newKeySet();
    private static TestNode node;
    private static Bind bind;
    private static String key;
    private static String operator;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        node = BindNode.shared();
        operator = node.operatorKey();
        key = Tenancy.newTenant(node).adminKey();
    }

    private static Http.Response call(
            String method, String path, String credential, String json, Map<String, String> h) {
        CALLED.add(method + " " + path.split("\\?", 2)[0]);
        return node.http().send(method, path, credential, json, h);
    }

    private static Http.Response call(String method, String path, String credential, String json) {
        return call(method, path, credential, json, Map.of());
    }

    private static void expect(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    @Test
    void keysWhoamiAndAudit() {
        expect(call("GET", "/v1/whoami", key, null), 200);
        expect(call("GET", "/v1/whoami", null, null), 401);
        Http.Response created =
                call(
                        "POST",
                        "/v1/api-keys",
                        key,
                        Http.json(
                                "name",
                                "reader",
                                "scopes",
                                List.of("apps:read"),
                                "expires_at",
                                "2030-01-01T00:00:00Z"));
        expect(created, 201);
        String id = created.json().get("id").asString();
        String reader = created.json().get("key").asString();
        expect(call("POST", "/v1/api-keys", key, Http.json("name", "x")), 400);
        expect(call("GET", "/v1/api-keys?limit=5", key, null), 200);
        expect(call("GET", "/v1/api-keys?limit=0", key, null), 400);
        expect(call("GET", "/v1/api-keys/" + id, key, null), 200);
        expect(call("GET", "/v1/api-keys/" + id, reader, null), 403);
        expect(call("DELETE", "/v1/api-keys/" + id, key, null), 204);
        expect(call("GET", "/v1/api-keys/key_nothing", key, null), 404);
        expect(call("GET", "/v1/audit-events?limit=5", key, null), 200);
        expect(call("GET", "/v1/audit-events?decision=maybe", key, null), 400);
        expect(call("GET", "/v1/audit-events/verify", key, null), 200);
        expect(call("GET", "/v1/audit-events/export?action=api_key.created", key, null), 200);
    }

    @Test
    void tenants() {
        Http.Response created =
                call(
                        "POST",
                        "/v1/tenants",
                        operator,
                        Http.json(
                                "name",
                                "Contract " + System.nanoTime(),
                                "owner_email",
                                "owner" + System.nanoTime() + "@example.com"));
        expect(created, 201);
        String id = created.json().get("tenant").get("id").asString();
        String slug = created.json().get("tenant").get("slug").asString();
        expect(
                call("POST", "/v1/tenants", operator, Http.json("name", "Again", "slug", slug)),
                409);
        expect(call("POST", "/v1/tenants", key, Http.json("name", "Not mine")), 403);
        expect(call("GET", "/v1/tenants/" + id, operator, null), 200);
        expect(call("GET", "/v1/tenants/ten_nothing", operator, null), 404);
        expect(
                call(
                        "PATCH",
                        "/v1/tenants/" + id,
                        operator,
                        Http.json("plan", "team", "max_connections", 5)),
                200);
        expect(call("PATCH", "/v1/tenants/" + id, operator, Http.json("colour", "red")), 400);
    }

    @Test
    void applicationsConnectionsCredentialsWidgetAndWebhooks() {
        String origin = "https://contract-" + System.nanoTime() + ".example.net";
        Http.Response app =
                call(
                        "POST",
                        "/v1/applications",
                        key,
                        Http.json(
                                "name",
                                "Walk",
                                "target",
                                Map.of("cname", "edge.example.net"),
                                "origin",
                                origin,
                                "allowed_origins",
                                List.of(origin),
                                "webhook_url",
                                "https://hooks.example.net/walk"));
        expect(app, 201);
        String a = "/v1/applications/" + app.json().get("id").asString();
        expect(call("POST", "/v1/applications", key, Http.json("name", "No target")), 400);
        expect(call("GET", "/v1/applications?limit=2", key, null), 200);
        expect(call("GET", a, key, null), 200);
        expect(call("GET", "/v1/applications/app_nothing", key, null), 404);
        expect(call("PATCH", a, key, Http.json("name", "Walked", "status", "active")), 200);
        expect(call("PATCH", a, key, Http.json("status", "paused")), 400);
        expect(call("POST", a + "/webhook-secret:rotate", key, null), 200);

        String host = "walk-" + System.nanoTime() + ".example.com";
        Http.Response conn =
                call(
                        "POST",
                        a + "/connections",
                        key,
                        Http.json("hostname", host, "end_user_ref", "c-1"));
        expect(conn, 201);
        expect(call("POST", a + "/connections", key, Http.json("hostname", host)), 200);
        expect(call("POST", a + "/connections", key, Http.json("hostname", "*.example.com")), 400);
        expect(
                call(
                        "POST",
                        a + "/connections:bulk",
                        key,
                        "{\"connections\": [{\"hostname\": \""
                                + host
                                + "\"}, {\"hostname\": \"*.example.com\"}]}"),
                200);
        expect(call("POST", a + "/connections:bulk", key, "{\"connections\": []}"), 400);
        String c = a + "/connections/" + conn.json().get("id").asString();
        expect(call("GET", a + "/connections?status=pending", key, null), 200);
        expect(call("GET", a + "/connections?status=sleeping", key, null), 400);
        expect(call("GET", c, key, null), 200);
        expect(call("POST", c + "/verify", key, null), 200);

        Http.Response credential =
                call(
                        "POST",
                        "/v1/dns-credentials",
                        key,
                        Http.json(
                                CredentialBodies.flatten(CredentialBodies.rfc2136(bind, "Walk"))));
        expect(credential, 201);
        String cred = credential.json().get("id").asString();
        expect(call("POST", "/v1/dns-credentials", key, Http.json("name", "x")), 400);
        expect(call("GET", "/v1/dns-credentials", key, null), 200);
        expect(
                call("POST", c + "/apply", key, Http.json("dns_credential_id", "dnscred_none")),
                404);
        Http.Response applied =
                call("POST", c + "/apply", key, Http.json("dns_credential_id", cred));
        expect(applied, 200);

        Http.Response token =
                call("POST", a + "/widget-tokens", key, Http.json("ttl_seconds", 600));
        expect(token, 201);
        expect(call("POST", a + "/widget-tokens", key, Http.json("ttl_seconds", 5)), 400);
        String jwt = token.json().get("token").asString();
        Map<String, String> page = Map.of("Origin", origin);
        expect(call("GET", "/widget/v1/session", jwt, null, page), 200);
        expect(call("GET", "/widget/v1/session", "not-a-token", null, page), 401);
        String other = "w-" + System.nanoTime() + ".example.com";
        Http.Response widget =
                call("POST", "/widget/v1/connections", jwt, Http.json("hostname", other), page);
        expect(widget, 201);
        String w = "/widget/v1/connections/" + widget.json().get("id").asString();
        expect(call("GET", w, jwt, null, page), 200);
        expect(call("GET", "/widget/v1/connections/conn_nothing", jwt, null, page), 404);
        expect(call("POST", w + "/verify", jwt, null, page), 200);

        expect(
                call(
                        "GET",
                        "/v1/webhook-deliveries?application_id=" + app.json().get("id").asString(),
                        key,
                        null),
                200);
        expect(call("GET", "/v1/webhook-deliveries?application_id=app_nothing", key, null), 404);
        expect(call("GET", "/v1/usage?month=2026-01", key, null), 200);
        expect(call("GET", "/v1/usage?month=January", key, null), 400);

        expect(call("DELETE", c, key, null), 204);
        expect(call("DELETE", c, key, null), 404);
        expect(call("DELETE", "/v1/dns-credentials/" + cred, key, null), 204);
        expect(call("DELETE", a, key, null), 204);
        expect(call("POST", a + "/connections", key, Http.json("hostname", host)), 404);
    }

    @Test
    void gatewayEndpointCatalog() {
        Http.Response created =
                call(
                        "POST",
                        "/v1/gateway/endpoints",
                        key,
                        Http.json("method", "GET", "path_template", "/contract/{id}"));
        expect(created, 201);
        expect(
                call(
                        "POST",
                        "/v1/gateway/endpoints",
                        key,
                        Http.json("method", "GET", "path_template", "/contract/{key}")),
                409);
        expect(
                call(
                        "POST",
                        "/v1/gateway/endpoints",
                        key,
                        Http.json("method", "GET", "path_template", "/a/../b")),
                400);
        expect(call("GET", "/v1/gateway/endpoints?limit=5", key, null), 200);
        String doc =
                "openapi: 3.0.3\ninfo: {title: ERP, version: '1'}\npaths:\n"
                        + "  /contract/{id}: {get: {responses: {'200': {description: ok}}}}\n"
                        + "  /contract-orders: {post: {responses: {'201': {description: ok}}}}\n";
        expect(call("POST", "/v1/gateway/endpoints:import", key, Http.json("openapi", doc)), 200);
        expect(
                call(
                        "POST",
                        "/v1/gateway/endpoints:import",
                        key,
                        Http.json("openapi", doc, "dry_run", false)),
                200);
        expect(
                call(
                        "POST",
                        "/v1/gateway/endpoints:import",
                        key,
                        Http.json("openapi", "{\"swagger\": \"2.0\"}")),
                400);
        String id = created.json().get("id").asString();
        expect(call("DELETE", "/v1/gateway/endpoints/" + id, key, null), 204);
        expect(call("DELETE", "/v1/gateway/endpoints/" + id, key, null), 404);
    }

    @Test
    void gatewayPoliciesScheduleAndKillSwitch() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String admin = tenant.adminKey();
        String account = new HolderFixture(node).account(tenant).publicId();
        String body =
                Http.json(
                        "name",
                        "Partner read",
                        "account_id",
                        account,
                        "rules",
                        List.of(Map.of("method", "GET", "path", "/customers/{id}")),
                        "schedule_exempt",
                        false);
        Http.Response created = call("POST", "/v1/gateway/policies", admin, body);
        expect(created, 201);
        String p = "/v1/gateway/policies/" + created.json().get("id").asString();
        expect(call("POST", "/v1/gateway/policies", admin, Http.json("name", "x")), 400);
        expect(call("GET", "/v1/gateway/policies?limit=5", admin, null), 200);
        expect(call("GET", "/v1/gateway/policies?limit=0", admin, null), 400);
        expect(call("GET", p, admin, null), 200);
        expect(call("GET", "/v1/gateway/policies/pol_nothing", admin, null), 404);
        expect(call("PUT", p, admin, body), 200);
        expect(call("PUT", p, admin, Http.json("name", "x")), 400);
        expect(call("DELETE", p, admin, null), 204);
        expect(call("DELETE", p, admin, null), 404);
        expect(call("GET", "/v1/gateway/schedule", admin, null), 200);
        expect(
                call(
                        "PUT",
                        "/v1/gateway/schedule",
                        admin,
                        Http.json(
                                "timezone",
                                "Asia/Karachi",
                                "days",
                                List.of("MON", "FRI"),
                                "start",
                                "22:00",
                                "end",
                                "06:00",
                                "enabled",
                                true)),
                200);
        expect(call("PUT", "/v1/gateway/schedule", admin, Http.json("timezone", "Mars")), 400);
        expect(call("GET", "/v1/gateway/kill-switch", admin, null), 200);
        expect(
                call(
                        "PUT",
                        "/v1/gateway/kill-switch",
                        admin,
                        Http.json("engaged", true, "reason", "contract walk")),
                200);
        expect(call("PUT", "/v1/gateway/kill-switch", admin, Http.json("engaged", false)), 200);
        expect(call("PUT", "/v1/gateway/kill-switch", admin, Http.json("reason", "x")), 400);
        expect(
                call(
                        "POST",
                        "/v1/gateway/decisions:explain",
                        admin,
                        Http.json("credential_id", "cred_nothing", "method", "GET", "path", "/x")),
                404);
        expect(
                call(
                        "POST",
                        "/v1/gateway/decisions:explain",
                        admin,
                        Http.json("method", "GET", "path", "x")),
                400);
    }

    @Test
    void gatewayRelayStats() {
        expect(call("GET", "/v1/gateway/relay-stats", key, null), 200);
        expect(call("GET", "/v1/gateway/relay-stats?window=7d", key, null), 200);
        expect(call("GET", "/v1/gateway/relay-stats?window=30d", key, null), 400);
    }

    @Test
    void gatewayAccountsActorsCredentialsAndTokens() {
        String g = "/v1/gateway";
        Http.Response account = call("POST", g + "/accounts", key, Http.json("name", "Partner"));
        expect(account, 201);
        String acct = account.json().get("id").asString();
        expect(call("POST", g + "/accounts", key, Http.json("status", "active")), 400);
        expect(call("GET", g + "/accounts?limit=5", key, null), 200);
        expect(call("GET", g + "/accounts/" + acct, key, null), 200);
        expect(call("GET", g + "/accounts/acct_nothing", key, null), 404);
        expect(call("PATCH", g + "/accounts/" + acct, key, Http.json("name", "Renamed")), 200);
        expect(call("PATCH", g + "/accounts/" + acct, key, Http.json("status", "x")), 400);
        Http.Response actor =
                call("POST", g + "/accounts/" + acct + "/actors", key, Http.json("name", "Sync"));
        expect(actor, 201);
        String act = actor.json().get("id").asString();
        expect(call("POST", g + "/accounts/" + acct + "/actors", key, "{}"), 400);
        expect(call("GET", g + "/accounts/" + acct + "/actors", key, null), 200);
        expect(
                call("PATCH", g + "/actors/" + act, key, Http.json("email", "ops@example.com")),
                200);
        expect(call("PATCH", g + "/actors/act_nothing", key, Http.json("name", "x")), 404);
        Http.Response issued =
                call(
                        "POST",
                        g + "/actors/" + act + "/credentials",
                        key,
                        Http.json(
                                "kind",
                                "admin_unrestricted",
                                "rate_limit_per_minute",
                                100,
                                "allowed_ips",
                                List.of("127.0.0.1", "::1")));
        expect(issued, 201);
        String cred = issued.json().get("credential").get("id").asString();
        expect(
                call(
                        "POST",
                        g + "/actors/" + act + "/credentials",
                        key,
                        Http.json("allowed_ips", List.of("10.0.0.1/8"))),
                400);
        expect(call("GET", g + "/actors/" + act + "/credentials", key, null), 200);
        expect(
                call(
                        "POST",
                        g + "/credentials/" + cred + ":rotate",
                        key,
                        Http.json("overlap_seconds", 60)),
                200);
        expect(
                call(
                        "POST",
                        g + "/credentials/" + cred + ":rotate",
                        key,
                        Http.json("overlap_seconds", -1)),
                400);
        String basic =
                java.util.Base64.getEncoder()
                        .encodeToString(
                                (issued.json().get("client_id").asString()
                                                + ":"
                                                + issued.json().get("api_password").asString())
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        expect(
                node.http()
                        .send(
                                "POST",
                                "/gateway/v1/token",
                                null,
                                null,
                                Map.of(
                                        "Authorization",
                                        "Basic " + basic,
                                        "x-api-key",
                                        issued.json().get("x_api_key").asString())),
                200);
        Http.Response tokens = call("GET", g + "/tokens?credential_id=" + cred, key, null);
        expect(tokens, 200);
        expect(call("GET", g + "/tokens", key, null), 200);
        String tok = tokens.json().get("data").get(0).get("id").asString();
        expect(call("DELETE", g + "/tokens/" + tok, key, null), 204);
        expect(call("DELETE", g + "/tokens/tok_nothing", key, null), 404);
        expect(call("POST", g + "/credentials/" + cred + ":revoke", key, null), 200);
        expect(call("POST", g + "/credentials/" + cred + ":revoke", key, null), 409);
        expect(call("POST", g + "/credentials/" + cred + ":rotate", key, "{}"), 409);
    }

    @Test
    void gatewayUpstream() {
        String own = Tenancy.newTenant(node).adminKey();
        expect(call("GET", "/v1/gateway/upstream", own, null), 404);
        expect(call("POST", "/v1/gateway/upstream:test", own, null), 404);
        String body =
                Http.json(
                        "base_url",
                        "http://127.0.0.1:" + TestNode.freePort() + "/api",
                        "auth",
                        Map.of("type", "basic", "username", "erp", "password", "pw-123456"));
        expect(call("PUT", "/v1/gateway/upstream", own, body), 200);
        expect(call("PUT", "/v1/gateway/upstream", own, Http.json("base_url", "ftp://x")), 400);
        expect(call("GET", "/v1/gateway/upstream", own, null), 200);
        expect(call("POST", "/v1/gateway/upstream:test", own, null), 200);
    }

    @Test
    void syncLicense() {
        Http.Response license = call("GET", "/v1/sync/license", key, null);
        expect(license, 200);
        assertThat(license.json().get("state").asString()).isEqualTo("INVALID");
        assertThat(license.json().get("reason").asString()).contains("not configured");
        expect(call("GET", "/v1/sync/license", null, null), 401);
        String gatewayOnly =
                call(
                                "POST",
                                "/v1/api-keys",
                                key,
                                Http.json(
                                        "name", "gateway only", "scopes", List.of("gateway:read")))
                        .json()
                        .get("key")
                        .asString();
        expect(call("GET", "/v1/sync/license", gatewayOnly, null), 403);
    }

    @Test
    void syncCompanies() {
        String body =
                JsonMapper.builder()
                        .build()
                        .writeValueAsString(
                                dev.gatehouse.erpsync.SyncCompanies.company("Contract"));
        Http.Response created = call("POST", "/v1/sync/companies", key, body);
        expect(created, 201);
        String id = created.json().get("id").asString();
        expect(call("POST", "/v1/sync/companies", key, body), 409);
        expect(call("POST", "/v1/sync/companies", key, "{\"name\": \"\"}"), 400);
        expect(call("GET", "/v1/sync/companies", key, null), 200);
        expect(call("GET", "/v1/sync/companies/" + id, key, null), 200);
        expect(call("GET", "/v1/sync/companies/co_missing", key, null), 404);
        expect(
                call("PATCH", "/v1/sync/companies/" + id, key, Http.json("cron", "0 6 * * 1-5")),
                200);
        expect(call("PATCH", "/v1/sync/companies/" + id, key, Http.json("cron", "nope")), 400);
        expect(
                call("PATCH", "/v1/sync/companies/co_missing", key, Http.json("cron", "0 * * * *")),
                404);
        String base = "/v1/sync/companies/" + id;
        expect(call("POST", base + "/run", key, null), 503);
        expect(call("POST", "/v1/sync/companies/co_missing/run", key, null), 404);
        expect(call("GET", "/v1/sync/runs/run_missing", key, null), 404);
        expect(call("GET", "/v1/sync/runs/run_missing/events", key, null), 404);
        expect(call("GET", "/v1/sync/history?hours=48", key, null), 200);
        expect(call("GET", "/v1/sync/history?hours=0", key, null), 400);
        expect(call("GET", "/v1/sync/schedule", key, null), 200);
        expect(call("POST", base + "/lock:release", key, Http.json("reason", "test")), 200);
        expect(call("POST", base + "/lock:release", key, Http.json("reason", "")), 400);
        expect(
                call(
                        "POST",
                        "/v1/sync/companies/co_missing/lock:release",
                        key,
                        Http.json("reason", "x")),
                404);
        expect(call("GET", "/v1/sync/purchase-orders?company_id=" + id, key, null), 200);
        expect(call("GET", "/v1/sync/purchase-orders?status=lost", key, null), 400);
        expect(call("GET", "/v1/sync/payments?status=sent", key, null), 200);
        expect(call("GET", "/v1/sync/payments?company_id=co_missing", key, null), 404);
        expect(
                call("POST", "/v1/sync/purchase-orders/PO0001:upload?company_id=" + id, key, null),
                503);
        expect(call("POST", "/v1/sync/purchase-orders/PO0001:upload", key, null), 400);
        expect(
                call(
                        "POST",
                        "/v1/sync/purchase-orders/PO0001:upload?company_id=co_missing",
                        key,
                        null),
                404);
        expect(call("GET", "/v1/sync/logs?component=Sync-Payments&lines=10", key, null), 200);
        expect(call("GET", "/v1/sync/logs?component=Kernel", key, null), 400);
        String reconcile = "/v1/sync/payments:reconcile";
        expect(call("POST", reconcile, key, "{\"company_id\":\"" + id + "\"}"), 503);
        expect(call("POST", reconcile, key, "{}"), 400);
        String status = "/v1/sync/purchase-orders/PO0001/status?company_id=";
        expect(call("PUT", status + id, key, "{\"status\":\"CLOSED\"}"), 503);
        expect(call("PUT", status + id, key, "{\"status\":\"DONE\"}"), 400);
        expect(call("PUT", status + "co_missing", key, "{\"status\":\"CLOSED\"}"), 404);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void everyDocumentedOperationWasCalled() {
        JsonNode doc =
                JsonMapper.builder()
                        .build()
                        .readTree(ApiContract.document(node.env().get("PUBLIC_URL")));
        Set<String> uncalled = new TreeSet<>();
        doc.get("paths")
                .properties()
                .forEach(
                        p ->
                                p.getValue()
                                        .propertyNames()
                                        .forEach(
                                                m -> {
                                                    String op =
                                                            m.toUpperCase(Locale.ROOT)
                                                                    + " "
                                                                    + p.getKey();
                                                    if (CALLED.stream()
                                                            .noneMatch(c -> matches(op, c))) {
                                                        uncalled.add(op);
                                                    }
                                                }));
        assertThat(uncalled).as("operations no test of this class called").isEmpty();
    }

    private static boolean matches(String template, String call) {
        return call.matches(quoteLiterals(template));
    }

    private static String quoteLiterals(String template) {
        List<String> parts = new ArrayList<>();
        for (String piece : template.split("\\{[^}]+}", -1)) {
            parts.add(java.util.regex.Pattern.quote(piece));
        }
        return String.join("[^/]+", parts);
    }
}
