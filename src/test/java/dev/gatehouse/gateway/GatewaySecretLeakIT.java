package dev.gatehouse.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.gateway.access.AccessFixture;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.FakeUpstream;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ERP Access's secret leak test: plants every secret the gateway handles on the paths it takes
 * (upstream basic, header and session secrets; the credential set's password and x-api-key; the
 * token; secrets in relayed bodies, query strings and the upstream's answers; wrong passwords on
 * the token endpoint), then searches every log line and log file, every administration answer,
 * {@code /metrics} and every database row for each secret's full value. The relayed answers
 * themselves are the partner's data and pass through; the one-time reveals are allowed where they
 * happen. Each search also asserts it covered real material, so an empty capture cannot pass.
 */
class GatewaySecretLeakIT {

    static final SecureRandom RANDOM = new SecureRandom();

    static Path logDir;
    static TestNode node;
    static CapturedLogs logs;
    static FakeUpstream erp;

    /** Label → secret value. */
    static final Map<String, String> secrets = new LinkedHashMap<>();

    /** Administration answers (not relayed ones, not the one-time reveals). */
    static final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void plantSecrets() throws IOException {
        logDir = Files.createTempDirectory("gatehouse-gateway-leak-logs");
        CapturedLogs.letTheNextNodeConfigureLogging();
        node = TestNode.start(Map.of("LOG_PATH", logDir.toString()));
        logs = CapturedLogs.start();
        erp = FakeUpstream.start();
        Http http = node.http();
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String key = tenant.adminKey();

        // Upstream secrets of every auth shape, each saved then replaced by the next.
        String basic = secret("upstream basic password");
        putUpstream(key, Map.of("type", "basic", "username", "svc", "password", basic));
        admin(http.post("/v1/gateway/upstream:test", key, null));
        String header = secret("upstream header value");
        putUpstream(key, Map.of("type", "header", "name", "X-ERP-Key", "value", header));
        String sessionPassword = secret("upstream session password");
        String sessionToken = secret("upstream session token");
        erp.script(
                "/erp/Login",
                FakeUpstream.Reply.json(200, "{\"SessionId\":\"" + sessionToken + "\"}"));
        putUpstream(
                key,
                Map.of(
                        "type",
                        "session",
                        "login_path",
                        "/Login",
                        "body_template",
                        "{\"CompanyDB\":\"SBO\",\"UserName\":\"{username}\","
                                + "\"Password\":\"{password}\"}",
                        "username",
                        "manager",
                        "password",
                        sessionPassword,
                        "token_pointer",
                        "/SessionId",
                        "token_header",
                        "Cookie",
                        "token_prefix",
                        "B1SESSION=",
                        "ttl_seconds",
                        1800));
        admin(http.post("/v1/gateway/upstream:test", key, null));
        admin(http.get("/v1/gateway/upstream", key));

        for (String template : List.of("/customers/{id}", "/Login2")) {
            admin(
                    http.post(
                            "/v1/gateway/endpoints",
                            key,
                            Http.json(
                                    "method",
                                    template.equals("/Login2") ? "POST" : "GET",
                                    "path_template",
                                    template)));
        }
        AccessFixture.Issued c = AccessFixture.credential(node, key);
        secrets.put("api_password", c.apiPassword());
        secrets.put("x_api_key", c.xApiKey());
        admin(
                http.post(
                        "/v1/gateway/policies",
                        key,
                        Http.json(
                                "name",
                                "All",
                                "account_id",
                                c.accountId(),
                                "rules",
                                List.of(Map.of("method", "*", "path", "/**")),
                                "schedule_exempt",
                                true)));

        // The token endpoint: a wrong password, then the right one.
        String wrong = secret("wrong api password");
        AccessFixture.token(http, AccessFixture.basic(c.clientId(), wrong), c.xApiKey());
        String token = AccessFixture.exchange(node, c);
        secrets.put("token", token);

        // Relays: secrets in the query, the body and the upstream's answer.
        String inQuery = secret("query api_key");
        String inBody = secret("body password");
        String inAnswer = secret("answer access_token");
        erp.script(
                "/erp/customers/42",
                FakeUpstream.Reply.json(
                        200, "{\"name\":\"Ana\",\"access_token\":\"" + inAnswer + "\"}"));
        Map<String, String> headers =
                Map.of("Authorization", "Bearer " + token, "x-api-key", c.xApiKey());
        Http.Response relayed =
                http.send(
                        "GET",
                        "/gateway/v1/erp/customers/42?api_key=" + inQuery,
                        null,
                        null,
                        headers);
        assertThat(relayed.status()).as(relayed.body()).isEqualTo(200);
        assertThat(relayed.body()).as("the partner's data passes through").contains(inAnswer);
        http.send(
                "POST",
                "/gateway/v1/erp/Login2",
                null,
                "{\"UserName\":\"ana\",\"Password\":\"" + inBody + "\"}",
                headers);
        // Refused relays: a wrong x-api-key carrying a secret, a token in the wrong header.
        http.send(
                "GET",
                "/gateway/v1/erp/customers/42",
                null,
                null,
                Map.of("Authorization", "Bearer " + token, "x-api-key", "gwk_" + inQuery));
        http.send("GET", "/gateway/v1/erp/customers/42", null, null, Map.of("x-api-key", token));

        // Revocation and the administration reads that follow.
        admin(http.post("/v1/gateway/credentials/" + c.id() + ":revoke", key, null));
        admin(http.get("/v1/gateway/tokens?credential_id=" + c.id(), key));
        admin(http.get("/v1/gateway/actors/" + c.actorId() + "/credentials", key));
        admin(http.get("/v1/audit-events?limit=100", key));
        assertThat(erp.requests("/erp/customers/42")).hasSize(1);
        assertThat(erp.requests("/erp/Login")).isNotEmpty();
    }

