package dev.gatehouse.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.CommandLine;
import dev.gatehouse.testing.DebianPostgres15;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.ManagedPostgres;
import dev.gatehouse.testing.PasswordPostgres17;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An installation made by the previous release starts under this code with its data intact.
 *
 * <p>The fixture {@code upgrade/v10/} is a database created and migrated by Gatehouse at schema V10
 * (the last schema before issue 8), on PostgreSQL 15 with a {@code CREATEROLE} owner, filled
 * through the API (tenants, keys, one revoked, an application with its sealed webhook secret,
 * connections of which one live, a DNS credential sealed under {@code CREDENTIAL_ENC_KEY}, audit
 * events) and dumped with {@code pg_dump --no-owner}. Every migration added after V10 runs on it
 * here, so each new migration is proven against real data from the previous schema.
 */
class UpgradeFromPreviousSchemaIT {

    private static final int FIXTURE_VERSION = 10;

    @TempDir Path workDir;

    static Stream<ManagedPostgres> servers() {
        return Stream.of(DebianPostgres15.shared(), PasswordPostgres17.shared());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aV10InstallationStartsWithItsDataIntact(ManagedPostgres server) throws Exception {
        Properties fixture = fixture();
        ManagedPostgres.Owner owner = server.newOwner();
        String appRole = "app_" + owner.user();
        // The previous release created the app role as the owner; the dump's grants name it.
        asOwner(server, owner, "create role " + appRole + " login");
        server.restore(owner, dump(appRole));

        Map<String, String> env = new HashMap<>(server.environment(owner, Map.of()));
        env.put("DATABASE_APP_ROLE", appRole);
        env.put("APP_KEY", fixture.getProperty("app_key"));
        env.put("CREDENTIAL_ENC_KEY", fixture.getProperty("credential_enc_key"));
        env.put("TOKEN_HMAC_SECRET", fixture.getProperty("token_hmac_secret"));

        try (TestNode node = TestNode.startWith(env)) {
            assertThat(node.terminal().out()).as("no first-run banner").doesNotContain("gk_");
            assertEveryLaterMigrationRan(server, owner);
            assertDataIntact(node, fixture);
        }
        CapturedTerminal rotate = CommandLine.succeeds(env, workDir, "vault", "rotate");
        assertThat(rotate.out()).contains("0 could not be opened");

        try (TestNode again = TestNode.startWith(env)) {
            assertThat(
                            again.http()
                                    .get(
                                            "/v1/whoami",
                                            fixture.getProperty("default_tenant_admin_key"))
                                    .status())
                    .isEqualTo(200);
        }
    }

    private static void assertDataIntact(TestNode node, Properties f) {
        Http http = node.http();
        String admin = f.getProperty("default_tenant_admin_key");
        JsonNode me = http.get("/v1/whoami", admin).json();
        assertThat(me.get("tenant").get("id").asString())
                .isEqualTo(f.getProperty("default_tenant"));

        JsonNode tenant =
                http.get(
                                "/v1/tenants/" + f.getProperty("default_tenant"),
                                f.getProperty("operator_key"))
                        .json();
        assertThat(tenant.get("limits").get("max_connections").asInt())
                .as("the tenant's connection limit")
                .isEqualTo(Integer.parseInt(f.getProperty("default_tenant_max_connections")));

        assertThat(
                        http.get("/v1/whoami", f.getProperty("second_tenant_admin_key"))
                                .json()
                                .get("tenant")
                                .get("id")
                                .asString())
                .isEqualTo(f.getProperty("second_tenant"));
        assertThat(http.get("/v1/whoami", f.getProperty("revoked_key")).status())
                .as("a key revoked before the upgrade")
                .isEqualTo(401);

        String app = f.getProperty("application");
        assertThat(http.get("/v1/applications/" + app, f.getProperty("reader_key")).status())
                .isEqualTo(200);
        assertThat(
                        http.get(
                                        "/v1/applications/" + app,
                                        f.getProperty("second_tenant_admin_key"))
                                .status())
                .as("another tenant still cannot see it")
                .isEqualTo(404);
        JsonNode connections =
                http.get("/v1/applications/" + app + "/connections", f.getProperty("reader_key"))
                        .json();
        assertThat(
                        connections
                                .get("data")
                                .valueStream()
                                .map(c -> c.get("id").asString() + "=" + c.get("status").asString())
                                .toList())
                .containsExactlyInAnyOrder(
                        f.getProperty("pending_connection") + "=pending",
                        f.getProperty("live_connection") + "=live");
        assertThat(http.get("/v1/dns-credentials", admin).body())
                .contains(f.getProperty("dns_credential"));

        Http.Response allow =
                node.management()
                        .get("/internal/ask?domain=" + f.getProperty("live_hostname"), null);
        assertThat(allow.status()).isEqualTo(200);
        assertThat(allow.json().get("origin").asString()).isEqualTo(f.getProperty("live_origin"));
        assertThat(
                        node.management()
                                .get(
                                        "/internal/ask?domain=" + f.getProperty("pending_hostname"),
                                        null)
                                .status())
                .isEqualTo(404);

        JsonNode verify = http.get("/v1/audit-events/verify", admin).json();
        assertThat(verify.get("ok").asBoolean()).as(verify.toString()).isTrue();
        assertThat(verify.get("checked").asInt()).isGreaterThanOrEqualTo(9);
    }

    private static void assertEveryLaterMigrationRan(
            ManagedPostgres server, ManagedPostgres.Owner owner) throws IOException {
        List<Integer> shipped = shippedVersions();
        assertThat(shipped).contains(FIXTURE_VERSION);
        List<Integer> applied =
                JdbcClient.create(server.superuser(owner.database()))
                        .sql(
                                "select version::int from flyway_schema_history where success order"
                                        + " by installed_rank")
                        .query(Integer.class)
                        .list();
        assertThat(applied).as("migrations recorded after the upgrade").isEqualTo(shipped);
    }

    /** Every migration this build ships, by version. */
    private static List<Integer> shippedVersions() throws IOException {
        Pattern name = Pattern.compile("^V(\\d+)__.+\\.sql$");
        Resource[] resources =
                new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/migration/V*.sql");
        return Arrays.stream(resources)
                .map(r -> name.matcher(String.valueOf(r.getFilename())))
                .filter(Matcher::matches)
                .map(m -> Integer.parseInt(m.group(1)))
                .sorted()
                .toList();
    }

    private Path dump(String appRole) throws IOException {
        String sql;
        try (InputStream in = resource("upgrade/v10/dump.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path file = workDir.resolve("dump.sql");
        Files.writeString(file, sql.replace("__APP_ROLE__", appRole), StandardCharsets.UTF_8);
        return file;
    }

    private static Properties fixture() {
        try (InputStream in = resource("upgrade/v10/fixture.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String path) {
        InputStream in =
                UpgradeFromPreviousSchemaIT.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + path);
        }
        return in;
    }

    private static void asOwner(ManagedPostgres server, ManagedPostgres.Owner owner, String sql)
            throws SQLException {
        try (Connection c =
                        DriverManager.getConnection(
                                server.jdbcUrl(owner.database()), owner.user(), owner.password());
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
