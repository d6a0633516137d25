package dev.gatehouse.domains;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The management API of Connect Domain: one test per outcome of each route. */
class DomainsApiIT {

    static TestNode node;
    static Http http;
    static Tenancy.TestTenant alice;
    static Tenancy.TestTenant bob;
    static String reader;
    static String writer;
    static JdbcClient owner;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        http = node.http();
        alice = Tenancy.newTenant(node);
        bob = Tenancy.newTenant(node);
        reader = Tenancy.newKey(node, alice, List.of("apps:read", "connections:read"))[1];
        writer = Tenancy.newKey(node, alice, List.of("apps:read", "connections:write"))[1];
        owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    @Test
    void createShowsTheWebhookSecretOnceAndNeverTheTenant() {
        JsonNode created =
                DomainsFixture.createApplication(
                        node,
                        alice.adminKey(),
                        Http.json(
                                "name",
                                "Shop",
                                "target",
                                Map.of(
                                        "ipv4",
                                        List.of("192.0.2.10"),
                                        "ipv6",
                                        List.of("2001:0db8::1")),
                                "origin",
                                "https://origin.example.net",
                                "webhook_url",
                                "https://hooks.example.net/in"));
        assertThat(created.get("webhook_secret").asString()).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(created.get("id").asString()).startsWith("app_");
        assertThat(created.get("target").get("ipv6").get(0).asString()).isEqualTo("2001:db8::1");

        Http.Response again = http.get("/v1/applications/" + created.get("id").asString(), reader);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body())
                .doesNotContain("whsec_")
                .doesNotContain("webhook_secret")
                .doesNotContain(alice.id())
                .doesNotContain("tenant");
        assertThat(again.json().get("webhook_status").asString()).isEqualTo("active");
        String stored =
                owner.sql("select webhook_secret from domain_applications where public_id = ?")
                        .param(created.get("id").asString())
                        .query(String.class)
                        .single();
        assertThat(stored)
                .doesNotContain(created.get("webhook_secret").asString().substring(6, 20));
    }

    @Test
    void createRefusesInvalidBodiesWithEveryProblemAtOnce() {
        Http.Response r =
                http.post(
                        "/v1/applications",
                        alice.adminKey(),
                        Http.json(
                                "name",
                                "",
                                "target",
                                Map.of("ipv4", List.of("300.1.1.1")),
                                "origin",
                                "ftp://x",
                                "allowed_origins",
                                List.of("https://ok.example.com/path")));
        assertProblem(r, 400, "invalid_request");
        assertThat(r.body())
                .contains("name")
                .contains("target.ipv4")
                .contains("origin")
                .contains("allowed_origins");
        assertProblem(
                http.post("/v1/applications", alice.adminKey(), Http.json("name", "x")),
                400,
                "invalid_request");
    }

    @Test
    void aNumberIsNotANameAndNothingIsStored() {
        String name = "7" + System.nanoTime();
        Http.Response r =
                http.post(
                        "/v1/applications",
                        alice.adminKey(),
                        "{\"name\":"
                                + name
                                + ",\"target\":{\"cname\":\"edge.example.net\"},"
                                + "\"origin\":\"https://origin.example.net\"}");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"name\",\"message\":\"expected a string, got a whole"
                                + " number\"}]");
        assertThat(
                        owner.sql("select count(*) from domain_applications where name = ?")
                                .param(name)
                                .query(Long.class)
                                .single())
                .isZero();
    }

    @Test
    void threeWrongTypesAreThreeErrors() {
        Http.Response r =
                http.post(
                        "/v1/applications",
                        alice.adminKey(),
                        "{\"name\":123,\"target\":\"edge.example.net\",\"origin\":true}");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("detail").asString())
                .isEqualTo("Some fields have the wrong type or format.");
        assertThat(r.json().get("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"name\",\"message\":\"expected a string, got a whole"
                                + " number\"},{\"field\":\"target\",\"message\":\"expected an"
                                + " object, got a string\"},{\"field\":\"origin\",\"message\":"
                                + "\"expected a string, got a boolean\"}]");
    }

    @Test
    void wrongTypesInsideTheTargetAndUnknownFieldsAreListedTogether() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        Http.Response r =
                http.patch(
                        "/v1/applications/" + app,
                        alice.adminKey(),
                        "{\"target\":{\"ipv4\":[\"192.0.2.1\",19216801]},"
                                + "\"allowed_origins\":\"https://a.example\",\"tenant_id\":1}");
        assertProblem(r, 400, "invalid_request");
        assertThat(r.json().get("errors").toString())
                .isEqualTo(
                        "[{\"field\":\"target.ipv4[1]\",\"message\":\"expected a string,"
                                + " got a whole number\"},{\"field\":\"allowed_origins\","
                                + "\"message\":\"expected an array, got a string\"},"
                                + "{\"field\":\"tenant_id\",\"message\":\"is not a known"
                                + " field\"}]");
    }

    @Test
    void applicationRoutesNeedTheirScopes() {
        assertProblem(
                http.post(
                        "/v1/applications",
                        reader,
                        DomainsFixture.application("x", "edge.example.net")),
                403,
                "forbidden");
        assertProblem(http.get("/v1/applications", null), 401, "unauthorized");
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        assertProblem(
                http.patch("/v1/applications/" + app, writer, Http.json("name", "y")),
                403,
                "forbidden");
        assertProblem(http.delete("/v1/applications/" + app, writer), 403, "forbidden");
        assertProblem(
                http.post("/v1/applications/" + app + "/webhook-secret:rotate", reader, "{}"),
                403,
                "forbidden");
    }

    @Test
    void patchChangesOnlyWhatIsSentAndRotateGivesANewSecret() {
        JsonNode created =
                DomainsFixture.createApplication(
                        node,
                        alice.adminKey(),
                        DomainsFixture.application("Before", "edge.example.net"));
        String app = created.get("id").asString();
        Http.Response patched =
                http.patch(
                        "/v1/applications/" + app,
                        alice.adminKey(),
                        Http.json("name", "After", "status", "disabled"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("name").asString()).isEqualTo("After");
        assertThat(patched.json().get("status").asString()).isEqualTo("disabled");
        assertThat(patched.json().get("target").get("cname").asString())
                .isEqualTo("edge.example.net");
        assertProblem(
                http.patch(
                        "/v1/applications/" + app, alice.adminKey(), Http.json("status", "paused")),
                400,
                "invalid_request");

        Http.Response rotated =
                http.post(
                        "/v1/applications/" + app + "/webhook-secret:rotate",
                        alice.adminKey(),
                        "{}");
        assertThat(rotated.status()).isEqualTo(200);
        assertThat(rotated.json().get("webhook_secret").asString())
                .startsWith("whsec_")
                .isNotEqualTo(created.get("webhook_secret").asString());
    }

    @Test
    void listsArePagedWithCursors() {
        Tenancy.TestTenant carol = Tenancy.newTenant(node);
        for (int i = 0; i < 3; i++) {
            DomainsFixture.createApplication(node, carol.adminKey());
        }
        Http.Response first = http.get("/v1/applications?limit=2", carol.adminKey());
        assertThat(first.json().get("data").size()).isEqualTo(2);
        String cursor = first.json().get("next_cursor").asString();
        Http.Response second =
                http.get("/v1/applications?limit=2&cursor=" + cursor, carol.adminKey());
        assertThat(second.json().get("data").size()).isEqualTo(1);
        assertThat(second.json().get("next_cursor").isNull()).isTrue();
        assertProblem(
                http.get("/v1/applications?cursor=bogus", carol.adminKey()),
                400,
                "invalid_request");
    }

    @Test
    void createConnectionShowsTheRecordsAndIsIdempotent() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        String host = DomainsFixture.uniqueHost("example.com");
        Http.Response first =
                http.post(
                        "/v1/applications/" + app + "/connections",
                        writer,
                        Http.json("hostname", host.toUpperCase() + ".", "end_user_ref", "cust-42"));
        assertThat(first.status()).isEqualTo(201);
        JsonNode c = first.json();
        assertThat(c.get("hostname").asString()).isEqualTo(host);
        assertThat(c.get("status").asString()).isEqualTo("pending");
        assertThat(c.get("end_user_ref").asString()).isEqualTo("cust-42");
        JsonNode txt = c.get("records").get(0);
        assertThat(txt.get("type").asString()).isEqualTo("TXT");
        assertThat(txt.get("name").asString()).isEqualTo("_gatehouse-challenge." + host);
        assertThat(txt.get("value").asString()).matches("gh-verify=[A-Za-z0-9_-]{32}");
        assertThat(c.get("records").get(1).get("type").asString()).isEqualTo("CNAME");
        assertThat(c.get("records").get(1).get("value").asString())
                .isEqualTo("edge.saas.example.net");

        Http.Response again =
                http.post(
                        "/v1/applications/" + app + "/connections",
                        writer,
                        Http.json("hostname", host));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asString()).isEqualTo(c.get("id").asString());
    }

    @Test
    void invalidHostnamesAre400WithTheReason() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        for (String bad :
                List.of("co.uk", "192.0.2.1", "*.example.com", "a..example.com", "x".repeat(300))) {
            Http.Response r =
                    http.post(
                            "/v1/applications/" + app + "/connections",
                            writer,
                            Http.json("hostname", bad));
            assertProblem(r, 400, "invalid_hostname");
        }
        assertProblem(
                http.post("/v1/applications/" + app + "/connections", writer, "{}"),
                400,
                "invalid_request");
        assertProblem(
                http.post(
                        "/v1/applications/" + app + "/connections",
                        writer,
                        Http.json("hostname", "ok.example.com", "end_user_ref", "r".repeat(129))),
                400,
                "invalid_request");
    }

    @Test
    void symbolsIdna2008DisallowsAre400InvalidHostnameWithAWholeSentence() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        for (String bad : List.of("☃.net", "xn--n3h.net", "i♥ny.example.com")) {
            Http.Response r =
                    http.post(
                            "/v1/applications/" + app + "/connections",
                            writer,
                            Http.json("hostname", bad));
            assertProblem(r, 400, "invalid_hostname");
            assertThat(r.json().get("detail").asString())
                    .isEqualTo("The hostname is not a valid internationalised domain name.");
        }
        Http.Response wildcard =
                http.post(
                        "/v1/applications/" + app + "/connections",
                        writer,
                        Http.json("hostname", "*.example.com"));
        assertThat(wildcard.json().get("detail").asString())
                .isEqualTo("The hostname is a wildcard, and wildcard hostnames are not supported.");
    }

    @Test
    void internationalisedHostnamesAreStoredAsALabels() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        String zone = ".u" + System.nanoTime() + ".example.com";
        Map<String, String> expected =
                Map.of(
                        "BÜCHER" + zone, "xn--bcher-kva" + zone,
                        "مثال" + zone, "xn--mgbh0fb" + zone,
                        "例子" + zone, "xn--fsqu00a" + zone);
        expected.forEach(
                (input, aLabel) -> {
                    Http.Response r =
                            http.post(
                                    "/v1/applications/" + app + "/connections",
                                    writer,
                                    Http.json("hostname", input));
                    assertThat(r.status()).as(input).isEqualTo(201);
                    assertThat(r.json().get("hostname").asString()).isEqualTo(aLabel);
                    Http.Response again =
                            http.post(
                                    "/v1/applications/" + app + "/connections",
                                    writer,
                                    Http.json("hostname", aLabel));
                    assertThat(again.status())
                            .as("the A-label is the same hostname")
                            .isEqualTo(200);
                });
    }

    @Test
    void aPendingConnectionShowsItsVerificationDeadline() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        Instant before = Instant.now();
        JsonNode c =
                DomainsFixture.createConnection(
                        node, alice.adminKey(), app, DomainsFixture.uniqueHost("example.com"));
        Instant deadline = Instant.parse(c.get("verification_deadline").asString());
        Instant created = Instant.parse(c.get("created_at").asString());
        assertThat(Duration.between(created, deadline)).isEqualTo(Duration.ofHours(72));
        assertThat(deadline).isAfter(before.plus(Duration.ofHours(71)));
        assertThat(c.get("verification_deadline").asString()).endsWith("Z");

        http.delete("/v1/applications/" + app + "/connections/" + c.get("id").asString(), writer);
        JsonNode removed =
                http.get(
                                "/v1/applications/"
                                        + app
                                        + "/connections/"
                                        + c.get("id").asString(),
                                alice.adminKey())
                        .json();
        assertThat(removed.get("status").asString()).isEqualTo("removed");
        assertThat(removed.get("verification_deadline").isNull()).isTrue();
    }

    @Test
    void aHostnameVerifiedElsewhereIsTakenWithoutSayingWhere() {
        String bobApp = DomainsFixture.createApplication(node, bob.adminKey());
        String host = DomainsFixture.uniqueHost("example.org");
        String conn =
                DomainsFixture.createConnection(node, bob.adminKey(), bobApp, host)
                        .get("id")
                        .asString();
        owner.sql("update domain_connections set status = 'verified' where public_id = ?")
                .param(conn)
                .update();

        String aliceApp = DomainsFixture.createApplication(node, alice.adminKey());
        Http.Response r =
                http.post(
                        "/v1/applications/" + aliceApp + "/connections",
                        writer,
                        Http.json("hostname", host));
        assertProblem(r, 409, "hostname_taken");
        assertThat(r.body()).doesNotContain(bob.id()).doesNotContain(bobApp).doesNotContain(conn);
    }

    @Test
    void connectionRoutesAnswer404ForAnotherTenantsApplicationOrConnection() {
        String bobApp = DomainsFixture.createApplication(node, bob.adminKey());
        String bobConn =
                DomainsFixture.createConnection(
                                node,
                                bob.adminKey(),
                                bobApp,
                                DomainsFixture.uniqueHost("example.net"))
                        .get("id")
                        .asString();
        String aliceApp = DomainsFixture.createApplication(node, alice.adminKey());
        String base = "/v1/applications/" + bobApp;
        String missing = "/v1/applications/app_00000000000000000000000000";
        for (String[] call :
                List.of(
                        new String[] {"GET", ""},
                        new String[] {"PATCH", ""},
                        new String[] {"DELETE", ""},
                        new String[] {"POST", "/webhook-secret:rotate"},
                        new String[] {"GET", "/connections"},
                        new String[] {"POST", "/connections"},
                        new String[] {"GET", "/connections/" + bobConn},
                        new String[] {"POST", "/connections/" + bobConn + "/verify"},
                        new String[] {"DELETE", "/connections/" + bobConn})) {
            String body =
                    switch (call[0]) {
                        case "GET", "DELETE" -> null;
                        case "PATCH" -> Http.json("name", "taken over");
                        default ->
                                call[1].equals("/connections")
                                        ? Http.json("hostname", "a.example.com")
                                        : "{}";
                    };
            Http.Response other =
                    http.send(call[0], base + call[1], alice.adminKey(), body, Map.of());
            Http.Response none =
                    http.send(call[0], missing + call[1], alice.adminKey(), body, Map.of());
            assertProblem(other, 404, "not_found");
            assertThat(other.body().replaceAll("\"ref\":\"[^\"]*\"", ""))
                    .isEqualTo(none.body().replaceAll("\"ref\":\"[^\"]*\"", ""));
        }
        // Bob's connection through Alice's own application is not found either.
        assertProblem(
                http.get(
                        "/v1/applications/" + aliceApp + "/connections/" + bobConn,
                        alice.adminKey()),
                404,
                "not_found");
        assertThat(
                        http.get(base + "/connections/" + bobConn, bob.adminKey())
                                .json()
                                .get("status")
                                .asString())
                .isEqualTo("pending");
    }

    @Test
    void verifyChecksDnsNowAndShowsWhatWasFound() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        String conn =
                DomainsFixture.createConnection(
                                node, writer, app, DomainsFixture.uniqueHost("example.com"))
                        .get("id")
                        .asString();
        Http.Response r =
                http.post(
                        "/v1/applications/" + app + "/connections/" + conn + "/verify",
                        writer,
                        "{}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.get("status").asString()).isEqualTo("pending");
        assertThat(c.get("last_checked_at").isNull()).isFalse();
        assertThat(c.get("last_check").size()).isEqualTo(2);
        assertThat(c.get("last_check").get(0).get("ok").asBoolean()).isFalse();
        assertThat(c.get("failure_reason").asString()).isEqualTo("ownership_not_proven");
        assertProblem(
                http.post(
                        "/v1/applications/" + app + "/connections/" + conn + "/verify",
                        reader,
                        "{}"),
                403,
                "forbidden");
    }

    @Test
    void listFiltersByStatusAndRemovalIsFinal() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        String keep =
                DomainsFixture.createConnection(
                                node, writer, app, DomainsFixture.uniqueHost("example.com"))
                        .get("id")
                        .asString();
        String gone =
                DomainsFixture.createConnection(
                                node, writer, app, DomainsFixture.uniqueHost("example.com"))
                        .get("id")
                        .asString();
        assertThat(http.delete("/v1/applications/" + app + "/connections/" + gone, writer).status())
                .isEqualTo(204);
        assertProblem(
                http.delete("/v1/applications/" + app + "/connections/" + gone, writer),
                404,
                "not_found");

        JsonNode pending =
                http.get("/v1/applications/" + app + "/connections?status=pending", reader).json();
        assertThat(pending.get("data").size()).isEqualTo(1);
        assertThat(pending.get("data").get(0).get("id").asString()).isEqualTo(keep);
        JsonNode removed =
                http.get("/v1/applications/" + app + "/connections?status=removed", reader).json();
        assertThat(removed.get("data").get(0).get("id").asString()).isEqualTo(gone);
        assertProblem(
                http.get("/v1/applications/" + app + "/connections?status=gone", reader),
                400,
                "invalid_request");
    }

    @Test
    void deletingAnApplicationRemovesItsConnections() {
        String app = DomainsFixture.createApplication(node, alice.adminKey());
        String conn =
                DomainsFixture.createConnection(
                                node, writer, app, DomainsFixture.uniqueHost("example.com"))
                        .get("id")
                        .asString();
        assertThat(http.delete("/v1/applications/" + app, alice.adminKey()).status())
                .isEqualTo(204);
        assertProblem(http.get("/v1/applications/" + app, reader), 404, "not_found");
        assertThat(
                        owner.sql("select status from domain_connections where public_id = ?")
                                .param(conn)
                                .query(String.class)
                                .single())
                .isEqualTo("removed");
    }

    @Test
    void usageCountsByMonth() {
        Http.Response r = http.get("/v1/usage?month=2026-01", reader);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("connections_gone_live").asLong()).isZero();
        assertThat(r.json().has("active_connections")).isTrue();
        assertProblem(http.get("/v1/usage?month=2026-13", reader), 400, "invalid_request");
        assertProblem(http.get("/v1/usage", writer.replace("gk_", "gk_x")), 401, "unauthorized");
    }
}
