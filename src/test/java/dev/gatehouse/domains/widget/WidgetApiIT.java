package dev.gatehouse.domains.widget;

import static dev.gatehouse.domains.widget.WidgetFixtures.application;
import static dev.gatehouse.domains.widget.WidgetFixtures.connection;
import static dev.gatehouse.domains.widget.WidgetFixtures.mint;
import static dev.gatehouse.domains.widget.WidgetFixtures.part;
import static dev.gatehouse.domains.widget.WidgetFixtures.token;
import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The widget over real HTTP: minting tokens (scope, ownership, shape), the widget routes with their
 * origin rule and CORS headers, what a token can and cannot reach, preflights and the script.
 */
class WidgetApiIT {

    static TestNode node;
    static Tenancy.TestTenant tenant;
    static String origin;
    static String appA;
    static String appB;
    static String token;

    @BeforeAll
    static void fixtures() {
        node = TestNode.shared();
        tenant = Tenancy.newTenant(node);
        origin = "https://shop-" + System.nanoTime() + ".tenant.example";
        appA = application(node, tenant.adminKey(), "edge.saas.example.net", List.of(origin));
        appB = application(node, tenant.adminKey(), "edge.saas.example.net", List.of(origin));
        token = token(node, tenant.adminKey(), appA, "{}");
    }

    @Test
    void aTokenIsMintedWithTheDocumentedClaimsAndNoTenant() {
        Http.Response r =
                mint(node, tenant.adminKey(), appA, Http.json("end_user_ref", "customer-7"));

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String jwt = r.json().get("token").asString();
        JsonNode header = part(jwt, 0);
        JsonNode payload = part(jwt, 1);
        assertThat(header.get("alg").asString()).isEqualTo("HS256");
        assertThat(payload.get("iss").asString()).isEqualTo("gatehouse");
        assertThat(payload.get("aud").asString()).isEqualTo("gatehouse-widget");
        assertThat(payload.get("sub").asString()).isEqualTo(appA);
        assertThat(payload.get("scope").asString()).isEqualTo("connections:write");
        assertThat(payload.get("end_user_ref").asString()).isEqualTo("customer-7");
        assertThat(payload.get("jti").asString()).startsWith("tok_");
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(900);
        assertThat(payload.propertyNames())
                .containsExactlyInAnyOrder(
                        "iss", "aud", "sub", "scope", "jti", "iat", "exp", "end_user_ref");
        assertThat(part(jwt, 1).toString()).doesNotContain(tenant.id());
        assertThat(Instant.parse(r.json().get("expires_at").asString()).getEpochSecond())
                .isEqualTo(payload.get("exp").asLong());
        assertThat(r.json().propertyNames()).containsExactlyInAnyOrder("token", "expires_at");
    }

