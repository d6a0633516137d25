package dev.gatehouse.testing;

import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Object mother for tenants and keys, created through the real API. */
public final class Tenancy {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Tenancy() {}

    /** A tenant as a test sees it: its public id and its first admin key. */
    public record TestTenant(String id, String adminKey) {}

    public static TestTenant newTenant(TestNode node) {
        String name = "Tenant " + COUNTER.incrementAndGet() + " " + System.nanoTime();
        Http.Response r =
                node.http().post("/v1/tenants", node.operatorKey(), Http.json("name", name));
        if (r.status() != 201) {
            throw new AssertionError("tenant creation answered " + r.status() + ": " + r.body());
        }
        JsonNode body = r.json();
        return new TestTenant(
                body.get("tenant").get("id").asString(),
                body.get("admin_key").get("key").asString());
    }

    /**
     * A key of {@code tenant} minted by its admin key with exactly {@code scopes}; returns {id,
     * key}.
     */
    public static String[] newKey(TestNode node, TestTenant tenant, List<String> scopes) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/api-keys",
                                tenant.adminKey(),
                                Http.json("name", "test key", "scopes", scopes));
        if (r.status() != 201) {
            throw new AssertionError("key creation answered " + r.status() + ": " + r.body());
        }
        return new String[] {r.json().get("id").asString(), r.json().get("key").asString()};
    }
}
