package dev.gatehouse.kernel.db;

import dev.gatehouse.kernel.vault.VaultKeys;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

/**
 * The restricted role every request runs as: it can log in, is not the table owner, has no {@code
 * BYPASSRLS}, and gets only the privileges each migration grants it. Its password is derived from
 * {@code APP_KEY} (HKDF), so there is no extra secret to manage.
 *
 * <p><b>Design note — what a managed PostgreSQL allows.</b> The owner that runs this is usually not
 * a superuser, only {@code CREATEROLE} (every managed PostgreSQL). Such a user may not name {@code
 * SUPERUSER}, {@code BYPASSRLS} or {@code REPLICATION} in {@code ALTER ROLE}, even to turn them
 * off, and from PostgreSQL 16 may only alter roles it has {@code ADMIN OPTION} on (which it gets
 * for roles it creates). So the role is created with {@code LOGIN} alone, whose defaults are the
 * safe ones, and never altered: its attributes are <em>read</em> from {@code pg_roles} and an
 * unsafe role is a start-up refusal that says how to fix it. The password is set only when logging
 * in with it fails (first start, or after {@code APP_KEY} changed), with pgjdbc's {@link
 * PGConnection#alterUserPassword}, which sends a SCRAM verifier: the password itself is never in
 * SQL text, so it cannot reach a server log, an exception message or our log.
 */
public final class AppRole {

    private AppRole() {}