    @Test
    void widgetPathsMayBeFramedByTheApplicationsSitesAndTheApiMayNot() {
        Http.Response script = node.http().get("/widget/v1/connect.js", null);
        Http.Response api = node.http().get("/v1/whoami", tenant.adminKey());

        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("X-Frame-Options")).isNull();
        assertThat(api.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(api.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void aRequestWithoutABodyGetsTheDefaults() {
        Http.Response r =
                node.http()
                        .send(
                                "POST",
                                "/v1/applications/" + appA + "/widget-tokens",
                                tenant.adminKey(),
                                null,
                                Map.of());

        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode payload = part(r.json().get("token").asString(), 1);
        assertThat(payload.get("exp").asLong() - payload.get("iat").asLong()).isEqualTo(900);
        assertThat(payload.has("hostname")).isFalse();
    }

    @Test
    void mintingIsAuditedWithoutTheToken() {
        String jwt = token(node, tenant.adminKey(), appB, Http.json("ttl_seconds", 120));

        Http.Response audit =
                node.http()
                        .get(
                                "/v1/audit-events?action=widget_token.issued&target=" + appB,
                                tenant.adminKey());

        assertThat(audit.status()).as(audit.body()).isEqualTo(200);
        assertThat(audit.json().get("data").size()).isGreaterThanOrEqualTo(1);
        assertThat(audit.body())
                .contains(part(jwt, 1).get("jti").asString())
                .doesNotContain(jwt)
                .doesNotContain(jwt.split("\\.")[2]);
    }

    @Test
    void aTtlOutsideOneMinuteToOneHourIs400() {
        Http.Response low = mint(node, tenant.adminKey(), appA, Http.json("ttl_seconds", 30));
        Http.Response high = mint(node, tenant.adminKey(), appA, Http.json("ttl_seconds", 3601));

        assertProblem(low, 400, "invalid_request");
        assertThat(low.json().get("detail").asString())
                .isEqualTo("ttl_seconds must be between 60 and 3600, was 30");
        assertProblem(high, 400, "invalid_request");
        assertThat(high.json().get("errors").get(0).get("field").asString())
                .isEqualTo("ttl_seconds");
    }

    @Test
    void anInvalidBoundHostnameIs400AndAnUnknownFieldToo() {
        assertProblem(
                mint(node, tenant.adminKey(), appA, Http.json("hostname", "co.uk")),
                400,
                "invalid_hostname");
        assertProblem(
                mint(node, tenant.adminKey(), appA, Http.json("tenant_id", "ten_x")),
                400,
                "invalid_request");
        assertProblem(
                mint(node, tenant.adminKey(), appA, Http.json("end_user_ref", "x".repeat(129))),
                400,
                "invalid_request");
    }

    @Test
    void aKeyWithoutConnectionsWriteGets403() {
        String readOnly = Tenancy.newKey(node, tenant, List.of("connections:read"))[1];

        assertProblem(mint(node, readOnly, appA, "{}"), 403, "forbidden");
    }

    @Test
    void anotherTenantsApplicationIs404() {
        Tenancy.TestTenant other = Tenancy.newTenant(node);

        assertProblem(mint(node, other.adminKey(), appA, "{}"), 404, "not_found");
        assertProblem(mint(node, other.adminKey(), "app_nothing", "{}"), 404, "not_found");
    }

    @Test
    void theSessionAnswersFromAnAllowedOriginWithItsCorsHeader() {
        Http.Response r = widget("GET", "/widget/v1/session", token, null, origin);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.json().get("application").get("id").asString()).isEqualTo(appA);
        assertThat(r.json().get("application").get("name").asString()).startsWith("Shop builder");
        assertThat(r.json().get("hostname").isNull()).isTrue();
        assertThat(r.json().get("expires_at").asString()).isNotBlank();
        assertThat(r.body()).doesNotContain(tenant.id());
    }

    @Test
    void missingGarbageExpiredAndForeignCredentialsAre401() {
        String expired =
                new WidgetTokens(
                                WidgetFixtures.secret(node),
                                Clock.fixed(
                                        Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC),
                                new PublicIds(new SecureRandom()))
                        .issue(new WidgetTokens.Grant(appA, Duration.ofSeconds(60), null, null))
                        .token();
        String unknownApp =
                new WidgetTokens(
                                WidgetFixtures.secret(node),
                                Clock.systemUTC(),
                                new PublicIds(new SecureRandom()))
                        .issue(
                                new WidgetTokens.Grant(
                                        new PublicIds(new SecureRandom()).next("app"),
                                        Duration.ofSeconds(600),
                                        null,
                                        null))
                        .token();

        for (String credential :
                new String[] {
                    null,
                    "garbage",
                    expired,
                    unknownApp,
                    tenant.adminKey(),
                    token.substring(0, token.length() - 2)
                }) {
            Http.Response r = widget("GET", "/widget/v1/session", credential, null, origin);
            assertProblem(r, 401, "unauthorized");
            assertThat(r.json().get("detail").asString())
                    .isEqualTo("A valid credential is required.");
        }
    }

    @Test
    void anOriginTheApplicationDoesNotListIs403WithoutCorsHeaders() {
        Http.Response other =
                widget("GET", "/widget/v1/session", token, null, "https://evil.example");
        Http.Response none = widget("GET", "/widget/v1/session", token, null, null);
        Http.Response lookalike = widget("GET", "/widget/v1/session", token, null, origin + ":443");

        for (Http.Response r : List.of(other, none, lookalike)) {
            assertProblem(r, 403, "forbidden");
            assertThat(r.headers().map().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
        assertThat(deniedEventsOf(part(token, 1).get("jti").asString()))
                .as("audited denials")
                .hasSize(3);
    }

    @Test
    void aDisabledApplicationClosesItsWidgetAtOnce() {
        String app = application(node, tenant.adminKey(), "edge.saas.example.net", List.of(origin));
        String jwt = token(node, tenant.adminKey(), app, "{}");
        assertThat(widget("GET", "/widget/v1/session", jwt, null, origin).status()).isEqualTo(200);

        Http.Response patched =
                node.http()
                        .patch(
                                "/v1/applications/" + app,
                                tenant.adminKey(),
                                Http.json("status", "disabled"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        assertProblem(widget("GET", "/widget/v1/session", jwt, null, origin), 401, "unauthorized");
    }

    @Test
    void suspendingTheTenantClosesItsWidgetsAtOnce() {
        Tenancy.TestTenant suspended = Tenancy.newTenant(node);
        String app =
                application(node, suspended.adminKey(), "edge.saas.example.net", List.of(origin));
        String jwt = token(node, suspended.adminKey(), app, "{}");
        assertThat(widget("GET", "/widget/v1/session", jwt, null, origin).status()).isEqualTo(200);

        Http.Response patched =
                node.http()
                        .patch(
                                "/v1/tenants/" + suspended.id(),
                                node.operatorKey(),
                                Http.json("status", "suspended"));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);

        assertProblem(widget("GET", "/widget/v1/session", jwt, null, origin), 401, "unauthorized");
    }

    @Test
    void theWidgetOpensAConnectionWithTheTokensEndUserRefIdempotently() {
        String jwt = token(node, tenant.adminKey(), appA, Http.json("end_user_ref", "customer-9"));
        String hostname = "w" + System.nanoTime() + ".example.com";

        Http.Response first =
                widget(
                        "POST",
                        "/widget/v1/connections",
                        jwt,
                        Http.json("hostname", hostname),
                        origin);
        Http.Response again =
                widget(
                        "POST",
                        "/widget/v1/connections",
                        jwt,
                        Http.json("hostname", hostname),
                        origin);

        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(first.json().get("application_id").asString()).isEqualTo(appA);
        assertThat(first.json().get("end_user_ref").asString()).isEqualTo("customer-9");
        assertThat(first.json().get("records").get(0).get("type").asString()).isEqualTo("TXT");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        Http.Response read =
                widget(
                        "GET",
                        "/widget/v1/connections/" + first.json().get("id").asString(),
                        jwt,
                        null,
                        origin);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("hostname").asString()).isEqualTo(hostname);
    }

    @Test
    void theEndUserCannotSetTheEndUserRefOrSendAnInvalidHostname() {
        assertProblem(
                widget(
                        "POST",
                        "/widget/v1/connections",
                        token,
                        Http.json(
                                "hostname",
                                "a" + System.nanoTime() + ".example.com",
                                "end_user_ref",
                                "me"),
                        origin),
                400,
                "invalid_request");
        Http.Response invalid =
                widget(
                        "POST",
                        "/widget/v1/connections",
                        token,
                        Http.json("hostname", "localhost"),
                        origin);
        assertProblem(invalid, 400, "invalid_hostname");
        assertThat(invalid.header("Access-Control-Allow-Origin")).isEqualTo(origin);
    }

    @Test
    void aFieldNamedTwiceIs400AndConnectsNothing() {
        String first = "d1-" + System.nanoTime() + ".example.com";
        String second = "d2-" + System.nanoTime() + ".example.com";
        Http.Response r =
                widget(
                        "POST",
                        "/widget/v1/connections",
                        token,
                        "{\"hostname\":\"" + first + "\",\"hostname\":\"" + second + "\"}",
                        origin);

        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").get(0).get("field").asString()).isEqualTo("hostname");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(
                        node.http()
                                .get(
                                        "/v1/applications/" + appA + "/connections?limit=100",
                                        tenant.adminKey())
                                .body())
                .doesNotContain(first, second);
    }

    @Test
    void aHostnameBoundTokenActsOnThatHostnameOnly() {
        String bound = "b" + System.nanoTime() + ".example.com";
        String otherHost = "o" + System.nanoTime() + ".example.com";
        String otherConnection = connection(node, tenant.adminKey(), appA, otherHost);
        String jwt =
                token(
                        node,
                        tenant.adminKey(),
                        appA,
                        Http.json("hostname", bound.toUpperCase() + "."));
        assertThat(part(jwt, 1).get("hostname").asString()).isEqualTo(bound);

        assertProblem(
                widget(
                        "POST",
                        "/widget/v1/connections",
                        jwt,
                        Http.json("hostname", otherHost),
                        origin),
                403,
                "forbidden");
        assertProblem(
                widget("GET", "/widget/v1/connections/" + otherConnection, jwt, null, origin),
                404,
                "not_found");
        assertProblem(
                widget(
                        "POST",
                        "/widget/v1/connections/" + otherConnection + "/verify",
                        jwt,
                        null,
                        origin),
                404,
                "not_found");
        Http.Response own =
                widget("POST", "/widget/v1/connections", jwt, Http.json("hostname", bound), origin);
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        assertThat(
                        widget("GET", "/widget/v1/session", jwt, null, origin)
                                .json()
                                .get("hostname")
                                .asString())
                .isEqualTo(bound);
    }

    @Test
    void aTokenForOneApplicationCannotReachAnothersConnection() {
        String ofB =
                connection(node, tenant.adminKey(), appB, "x" + System.nanoTime() + ".example.com");

        assertProblem(
                widget("GET", "/widget/v1/connections/" + ofB, token, null, origin),
                404,
                "not_found");
        assertProblem(
                widget("POST", "/widget/v1/connections/" + ofB + "/verify", token, null, origin),
                404,
                "not_found");
        assertProblem(
                widget("GET", "/widget/v1/connections/conn_garbage", token, null, origin),
                404,
                "not_found");
    }

    @Test
    void aWidgetTokenReachesNothingUnderV1() {
        for (String path :
                List.of(
                        "/v1/whoami",
                        "/v1/applications",
                        "/v1/api-keys",
                        "/v1/applications/" + appA,
                        "/v1/applications/" + appA + "/connections",
                        "/v1/audit-events")) {
            assertProblem(widget("GET", path, token, null, origin), 401, "unauthorized");
        }
        assertProblem(
                widget("POST", "/v1/applications/" + appA + "/widget-tokens", token, "{}", origin),
                401,
                "unauthorized");
        assertProblem(
                widget(
                        "POST",
                        "/v1/applications/" + appA + "/connections",
                        token,
                        Http.json("hostname", "v" + System.nanoTime() + ".example.com"),
                        origin),
                401,
                "unauthorized");
    }

    @Test
    void aPreflightFromAnEmbeddingOriginIs204WithCorsHeaders() {
        Http.Response r = preflight(origin);

        assertThat(r.status()).as(r.body()).isEqualTo(204);
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(r.header("Access-Control-Allow-Headers"))
                .contains("Authorization")
                .contains("Content-Type");
        assertThat(r.headers().allValues("Vary")).anyMatch(v -> v.contains("Origin"));
    }

    @Test
    void aPreflightFromAnyOtherOriginIs403WithoutCorsHeaders() {
        for (String o :
                List.of("https://nobody-" + System.nanoTime() + ".example", "null", origin + "/")) {
            Http.Response r = preflight(o);
            assertProblem(r, 403, "forbidden");
            assertThat(r.headers().map().keySet())
                    .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
        }
    }

    @Test
    void theScriptIsPublicCacheableJavaScript() {
        Http.Response r = node.http().get("/widget/v1/connect.js", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).isEqualTo("text/javascript;charset=utf-8");
        assertThat(r.header("Cache-Control")).isEqualTo("public, max-age=300");
        assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.body())
                .contains("window.GatehouseConnect")
                .doesNotContain("eval(")
                .doesNotContain("innerHTML");
        Http.Response again =
                node.http()
                        .send(
                                "GET",
                                "/widget/v1/connect.js",
                                null,
                                null,
                                Map.of("If-None-Match", r.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
    }

    /**
     * The {@code request.denied} events of a widget token, waiting briefly for the asynchronous
     * audit writer.
     */
    private static List<JsonNode> deniedEventsOf(String jti) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<JsonNode> events = List.of();
        while (System.nanoTime() < deadline) {
            Http.Response r =
                    node.http()
                            .get(
                                    "/v1/audit-events?action=request.denied&actor=" + jti,
                                    tenant.adminKey());
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            events = new java.util.ArrayList<>();
            r.json().get("data").forEach(events::add);
            if (events.size() >= 3) {
                break;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        events.forEach(e -> assertThat(e.get("reason").asString()).isEqualTo("origin_not_allowed"));
        return events;
    }

    @Test
    void aRefusedTokenIsReadableOnlyByAnOriginThatCouldEmbed() {
        Http.Response embedding = widget("GET", "/widget/v1/session", "garbage", null, origin);
        Http.Response stranger =
                widget("GET", "/widget/v1/session", "garbage", null, "https://stranger.example");

        assertProblem(embedding, 401, "unauthorized");
        assertThat(embedding.header("Access-Control-Allow-Origin")).isEqualTo(origin);
        assertThat(embedding.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertProblem(stranger, 401, "unauthorized");
        assertThat(stranger.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void theOpenApiDocumentDescribesMintingAndTheWidgetToken() {
        JsonNode doc = node.http().get("/v1/openapi.json", null).json();

        assertThat(
                        doc.get("components")
                                .get("securitySchemes")
                                .get("widget_token")
                                .get("bearerFormat")
                                .asString())
                .isEqualTo("JWT");
        JsonNode mint = doc.get("paths").get("/v1/applications/{id}/widget-tokens").get("post");
        String schema =
                mint.get("requestBody")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("$ref")
                        .asString()
                        .replace("#/components/schemas/", "");
        assertThat(
                        doc.get("components")
                                .get("schemas")
                                .get(schema)
                                .get("properties")
                                .propertyNames())
                .as("the documented body")
                .hasSize(3)
                .anyMatch(p -> p.toLowerCase().startsWith("ttl"));
    }

    private static Http.Response widget(
            String method, String path, String credential, String json, String origin) {
        return node.http()
                .send(
                        method,
                        path,
                        credential,
                        json,
                        origin == null ? Map.of() : Map.of("Origin", origin));
    }

    private static Http.Response preflight(String origin) {
        return node.http()
                .send(
                        "OPTIONS",
                        "/widget/v1/connections",
                        null,
                        null,
                        Map.of(
                                "Origin",
                                origin,
                                "Access-Control-Request-Method",
                                "POST",
                                "Access-Control-Request-Headers",
                                "authorization,content-type"));
    }
}
