package dev.gatehouse.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Bind;
import dev.gatehouse.testing.BindNode;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.FakeCloudflare;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/dns-credentials} and {@code …/connections/{cid}/apply}: one test per outcome, secrets
 * never out.
 */
class DnsCredentialsIT {

    private static final String CF_TOKEN = "cf-secret-token-" + "9".repeat(20);

    private static Bind bind;
    private static TestNode node;
    private static DomainsApi alpha;
    private static DomainsApi beta;

    @BeforeAll
    static void start() {
        bind = Bind.shared();
        node = BindNode.shared();
        alpha = new DomainsApi(node);
        beta = new DomainsApi(node);
    }

    @Test
    void anRfc2136CredentialIsCreatedAndShownWithoutItsSecret() {
        Http.Response r = create(alpha, CredentialBodies.rfc2136(bind, "Primary BIND"));

        assertThat(r.status()).isEqualTo(201);
        JsonNode body = r.json();
        assertThat(body.get("id").asString()).startsWith("dnsc_");
        assertThat(body.get("name").asString()).isEqualTo("Primary BIND");
        assertThat(body.get("provider").asString()).isEqualTo("rfc2136");
        assertThat(body.get("config").get("server").asString()).isEqualTo("127.0.0.1");
        assertThat(body.get("config").get("port").asInt()).isEqualTo(bind.port());
        assertThat(body.get("config").get("tsig_algorithm").asString()).isEqualTo("hmac-sha256");
        assertThat(body.get("config").has("tsig_secret")).isFalse();
        assertThat(r.body()).doesNotContain(bind.tsigSecretBase64());
        assertThat(body.get("created_at").asString()).isNotBlank();
    }

    @Test
    void aCloudflareCredentialIsCreatedWithoutItsToken() {
        Http.Response r =
                create(
                        alpha,
                        CredentialBodies.cloudflare(
                                "Cloudflare", "https://api.cloudflare.com/client/v4/", CF_TOKEN));

        assertThat(r.status()).isEqualTo(201);
        assertThat(r.json().get("config").get("base_url").asString())
                .isEqualTo("https://api.cloudflare.com/client/v4");
        assertThat(r.json().get("config").has("api_token")).isFalse();
        assertThat(r.body()).doesNotContain(CF_TOKEN);
    }

    @Test
    void theListShowsTheTenantsCredentialsButNeverASecretAndPagesByCursor() {
        DomainsApi own = new DomainsApi(node);
        String first =
                create(own, CredentialBodies.rfc2136(bind, "one")).json().get("id").asString();
        String second =
                create(own, CredentialBodies.cloudflare("two", null, CF_TOKEN))
                        .json()
                        .get("id")
                        .asString();

        Http.Response page1 = node.http().get("/v1/dns-credentials?limit=1", own.key());
        assertThat(page1.status()).isEqualTo(200);
        assertThat(ids(page1.json())).containsExactly(first);
        String cursor = page1.json().get("next_cursor").asString();
        Http.Response page2 =
                node.http().get("/v1/dns-credentials?limit=1&cursor=" + cursor, own.key());
        assertThat(ids(page2.json())).containsExactly(second);
        assertThat(page1.body() + page2.body())
                .doesNotContain(CF_TOKEN)
                .doesNotContain(bind.tsigSecretBase64());
    }

    @Test
    void noSecretIsStoredInPlaintextInAnyTableOrTheAudit() {
        create(alpha, CredentialBodies.rfc2136(bind, "leak check"));
        create(alpha, CredentialBodies.cloudflare("leak check", null, CF_TOKEN));
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> tables =
                owner.sql(
                                "select table_name from information_schema.tables where"
                                        + " table_schema = 'public' and table_type = 'BASE TABLE'")
                        .query(String.class)
                        .list();
        List<String> rows = new ArrayList<>();
        for (String t : tables) {
            rows.addAll(
                    owner.sql("select x::text from \"" + t + "\" x").query(String.class).list());
        }
        assertThat(rows)
                .noneMatch(row -> row.contains(CF_TOKEN) || row.contains(bind.tsigSecretBase64()));
        assertThat(owner.sql("select count(*) from dns_credentials").query(Long.class).single())
                .isPositive();
        assertThat(
                        owner.sql(
                                        "select count(*) from audit_events where action ="
                                                + " 'dns_credential.created'")
                                .query(Long.class)
                                .single())
                .isPositive();
    }

    @Test
    void anUnknownProviderIs400() {
        Http.Response r =
                create(alpha, Map.of("name", "x", "provider", "route53", "config", Map.of()));
        assertInvalid(r, "provider");
    }

    @Test
    void missingFieldsAre400WithEveryField() {
        Http.Response r =
                create(alpha, Map.of("provider", "rfc2136", "config", Map.of("port", 53)));
        assertInvalid(
                r,
                "name",
                "config.server",
                "config.zone",
                "config.tsig_key_name",
                "config.tsig_secret");
    }