    /**
     * The app role's password: an HKDF sub-key of {@code APP_KEY}, so there is no extra secret to
     * keep.
     */
    public static String password(VaultKeys keys) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(keys.derive("gatehouse/database/app-role-password/v1", 32));
    }

    /**
     * Makes sure {@code role} exists, is safe to serve requests, logs in with {@code password} and
     * may connect to the database and use its schema.
     *
     * @param owner the owner's connections
     * @param jdbcUrl the database's URL, without credentials
     * @return what stops the role from being used; empty when it is ready
     */
    static List<DatabaseProblem> ensure(
            DataSource owner, String jdbcUrl, String role, String password) {
        JdbcClient jdbc = JdbcClient.create(owner);
        try {
            RoleState state = RoleState.read(jdbc, role);
            if (state == null) {
                if (!RoleState.ownerMayCreateRoles(jdbc)) {
                    String ownerName = RoleState.currentUser(jdbc);
                    return List.of(
                            new DatabaseProblem(
                                    "DATABASE_USER",
                                    "\""
                                            + ownerName
                                            + "\" may not create the app role \""
                                            + role
                                            + "\": give it CREATEROLE (ALTER ROLE "
                                            + ownerName
                                            + " CREATEROLE, as a superuser or your provider's"
                                            + " admin user)"));
                }
                jdbc.sql(
                                jdbc.sql("select format('create role %I login', ?)")
                                        .param(role)
                                        .query(String.class)
                                        .single())
                        .update();
                state = RoleState.read(jdbc, role);
            }
            List<DatabaseProblem> unsafe = state == null ? List.of() : state.problems(role);
            if (!unsafe.isEmpty()) {
                return unsafe;
            }
            List<DatabaseProblem> login = ensureLogin(owner, jdbcUrl, role, password);
            if (!login.isEmpty()) {
                return login;
            }
            grant(jdbc, role);
            return List.of();
        } catch (DataAccessException e) {
            SQLException sql = ConnectionFailures.sqlCause(e);
            String message =
                    sql == null
                            ? e.getClass().getSimpleName()
                            : ConnectionFailures.serverMessage(sql)
                                    + ConnectionFailures.stateSuffix(
                                            sql.getSQLState() == null ? "" : sql.getSQLState());
            return List.of(
                    new DatabaseProblem(
                            "DATABASE_USER",
                            "cannot prepare the app role \""
                                    + role
                                    + "\": "
                                    + ConnectionFailures.oneLine(message)
                                    + "; DATABASE_USER must own the database and have"
                                    + " CREATEROLE"));
        }
    }

    private static List<DatabaseProblem> ensureLogin(
            DataSource owner, String jdbcUrl, String role, String password) {
        if (ConnectionFailures.attempt(jdbcUrl, role, password) == null) {
            return List.of();
        }
        try (Connection c = owner.getConnection()) {
            c.unwrap(PGConnection.class)
                    .alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                return List.of(
                        new DatabaseProblem(
                                "DATABASE_USER",
                                "may not set the password of the app role \""
                                        + role
                                        + "\" ("
                                        + ConnectionFailures.oneLine(
                                                ConnectionFailures.serverMessage(e))
                                        + "); on PostgreSQL 16 and later DATABASE_USER needs"
                                        + " ADMIN OPTION on it (GRANT "
                                        + role
                                        + " TO <DATABASE_USER> WITH ADMIN OPTION), or drop the"
                                        + " role so that Gatehouse creates it"));
            }
            return List.of(
                    new DatabaseProblem(
                            "DATABASE_USER",
                            "cannot set the password of the app role \""
                                    + role
                                    + "\": "
                                    + ConnectionFailures.oneLine(
                                            ConnectionFailures.serverMessage(e))));
        }
        SQLException stillRefused = ConnectionFailures.attempt(jdbcUrl, role, password);
        return stillRefused == null
                ? List.of()
                : List.of(ConnectionFailures.of(stillRefused, jdbcUrl, role, "DATABASE_APP_ROLE"));
    }

    private static void grant(JdbcClient jdbc, String role) {
        jdbc.sql(
                        jdbc.sql(
                                        "select format('grant connect on database %I to %I',"
                                                + " current_database(), ?)")
                                .param(role)
                                .query(String.class)
                                .single())
                .update();
        jdbc.sql(
                        jdbc.sql("select format('grant usage on schema public to %I', ?)")
                                .param(role)
                                .query(String.class)
                                .single())
                .update();
    }

    /** The app role as {@code pg_roles} describes it, read by the owner. */
    record RoleState(
            boolean superuser,
            boolean bypassRls,
            boolean createRole,
            boolean createDb,
            boolean replication,
            boolean canLogin,
            List<String> privilegedMemberships,
            long ownedRelations) {

        static @Nullable RoleState read(JdbcClient jdbc, String role) {
            return jdbc.sql(
                            """
                            select r.rolsuper, r.rolbypassrls, r.rolcreaterole, r.rolcreatedb,
                                   r.rolreplication, r.rolcanlogin,
                                   coalesce((select string_agg(p.rolname, ', ' order by p.rolname)
                                             from pg_roles p
                                             where p.oid <> r.oid
                                               and pg_has_role(r.oid, p.oid, 'MEMBER')
                                               and (p.rolsuper or p.rolbypassrls or p.rolcreaterole
                                                    or p.rolname = current_user
                                                    or exists (select 1 from pg_class c
                                                               where c.relowner = p.oid))), '')
                                       as privileged,
                                   (select count(*) from pg_class c where c.relowner = r.oid)
                                       as owned
                            from pg_roles r where r.rolname = ?\
                            """)
                    .param(role)
                    .query(
                            (rs, n) ->
                                    new RoleState(
                                            rs.getBoolean(1),
                                            rs.getBoolean(2),
                                            rs.getBoolean(3),
                                            rs.getBoolean(4),
                                            rs.getBoolean(5),
                                            rs.getBoolean(6),
                                            rs.getString(7).isEmpty()
                                                    ? List.of()
                                                    : List.of(rs.getString(7).split(", ")),
                                            rs.getLong(8)))
                    .optional()
                    .orElse(null);
        }

        static boolean ownerMayCreateRoles(JdbcClient jdbc) {
            return jdbc.sql(
                            "select rolsuper or rolcreaterole from pg_roles where rolname ="
                                    + " current_user")
                    .query(Boolean.class)
                    .single();
        }

        static String currentUser(JdbcClient jdbc) {
            return jdbc.sql("select current_user").query(String.class).single();
        }

        /** One problem per unsafe attribute, each saying how to fix it. */
        List<DatabaseProblem> problems(String role) {
            List<DatabaseProblem> problems = new ArrayList<>();
            String fix =
                    "; requests must run as a restricted role. Fix it as a superuser (ALTER ROLE "
                            + role
                            + " %s) or set DATABASE_APP_ROLE to a new role name";
            if (superuser) {
                problems.add(unsafe(role, "is a superuser" + fix.formatted("NOSUPERUSER")));
            }
            if (bypassRls) {
                problems.add(
                        unsafe(
                                role,
                                "has BYPASSRLS, so row-level security would not apply"
                                        + fix.formatted("NOBYPASSRLS")));
            }
            if (createRole) {
                problems.add(unsafe(role, "has CREATEROLE" + fix.formatted("NOCREATEROLE")));
            }
            if (createDb) {
                problems.add(unsafe(role, "has CREATEDB" + fix.formatted("NOCREATEDB")));
            }
            if (replication) {
                problems.add(unsafe(role, "has REPLICATION" + fix.formatted("NOREPLICATION")));
            }
            if (!canLogin) {
                problems.add(
                        unsafe(
                                role,
                                "cannot log in (NOLOGIN); run ALTER ROLE "
                                        + role
                                        + " LOGIN or set DATABASE_APP_ROLE to a new role name"));
            }
            if (!superuser && !privilegedMemberships.isEmpty()) {
                problems.add(
                        unsafe(
                                role,
                                "is a member of "
                                        + String.join(", ", privilegedMemberships)
                                        + ", whose privileges it could use (table ownership,"
                                        + " superuser, BYPASSRLS or CREATEROLE through SET ROLE);"
                                        + " REVOKE those memberships or set DATABASE_APP_ROLE to a"
                                        + " new role name"));
            }
            if (ownedRelations > 0) {
                problems.add(
                        unsafe(
                                role,
                                "owns "
                                        + ownedRelations
                                        + " table(s) or other relations, and an owner is not"
                                        + " bound by row-level security; set DATABASE_APP_ROLE to"
                                        + " a role that owns nothing"));
            }
            return problems;
        }

        private static DatabaseProblem unsafe(String role, String reason) {
            return new DatabaseProblem("DATABASE_APP_ROLE", "role \"" + role + "\" " + reason);
        }
    }
}
