package dev.gatehouse.kernel.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.GatehouseApplication;
import dev.gatehouse.kernel.vault.VaultKeys;
import dev.gatehouse.testing.CapturedLogs;
import dev.gatehouse.testing.CapturedTerminal;
import dev.gatehouse.testing.CommandLine;
import dev.gatehouse.testing.DebianPostgres15;
import dev.gatehouse.testing.ManagedPostgres;
import dev.gatehouse.testing.PasswordPostgres17;
import dev.gatehouse.testing.TestNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Gatehouse on a PostgreSQL set up as every managed one is: the database's owner is not a superuser
 * and has only {@code CREATEROLE}, every connection needs a password. Start, stop, start again,
 * every command line task, start again; on Debian's PostgreSQL 15 and on PostgreSQL 17.
 */
class ManagedPostgresIT {

    @TempDir Path workDir;

    static Stream<ManagedPostgres> servers() {
        return Stream.of(DebianPostgres15.shared(), PasswordPostgres17.shared());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void restartsAndRunsEveryCommandWhenTheOwnerIsNotASuperuser(ManagedPostgres server) {
        ManagedPostgres.Owner owner = server.newOwner();
        Map<String, String> env = server.environment(owner, Map.of());
        assertOwnerIsOnlyCreateRole(server, owner);

        String adminKey;
        try (TestNode first = TestNode.startWith(env)) {
            adminKey = first.bootstrapAdminKey();
            assertThat(first.http().get("/v1/whoami", adminKey).status()).isEqualTo(200);
        }
        try (TestNode second = TestNode.startWith(env)) {
            assertThat(second.http().get("/v1/whoami", adminKey).status()).isEqualTo(200);
        }

        String tenantKey =
                command(
                                env,
                                "tenant",
                                "create",
                                "--name",
                                "Acme",
                                "--owner-email",
                                "it@acme.example")
                        .valueAfter("Admin API key (shown once, store it now):");
        String operatorKey =
                command(env, "operator-key", "create", "--name", "ops")
                        .out()
                        .replaceAll("(?s).*(gk_[0-9A-Za-z]{43}).*", "$1");
        command(env, "user", "reset-password", "--email", "it@acme.example");
        command(env, "vault", "rotate");
        command(env, "audit", "verify");
        command(env, "audit", "prune", "--before", "2000-01-01");

        try (TestNode third = TestNode.startWith(env)) {
            assertThat(third.http().get("/v1/whoami", adminKey).status()).isEqualTo(200);
            assertThat(
                            third.http()
                                    .get("/v1/whoami", tenantKey)
                                    .json()
                                    .get("tenant")
                                    .get("name")
                                    .asString())
                    .isEqualTo("Acme");
            assertThat(
                            third.http()
                                    .post("/v1/tenants", operatorKey, "{\"name\":\"Beta\"}")
                                    .status())
                    .isEqualTo(201);
            command(env, "audit", "verify");
        }

        Map<String, Object> role =
                JdbcClient.create(server.superuser(owner.database()))
                        .sql(
                                "select rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,"
                                        + " rolreplication, rolcanlogin from pg_roles where"
                                        + " rolname = ?")
                        .param(env.get("DATABASE_APP_ROLE"))
                        .query()
                        .singleRow();
        assertThat(role)
                .containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false)
                .containsEntry("rolcreaterole", false)
                .containsEntry("rolcreatedb", false)
                .containsEntry("rolreplication", false)
                .containsEntry("rolcanlogin", true);
        assertThat(server.serverLog())
                .as("statements naming superuser attributes")
                .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("nosuperuser"));
    }

    @Test
    void productionStartsOnAManagedDatabaseAfterTheCommandLineMadeTheFirstTenant() {
        ManagedPostgres server = DebianPostgres15.shared();
        Map<String, String> env =
                server.environment(server.newOwner(), Map.of("GATEHOUSE_ENV", "production"));
        String key =
                command(env, "tenant", "create", "--name", "Prod")
                        .valueAfter("Admin API key (shown once, store it now):");
        try (TestNode node = TestNode.startWith(env)) {
            assertThat(node.http().get("/v1/whoami", key).status()).isEqualTo(200);
        }
        try (TestNode node = TestNode.startWith(env)) {
            assertThat(node.http().get("/v1/whoami", key).status()).isEqualTo(200);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theAppRolePasswordReachesNoStatementAndNoLog(ManagedPostgres server) {
        Map<String, String> env =
                server.environment(
                        server.newOwner(), Map.of("LOG_PATH", workDir.resolve("logs").toString()));
        String password = appRolePassword(env);
        int serverLogBefore = server.serverLog().size();
        CapturedTerminal first;
        try (CapturedLogs logs = CapturedLogs.start()) {
            CapturedLogs.letTheNextNodeConfigureLogging();
            try (TestNode node = TestNode.startWith(env)) {
                first = node.terminal();
                assertThat(node.http().get("/v1/whoami", node.bootstrapAdminKey()).status())
                        .isEqualTo(200);
            }
            List<String> material = new ArrayList<>(logs.consoleLines());
            material.addAll(CapturedLogs.filesUnder(workDir.resolve("logs")));
            material.addAll(first.out().lines().toList());
            material.addAll(first.err().lines().toList());
            assertThat(material).as("captured lines").hasSizeGreaterThan(5);
            assertThat(material).noneMatch(l -> l.contains(password));
        }
        List<String> statements =
                server.serverLog().subList(serverLogBefore, server.serverLog().size());
        assertThat(statements)
                .as("the password was set, as a SCRAM verifier")
                .anyMatch(l -> l.contains("ALTER USER") && l.contains("SCRAM-SHA-256$"));
        assertThat(statements).noneMatch(l -> l.contains(password));
    }

    @Test
    void aRoleTheOwnerMayNotAlterIsRefusedWithTheFixAndWithoutThePassword() {
        // From PostgreSQL 16 a CREATEROLE user may alter only roles it has ADMIN OPTION on.
        ManagedPostgres server = PasswordPostgres17.shared();
        ManagedPostgres.Owner owner = server.newOwner();
        String role = "foreign_" + owner.user();
        server.asSuperuser("create role " + role + " login");
        Map<String, String> env = server.environment(owner, Map.of("DATABASE_APP_ROLE", role));
        String password = appRolePassword(env);

        Refusal refusal = refuse(env);

        assertThat(refusal.lines())
                .singleElement()
                .asString()
                .startsWith(
                        "[DATABASE ERROR] DATABASE_USER: may not set the password of the app role"
                                + " \""
                                + role
                                + "\"")
                .contains("ADMIN OPTION");
        assertThat(refusal.everything()).noneMatch(l -> l.contains(password));
        assertThat(server.serverLog()).noneMatch(l -> l.contains(password));
    }

    @Test
    void anUnreachableServerStopsTheServiceWithOneLineAndExitStatusOne() {
        ManagedPostgres server = DebianPostgres15.shared();
        Map<String, String> env =
                server.environment(
                        server.newOwner(),
                        Map.of(
                                "DATABASE_URL",
                                "jdbc:postgresql://127.0.0.1:" + TestNode.freePort() + "/x"));
        assertThat(refuse(env, new String[0]).lines())
                .singleElement()
                .asString()
                .startsWith(
                        "[DATABASE ERROR] DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:")
                .contains("refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void aWrongPasswordIsOneLineThatNamesTheSetting(ManagedPostgres server) {
        ManagedPostgres.Owner owner = server.newOwner();
        Map<String, String> env =
                server.environment(owner, Map.of("DATABASE_PASSWORD", "not-the-password"));
        Refusal refusal = refuse(env);
        assertThat(refusal.lines())
                .containsExactly(
                        "[DATABASE ERROR] DATABASE_PASSWORD: PostgreSQL at 127.0.0.1:"
                                + server.port()
                                + "/"
                                + owner.database()
                                + " refused the password of user \""
                                + owner.user()
                                + "\"");
        assertThat(refusal.everything()).noneMatch(l -> l.contains("not-the-password"));
    }

    @Test
    void anOwnerWithoutCreateRoleIsToldWhatToGrant() {
        ManagedPostgres server = DebianPostgres15.shared();
        ManagedPostgres.Owner owner = server.newOwner("NOCREATEROLE");
        assertThat(refuse(server.environment(owner, Map.of())).lines())
                .containsExactly(
                        "[DATABASE ERROR] DATABASE_USER: \""
                                + owner.user()
                                + "\" may not create the app role \"app_"
                                + owner.user()
                                + "\": give it CREATEROLE (ALTER ROLE "
                                + owner.user()
                                + " CREATEROLE, as a superuser or your provider's admin user)");
    }

    @Test
    void anUnsafeAppRoleIsRefusedWithOneLinePerProblem() {
        ManagedPostgres server = PasswordPostgres17.shared();
        ManagedPostgres.Owner owner = server.newOwner();
        String role = "unsafe_" + owner.user();
        server.asSuperuser(
                "create role " + role + " login bypassrls createdb",
                "grant " + owner.user() + " to " + role);
        List<String> lines =
                refuse(server.environment(owner, Map.of("DATABASE_APP_ROLE", role))).lines();
        assertThat(lines)
                .hasSize(3)
                .allMatch(
                        l ->
                                l.startsWith(
                                        "[DATABASE ERROR] DATABASE_APP_ROLE: role \""
                                                + role
                                                + "\" "));
        assertThat(lines.get(0))
                .contains("has BYPASSRLS")
                .contains("ALTER ROLE " + role + " NOBYPASSRLS");
        assertThat(lines.get(1)).contains("has CREATEDB").contains("NOCREATEDB");
        assertThat(lines.get(2)).contains("is a member of " + owner.user()).contains("REVOKE");

        String superRole = "super_" + owner.user();
        server.asSuperuser("create role " + superRole + " login superuser");
        assertThat(
                        refuse(server.environment(owner, Map.of("DATABASE_APP_ROLE", superRole)))
                                .lines())
                .containsExactly(
                        "[DATABASE ERROR] DATABASE_APP_ROLE: role \""
                                + superRole
                                + "\" is a superuser; requests must run as a restricted role. Fix"
                                + " it as a superuser (ALTER ROLE "
                                + superRole
                                + " NOSUPERUSER) or set DATABASE_APP_ROLE to a new role name");
    }

    @Test
    void aDatabaseWithTablesGatehouseDidNotMakeIsRefused() {
        ManagedPostgres server = PasswordPostgres17.shared();
        ManagedPostgres.Owner owner = server.newOwner();
        server.asSuperuserIn(owner.database(), "create table customers (id int)");
        assertThat(refuse(server.environment(owner, Map.of())).lines())
                .containsExactly(
                        "[DATABASE ERROR] DATABASE_URL: the database already has tables that"
                                + " Gatehouse did not create (no migration history); give Gatehouse"
                                + " an empty database of its own");
    }

    @Test
    void aDatabaseTheUserDoesNotOwnIsAMissingPrivilege() {
        ManagedPostgres server = DebianPostgres15.shared();
        ManagedPostgres.Owner owner = server.newOwner();
        ManagedPostgres.Owner other = server.newOwner();
        Map<String, String> env =
                server.environment(other, Map.of("DATABASE_URL", server.jdbcUrl(owner.database())));
        assertThat(refuse(env).lines())
                .singleElement()
                .asString()
                .startsWith(
                        "[DATABASE ERROR] migration V1__tenants_and_api_keys.sql: permission denied"
                                + " for schema public (SQL state 42501)")
                .endsWith("DATABASE_USER must own the database (ALTER DATABASE … OWNER TO …)");
    }

    @Test
    void aFailingMigrationNamesItselfAndChangesNothing() {
        ManagedPostgres server = PasswordPostgres17.shared();
        ManagedPostgres.Owner owner = server.newOwner();
        // A history that claims V1 ran (with its true checksum) while its tables are missing: V2,
        // which refers to them, fails.
        server.asSuperuserIn(
                owner.database(),
                "set role " + owner.user(),
                "create table flyway_schema_history (installed_rank int primary key, version"
                        + " varchar(50), description varchar(200) not null, type varchar(20) not"
                        + " null, script varchar(1000) not null, checksum int, installed_by"
                        + " varchar(100) not null, installed_on timestamp not null default now(),"
                        + " execution_time int not null, success boolean not null)",
                "insert into flyway_schema_history values (1, '1', 'tenants and api keys', 'SQL',"
                        + " 'V1__tenants_and_api_keys.sql', -1831742801, 'someone', now(), 1,"
                        + " true)");
        assertThat(refuse(server.environment(owner, Map.of())).lines())
                .containsExactly(
                        "[DATABASE ERROR] migration V2__audit.sql: relation \"tenants\" does not"
                                + " exist (SQL state 42P01)");
        assertThat(
                        JdbcClient.create(server.superuser(owner.database()))
                                .sql("select count(*) from flyway_schema_history")
                                .query(Long.class)
                                .single())
                .isEqualTo(1);
    }

    // --- helpers ---

    /** What a refused start printed: its problem lines, and every line anywhere. */
    record Refusal(List<String> lines, List<String> everything) {}

    /** Runs {@code audit verify} (a full start of the kernel) and expects exit status 1. */
    private Refusal refuse(Map<String, String> env) {
        return refuse(env, "audit", "verify");
    }

    /** Runs the command line {@code args} ({@code serve} when empty); expects exit status 1. */
    private Refusal refuse(Map<String, String> env, String... args) {
        CapturedTerminal terminal = new CapturedTerminal();
        try (CapturedLogs logs = CapturedLogs.start()) {
            int status = GatehouseApplication.run(args, env, workDir, terminal.terminal());
            assertThat(status).as(terminal.err()).isEqualTo(1);
            List<String> lines = terminal.err().lines().toList();
            assertThat(lines).isNotEmpty().allMatch(l -> l.startsWith("[DATABASE ERROR] "));
            List<String> console = logs.consoleLines();
            // A stack line is "\tat …" inside a JSON line, or starts with a tab on the text
            // console.
            assertThat(console)
                    .as("no stack trace printed")
                    .noneMatch(l -> l.contains("\\tat ") || l.startsWith("\tat "));
            List<String> everything = new ArrayList<>(console);
            everything.addAll(lines);
            everything.addAll(terminal.out().lines().toList());
            return new Refusal(lines, everything);
        }
    }

    /** Runs one command line task against {@code env}; expects exit status 0. */
    private CapturedTerminal command(Map<String, String> env, String... args) {
        return CommandLine.succeeds(env, workDir, args);
    }

    private static String appRolePassword(Map<String, String> env) {
        return AppRole.password(VaultKeys.of(Base64.getDecoder().decode(env.get("APP_KEY"))));
    }

    private static void assertOwnerIsOnlyCreateRole(
            ManagedPostgres server, ManagedPostgres.Owner owner) {
        Map<String, Object> attributes =
                JdbcClient.create(server.superuser("postgres"))
                        .sql(
                                "select rolsuper, rolcreaterole, rolbypassrls from pg_roles where"
                                        + " rolname = ?")
                        .param(owner.user())
                        .query()
                        .singleRow();
        assertThat(attributes)
                .containsEntry("rolsuper", false)
                .containsEntry("rolcreaterole", true)
                .containsEntry("rolbypassrls", false);
    }
}
