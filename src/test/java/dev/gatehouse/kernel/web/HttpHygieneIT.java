package dev.gatehouse.kernel.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The HTTP hygiene of the public listener, on a real Tomcat with the real filter chain. */
class HttpHygieneIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node =
                TestNode.start(
                        Map.of(
                                "MAX_BODY_BYTES",
                                "4096",
                                "CORS_ALLOWED_ORIGINS",
                                "https://app.example.com"));
        http = node.http();
        tenant = Tenancy.newTenant(node);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndARequestId() {
        Http.Response r = http.get("/v1/whoami", null);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(r.header("Strict-Transport-Security")).as("development has no HSTS").isNull();
        assertThat(r.header("X-Request-Id")).matches("req_[0-9A-Za-z]{26}");
    }

    @Test
    void everyRequestGetsItsOwnRefWhateverRequestIdItSends() {
        Http.Response first =
                http.send(
                        "GET", "/v1/whoami", null, null, Map.of("X-Request-Id", "trace-12345678"));
        Http.Response second =
                http.send(
                        "GET", "/v1/whoami", null, null, Map.of("X-Request-Id", "trace-12345678"));
        Http.Response reused =
                http.send(
                        "GET",
                        "/v1/whoami",
                        null,
                        null,
                        Map.of("X-Request-Id", first.header("X-Request-Id")));
        Http.Response malformed =
                http.send(
                        "GET", "/v1/whoami", null, null, Map.of("X-Request-Id", "bad id <script>"));

        List<String> refs =
                java.util.stream.Stream.of(first, second, reused, malformed)
                        .map(r -> r.header("X-Request-Id"))
                        .toList();
        assertThat(refs).allMatch(ref -> ref.matches("req_[0-9A-Z]{26}")).doesNotHaveDuplicates();
        for (Http.Response r : List.of(first, second, reused, malformed)) {
            assertThat(r.json().get("ref").asString()).isEqualTo(r.header("X-Request-Id"));
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndChangesNothing() {
        String before = http.get("/v1/api-keys?limit=100", tenant.adminKey()).body();
        Http.Response r =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        Http.json("name", "x".repeat(5000), "scopes", List.of("apps:read")));
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        assertThat(http.get("/v1/api-keys?limit=100", tenant.adminKey()).body()).isEqualTo(before);
    }

    @Test
    void jsonNestedDeeperThan32Is400() {
        String deep =
                "{\"name\":\"x\",\"scopes\":[\"apps:read\"],\"x\":"
                        + "[".repeat(40)
                        + "]".repeat(40)
                        + "}";
        Http.Response r = http.post("/v1/api-keys", tenant.adminKey(), deep);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asString()).isEqualTo("invalid_request");
    }

    @Test
    void aFieldNamedTwiceIs400AtTheTopAndInNestedObjectsAndChangesNothing() {
        String before = http.get("/v1/api-keys?limit=100", tenant.adminKey()).body();
        Http.Response top =
                http.post(
                        "/v1/api-keys",
                        tenant.adminKey(),
                        "{\"name\":\"dup\",\"scopes\":[\"apps:read\"],\"scopes\":[\"keys:admin\"]}");
        assertThat(top.status()).isEqualTo(400);
        assertThat(top.json().get("code").asString()).isEqualTo("invalid_request");
        assertThat(top.json().get("errors").get(0).get("field").asString()).isEqualTo("scopes");
        assertThat(top.json().get("errors").get(0).get("message").asString())
                .isEqualTo("appears more than once");
        assertThat(http.get("/v1/api-keys?limit=100", tenant.adminKey()).body()).isEqualTo(before);

        Http.Response nested =
                http.post(
                        "/v1/applications",
                        tenant.adminKey(),
                        "{\"name\":\"Dup\",\"origin\":\"https://origin.example.com\","
                            + "\"target\":{\"cname\":\"a.example.net\",\"cname\":\"b.example.net\"}}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(400);
        assertThat(nested.json().get("errors").get(0).get("field").asString())
                .isEqualTo("target.cname");
    }

    @Test
    void unknownRoutesAndMethodsAnswerProblems() {
        Http.Response missing = http.get("/v1/nothing-here", tenant.adminKey());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("code").asString()).isEqualTo("not_found");
        Http.Response method = http.send("PUT", "/v1/whoami", tenant.adminKey(), "{}", Map.of());
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void errorAskedForDirectlyIsAQuiet404OnBothListeners() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            for (Http listener : List.of(http, node.management())) {
                for (String method : List.of("GET", "POST", "HEAD")) {
                    Http.Response r = listener.send(method, "/error", null, null, Map.of());
                    assertThat(r.status()).as(method).isEqualTo(404);
                    if (!method.equals("HEAD")) {
                        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
                        assertThat(r.json().get("code").asString()).isEqualTo("not_found");
                    }
                }
            }
            assertThat(logs.events())
                    .filteredOn(line -> line.contains("\"ERROR\"") || line.contains("\"WARN\""))
                    .filteredOn(
                            line ->
                                    line.contains("/error")
                                            || line.contains(
                                                    "\"logger\":\"dev.gatehouse.kernel.web")
                                            || line.contains("\"logger\":\"org.springframework")
                                            || line.contains("\"logger\":\"org.apache"))
                    .isEmpty();
        }
    }

    @Test
    void containerErrorDispatchesStillAnswerProblemsOnBothListeners() {
        // A portal form refused by the portal filter is the portal's page (a browser shows it).
        Http.Response refused =
                http.send(
                        "POST",
                        "/portal/sign-in",
                        null,
                        null,
                        Map.of(
                                "Content-Type",
                                "application/x-www-form-urlencoded",
                                "Accept-Language",
                                "es"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body()).contains("El formulario caducó.");
        assertThat(refused.header("X-Request-Id")).startsWith("req_");

        Http.Response publicHidden = http.get("/WEB-INF/web.xml", null);
        assertThat(publicHidden.status()).isEqualTo(404);
        assertThat(publicHidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(publicHidden.json().get("code").asString()).isEqualTo("not_found");

        Http.Response hidden = node.management().get("/WEB-INF/web.xml", null);
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.header("Content-Type")).startsWith("application/problem+json");
        assertThat(hidden.json().get("code").asString()).isEqualTo("not_found");
    }

    @Test
    void corsAllowsOnlyTheConfiguredOriginsWithoutCredentials() {
        Http.Response allowed =
                http.send(
                        "OPTIONS",
                        "/v1/whoami",
                        null,
                        null,
                        Map.of(
                                "Origin",
                                "https://app.example.com",
                                "Access-Control-Request-Method",
                                "GET"));
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin"))
                .isEqualTo("https://app.example.com");
        assertThat(allowed.header("Access-Control-Allow-Credentials")).isNull();

        Http.Response other =
                http.send(
                        "OPTIONS",
                        "/v1/whoami",
                        null,
                        null,
                        Map.of(
                                "Origin",
                                "https://evil.example.net",
                                "Access-Control-Request-Method",
                                "GET"));
        assertThat(other.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void aKeyOverItsRateLimitGets429WhoseRetryAfterAndResetAgree() {
        try (TestNode limited = TestNode.start(Map.of("RATE_LIMIT_KEY_PER_MINUTE", "5"))) {
            overTheLimit(limited);
        }
    }

    private static void overTheLimit(TestNode limited) {
        Http http = limited.http();
        Tenancy.TestTenant tenant = Tenancy.newTenant(limited);
        String[] k = Tenancy.newKey(limited, tenant, List.of("apps:read"));
        int last = 0;
        Http.Response r = null;
        for (int i = 0; i < 6; i++) {
            r = http.get("/v1/whoami", k[1]);
            last = r.status();
            if (last == 429) {
                break;
            }
            assertThat(r.header("RateLimit-Limit")).isEqualTo("5");
        }
        assertThat(last).isEqualTo(429);
        assertThat(r.json().get("code").asString()).isEqualTo("rate_limited");
        assertThat(Long.parseLong(r.header("Retry-After"))).isPositive();
        // One moment in both headers: 5 per minute gives a token every 12 s (full after 60 s).
        assertThat(r.header("RateLimit-Reset")).isEqualTo(r.header("Retry-After"));
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 12L);
        // Another key of the same tenant has its own bucket.
        String[] other = Tenancy.newKey(limited, Tenancy.newTenant(limited), List.of("apps:read"));
        assertThat(http.get("/v1/whoami", other[1]).status()).isEqualTo(200);
    }
}
