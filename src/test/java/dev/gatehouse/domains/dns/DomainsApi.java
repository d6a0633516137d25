package dev.gatehouse.domains.dns;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

/** Applications and connections of one tenant, through the real management API, for DNS tests. */
final class DomainsApi {

    private final TestNode node;
    private final Tenancy.TestTenant tenant;

    DomainsApi(TestNode node) {
        this.node = node;
        this.tenant = Tenancy.newTenant(node);
    }

    String key() {
        return tenant.adminKey();
    }

    Tenancy.TestTenant tenant() {
        return tenant;
    }

    /**
     * Creates an application pointing at {@code cname} or {@code ipv4} addresses; returns its id.
     *
     * <p>Written as a row by the database owner, not through {@code POST /v1/applications}: when
     * this was written that route failed on main (Applications.insert mixes named parameters with a
     * parameter source). These tests are about DNS; the application only has to exist.
     */
    String application(@Nullable String cname, List<String> ipv4) {
        String id = node.bean(PublicIds.class).next("app");
        JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql("insert into domain_applications (public_id, tenant_id, name, target_cname, target_ipv4, origin,"
                        + " webhook_secret, status, created_at, updated_at) values (?, (select id from tenants where"
                        + " public_id = ?), 'DNS test app', ?, ?::text[], 'https://origin.internal.test', 'unused',"
                        + " 'active', now(), now())")
                .param(id).param(tenant.id()).param(cname).param("{" + String.join(",", ipv4) + "}")
                .update();
        return id;
    }

    /** Opens a connection; returns its JSON. */
    JsonNode connect(String app, String hostname) {
        Http.Response r = node.http().post("/v1/applications/" + app + "/connections", key(),
                Http.json("hostname", hostname));
        expect(r, 201);
        return r.json();
    }

    JsonNode verify(String app, String connection) {
        Http.Response r = node.http().post("/v1/applications/" + app + "/connections/" + connection + "/verify",
                key(), "{}");
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
            throw new AssertionError("expected " + status + " but got " + r.status() + ": " + r.body());
        }
    }
}
