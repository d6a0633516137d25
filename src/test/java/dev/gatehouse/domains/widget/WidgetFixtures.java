package dev.gatehouse.domains.widget;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Object mother for the widget tests: applications, connections and tokens made through the real
 * API.
 */
final class WidgetFixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private WidgetFixtures() {}

    /**
     * A new application of the key's tenant that lets {@code allowedOrigins} embed the widget; its
     * public id.
     */
    static String application(
            TestNode node, String adminKey, String targetCname, List<String> allowedOrigins) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications",
                                adminKey,
                                Http.json(
                                        "name",
                                        "Shop builder " + System.nanoTime(),
                                        "target",
                                        Map.of("cname", targetCname),
                                        "origin",
                                        "https://origin.saas.example.com",
                                        "allowed_origins",
                                        allowedOrigins));
        if (r.status() != 201) {
            throw new AssertionError(
                    "application creation answered " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asString();
    }

    /** A connection opened through the management API; its public id. */
    static String connection(TestNode node, String key, String applicationId, String hostname) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/" + applicationId + "/connections",
                                key,
                                Http.json("hostname", hostname));
        if (r.status() != 201) {
            throw new AssertionError(
                    "connection creation answered " + r.status() + ": " + r.body());
        }
        return r.json().get("id").asString();
    }

    /** The answer of {@code POST /v1/applications/{id}/widget-tokens} with {@code body}. */
    static Http.Response mint(TestNode node, String key, String applicationId, String body) {
        return node.http().post("/v1/applications/" + applicationId + "/widget-tokens", key, body);
    }

    /** A fresh widget token, or an assertion error. */
    static String token(TestNode node, String key, String applicationId, String body) {
        Http.Response r = mint(node, key, applicationId, body);
        if (r.status() != 201) {
            throw new AssertionError("widget token answered " + r.status() + ": " + r.body());
        }
        return r.json().get("token").asString();
    }

    /** The decoded JSON of part {@code index} (0 header, 1 payload) of a compact JWS. */
    static JsonNode part(String token, int index) {
        return JSON.readTree(
                new String(
                        Base64.getUrlDecoder().decode(token.split("\\.")[index]),
                        StandardCharsets.UTF_8));
    }

    /**
     * The node's {@code TOKEN_HMAC_SECRET} as the settings take it (its UTF-8), for tokens a test
     * signs itself.
     */
    static byte[] secret(TestNode node) {
        return node.env().get("TOKEN_HMAC_SECRET").getBytes(StandardCharsets.UTF_8);
    }
}
