package dev.gatehouse.kernel.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.kernel.product.ProductModule;
import dev.gatehouse.kernel.product.ProductModules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

class SettingsLoaderTest {

    @TempDir Path dir;

    private final SettingsLoader loader = new SettingsLoader(new SecureRandom());

    private static String key(int seed) {
        byte[] b = new byte[32];
        new java.util.Random(seed).nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private static Map<String, String> production() {
        Map<String, String> env = new HashMap<>();
        env.put("GATEHOUSE_ENV", "production");
        env.put("APP_KEY", key(1));
        env.put("CREDENTIAL_ENC_KEY", key(2));
        env.put("TOKEN_HMAC_SECRET", key(3));
        return env;
    }

    private List<ConfigProblem> problems(Map<String, String> env) {
        try {
            loader.load(env, dir);
        } catch (InvalidConfiguration e) {
            return e.problems();
        }
        throw new AssertionError("expected configuration problems");
    }

    @Test
    void developmentWithNothingConfiguredGeneratesSecretsOnceIntoAPrivateFile() throws IOException {
        Settings first = loader.load(Map.of(), dir);
        Settings second = loader.load(Map.of(), dir);

        Path file = dir.resolve("data/dev-secrets.env");
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(
                        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(first.secrets().appKey()).hasSize(32).isEqualTo(second.secrets().appKey());
        assertThat(first.secrets().credentialEncKey()).isNotNull();
        assertThat(first.mode()).isEqualTo(Settings.Mode.DEVELOPMENT);
        assertThat(first.database().embedded()).isTrue();
    }

    @Test
    void productionRefusesMissingSecretsAndListsEveryProblemAtOnce() {
        List<ConfigProblem> found =
                problems(Map.of("GATEHOUSE_ENV", "production", "SERVER_PORT", "0"));

        assertThat(found)
                .extracting(ConfigProblem::name)
                .contains("APP_KEY", "CREDENTIAL_ENC_KEY", "TOKEN_HMAC_SECRET", "SERVER_PORT");
        assertThat(found)
                .allSatisfy(
                        p ->
                                assertThat(p.toString())
                                        .startsWith("[CONFIG ERROR] " + p.name() + ": "));
    }

    @Test
    void productionRefusesShortNonBase64WeakAndExampleSecrets() {
        Map<String, String> env = production();
        env.put("APP_KEY", Base64.getEncoder().encodeToString(new byte[16]));
        env.put("CREDENTIAL_ENC_KEY", "not base64 at all!");
        env.put("TOKEN_HMAC_SECRET", "short");
        assertThat(problems(env))
                .extracting(ConfigProblem::name)
                .containsExactlyInAnyOrder("APP_KEY", "CREDENTIAL_ENC_KEY", "TOKEN_HMAC_SECRET");

        Map<String, String> weak = production();
        weak.put("APP_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        weak.put("TOKEN_HMAC_SECRET", "change-me-to-at-least-32-random-bytes-please");
        assertThat(problems(weak))
                .extracting(ConfigProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("every byte is the same"))
                .anySatisfy(r -> assertThat(r).contains("documented example"));
    }

    @Test
    void productionRefusesTheGeneratedDevelopmentSecrets() {
        loader.load(Map.of(), dir);
        Map<String, String> dev = DevSecrets.existingValues(dir.resolve("data"));
        Map<String, String> env = production();
        env.put("APP_KEY", dev.get("APP_KEY"));

        assertThat(problems(env))
                .singleElement()
                .satisfies(
                        p -> {
                            assertThat(p.name()).isEqualTo("APP_KEY");
                            assertThat(p.reason())
                                    .contains("development value")
                                    .doesNotContain(dev.get("APP_KEY"));
                        });
    }

    @Test
    void productionRefusesTheSameKeyForTwoPurposes() {
        Map<String, String> env = production();
        env.put("CREDENTIAL_ENC_KEY", env.get("APP_KEY"));
        assertThat(problems(env))
                .extracting(ConfigProblem::name)
                .containsExactly("CREDENTIAL_ENC_KEY");
    }

    @Test
    void productionWithGoodSecretsStarts() {
        Settings s = loader.load(production(), dir);
        assertThat(s.production()).isTrue();
        assertThat(s.secrets().toString()).doesNotContain(key(1));
    }

    @Test
    void integersAreStrictAndRanged() {
        Map<String, String> env = production();
        env.put("SERVER_PORT", "80.5");
        env.put("MANAGEMENT_PORT", "70000");
        env.put("DATABASE_POOL_SIZE", "0");
        env.put("MAX_BODY_BYTES", "-1");
        env.put("LOG_RETENTION_DAYS", "ten");
        assertThat(problems(env))
                .extracting(ConfigProblem::name)
                .containsExactlyInAnyOrder(
                        "SERVER_PORT",
                        "MANAGEMENT_PORT",
                        "DATABASE_POOL_SIZE",
                        "MAX_BODY_BYTES",
                        "LOG_RETENTION_DAYS");
    }

    @Test
    void badChoicesListsAndAddressesAreProblems() {
        Map<String, String> env = production();
        env.put("GATEHOUSE_DOMAINS_ENABLED", "maybe");
        env.put("TRUSTED_PROXIES", "10.0.0.0/8, not-an-ip");
        env.put("CORS_ALLOWED_ORIGINS", "https://ok.example.com,https://bad.example.com/path");
        env.put("MANAGEMENT_ADDRESS", "example.com");
        env.put("DATABASE_URL", "mysql://x");
        assertThat(problems(env))
                .extracting(ConfigProblem::name)
                .containsExactlyInAnyOrder(
                        "GATEHOUSE_DOMAINS_ENABLED",
                        "TRUSTED_PROXIES",
                        "CORS_ALLOWED_ORIGINS",
                        "MANAGEMENT_ADDRESS",
                        "DATABASE_URL");
    }

    @Test
    void unknownModeIsAProblemAndGeneratesNothing() {
        assertThat(problems(Map.of("GATEHOUSE_ENV", "staging")))
                .extracting(ConfigProblem::name)
                .contains("GATEHOUSE_ENV");
        assertThat(dir.resolve("data/dev-secrets.env")).doesNotExist();
    }

    @Test
    void environmentWinsOverDotEnvWhichWinsOverDefaults() throws IOException {
        Files.writeString(
                dir.resolve(".env"),
                "# comment\nSERVER_PORT=8181\nexport MANAGEMENT_PORT=\"9191\"\n");
        Map<String, String> env = production();
        env.put("SERVER_PORT", "8282");

        Settings s = loader.load(env, dir);

        assertThat(s.listeners().serverPort()).isEqualTo(8282);
        assertThat(s.listeners().managementPort()).isEqualTo(9191);
        assertThat(s.listeners().managementAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void malformedDotEnvLineIsAProblemNamingTheLine() throws IOException {
        Files.writeString(dir.resolve(".env"), "SERVER_PORT=8181\nthis line is wrong\n");
        assertThat(problems(production()))
                .extracting(ConfigProblem::name)
                .containsExactly(".env:2");
    }

    @Test
    void postgresUrlFormIsNormalisedWithItsCredentials() {
        Map<String, String> env = production();
        env.put(
                "DATABASE_URL",
                "postgresql://gh:p%40ss@db.internal:5433/gatehouse?sslmode=require");
        Settings s = loader.load(env, dir);
        assertThat(s.database().url())
                .contains("jdbc:postgresql://db.internal:5433/gatehouse?sslmode=require");
        assertThat(s.database().user()).isEqualTo("gh");
        assertThat(s.database().password()).isEqualTo("p@ss");
        assertThat(s.database().toString()).doesNotContain("p@ss");
    }

    @Test
    void appRoleMustDifferFromTheOwner() {
        Map<String, String> env = production();
        env.put("DATABASE_URL", "jdbc:postgresql://localhost/db");
        env.put("DATABASE_USER", "gatehouse_app");
        assertThat(problems(env))
                .extracting(ConfigProblem::name)
                .containsExactly("DATABASE_APP_ROLE");
    }

    @Test
    void productSettingsProblemsAreListedTogetherWithTheKernels() {
        Map<String, String> env = production();
        env.put("SERVER_PORT", "0");
        env.put("GATEHOUSE_DOMAINS_ENABLED", "maybe");
        env.put("DOMAINS_DNS_TIMEOUT_MS", "10");
        env.put("DOMAINS_VERIFY_DEADLINE", "forever");
        env.put("DOMAINS_DEFAULT_MAX_CONNECTIONS", "-1");

        List<ConfigProblem> found = problems(env);

        assertThat(found)
                .extracting(ConfigProblem::name)
                .containsExactlyInAnyOrder(
                        "SERVER_PORT",
                        "GATEHOUSE_DOMAINS_ENABLED",
                        "DOMAINS_DNS_TIMEOUT_MS",
                        "DOMAINS_VERIFY_DEADLINE",
                        "DOMAINS_DEFAULT_MAX_CONNECTIONS");
        assertThat(found)
                .allSatisfy(
                        p ->
                                assertThat(p.toString())
                                        .startsWith("[CONFIG ERROR] " + p.name() + ": "));
    }

    /** The typed settings of a product that is not Gatehouse's: the seam, not Connect Domain. */
    record LedgerSettings(int batchSize, String region) {
        static LedgerSettings read(SettingsReader raw) {
            String region = raw.string("LEDGER_REGION", "eu");
            if (!region.matches("^[a-z]{2}$")) {
                raw.problem("LEDGER_REGION", "must be two lower-case letters");
            }
            return new LedgerSettings(raw.integer("LEDGER_BATCH_SIZE", 50, 1, 100), region);
        }
    }

    static final class Ledger implements ProductModule {
        @Override
        public String name() {
            return "ledger";
        }

        @Override
        public List<SettingsSection<?>> settings() {
            return List.of(new SettingsSection<>(LedgerSettings.class, LedgerSettings::read));
        }
    }

    private final SettingsLoader withLedger =
            new SettingsLoader(new SecureRandom(), ProductModules.of(List.of(new Ledger())));

    @Test
    void aProductsSwitchAndTypedSettingsAreReadFromItsModule() {
        Map<String, String> env = production();
        env.put("LEDGER_BATCH_SIZE", "80");
        env.put("GATEHOUSE_LEDGER_ENABLED", "false");

        Settings s = withLedger.load(env, dir);

        assertThat(s.section(LedgerSettings.class)).isEqualTo(new LedgerSettings(80, "eu"));
        assertThat(s.products().enabled("ledger")).isFalse();
        assertThat(s.products().enabled("domains")).as("not installed here").isFalse();
        assertThatThrownBy(() -> s.section(DomainsSettingsStandIn.class))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SpringProperties.of(s)).containsEntry("gatehouse.products.ledger", false);
    }

    record DomainsSettingsStandIn(int x) {}

    @Test
    void aProductsProblemsAreListedWithTheKernelsAtOnce() {
        Map<String, String> env = production();
        env.put("LEDGER_BATCH_SIZE", "0");
        env.put("LEDGER_REGION", "europe");
        env.put("GATEHOUSE_LEDGER_ENABLED", "sometimes");
        env.put("MANAGEMENT_PORT", "eighty");

        try {
            withLedger.load(env, dir);
        } catch (InvalidConfiguration e) {
            assertThat(e.problems())
                    .extracting(ConfigProblem::name)
                    .containsExactlyInAnyOrder(
                            "LEDGER_BATCH_SIZE",
                            "LEDGER_REGION",
                            "GATEHOUSE_LEDGER_ENABLED",
                            "MANAGEMENT_PORT");
            return;
        }
        throw new AssertionError("expected configuration problems");
    }
}
