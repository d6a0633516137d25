package dev.gatehouse.gateway.upstream;

import static dev.gatehouse.gateway.upstream.UpstreamBodies.basic;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.bearerSession;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.header;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.none;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.put;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.sapSession;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.test;
import static dev.gatehouse.gateway.upstream.UpstreamBodies.upstream;
import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.FakeUpstream.Reply;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET/PUT /v1/gateway/upstream} and {@code POST /v1/gateway/upstream:test}: one test per
 * outcome, secrets never out (answers, audit, tables, logs).
 */
class UpstreamApiIT {

    private static final String PASSWORD = "upstream-pass-" + "7".repeat(16);
    private static final String HEADER_VALUE = "erp-header-secret-" + "5".repeat(16);
    private static final String API_KEY = "erp-api-key-" + "3".repeat(16);
    private static final String SESSION_ID = "b1-session-from-upstream-" + "9".repeat(12);

    private static TestNode node;
    private static FakeUpstream erp;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        erp = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        erp.close();
    }

    private static String admin() {
        return Tenancy.newTenant(node).adminKey();
    }

    @Test
    void anUnconfiguredUpstreamIs404() {
        assertProblem(node.http().get("/v1/gateway/upstream", admin()), 404, "not_found");
    }

    @Test
    void aBasicUpstreamIsSavedAndShownWithoutItsPassword() {
        String key = admin();
        Http.Response r = put(node, key, upstream(erp.url("/api/"), basic("erp-user", PASSWORD)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode b = r.json();
        assertThat(b.get("id").asString()).startsWith("ups_");
        assertThat(b.get("base_url").asString()).isEqualTo(erp.url("/api"));
        assertThat(b.get("auth").get("type").asString()).isEqualTo("basic");
        assertThat(b.get("auth").get("username").asString()).isEqualTo("erp-user");
        assertThat(b.get("auth").get("password_set").asBoolean()).isTrue();
        assertThat(b.get("timeout_ms").asInt()).isEqualTo(30000);
        assertThat(b.get("max_request_bytes").asLong()).isEqualTo(16L << 20);
        assertThat(b.get("max_response_bytes").asLong()).isEqualTo(64L << 20);
        assertThat(r.body()).doesNotContain(PASSWORD);

        Http.Response got = node.http().get("/v1/gateway/upstream", key);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("id").asString()).isEqualTo(b.get("id").asString());
        assertThat(got.body()).doesNotContain(PASSWORD);
    }

    @Test
    void aSessionUpstreamShowsWhichSecretsAreSetButNeverThem() {
        String key = admin();
        Http.Response r =
                put(node, key, upstream(erp.url(""), bearerSession("svc", PASSWORD, API_KEY)));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode auth = r.json().get("auth");
        assertThat(auth.get("password_set").asBoolean()).isTrue();
        assertThat(auth.get("api_key_set").asBoolean()).isTrue();
        assertThat(auth.get("token_header").asString()).isEqualTo("Authorization");
        assertThat(auth.get("token_prefix").asString()).isEqualTo("Bearer ");
        assertThat(auth.get("ttl_seconds").asInt()).isEqualTo(600);
        assertThat(r.body()).doesNotContain(PASSWORD).doesNotContain(API_KEY);
    }

    @Test
    void anInvalidBodyIs400WithEveryFieldAndChangesNothing() {
        String key = admin();
        put(node, key, upstream(erp.url(""), none()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("base_url", "ftp://user:pw@erp.example.com/api?x=1");
        body.put("auth", Map.of("type", "basic", "username", "a:b"));
        body.put("timeout_ms", 50);
        body.put("max_request_bytes", -1);

        Http.Response r = put(node, key, body);

        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r))
                .contains(
                        "base_url",
                        "timeout_ms",
                        "max_request_bytes",
                        "auth.username",
                        "auth.password");
        assertThat(
                        node.http()
                                .get("/v1/gateway/upstream", key)
                                .json()
                                .get("auth")
                                .get("type")
                                .asString())
                .isEqualTo("none");
    }

    @Test
    void userInfoQueryAndFragmentInTheBaseUrlAre400() {
        String key = admin();
        for (String url :
                List.of(
                        "http://user:pw@127.0.0.1:1/api",
                        "http://127.0.0.1:1/api?tenant=1",
                        "http://127.0.0.1:1/api#x",
                        "http://127.0.0.1:1/a/../b",
                        "/relative")) {
            Http.Response r = put(node, key, upstream(url, none()));
            assertProblem(r, 400, "invalid_request");
            assertThat(fields(r)).containsExactly("base_url");
        }
    }

    @Test
    void aSessionTemplateThatIsNotJsonIs400() {
        Map<String, Object> auth = new LinkedHashMap<>(sapSession("manager", PASSWORD));
        auth.put("body_template", "{\"UserName\": {username}");
        auth.put("token_pointer", "SessionId");
        Http.Response r = put(node, admin(), upstream(erp.url(""), auth));
        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r)).contains("auth.body_template", "auth.token_pointer");
        assertThat(r.body()).doesNotContain(PASSWORD);
    }

    @Test
    void fieldsOfAnotherAuthTypeAre400() {
        Map<String, Object> auth = new LinkedHashMap<>(basic("u", PASSWORD));
        auth.put("token_header", "Cookie");
        Http.Response r = put(node, admin(), upstream(erp.url(""), auth));
        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r)).containsExactly("auth.token_header");
    }

    @Test
    void aSaveOfTheSameTypeWithoutThePasswordKeepsTheStoredOne() {
        String key = admin();
        put(node, key, upstream(erp.url("/keep"), basic("erp-user", PASSWORD)));
        Http.Response r =
                put(
                        node,
                        key,
                        upstream(erp.url("/keep"), Map.of("type", "basic", "username", "other")));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("auth").get("password_set").asBoolean()).isTrue();

        erp.clear();
        assertThat(test(node, key).status()).isEqualTo(200);
        String sent = erp.requests("/keep").getFirst().header("authorization");
        assertThat(sent)
                .isEqualTo(
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("other:" + PASSWORD).getBytes()));
    }

    @Test
    void changingTheTypeWithoutItsSecretIs400() {
        String key = admin();
        put(node, key, upstream(erp.url(""), basic("erp-user", PASSWORD)));
        Http.Response r =
                put(node, key, upstream(erp.url(""), Map.of("type", "header", "name", "X-Key")));
        assertProblem(r, 400, "invalid_request");
        assertThat(fields(r)).containsExactly("auth.value");
    }

    @Test
    void aReadOnlyKeyReadsButCannotChangeOrTest() {
        Tenancy.TestTenant t = Tenancy.newTenant(node);
        put(node, t.adminKey(), upstream(erp.url(""), none()));
        String reader = Tenancy.newKey(node, t, List.of("gateway:read"))[1];

        assertThat(node.http().get("/v1/gateway/upstream", reader).status()).isEqualTo(200);
        assertProblem(put(node, reader, upstream(erp.url(""), none())), 403, "forbidden");
        assertProblem(test(node, reader), 403, "forbidden");
    }

    @Test
    void anotherTenantsUpstreamIs404() {
        put(node, admin(), upstream(erp.url("/theirs"), basic("u", PASSWORD)));
        String other = admin();
        assertProblem(node.http().get("/v1/gateway/upstream", other), 404, "not_found");
        assertProblem(test(node, other), 404, "not_found");
    }

    @Test
    void withoutAKeyIs401() {
        assertProblem(node.http().get("/v1/gateway/upstream", null), 401, "unauthorized");
    }

    @Test
    void theTestOfANoneUpstreamReportsReachableAndTheStatus() {
        String key = admin();
        erp.script("/health", Reply.json(503, "{\"error\":\"db down: SECRET-UPSTREAM-TEXT\"}"));
        put(node, key, upstream(erp.url("/health"), none()));

        Http.Response r = test(node, key);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("reachable").asBoolean()).isTrue();
        assertThat(r.json().get("status").asInt()).isEqualTo(503);
        assertThat(r.json().get("login").asString()).isEqualTo("not_applicable");
        assertThat(r.body()).doesNotContain("SECRET-UPSTREAM-TEXT");
    }

    @Test
    void theTestOfAHeaderUpstreamSendsTheHeaderAndReportsARefusal() {
        String key = admin();
        erp.script("/hdr", Reply.status(401));
        put(node, key, upstream(erp.url("/hdr"), header("X-Erp-Key", HEADER_VALUE)));
        erp.clear();

        Http.Response r = test(node, key);

        assertThat(r.json().get("reachable").asBoolean()).isTrue();
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
        assertThat(r.json().get("reason").asString()).isEqualTo("credentials_refused");
        assertThat(erp.requests("/hdr").getFirst().header("x-erp-key")).isEqualTo(HEADER_VALUE);
        assertThat(r.body()).doesNotContain(HEADER_VALUE);
    }

    @Test
    void theTestOfASapSessionUpstreamLogsInWithTheFilledTemplate() {
        String key = admin();
        erp.script(
                "/b1s/v1/Login",
                Reply.json(200, "{\"SessionId\":\"" + SESSION_ID + "\",\"Version\":\"1000\"}")
                        .header("Set-Cookie", "B1SESSION=" + SESSION_ID));
        put(node, key, upstream(erp.url("/b1s/v1"), sapSession("manager", PASSWORD)));
        erp.clear();

        Http.Response r = test(node, key);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("login").asString()).isEqualTo("ok");
        assertThat(r.json().get("reachable").asBoolean()).isTrue();
        FakeUpstream.Recorded login = erp.requests("/b1s/v1/Login").getFirst();
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.body())
                .isEqualTo(
                        "{\"CompanyDB\":\"SBODEMOUS\",\"UserName\":\"manager\",\"Password\":\""
                                + PASSWORD
                                + "\"}");
        assertThat(r.body()).doesNotContain(SESSION_ID).doesNotContain(PASSWORD);
    }

    @Test
    void theTestOfAFailingLoginSaysLoginRejectedWithoutTheUpstreamsText() {
        String key = admin();
        erp.script(
                "/bad/Login",
                Reply.json(
                        401,
                        "{\"error\":{\"message\":\"Invalid password SECRET-UPSTREAM-TEXT\"}}"));
        put(node, key, upstream(erp.url("/bad"), sapSession("manager", PASSWORD)));

        Http.Response r = test(node, key);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("login").asString()).isEqualTo("failed");
        assertThat(r.json().get("reason").asString()).isEqualTo("login_rejected");
        assertThat(r.json().get("status").asInt()).isEqualTo(401);
        assertThat(r.body()).doesNotContain("SECRET-UPSTREAM-TEXT").doesNotContain(PASSWORD);
    }

    @Test
    void theTestOfALoginWithoutATokenSaysTokenMissing() {
        String key = admin();
        erp.script("/notoken/auth/token", Reply.json(200, "{\"data\":{}}"));
        put(node, key, upstream(erp.url("/notoken"), bearerSession("svc", PASSWORD, API_KEY)));
        Http.Response r = test(node, key);
        assertThat(r.json().get("login").asString()).isEqualTo("failed");
        assertThat(r.json().get("reason").asString()).isEqualTo("token_missing");
    }

    @Test
    void theTestOfAClosedPortSaysConnectionRefused() {
        String key = admin();
        put(
                node,
                key,
                upstream("http://127.0.0.1:" + TestNode.freePort() + "/api", basic("u", PASSWORD)));
        Http.Response r = test(node, key);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("reachable").asBoolean()).isFalse();
        assertThat(r.json().get("reason").asString()).isEqualTo("connection_refused");
    }

    @Test
    void secretsAreNeverInAnyTableAuditOrLogLineInTheClear() {
        List<String> logLines;
        try (CapturedLogs logs = CapturedLogs.start()) {
            String key = admin();
            erp.script(
                    "/leak/auth/token",
                    Reply.json(200, "{\"data\":{\"access_token\":\"" + SESSION_ID + "\"}}"));
            put(node, key, upstream(erp.url("/leak"), bearerSession("svc", PASSWORD, API_KEY)));
            test(node, key);
            put(node, key, upstream(erp.url("/leak"), header("X-Erp-Key", HEADER_VALUE)));
            test(node, key);
            logLines = logs.events();
        }
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> rows = new ArrayList<>();
        for (String t :
                owner.sql(
                                "select table_name from information_schema.tables where"
                                        + " table_schema = 'public' and table_type = 'BASE TABLE'")
                        .query(String.class)
                        .list()) {
            rows.addAll(
                    owner.sql("select x::text from \"" + t + "\" x").query(String.class).list());
        }
        for (String secret : List.of(PASSWORD, API_KEY, HEADER_VALUE, SESSION_ID)) {
            assertThat(rows).noneMatch(row -> row.contains(secret));
            assertThat(logLines).noneMatch(line -> line.contains(secret));
        }
        assertThat(
                        owner.sql(
                                        "select count(*) from audit_events where action in"
                                            + " ('gateway_upstream.created','gateway_upstream.updated',"
                                            + " 'gateway_upstream.tested')")
                                .query(Long.class)
                                .single())
                .isGreaterThanOrEqualTo(4);
    }

    private static List<String> fields(Http.Response r) {
        List<String> fields = new ArrayList<>();
        r.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        return fields;
    }
}
