package dev.gatehouse.domains;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Object mother for Connect Domain tests: applications and connections made through the public API.
 */
public final class DomainsFixture {

    private DomainsFixture() {}

    /** The body of a valid application with a CNAME target. */
    public static String application(String name, String cname) {
        return Http.json(
                "name",
                name,
                "target",
                Map.of("cname", cname),
                "origin",
                "https://origin.saas.example.net",
                "allowed_origins",
                List.of("https://app.saas.example.net"));
    }

    /** Creates an application and returns the create answer (with its one-time webhook secret). */
    public static JsonNode createApplication(TestNode node, String key, String body) {
        Http.Response r = node.http().post("/v1/applications", key, body);
        if (r.status() != 201) {
            throw new AssertionError(
                    "application creation answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    public static String createApplication(TestNode node, String key) {
        return createApplication(node, key, application("Shop", "edge.saas.example.net"))
                .get("id")
                .asString();
    }

    /** Opens a connection and returns the answer (201 or the idempotent 200). */
    public static JsonNode createConnection(
            TestNode node, String key, String appId, String hostname) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/" + appId + "/connections",
                                key,
                                Http.json("hostname", hostname));
        if (r.status() != 201 && r.status() != 200) {
            throw new AssertionError(
                    "connection creation answered " + r.status() + ": " + r.body());
        }
        return r.json();
    }

    /** A hostname no other test uses. */
    public static String uniqueHost(String zone) {
        return "h" + Long.toString(System.nanoTime(), 36) + "." + zone;
    }
}
