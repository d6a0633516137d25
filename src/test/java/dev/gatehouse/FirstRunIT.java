package dev.gatehouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The run command's path with no configuration at all: embedded PostgreSQL under the data folder,
 * generated development secrets, bootstrap credentials printed on the first boot only; and the
 * command line against the same installation.
 */
class FirstRunIT {

    @TempDir Path workDir;

    private Map<String, String> bareEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        env.put("SERVER_ADDRESS", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        env.put("GATEHOUSE_DATA_DIR", workDir.resolve("data").toString());
        return env;
    }

    @Test
    void firstBootPrintsCredentialsOnceAndTheInstallationSurvivesARestart() throws Exception {
        Map<String, String> env = bareEnvironment();
        String adminKey;
        try (TestNode first = TestNode.startWith(env)) {
            adminKey = first.bootstrapAdminKey();
            assertThat(first.operatorKey()).matches("gk_[0-9A-Za-z]{43}");
            assertThat(first.http().get("/v1/whoami", adminKey).status()).isEqualTo(200);
            assertThat(first.management().get("/healthz", null).body())
                    .isEqualTo("{\"status\":\"UP\"}");

            CapturedTerminal cli = new CapturedTerminal();
            int status =
                    GatehouseApplication.run(
                            new String[] {"tenant", "create", "--name", "From CLI"},
                            env,
                            workDir,
                            cli.terminal());
            assertThat(status).as(cli.err()).isZero();
            String cliKey = cli.valueAfter("Admin API key (shown once, store it now):");
            assertThat(
                            first.http()
                                    .get("/v1/whoami", cliKey)
                                    .json()
                                    .get("tenant")
                                    .get("name")
                                    .asString())
                    .isEqualTo("From CLI");
        }
        assertThat(Files.exists(workDir.resolve("data/dev-secrets.env"))).isTrue();

        try (TestNode second = TestNode.startWith(env)) {
            assertThat(second.terminal().out()).doesNotContain("gk_").doesNotContain("first run");
            assertThat(second.http().get("/v1/whoami", adminKey).status()).isEqualTo(200);
        }
    }

    @Test
    void tenantsCreatedWithTheCommandLineBeforeTheFirstStartSkipTheBootstrap() {
        Map<String, String> env = bareEnvironment();
        CapturedTerminal cli = new CapturedTerminal();
        assertThat(
                        GatehouseApplication.run(
                                new String[] {"tenant", "create", "--name", "Default"},
                                env,
                                workDir,
                                cli.terminal()))
                .as(cli.err())
                .isZero();

        try (TestNode node = TestNode.startWith(env)) {
            assertThat(node.terminal().out()).doesNotContain("gk_");
            String key = cli.valueAfter("Admin API key (shown once, store it now):");
            assertThat(node.http().get("/v1/whoami", key).status()).isEqualTo(200);
        }
    }

    @Test
    void productionPrintsNoCredentialsButTheCommandLineCanCreateThem() {
        Map<String, String> env = TestNode.environment(Map.of("GATEHOUSE_ENV", "production"));
        try (TestNode node = TestNode.startWith(env)) {
            assertThat(node.terminal().out())
                    .doesNotContain("gk_")
                    .doesNotContain("One-time password");
            CapturedTerminal cli = new CapturedTerminal();
            assertThat(
                            GatehouseApplication.run(
                                    new String[] {"operator-key", "create", "--name", "ops"},
                                    node.env(),
                                    workDir,
                                    cli.terminal()))
                    .as(cli.err())
                    .isZero();
            String key = cli.out().replaceAll("(?s).*(gk_[0-9A-Za-z]{43}).*", "$1");
            assertThat(node.http().post("/v1/tenants", key, "{\"name\":\"First\"}").status())
                    .isEqualTo(201);
        }
    }

    @Test
    void configurationProblemsArePrintedAllAtOnceWithExitStatusOne() {
        Map<String, String> env = bareEnvironment();
        env.put("GATEHOUSE_ENV", "production");
        env.put("SERVER_PORT", "eighty");
        CapturedTerminal terminal = new CapturedTerminal();

        int status = GatehouseApplication.run(new String[0], env, workDir, terminal.terminal());

        assertThat(status).isEqualTo(1);
        assertThat(terminal.err().lines())
                .contains(
                        "[CONFIG ERROR] SERVER_PORT: must be a whole number between 1 and 65535,"
                                + " was \"eighty\"")
                .anySatisfy(l -> assertThat(l).startsWith("[CONFIG ERROR] APP_KEY: "))
                .anySatisfy(l -> assertThat(l).startsWith("[CONFIG ERROR] CREDENTIAL_ENC_KEY: "))
                .anySatisfy(l -> assertThat(l).startsWith("[CONFIG ERROR] TOKEN_HMAC_SECRET: "));
        assertThat(workDir.resolve("data/postgres")).doesNotExist();
    }

    @Test
    void unknownCommandIsRefusedWithUsage() {
        CapturedTerminal terminal = new CapturedTerminal();
        int status =
                GatehouseApplication.run(
                        new String[] {"frobnicate"},
                        bareEnvironment(),
                        workDir,
                        terminal.terminal());
        assertThat(status).isEqualTo(2);
        assertThat(terminal.out()).contains("Usage: gatehouse");
    }
}
