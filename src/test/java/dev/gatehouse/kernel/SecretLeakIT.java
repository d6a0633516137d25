package dev.gatehouse.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.vault.Opened;
import dev.gatehouse.kernel.vault.SealedSecret;
import dev.gatehouse.kernel.vault.SecretPlace;
import dev.gatehouse.kernel.vault.Vault;
import dev.gatehouse.kernel.vault.VaultPurpose;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secret leak test: plants every kind of secret the kernel handles on every path it can take
 * (creation, use, revocation, refusal, bad bodies, query strings, paths, careless log calls,
 * exception messages, the vault), then searches every log line, log file, response, {@code
 * /metrics}, {@code /healthz} and database row for each secret's full value. Each search also
 * asserts that it covered real material, so an empty capture cannot pass.
 */
class SecretLeakIT {

    private static final Logger careless = LoggerFactory.getLogger("dev.gatehouse.test");
    private static final SecureRandom RANDOM = new SecureRandom();

    static Path logDir;
    static TestNode node;
    static CapturedLogs logs;

    /** Label → secret value, every secret the test knows. */
    static final Map<String, String> secrets = new LinkedHashMap<>();

    /** Every response received, with the secrets it is allowed to show (its one-time reveal). */
    static final List<Exchange> exchanges = new ArrayList<>();

    static final List<String> carelessLines = new ArrayList<>();

    record Exchange(String label, Http.Response response, Set<String> reveals) {

        String text() {
            StringBuilder sb = new StringBuilder(response.status() + "\n");
            response.headers()
                    .map()
                    .forEach(
                            (name, values) ->
                                    values.forEach(
                                            v ->
                                                    sb.append(name)
                                                            .append(": ")
                                                            .append(v)
                                                            .append('\n')));
            return sb.append(response.body()).toString();
        }
    }