    @Test
    void aSecretThatIsNotBase64Is400WithoutEchoingIt() {
        Map<String, Object> body =
                CredentialBodies.rfc2136With(Map.of("tsig_secret", "not base64 at all!!"));
        Http.Response r = create(alpha, body);
        assertInvalid(r, "config.tsig_secret");
        assertThat(r.body()).doesNotContain("not base64 at all");
    }

    @Test
    void aBadPortAnUnknownAlgorithmAndAnUnknownFieldAre400() {
        Http.Response r =
                create(
                        alpha,
                        CredentialBodies.rfc2136With(
                                Map.of(
                                        "port",
                                        70000,
                                        "tsig_algorithm",
                                        "hmac-md5",
                                        "password",
                                        "x")));
        assertInvalid(r, "config.port", "config.tsig_algorithm", "config.password");
    }

    @Test
    void aCloudflareZoneIdThatIsNotOneIs400() {
        Http.Response r =
                create(
                        alpha,
                        Map.of(
                                "name",
                                "cf",
                                "provider",
                                "cloudflare",
                                "config",
                                Map.of("api_token", CF_TOKEN, "zone_id", "example.com")));
        assertInvalid(r, "config.zone_id");
    }

    @Test
    void withoutAppsAdminItIs403() {
        String key =
                Tenancy.newKey(node, alpha.tenant(), List.of("connections:write", "apps:read"))[1];
        assertThat(
                        node.http()
                                .post(
                                        "/v1/dns-credentials",
                                        key,
                                        Http.json(
                                                CredentialBodies.flatten(
                                                        CredentialBodies.rfc2136(bind, "x"))))
                                .status())
                .isEqualTo(403);
        assertThat(node.http().get("/v1/dns-credentials", key).status()).isEqualTo(403);
    }

    @Test
    void deletingRemovesItOnceThen404() {
        String id =
                create(alpha, CredentialBodies.rfc2136(bind, "short-lived"))
                        .json()
                        .get("id")
                        .asString();

        assertThat(node.http().delete("/v1/dns-credentials/" + id, alpha.key()).status())
                .isEqualTo(204);
        assertThat(node.http().delete("/v1/dns-credentials/" + id, alpha.key()).status())
                .isEqualTo(404);
        assertThat(ids(node.http().get("/v1/dns-credentials?limit=100", alpha.key()).json()))
                .doesNotContain(id);
    }

    @Test
    void anotherTenantsCredentialIs404Everywhere() {
        String id =
                create(alpha, CredentialBodies.rfc2136(bind, "alpha's"))
                        .json()
                        .get("id")
                        .asString();
        String app = beta.application(null, List.of("192.0.2.10"));
        String conn = beta.connect(app, DomainsApi.hostname("example.com")).get("id").asString();

        assertThat(node.http().delete("/v1/dns-credentials/" + id, beta.key()).status())
                .isEqualTo(404);
        assertThat(ids(node.http().get("/v1/dns-credentials?limit=100", beta.key()).json()))
                .doesNotContain(id);
        assertThat(apply(beta, app, conn, id).status()).isEqualTo(404);
    }

