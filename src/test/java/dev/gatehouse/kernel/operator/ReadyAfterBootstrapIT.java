package dev.gatehouse.kernel.operator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.config.SettingsLoader;
import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.CommandLine;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /healthz} answers UP only once the first-boot bootstrap is done, so a script that waits
 * for UP always finds the credentials printed. The bootstrap is held back deterministically: the
 * test locks the table it writes first (installation_facts) until it has seen the listeners up.
 */
class ReadyAfterBootstrapIT {

    @TempDir Path workDir;

    @Test
    void healthzSaysUpOnlyAfterTheFirstBootCredentialsArePrinted() throws Exception {
        Map<String, String> env = new HashMap<>(TestNode.environment(Map.of()));
        env.put("GATEHOUSE_DATA_DIR", workDir.resolve("data").toString());
        // Migrates the database; commands never bootstrap.
        CommandLine.succeeds(env, workDir, "audit", "verify");
        Settings settings = new SettingsLoader(new SecureRandom()).load(env, workDir);
        Http management = new Http("http://127.0.0.1:" + env.get("MANAGEMENT_PORT"));
        CapturedTerminal terminal = new CapturedTerminal();

        CompletableFuture<ConfigurableApplicationContext> node;
        try (Connection owner =
                        TestDatabase.ownerOf(env.get("DATABASE_NAME_FOR_TESTS")).getConnection();
                Statement holdBootstrap = owner.createStatement()) {
            owner.setAutoCommit(false);
            holdBootstrap.execute("lock table installation_facts in share row exclusive mode");
            node =
                    CompletableFuture.supplyAsync(
                            () ->
                                    GatehouseApplication.start(
                                            settings,
                                            terminal.terminal(),
                                            WebApplicationType.SERVLET));

            Http.Response whileBootstrapping =
                    awaitAnswer(management, Duration.ofMinutes(2), r -> true);
            Instant heldUntil = Instant.now().plusSeconds(2);
            while (Instant.now().isBefore(heldUntil)) {
                Http.Response r = management.get("/healthz", null);
                assertThat(r.status()).as(r.body()).isEqualTo(503);
                assertThat(r.body()).isEqualTo("{\"status\":\"OUT_OF_SERVICE\"}");
                Thread.sleep(100);
            }
            assertThat(whileBootstrapping.status()).isEqualTo(503);
            assertThat(terminal.out()).doesNotContain("Gatehouse first run");
            owner.rollback();
        }

        Http.Response up = awaitAnswer(management, Duration.ofMinutes(1), r -> r.status() == 200);
        String printedAtFirstUp = terminal.out();
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(printedAtFirstUp)
                .contains("=== Gatehouse first run", "Tenant admin key:  gk_", "Operator key:");
        node.join().close();
    }

    /** The first answer of {@code /healthz} that {@code accepted} takes, polling every 20 ms. */
    private static Http.Response awaitAnswer(
            Http management, Duration within, java.util.function.Predicate<Http.Response> accepted)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<Http.Response> r = answer(management);
            if (r.isPresent() && accepted.test(r.get())) {
                return r.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no accepted /healthz answer within " + within);
    }

    private static Optional<Http.Response> answer(Http management) {
        try {
            return Optional.of(management.get("/healthz", null));
        } catch (RuntimeException notListeningYet) {
            return Optional.empty();
        }
    }
}
