package dev.gatehouse.gateway.upstream;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Object mother for {@code PUT /v1/gateway/upstream} bodies, and the call itself. */
final class UpstreamBodies {

    static final String SAP_TEMPLATE =
            "{\"CompanyDB\":\"SBODEMOUS\",\"UserName\":\"{username}\",\"Password\":\"{password}\"}";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private UpstreamBodies() {}

    static Map<String, Object> upstream(String baseUrl, Map<String, Object> auth) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base_url", baseUrl);
        m.put("auth", auth);
        return m;
    }

    static Map<String, Object> none() {
        return Map.of("type", "none");
    }

    static Map<String, Object> basic(String username, String password) {
        return Map.of("type", "basic", "username", username, "password", password);
    }

    static Map<String, Object> header(String name, String value) {
        return Map.of("type", "header", "name", name, "value", value);
    }

    /** SAP Business One Service Layer: POST /Login, SessionId sent as Cookie: B1SESSION=…. */
    static Map<String, Object> sapSession(String username, String password) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "session");
        m.put("login_path", "/Login");
        m.put("body_template", SAP_TEMPLATE);
        m.put("username", username);
        m.put("password", password);
        m.put("token_pointer", "/SessionId");
        m.put("token_header", "Cookie");
        m.put("token_prefix", "B1SESSION=");
        m.put("ttl_seconds", 1800);
        return m;
    }

    /** A bearer-token API: POST /auth/token with an API key, access_token sent as a bearer. */
    static Map<String, Object> bearerSession(String username, String password, String apiKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "session");
        m.put("login_path", "/auth/token");
        m.put(
                "body_template",
                "{\"user\":\"{username}\",\"secret\":\"{password}\",\"key\":\"{api_key}\"}");
        m.put("username", username);
        m.put("password", password);
        m.put("api_key", apiKey);
        m.put("token_pointer", "/data/access_token");
        m.put("token_header", "Authorization");
        m.put("token_prefix", "Bearer ");
        m.put("ttl_seconds", 600);
        return m;
    }

    static Http.Response put(TestNode node, String key, Map<String, Object> body) {
        return node.http()
                .send("PUT", "/v1/gateway/upstream", key, JSON.writeValueAsString(body), Map.of());
    }

    static Http.Response test(TestNode node, String key) {
        return node.http().send("POST", "/v1/gateway/upstream:test", key, null, Map.of());
    }
}
