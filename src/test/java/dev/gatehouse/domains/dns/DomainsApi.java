package dev.gatehouse.domains.dns;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Applications and connections of one tenant, through the real management API, for DNS tests. */
final class DomainsApi {

    private final TestNode node;
    private final Tenancy.TestTenant tenant;

    DomainsApi(TestNode node) {
        this(node, Tenancy.newTenant(node));
    }

    /**
     * An existing tenant, seen through {@code node} (for example a second node on the same
     * database).
     */
    DomainsApi(TestNode node, Tenancy.TestTenant tenant) {
        this.node = node;
        this.tenant = tenant;
    }

    String key() {
        return tenant.adminKey();
    }

    Tenancy.TestTenant tenant() {
        return tenant;
    }

    /**
     * Creates an application through the API, pointing at {@code cname} or {@code ipv4} addresses;
     * returns its id.
     */
    String application(@Nullable String cname, List<String> ipv4) {
        Map<String, Object> target = new LinkedHashMap<>();
        if (cname != null) {
            target.put("cname", cname);
        }
        if (!ipv4.isEmpty()) {
            target.put("ipv4", ipv4);
        }
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications",
                                key(),
                                Http.json(
                                        "name",
                                        "DNS test app",
                                        "target",
                                        target,
                                        "origin",
                                        "https://origin.internal.test"));
        expect(r, 201);
        return r.json().get("id").asString();
    }

    /** Opens a connection; returns its JSON. */
    JsonNode connect(String app, String hostname) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/" + app + "/connections",
                                key(),
                                Http.json("hostname", hostname));
        expect(r, 201);
        return r.json();
    }

    JsonNode verify(String app, String connection) {
        Http.Response r =
                node.http()
                        .post(
                                "/v1/applications/"
                                        + app
                                        + "/connections/"
                                        + connection
                                        + "/verify",
                                key(),
                                "{}");
        expect(r, 200);
        return r.json();
    }

    JsonNode get(String app, String connection) {
        Http.Response r =
                node.http().get("/v1/applications/" + app + "/connections/" + connection, key());
        expect(r, 200);
        return r.json();
    }

    /** The value of the connection's record of {@code type} ("TXT" is the challenge). */
    static String record(JsonNode connection, String type) {
        for (JsonNode r : connection.get("records")) {
            if (r.get("type").asString().equals(type)) {
                return r.get("value").asString();
            }
        }
        throw new AssertionError("no " + type + " record in " + connection);
    }

    /** The last_check entry of {@code type}. */
    static JsonNode check(JsonNode connection, String type) {
        for (JsonNode k : connection.get("last_check")) {
            if (k.get("type").asString().equals(type)) {
                return k;
            }
        }
        throw new AssertionError("no " + type + " check in " + connection);
    }

    static List<String> found(JsonNode check) {
        return check.get("found").valueStream().map(JsonNode::asString).toList();
    }

    /** A fresh hostname under {@code zone}, so tests never share records. */
    static String hostname(String zone) {
        return "h" + UUID.randomUUID().toString().substring(0, 8) + "." + zone;
    }

    private static void expect(Http.Response r, int status) {
        if (r.status() != status) {
            throw new AssertionError(
                    "expected " + status + " but got " + r.status() + ": " + r.body());
        }
    }
}