    @BeforeAll
    static void plantSecretsEverywhere() throws IOException {
        logDir = Files.createTempDirectory("gatehouse-leak-logs");
        CapturedLogs.letTheNextNodeConfigureLogging();
        node = TestNode.start(Map.of("LOG_PATH", logDir.toString()));
        logs = CapturedLogs.start();

        secrets.put("APP_KEY", node.env().get("APP_KEY"));
        secrets.put("CREDENTIAL_ENC_KEY", node.env().get("CREDENTIAL_ENC_KEY"));
        secrets.put("TOKEN_HMAC_SECRET", node.env().get("TOKEN_HMAC_SECRET"));
        secrets.put("app role database password", appRolePassword(node));
        secrets.put("operator key", node.operatorKey());
        secrets.put("first-boot tenant admin key", node.bootstrapAdminKey());

        String operator = node.operatorKey();
        Http http = node.http();

        // Tenants and their admin keys, shown once each.
        Http.Response alpha =
                call(
                        "create tenant alpha",
                        http.post(
                                "/v1/tenants",
                                operator,
                                Http.json("name", "Alpha Leak Co", "slug", "alpha-leak")));
        String alphaAdmin = alpha.json().get("admin_key").get("key").asString();
        reveal("tenant alpha admin key", alphaAdmin, "create tenant alpha");
        Http.Response beta =
                call(
                        "create tenant beta",
                        http.post("/v1/tenants", operator, Http.json("name", "Beta Leak Co")));
        reveal(
                "tenant beta admin key",
                beta.json().get("admin_key").get("key").asString(),
                "create tenant beta");

        // Minted keys: a reader, a key admin, and one that gets revoked.
        String[] reader = mint("reader key", alphaAdmin, List.of("apps:read"));
        String[] minter = mint("key-admin key", alphaAdmin, List.of("keys:admin", "apps:read"));
        String[] revoked = mint("revoked key", alphaAdmin, List.of("apps:read"));
        call("whoami reader", http.get("/v1/whoami", reader[1]));
        call("whoami revoked before revocation", http.get("/v1/whoami", revoked[1]));
        call("list keys", http.get("/v1/api-keys", alphaAdmin));
        call("get key", http.get("/v1/api-keys/" + revoked[0], minter[1]));
        assertThat(call("revoke", http.delete("/v1/api-keys/" + revoked[0], minter[1])).status())
                .isEqualTo(204);
        String[] second = mint("second revoked key", minter[1], List.of("apps:read"));
        String secondRevoked = second[1];
        call("revoke second", http.delete("/v1/api-keys/" + second[0], alphaAdmin));

        // 401: a real revoked key, in the right and in the wrong places.
        assertThat(call("revoked key refused", http.get("/v1/whoami", revoked[1])).status())
                .isEqualTo(401);
        call(
                "revoked key with basic scheme",
                http.send(
                        "GET",
                        "/v1/api-keys",
                        null,
                        null,
                        Map.of("Authorization", "Basic " + secondRevoked)));
        call(
                "revoked key as x-api-key",
                http.send("GET", "/v1/whoami", null, null, Map.of("x-api-key", revoked[1])));
        call(
                "revoked key on a write",
                http.post(
                        "/v1/api-keys",
                        secondRevoked,
                        Http.json("name", "x", "scopes", List.of("apps:read"))));

        // 400: secrets in fields of a bad body, and in a body that does not parse.
        String password = secret("body password", "hunter2-" + HexFormat.of().formatHex(bytes(12)));
        assertThat(
                        call(
                                        "password field in body",
                                        http.post(
                                                "/v1/api-keys",
                                                alphaAdmin,
                                                "{\"name\":\"x\",\"scopes\":[\"apps:read\"],\"password\":\""
                                                        + password
                                                        + "\"}"))
                                .status())
                .isEqualTo(400);
        call(
                "api_key field in body",
                http.post(
                        "/v1/api-keys",
                        alphaAdmin,
                        Http.json(
                                "name",
                                "x",
                                "scopes",
                                List.of("apps:read"),
                                "api_key",
                                reader[1])));
        call(
                "unparseable body with a password",
                http.post(
                        "/v1/api-keys",
                        alphaAdmin,
                        "{\"name\":\"x\",\"password\":\"" + password + "\", oops"));
        call(
                "tenant body with a secret",
                http.post(
                        "/v1/tenants",
                        operator,
                        Http.json("name", "Gamma", "client_secret", password)));

        // Secrets in query strings and paths.
        String querySecret =
                secret("query-string token", "qs" + HexFormat.of().formatHex(bytes(16)));
        call(
                "token in query string",
                http.get("/v1/whoami?token=" + querySecret + "&api_key=" + reader[1], reader[1]));
        call(
                "key in query string without header",
                http.get("/v1/whoami?api_key=" + minter[1], null));
        call("key in path, 403", http.get("/v1/api-keys/" + minter[1], reader[1]));
        call("key in path, 404", http.get("/v1/api-keys/" + minter[1], alphaAdmin));
        call(
                "query token on unknown route",
                http.get("/v1/nowhere?password=" + querySecret, alphaAdmin));

        // 403, 404, 409 and more 401s.
        assertThat(
                        call(
                                        "reader mints, 403",
                                        http.post(
                                                "/v1/api-keys",
                                                reader[1],
                                                Http.json(
                                                        "name",
                                                        "x",
                                                        "scopes",
                                                        List.of("apps:read"))))
                                .status())
                .isEqualTo(403);
        call(
                "tenant key on operator route, 403",
                http.get(
                        "/v1/tenants/" + alpha.json().get("tenant").get("id").asString(),
                        alphaAdmin));
        assertThat(
                        call(
                                        "unknown key id, 404",
                                        http.get(
                                                "/v1/api-keys/key_00000000000000000000000000",
                                                alphaAdmin))
                                .status())
                .isEqualTo(404);
        assertThat(
                        call(
                                        "duplicate slug, 409",
                                        http.post(
                                                "/v1/tenants",
                                                operator,
                                                Http.json(
                                                        "name",
                                                        "Alpha again",
                                                        "slug",
                                                        "alpha-leak")))
                                .status())
                .isEqualTo(409);
        call("unknown key, 401", http.get("/v1/whoami", "gk_" + "Z".repeat(43)));
        call("password as bearer, 401", http.get("/v1/whoami", password));
        call("whoami operator", http.get("/v1/whoami", operator));
        call("audit events", http.get("/v1/audit-events", alphaAdmin));
        call("audit export", http.get("/v1/audit-events/export", alphaAdmin));

        // The vault: a known plaintext sealed, opened, and the results logged carelessly.
        String plaintext =
                secret("vault plaintext", "sage-sql-pw-" + HexFormat.of().formatHex(bytes(16)));
        Vault vault = node.bean(Vault.class);
        SecretPlace place =
                new SecretPlace(
                        VaultPurpose.USER_SECRETS, null, "sync_companies", "sql_password", "7");
        SealedSecret sealed = vault.seal(place, plaintext.getBytes(StandardCharsets.UTF_8));
        Opened opened = vault.open(place, sealed.text());
        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Revealed.class,
                        r -> assertThat(r.secret().asString()).isEqualTo(plaintext));
        logCarelessly("sealed {} opened {}", sealed, opened);

