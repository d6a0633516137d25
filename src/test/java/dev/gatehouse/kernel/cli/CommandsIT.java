package dev.gatehouse.kernel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.util.Map;

/** The maintenance commands, run as an operator would, against the database a node serves. */
class CommandsIT {

    static TestNode node;

    @TempDir Path workDir;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of());
        Tenancy.newKey(node, Tenancy.newTenant(node), java.util.List.of("apps:read"));
    }

    private record Run(int status, CapturedTerminal terminal) {}

    private Run run(String... args) {
        CapturedTerminal terminal = new CapturedTerminal();
        int status = GatehouseApplication.run(args, node.env(), workDir, terminal.terminal());
        return new Run(status, terminal);
    }

    @Test
    void operatorKeyCreatePrintsAWorkingKeyOnce() {
        Run r = run("operator-key", "create", "--name", "ops");
        assertThat(r.status()).as(r.terminal().err()).isZero();
        String key = r.terminal().out().replaceAll("(?s).*(gk_[0-9A-Za-z]{43}).*", "$1");
        assertThat(node.http().post("/v1/tenants", key, "{\"name\":\"By CLI key\"}").status())
                .isEqualTo(201);
    }

    @Test
    void auditVerifyIsCleanUntilARowIsTamperedWith() {
        Run clean = run("audit", "verify");
        assertThat(clean.status()).as(clean.terminal().out()).isZero();
        assertThat(clean.terminal().out()).contains("platform: ok");

        String victim =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql(
                                "select public_id from audit_events where tenant_id is not null"
                                        + " order by id limit 1")
                        .query(String.class)
                        .single();
        JdbcClient.create(TestDatabase.ownerOf(node.database()))
                .sql("update audit_events set reason = 'edited' where public_id = ?")
                .param(victim)
                .update();

        Run broken = run("audit", "verify");
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.terminal().out()).contains("BROKEN at " + victim);
    }

    @Test
    void auditPruneTakesADateAndIsItselfAudited() {
        assertThat(run("audit", "prune").status()).isEqualTo(2);
        assertThat(run("audit", "prune", "--before", "yesterday").status()).isEqualTo(2);
        assertThat(run("audit", "prune", "--before", "2999-01-01").status()).isEqualTo(2);

        Run pruned = run("audit", "prune", "--before", "2001-01-01");
        assertThat(pruned.status()).as(pruned.terminal().err()).isZero();
        assertThat(pruned.terminal().out()).contains("Pruned 0 audit event(s)");
        long prunes =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql("select count(*) from audit_events where action = 'audit.pruned'")
                        .query(Long.class)
                        .single();
        assertThat(prunes).isPositive();
    }

    @Test
    void vaultRotateReportsAndIsAudited() {
        Run r = run("vault", "rotate");
        assertThat(r.status()).as(r.terminal().err()).isZero();
        assertThat(r.terminal().out()).startsWith("Vault rotation:");
        long rotations =
                JdbcClient.create(TestDatabase.ownerOf(node.database()))
                        .sql("select count(*) from audit_events where action = 'vault.rotated'")
                        .query(Long.class)
                        .single();
        assertThat(rotations).isPositive();
    }

    @Test
    void resetPasswordPrintsAOneTimePasswordThatMustBeChanged() {
        String email = node.terminal().valueAfter("Admin e-mail:");
        Run r = run("user", "reset-password", "--email", email);
        assertThat(r.status()).as(r.terminal().err()).isZero();
        String password = r.terminal().out().replaceAll("(?s).*: (\\S+)\\s*$", "$1");
        var outcome =
                node.bean(dev.gatehouse.kernel.identity.SignIn.class)
                        .attempt(email, password, null, "127.0.0.1");
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        dev.gatehouse.kernel.identity.SignInOutcome.SignedIn.class,
                        s -> assertThat(s.mustChangePassword()).isTrue());
        assertThat(run("user", "reset-password", "--email", "nobody@example.com").status())
                .isEqualTo(1);
        assertThat(run("user", "reset-password").status()).isEqualTo(2);
    }

    @Test
    void badUsageIsExitStatusTwo() {
        assertThat(run("tenant", "create").status()).isEqualTo(2);
        assertThat(run("tenant", "explode").status()).isEqualTo(2);
        assertThat(run("operator-key", "create").status()).isEqualTo(2);
    }
}