    @AfterAll
    static void stop() {
        logs.close();
        erp.close();
        node.close();
    }

    @Test
    void noSecretInAnyLogLineOrFile() {
        List<String> material = new ArrayList<>(logs.events());
        material.addAll(logs.consoleLines());
        material.addAll(CapturedLogs.filesUnder(logDir));
        assertThat(material).anyMatch(l -> l.contains("gateway") || l.contains("Gateway"));
        assertNoSecretIn("logs", material);
    }

    @Test
    void noSecretInAnyAdministrationAnswer() {
        assertThat(answers).anyMatch(a -> a.contains("gateway.relay.allowed"));
        assertNoSecretIn("administration answers", answers);
    }

    @Test
    void noSecretInMetrics() {
        Http.Response metrics = node.management().get("/metrics", null);
        assertThat(metrics.body()).contains("gatehouse_gateway_relays_total");
        assertNoSecretIn("/metrics", List.of(metrics.body()));
    }

    @Test
    void noSecretInAnyDatabaseRow() {
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> tables =
                owner.sql("select tablename from pg_tables where schemaname = 'public'")
                        .query(String.class)
                        .list();
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            owner.sql("select t::text from public." + table + " t")
                    .query(String.class)
                    .list()
                    .forEach(r -> rows.add(table + ": " + r));
        }
        assertThat(rows)
                .anyMatch(r -> r.startsWith("gateway_upstreams: "))
                .anyMatch(r -> r.startsWith("audit_events: ") && r.contains("relay.allowed"));
        assertNoSecretIn("database rows", rows);
    }

    private static void admin(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 204);
        answers.add(r.body());
    }

    private static String secret(String label) {
        String value = "S3cr3t" + HexFormat.of().formatHex(bytes(12));
        secrets.put(label, value);
        return value;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static void assertNoSecretIn(String source, List<String> material) {
        List<String> found = new ArrayList<>();
        for (String text : material) {
            secrets.forEach(
                    (label, value) -> {
                        if (text.contains(value)) {
                            found.add(
                                    label
                                            + " in "
                                            + (text.length() > 300
                                                    ? text.substring(0, 300) + "…"
                                                    : text));
                        }
                    });
        }
        assertThat(found).as("secrets found in " + source).isEmpty();
    }

    /** Saves the tenant's upstream with {@code auth}, replacing the one before. */
    private static void putUpstream(String key, Map<String, Object> auth) {
        admin(
                node.http()
                        .send(
                                "PUT",
                                "/v1/gateway/upstream",
                                key,
                                Http.json("base_url", erp.url("/erp"), "auth", auth),
                                Map.of()));
    }
}