        // Careless log calls and exception messages carrying secrets.
        logCarelessly("Calling upstream with Authorization: Bearer {}", reader[1]);
        logCarelessly("Key {} refused", revoked[1]);
        logCarelessly("login with password={} failed", password);
        logCarelessly("{\"api_key\":\"" + minter[1] + "\",\"password\":\"" + password + "\"}");
        careless.atInfo()
                .addKeyValue("api_key", minter[1])
                .addKeyValue("password", password)
                .addKeyValue("token", querySecret)
                .log("careless key-value pairs");
        carelessLines.add("careless key-value pairs");
        MDC.put("authorization", "Bearer " + operator);
        try {
            logCarelessly("with a secret in the MDC");
        } finally {
            MDC.remove("authorization");
        }
        careless.error(
                "upstream call failed",
                new IllegalStateException(
                        "refused key " + reader[1] + " with password=" + password,
                        new IOException("token=" + querySecret + " x-api-key: " + minter[1])));
        carelessLines.add("upstream call failed");

        call("healthz", node.management().get("/healthz", null));
        call("metrics", node.management().get("/metrics", null));
    }

    @AfterAll
    static void stop() {
        if (logs != null) {
            logs.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void capturedLogEventsCarryNoSecret() {
        List<String> events = logs.events();
        assertThat(events).as("captured events").hasSizeGreaterThan(carelessLines.size());
        assertCarelessLinesPresentAndMasked(events);
        assertNoSecretIn("log events", events);
    }

    @Test
    void standardOutputAndErrorCarryNoSecret() {
        List<String> console = logs.consoleLines();
        assertCarelessLinesPresentAndMasked(console);
        assertNoSecretIn("stdout/stderr", console);
    }

    @Test
    void logFilesUnderLogPathCarryNoSecretFromStartOnward() {
        List<String> files = CapturedLogs.filesUnder(logDir);
        assertThat(files)
                .as("log file lines from this node's start")
                .anyMatch(
                        l -> l.contains("Tomcat started on port " + node.env().get("SERVER_PORT")));
        assertCarelessLinesPresentAndMasked(files);
        assertNoSecretIn("log files", files);
    }

    @Test
    void responsesShowEachSecretOnlyInItsOneTimeReveal() {
        assertThat(exchanges).hasSizeGreaterThan(30);
        assertThat(exchanges)
                .extracting(e -> e.response().status())
                .contains(200, 201, 204, 400, 401, 403, 404, 409);
        List<String> findings = new ArrayList<>();
        for (Exchange e : exchanges) {
            for (String label : e.reveals()) {
                assertThat(findings(List.of(e.text()), Map.of(label, secrets.get(label))))
                        .as("the search finds %s in its own reveal", label)
                        .isNotEmpty();
            }
            Map<String, String> others = new LinkedHashMap<>(secrets);
            others.keySet().removeAll(e.reveals());
            findings.addAll(
                    findings(List.of(e.text()), others).stream()
                            .map(f -> e.label() + ": " + f)
                            .toList());
        }
        assertThat(findings).as("secrets in responses").isEmpty();
    }

    @Test
    void metricsAndHealthCarryNoSecret() {
        String metrics = node.management().get("/metrics", null).body();
        String health = node.management().get("/healthz", null).body();
        assertThat(metrics)
                .contains("gatehouse_auth_refused_total")
                .contains("http_server_requests");
        assertThat(health).isEqualTo("{\"status\":\"UP\"}");
        assertNoSecretIn("metrics and health", List.of(metrics, health));
    }

    @Test
    void auditRowsCarryNoSecretInAnyColumn() {
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> rows =
                owner.sql("select a::text from audit_events a").query(String.class).list();
        List<String> actions =
                owner.sql("select action from audit_events").query(String.class).list();
        assertThat(actions)
                .contains(
                        "tenant.created",
                        "api_key.created",
                        "api_key.revoked",
                        "api_key.rejected",
                        "request.denied");
        assertThat(rows).anyMatch(r -> r.contains("/v1/api-keys/[redacted]"));
        assertNoSecretIn("audit_events", rows);
    }

    @Test
    void noDatabaseTableHoldsASecretInPlainText() {
        JdbcClient owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
        List<String> tables =
                owner.sql("select tablename from pg_tables where schemaname = 'public'")
                        .query(String.class)
                        .list();
        assertThat(tables).contains("tenants", "api_keys", "audit_events");
        List<String> rows = new ArrayList<>();
        for (String table : tables) {
            rows.addAll(
                    owner
                            .sql("select t::text from public." + table + " t")
                            .query(String.class)
                            .list()
                            .stream()
                            .map(r -> table + ": " + r)
                            .toList());
        }
        assertThat(rows).anyMatch(r -> r.startsWith("api_keys: "));
        assertNoSecretIn("database rows", rows);
    }

    // --- planting ---

    private static Http.Response call(String label, Http.Response response) {
        exchanges.add(new Exchange(label, response, Set.of()));
        return response;
    }

    private static void reveal(String label, String value, String exchangeLabel) {
        secrets.put(label, value);
        for (int i = 0; i < exchanges.size(); i++) {
            Exchange e = exchanges.get(i);
            if (e.label().equals(exchangeLabel)) {
                exchanges.set(i, new Exchange(e.label(), e.response(), Set.of(label)));
            }
        }
    }

    private static String[] mint(String label, String by, List<String> scopes) {
        Http.Response r =
                call(
                        "mint " + label,
                        node.http()
                                .post(
                                        "/v1/api-keys",
                                        by,
                                        Http.json("name", label, "scopes", scopes)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String[] idAndKey = {r.json().get("id").asString(), r.json().get("key").asString()};
        reveal(label, idAndKey[1], "mint " + label);
        return idAndKey;
    }

    private static String secret(String label, String value) {
        secrets.put(label, value);
        return value;
    }

    private static void logCarelessly(String format, Object... args) {
        careless.warn(format, args);
        carelessLines.add(format.length() > 12 ? format.substring(0, 12) : format);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * The app role's password as the node derives it from {@code APP_KEY}; checked by logging in
     * with it, so a wrong derivation fails here instead of making the search vacuous.
     */
    private static String appRolePassword(TestNode node) {
        try {
            String password =
                    dev.gatehouse.kernel.db.AppRole.password(
                            dev.gatehouse.kernel.vault.VaultKeys.of(
                                    Base64.getDecoder().decode(node.env().get("APP_KEY"))));
            try (var c =
                    DriverManager.getConnection(
                            TestDatabase.jdbcUrl(node.database()),
                            node.env().get("DATABASE_APP_ROLE"),
                            password)) {
                assertThat(c.isValid(2)).isTrue();
            }
            return password;
        } catch (SQLException e) {
            throw new AssertionError("the derived app role password does not log in", e);
        }
    }

    // --- searching ---

    /** The careless lines were captured (not dropped) and came out masked. */
    private static void assertCarelessLinesPresentAndMasked(List<String> lines) {
        List<String> ours =
                events(lines).stream()
                        .filter(
                                l ->
                                        l.contains("\"logger\":\"dev.gatehouse.test\"")
                                                || l.contains("] dev.gatehouse.test: "))
                        .toList();
        assertThat(ours)
                .as("careless test log lines")
                .hasSizeGreaterThanOrEqualTo(carelessLines.size());
        assertThat(ours)
                .as("masked careless lines")
                .filteredOn(l -> l.contains("[redacted]"))
                .hasSizeGreaterThanOrEqualTo(carelessLines.size());
    }

    /**
     * One entry per log event: JSON events are one line each; on the development console's text, a
     * stack trace follows its event on lines that start with a tab.
     */
    private static List<String> events(List<String> lines) {
        List<String> events = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("\t") && !events.isEmpty()) {
                events.set(events.size() - 1, events.getLast() + "\n" + line);
            } else {
                events.add(line);
            }
        }
        return events;
    }

    private static void assertNoSecretIn(String source, List<String> material) {
        assertThat(material).as(source).isNotEmpty();
        assertThat(findings(material, secrets)).as("secrets found in " + source).isEmpty();
    }

    /**
     * Every line of {@code material} that holds one of {@code wanted}'s values, or the random part
     * of an API key without its {@code gk_} prefix (a leak the prefix-shaped redaction would miss).
     */
    private static List<String> findings(List<String> material, Map<String, String> wanted) {
        List<String> found = new ArrayList<>();
        for (String text : material) {
            wanted.forEach(
                    (label, value) -> {
                        String needle = value.startsWith("gk_") ? value.substring(3) : value;
                        if (text.contains(needle)) {
                            found.add(label + " in: " + abbreviate(text));
                        }
                    });
        }
        return found;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