    @Test
    void applyWritesTheRecordsThroughBindAndTheConnectionGoesLive() {
        String credential =
                create(alpha, CredentialBodies.rfc2136(bind, "BIND")).json().get("id").asString();
        String app = alpha.application(null, List.of("192.0.2.10"));
        String host = DomainsApi.hostname("example.com");
        String conn = alpha.connect(app, host).get("id").asString();

        Http.Response r = apply(alpha, app, conn, credential);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asString()).isEqualTo("live");
        assertThat(r.json().get("id").asString()).isEqualTo(conn);
    }

    @Test
    void applyThroughCloudflareUsesTheSealedTokenAndWritesTheRecordsThere() {
        try (FakeCloudflare cloudflare = FakeCloudflare.start("example.com", CF_TOKEN)) {
            String credential =
                    create(
                                    alpha,
                                    Map.of(
                                            "name",
                                            "cf",
                                            "provider",
                                            "cloudflare",
                                            "config",
                                            Map.of(
                                                    "api_token",
                                                    CF_TOKEN,
                                                    "zone_id",
                                                    cloudflare.zoneId(),
                                                    "base_url",
                                                    cloudflare.baseUrl())))
                            .json()
                            .get("id")
                            .asString();
            String app = alpha.application(null, List.of("192.0.2.10"));
            String host = DomainsApi.hostname("example.com");
            JsonNode conn = alpha.connect(app, host);

            Http.Response r = apply(alpha, app, conn.get("id").asString(), credential);

            // Written at Cloudflare; the node checks BIND, where nothing changed, so it stays
            // pending.
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("status").asString()).isEqualTo("pending");
            assertThat(cloudflare.records("TXT", "_gatehouse-challenge." + host))
                    .singleElement()
                    .satisfies(
                            t ->
                                    assertThat(t.content())
                                            .isEqualTo(
                                                    "\"" + DomainsApi.record(conn, "TXT") + "\""));
            assertThat(cloudflare.records("A", host))
                    .singleElement()
                    .satisfies(a -> assertThat(a.content()).isEqualTo("192.0.2.10"));
        }
    }

    @Test
    void applyThroughAProviderThatRefusesIs502WithoutUpstreamText() {
        try (FakeCloudflare cloudflare = FakeCloudflare.start("example.com", "the-right-token")) {
            String credential =
                    create(
                                    alpha,
                                    Map.of(
                                            "name",
                                            "cf",
                                            "provider",
                                            "cloudflare",
                                            "config",
                                            Map.of(
                                                    "api_token",
                                                    CF_TOKEN,
                                                    "zone_id",
                                                    cloudflare.zoneId(),
                                                    "base_url",
                                                    cloudflare.baseUrl())))
                            .json()
                            .get("id")
                            .asString();
            String app = alpha.application(null, List.of("192.0.2.10"));
            String conn =
                    alpha.connect(app, DomainsApi.hostname("example.com")).get("id").asString();

            Http.Response r = apply(alpha, app, conn, credential);

            assertThat(r.status()).isEqualTo(502);
            assertThat(r.json().get("code").asString()).isEqualTo("dns_provider_failed");
            assertThat(r.body()).doesNotContain(CF_TOKEN).doesNotContain("Authentication error");
            assertThat(cloudflare.requests()).isNotEmpty();
        }
    }

    @Test
    void applyWithAnUnknownCredentialApplicationOrConnectionIs404() {
        String credential =
                create(alpha, CredentialBodies.rfc2136(bind, "BIND")).json().get("id").asString();
        String app = alpha.application(null, List.of("192.0.2.10"));
        String conn = alpha.connect(app, DomainsApi.hostname("example.com")).get("id").asString();

        assertThat(apply(alpha, app, conn, "dnsc_00000000000000000000000000").status())
                .isEqualTo(404);
        assertThat(apply(alpha, "app_00000000000000000000000000", conn, credential).status())
                .isEqualTo(404);
        assertThat(apply(alpha, app, "conn_00000000000000000000000000", credential).status())
                .isEqualTo(404);
    }

    @Test
    void applyWithoutACredentialIdIs400AndWithoutConnectionsWriteIs403() {
        String app = alpha.application(null, List.of("192.0.2.10"));
        String conn = alpha.connect(app, DomainsApi.hostname("example.com")).get("id").asString();
        String path = "/v1/applications/" + app + "/connections/" + conn + "/apply";

        assertInvalid(node.http().post(path, alpha.key(), "{}"), "dns_credential_id");
        String adminOnly = Tenancy.newKey(node, alpha.tenant(), List.of("apps:admin"))[1];
        assertThat(
                        node.http()
                                .post(path, adminOnly, Http.json("dns_credential_id", "dnsc_x"))
                                .status())
                .isEqualTo(403);
    }

    @Test
    void secretsAndChallengesNeverReachTheLogs() {
        try (CapturedLogs logs = CapturedLogs.start();
                FakeCloudflare cloudflare =
                        FakeCloudflare.start("example.com", "the-right-token")) {
            String good =
                    create(alpha, CredentialBodies.rfc2136(bind, "BIND"))
                            .json()
                            .get("id")
                            .asString();
            String bad =
                    create(
                                    alpha,
                                    Map.of(
                                            "name",
                                            "cf",
                                            "provider",
                                            "cloudflare",
                                            "config",
                                            Map.of(
                                                    "api_token",
                                                    CF_TOKEN,
                                                    "zone_id",
                                                    cloudflare.zoneId(),
                                                    "base_url",
                                                    cloudflare.baseUrl())))
                            .json()
                            .get("id")
                            .asString();
            String app = alpha.application(null, List.of("192.0.2.10"));
            JsonNode conn = alpha.connect(app, DomainsApi.hostname("example.com"));
            String challenge = DomainsApi.record(conn, "TXT");

            assertThat(apply(alpha, app, conn.get("id").asString(), bad).status()).isEqualTo(502);
            assertThat(apply(alpha, app, conn.get("id").asString(), good).status()).isEqualTo(200);

            String all = String.join("\n", logs.events()) + String.join("\n", logs.consoleLines());
            // The failure is logged for the operator, naming the credential and Cloudflare's code,
            // not the token.
            assertThat(all).contains(bad).contains("10000");
            assertThat(all)
                    .doesNotContain(CF_TOKEN)
                    .doesNotContain(bind.tsigSecretBase64())
                    .doesNotContain(challenge);
        }
    }

    private static Http.Response apply(DomainsApi api, String app, String conn, String credential) {
        return node.http()
                .post(
                        "/v1/applications/" + app + "/connections/" + conn + "/apply",
                        api.key(),
                        Http.json("dns_credential_id", credential));
    }

    private static Http.Response create(DomainsApi api, Map<String, Object> body) {
        return node.http()
                .post("/v1/dns-credentials", api.key(), Http.json(CredentialBodies.flatten(body)));
    }

    private static List<String> ids(JsonNode page) {
        return page.get("data").valueStream().map(d -> d.get("id").asString()).toList();
    }

    private static void assertInvalid(Http.Response r, String... fields) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        List<String> reported =
                r.json().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(reported).contains(fields);
    }
}
