package dev.gatehouse.gateway.access;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Accounts, actors, credential sets and tokens made through the API, for tests. */
public final class AccessFixture {

    private AccessFixture() {}

    /** A credential set as its holder sees it right after issuance. */
    public record Issued(
            String id,
            String accountId,
            String actorId,
            String clientId,
            String apiPassword,
            String xApiKey) {}

    public static String account(TestNode node, String adminKey) {
        return created(
                node.http().post("/v1/gateway/accounts", adminKey, Http.json("name", "Partner")));
    }

    public static String actor(TestNode node, String adminKey, String accountId) {
        return created(
                node.http()
                        .post(
                                "/v1/gateway/accounts/" + accountId + "/actors",
                                adminKey,
                                Http.json("name", "Integration", "email", "ops@example.com")));
    }

    public static Issued credential(TestNode node, String adminKey) {
        return credential(node, adminKey, Map.of());
    }

    public static Issued credential(TestNode node, String adminKey, Map<String, Object> body) {
        String account = account(node, adminKey);
        String actor = actor(node, adminKey, account);
        return credentialFor(node, adminKey, account, actor, body);
    }

    public static Issued credentialFor(
            TestNode node,
            String adminKey,
            String account,
            String actor,
            Map<String, Object> body) {
        Http.Response r =
                node.http()
                        .post("/v1/gateway/actors/" + actor + "/credentials", adminKey, json(body));
        if (r.status() != 201) {
            throw new AssertionError("issuing answered " + r.status() + ": " + r.body());
        }
        JsonNode b = r.json();
        return new Issued(
                b.get("credential").get("id").asString(),
                account,
                actor,
                b.get("client_id").asString(),
                b.get("api_password").asString(),
                b.get("x_api_key").asString());
    }

    public static String json(Map<String, Object> body) {
        Object[] kv = new Object[body.size() * 2];
        int i = 0;
        for (Map.Entry<String, Object> e : new LinkedHashMap<>(body).entrySet()) {
            kv[i++] = e.getKey();
            kv[i++] = e.getValue();
        }
        return Http.json(kv);
    }

    public static String basic(String clientId, String password) {
        return "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                (clientId + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** POST /gateway/v1/token with these headers (null values left out). */
    public static Http.Response token(Http http, String authorization, String xApiKey) {
        return token(http, authorization, xApiKey, Map.of());
    }

    public static Http.Response token(
            Http http, String authorization, String xApiKey, Map<String, String> more) {
        Map<String, String> h = new LinkedHashMap<>(more);
        if (authorization != null) {
            h.put("Authorization", authorization);
        }
        if (xApiKey != null) {
            h.put("x-api-key", xApiKey);
        }
        return http.send("POST", "/gateway/v1/token", null, null, h);
    }

    /** A fresh token for the set, asserting the exchange passed. */
    public static String exchange(TestNode node, Issued c) {
        Http.Response r = token(node.http(), basic(c.clientId(), c.apiPassword()), c.xApiKey());
        if (r.status() != 200) {
            throw new AssertionError("token exchange answered " + r.status() + ": " + r.body());
        }
        return r.json().get("access_token").asString();
    }

    /** A credential set that can relay, its token, and the headers that carry both. */
    public record Relaying(Issued credential, String token) {
        public Map<String, String> headers() {
            return Map.of("Authorization", "Bearer " + token, "x-api-key", credential.xApiKey());
        }
    }

    /**
     * The usual relay scenario, as {@link #relaying}: {@code GET /customers/{id}} and {@code GET
     * /orders} in the catalog, only {@code /customers/*} granted; returns the headers that relay.
     */
    public static Map<String, String> customersGranted(
            TestNode node, String adminKey, String baseUrl) {
        return relaying(
                        node,
                        adminKey,
                        baseUrl,
                        java.util.List.of("/customers/{id}", "/orders"),
                        "/customers/*",
                        Map.of())
                .headers();
    }

    /**
     * Readies the admin key's tenant to relay: the upstream at {@code baseUrl} without auth, a
     * catalog endpoint {@code GET} for each of {@code getTemplates}, a credential set (with {@code
     * body}), a schedule-exempt policy on its account granting {@code GET grantedPath}, and a
     * token.
     */
    public static Relaying relaying(
            TestNode node,
            String adminKey,
            String baseUrl,
            java.util.List<String> getTemplates,
            String grantedPath,
            Map<String, Object> body) {
        expect(
                node.http()
                        .send(
                                "PUT",
                                "/v1/gateway/upstream",
                                adminKey,
                                Http.json("base_url", baseUrl, "auth", Map.of("type", "none")),
                                Map.of()),
                200);
        for (String template : getTemplates) {
            expect(
                    node.http()
                            .post(
                                    "/v1/gateway/endpoints",
                                    adminKey,
                                    Http.json("method", "GET", "path_template", template)),
                    201);
        }
        Issued c = credential(node, adminKey, body);
        expect(
                node.http()
                        .post(
                                "/v1/gateway/policies",
                                adminKey,
                                Http.json(
                                        "name",
                                        "Grants GET " + grantedPath,
                                        "account_id",
                                        c.accountId(),
                                        "rules",
                                        java.util.List.of(
                                                Map.of("method", "GET", "path", grantedPath)),
                                        "schedule_exempt",
                                        true)),
                201);
        return new Relaying(c, exchange(node, c));
    }

    private static void expect(Http.Response r, int status) {
        if (r.status() != status) {
            throw new AssertionError(
                    "expected " + status + ", got " + r.status() + ": " + r.body());
        }
    }

    private static String created(Http.Response r) {
        if (r.status() != 201) {
            throw new AssertionError("create answered " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asString();
    }
}
