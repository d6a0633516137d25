package dev.gatehouse.licensing;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.CommandLine;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Gatehouse as the license server: {@code gatehouse license issue|revoke|list} between requests,
 * {@code GET /api/validate} answering exactly the original's signed JSON, and the license client
 * against it over real HTTP: valid, then revoked. An unknown key is answered like a revoked one; a
 * node that is not a license server has neither the route nor the commands.
 */
class LicenseServerIT {

    static final String SECRET = "server-hmac-secret-of-some-length";

    static TestNode node;
    static CapturedLogs logs;
    static Map<String, String> env;

    @TempDir static Path workDir;

    @BeforeAll
    static void start() {
        env =
                TestNode.environment(
                        Map.of(
                                "GATEHOUSE_LICENSE_SERVER_ENABLED",
                                "true",
                                "HMAC_SECRET",
                                SECRET,
                                "RATE_LIMIT_IP_PER_MINUTE",
                                "20",
                                "TRUSTED_PROXIES",
                                "127.0.0.1/32"));
        node = TestNode.startWith(env);
        logs = CapturedLogs.start();
    }

    @AfterAll
    static void stop() {
        logs.close();
        node.close();
    }

    @Test
    void issuedKeysValidateSignedUntilRevokedAndTheClientAgrees() {
        CapturedTerminal issued =
                CommandLine.succeeds(
                        env,
                        workDir,
                        "license",
                        "issue",
                        "--customer",
                        "Copamex",
                        "--expires",
                        "2099-01-31");
        String key = issued.valueAfter("  key (shown once; set it as SAGECONNECT_API_KEY):");
        String id = issued.out().lines().findFirst().orElseThrow().split(" ")[1];
        assertThat(key).startsWith("sck_").hasSize(47);
        assertThat(id).startsWith("lic_");

        Http.Response valid = validate(key);
        assertThat(valid.status()).isEqualTo(200);
        assertThat(valid.body())
                .as("the original's field names and order")
                .startsWith("{\"active\":true,\"expiresAt\":\"2099-01-31T00:00:00.000Z\",\"ts\":");
        JsonNode answer = valid.json();
        long ts = answer.get("ts").asLong();
        assertThat(answer.get("sig").asString())
                .isEqualTo(LicenseAnswer.sign(SECRET, true, "2099-01-31T00:00:00.000Z", ts));
        assertThat(Math.abs(ts - node.bean(Clock.class).millis())).isLessThan(60_000);

        LicenseClient client = client(key);
        assertThat(client.ask())
                .isEqualTo(new LicenseCheck.Active(Instant.parse("2099-01-31T00:00:00Z")));

        CommandLine.succeeds(env, workDir, "license", "revoke", "--id", id);

        Http.Response revoked = validate(key);
        assertThat(revoked.body()).startsWith("{\"active\":false,\"ts\":");
        assertThat(revoked.json().has("expiresAt")).isFalse();
        assertThat(client.ask()).isInstanceOf(LicenseCheck.Inactive.class);
        assertThat(CommandLine.succeeds(env, workDir, "license", "list").out())
                .contains(id, "revoked", "Copamex");
        assertThat(logs.events()).noneMatch(l -> l.contains(key.substring(4)));
    }

    @Test
    void anUnknownKeyIsAnsweredLikeARevokedOneAndAMissingKeyIsRefused() {
        Http.Response unknown = validate("sck_not-a-key-anyone-was-given");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("active").asBoolean()).isFalse();
        long ts = unknown.json().get("ts").asLong();
        assertThat(unknown.json().get("sig").asString())
                .isEqualTo(LicenseAnswer.sign(SECRET, false, null, ts));
        assertProblem(node.http().get("/api/validate", null), 400, "invalid_request");
    }

    @Test
    void commandsRefuseBadInputAndANodeThatIsNoServerHasNeitherRouteNorCommands() {
        assertThat(run(env, "license", "issue")).isEqualTo(2);
        assertThat(run(env, "license", "issue", "--customer", "X", "--expires", "tomorrow"))
                .isEqualTo(2);
        assertThat(run(env, "license", "issue", "--customer", "X", "--expires", "2001-01-01"))
                .isEqualTo(2);
        assertThat(run(env, "license", "revoke", "--id", "lic_nosuchlicense")).isEqualTo(1);

        TestNode plain = TestNode.shared();
        assertProblem(plain.http().get("/api/validate?key=x", null), 404, "not_found");
        Map<String, String> notServer = new HashMap<>(plain.env());
        assertThat(run(notServer, "license", "list")).isEqualTo(1);
    }

    @Test
    void validationsCountAgainstTheCallersAddress() {
        Map<String, String> from = Map.of("X-Forwarded-For", "203.0.113.77");
        int answered = 0;
        Http.Response last = null;
        for (int i = 0; i < 25; i++) {
            last = node.http().send("GET", "/api/validate?key=sck_guess" + i, null, null, from);
            if (last.status() != 200) {
                break;
            }
            answered++;
        }
        assertThat(answered).isEqualTo(20);
        assertProblem(last, 429, "rate_limited");
        assertThat(
                        node.http()
                                .send(
                                        "GET",
                                        "/api/validate?key=sck_guess",
                                        null,
                                        null,
                                        Map.of("X-Forwarded-For", "203.0.113.78"))
                                .status())
                .as("another address is not affected")
                .isEqualTo(200);
    }

    private static int run(Map<String, String> environment, String... args) {
        return GatehouseApplication.run(
                args, environment, workDir, new CapturedTerminal().terminal());
    }

    private static Http.Response validate(String key) {
        return node.http()
                .get("/api/validate?key=" + URLEncoder.encode(key, StandardCharsets.UTF_8), null);
    }

    private static LicenseClient client(String key) {
        return new LicenseClient(
                new LicensingSettings(
                        Optional.of(URI.create(env.get("PUBLIC_URL"))),
                        SECRET,
                        key,
                        true,
                        Optional.empty(),
                        false,
                        false),
                node.bean(Clock.class));
    }
}
