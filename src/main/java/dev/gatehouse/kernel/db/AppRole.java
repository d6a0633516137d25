package dev.gatehouse.kernel.db;

import dev.gatehouse.kernel.vault.VaultKeys;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Base64;

/**
 * The restricted role every request runs as: it can log in, is not the table owner, has no {@code
 * BYPASSRLS}, and gets only the privileges each migration grants it. Its password is derived from
 * {@code APP_KEY} (HKDF), so there is no extra secret to manage; it is (re)set at every start.
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

    static void ensure(JdbcClient owner, String role, String password) {
        boolean exists =
                owner.sql("select count(*) from pg_roles where rolname = ?")
                                .param(role)
                                .query(Long.class)
                                .single()
                        > 0;
        String verb = exists ? "alter" : "create";
        String ddl =
                owner.sql(
                                "select format('"
                                        + verb
                                        + " role %I login password %L nosuperuser nobypassrls"
                                        + " nocreatedb nocreaterole', ?, ?)")
                        .param(role)
                        .param(password)
                        .query(String.class)
                        .single();
        owner.sql(ddl).update();
        String grants =
                owner.sql(
                                "select format('grant connect on database %I to %I',"
                                        + " current_database(), ?)")
                        .param(role)
                        .query(String.class)
                        .single();
        owner.sql(grants).update();
        owner.sql(
                        owner.sql("select format('grant usage on schema public to %I', ?)")
                                .param(role)
                                .query(String.class)
                                .single())
                .update();
    }

    static boolean ownsOrBypasses(JdbcClient app) {
        return app.sql(
                        """
                        select r.rolsuper or r.rolbypassrls
                            or exists (select 1 from pg_tables t where t.tableowner = current_user and t.schemaname = 'public')
                        from pg_roles r where r.rolname = current_user\
                        """)
                .query(Boolean.class)
                .single();
    }
}
