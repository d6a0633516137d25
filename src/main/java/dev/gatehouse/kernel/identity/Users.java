package dev.gatehouse.kernel.identity;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The {@code users} and {@code recovery_codes} tables. Every method takes the {@link TenantId} it
 * works in and filters by it (row-level security is the second wall); the one cross-tenant lookup,
 * by e-mail for sign-in and the CLI, takes the {@link SystemScope} its caller opened. Each method
 * joins the caller's transaction or opens its own.
 */
@Repository
public class Users {

    private static final String SELECT =
            """
            select u.id, u.public_id, u.tenant_id, t.public_id as tenant_public_id, t.status as tenant_status,
                   u.email, u.display_name, u.role, u.status, u.password_hash, u.must_change_password,
                   u.totp_secret, u.totp_enabled_at, u.totp_last_step, u.created_at, u.updated_at,
                   u.last_signed_in_at
            from users u join tenants t on t.id = u.tenant_id\
            """;

    private final JdbcClient jdbc;
    private final Transactions tx;

    Users(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Inserts a user; empty when the e-mail address is taken anywhere in the installation. */
    Optional<StoredUser> insert(TenantId tenant, StoredUser.New user) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into users (public_id, tenant_id, email,"
                                                + " display_name, role, password_hash,"
                                                + " must_change_password, created_at, updated_at)"
                                                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict"
                                                + " (email) do nothing returning public_id")
                                .param(user.publicId())
                                .param(tenant.value())
                                .param(user.email())
                                .param(user.displayName())
                                .param(user.role().wire())
                                .param(user.passwordHash())
                                .param(user.mustChangePassword())
                                .param(utc(user.at()))
                                .param(utc(user.at()))
                                .query(String.class)
                                .optional()
                                .flatMap(id -> find(tenant, id)));
    }

    Optional<StoredUser> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(SELECT + " where u.tenant_id = ? and u.public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** The user of {@code tenant} with this public id, without secrets. */
    public Optional<User> findUser(TenantId tenant, String publicId) {
        return find(tenant, publicId).map(StoredUser::user);
    }

    /** The user with this (already lowercased) e-mail address, in whichever tenant. */
    Optional<StoredUser> findByEmail(SystemScope scope, String email) {
        return tx.inSystem(
                scope,
                () -> jdbc.sql(SELECT + " where u.email = ?").param(email).query(ROW).optional());
    }

    /**
     * Users of the tenant ordered by public id, after {@code afterPublicId} (exclusive), at most
     * {@code limit}.
     */
    public List<User> list(TenantId tenant, @Nullable String afterPublicId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc
                                .sql(
                                        SELECT
                                                + " where u.tenant_id = ? and u.public_id > ?"
                                                + " order by u.public_id limit ?")
                                .param(tenant.value())
                                .param(afterPublicId == null ? "" : afterPublicId)
                                .param(limit)
                                .query(ROW)
                                .list()
                                .stream()
                                .map(StoredUser::user)
                                .toList());
    }

    /**
     * Locks the tenant's active owners until the transaction ends and counts them; call inside one.
     */
    long lockActiveOwners(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select id from users where tenant_id = ? and role ="
                                                + " 'owner' and status = 'active' order by id for"
                                                + " update")
                                .param(tenant.value())
                                .query(Long.class)
                                .list()
                                .size());
    }

    void updateRole(TenantId tenant, long userId, Role role, Instant at) {
        update(tenant, userId, "role = ?, updated_at = ?", role.wire(), utc(at));
    }

    void updateStatus(TenantId tenant, long userId, User.Status status, Instant at) {
        update(tenant, userId, "status = ?, updated_at = ?", status.wire(), utc(at));
    }

    void updatePassword(TenantId tenant, long userId, String hash, boolean mustChange, Instant at) {
        update(
                tenant,
                userId,
                "password_hash = ?, must_change_password = ?, updated_at = ?",
                hash,
                mustChange,
                utc(at));
    }

    /** Counts one more consecutive wrong second-factor code; returns the new count. */
    int recordSecondFactorFailure(TenantId tenant, long userId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update users set second_factor_failures ="
                                            + " second_factor_failures + 1 where tenant_id = ? and"
                                            + " id = ? returning second_factor_failures")
                                .param(tenant.value())
                                .param(userId)
                                .query(Integer.class)
                                .single());
    }

    int secondFactorFailures(TenantId tenant, long userId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select second_factor_failures from users where tenant_id ="
                                                + " ? and id = ?")
                                .param(tenant.value())
                                .param(userId)
                                .query(Integer.class)
                                .single());
    }

    void resetSecondFactorFailures(TenantId tenant, long userId) {
        update(tenant, userId, "second_factor_failures = 0");
    }

    /**
     * Records a successful sign-in and, when given, the password re-hashed under today's
     * parameters.
     */
    void recordSignIn(TenantId tenant, long userId, @Nullable String rehash, Instant at) {
        if (rehash == null) {
            update(tenant, userId, "last_signed_in_at = ?", utc(at));
        } else {
            update(tenant, userId, "last_signed_in_at = ?, password_hash = ?", utc(at), rehash);
        }
    }

    /**
     * Stores a new, not yet confirmed TOTP secret; second factor stays off until {@link
     * #enableTotp}.
     */
    void storePendingTotp(TenantId tenant, long userId, String sealedSecret, Instant at) {
        update(
                tenant,
                userId,
                "totp_secret = ?, totp_enabled_at = null, totp_last_step = null, updated_at = ?",
                sealedSecret,
                utc(at));
    }

    /** Turns the second factor on, with {@code step} as the last used one. */
    void enableTotp(TenantId tenant, long userId, long step, Instant at) {
        update(
                tenant,
                userId,
                "totp_enabled_at = ?, totp_last_step = ?, updated_at = ?",
                utc(at),
                step,
                utc(at));
    }

    /** Turns the second factor off and deletes the secret and every recovery code. */
    void disableTotp(TenantId tenant, long userId, Instant at) {
        tx.inTenant(
                tenant,
                () -> {
                    update(
                            tenant,
                            userId,
                            "totp_secret = null, totp_enabled_at = null, totp_last_step = null,"
                                    + " updated_at = ?",
                            utc(at));
                    return jdbc.sql(
                                    "delete from recovery_codes where tenant_id = ? and user_id ="
                                            + " ?")
                            .param(tenant.value())
                            .param(userId)
                            .update();
                });
    }

    /**
     * Records {@code step} as used if it is after the last used one; false when another request
     * won.
     */
    boolean acceptTotpStep(TenantId tenant, long userId, long step) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update users set totp_last_step = ? where"
                                                    + " tenant_id = ? and id = ? and"
                                                    + " totp_enabled_at is not null and"
                                                    + " (totp_last_step is null or totp_last_step <"
                                                    + " ?)")
                                        .param(step)
                                        .param(tenant.value())
                                        .param(userId)
                                        .param(step)
                                        .update()
                                == 1);
    }

    /** Replaces the user's recovery codes by these hashes. */
    void replaceRecoveryCodes(TenantId tenant, long userId, List<byte[]> hashes) {
        tx.inTenant(
                tenant,
                () -> {
                    jdbc.sql("delete from recovery_codes where tenant_id = ? and user_id = ?")
                            .param(tenant.value())
                            .param(userId)
                            .update();
                    for (byte[] hash : hashes) {
                        jdbc.sql(
                                        "insert into recovery_codes (user_id, tenant_id, code_hash)"
                                                + " values (?, ?, ?)")
                                .param(userId)
                                .param(tenant.value())
                                .param(hash)
                                .update();
                    }
                    return null;
                });
    }

    /** Marks the unused code with this hash used; false when there is none. */
    boolean useRecoveryCode(TenantId tenant, long userId, byte[] hash, Instant at) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update recovery_codes set used_at = ? where"
                                                    + " tenant_id = ? and user_id = ? and code_hash"
                                                    + " = ? and used_at is null")
                                        .param(utc(at))
                                        .param(tenant.value())
                                        .param(userId)
                                        .param(hash)
                                        .update()
                                == 1);
    }

    /** Unused recovery codes the user has left. */
    public int unusedRecoveryCodes(TenantId tenant, String userPublicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select count(*) from recovery_codes r join users u on u.id"
                                            + " = r.user_id where r.tenant_id = ? and u.public_id ="
                                            + " ? and r.used_at is null")
                                .param(tenant.value())
                                .param(userPublicId)
                                .query(Integer.class)
                                .single());
    }

    boolean delete(TenantId tenant, long userId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("delete from users where tenant_id = ? and id = ?")
                                        .param(tenant.value())
                                        .param(userId)
                                        .update()
                                == 1);
    }

    private void update(TenantId tenant, long userId, String assignments, Object... values) {
        tx.inTenant(
                tenant,
                () -> {
                    var statement =
                            jdbc.sql(
                                    "update users set "
                                            + assignments
                                            + " where tenant_id = ? and id = ?");
                    for (Object value : values) {
                        statement = statement.param(value);
                    }
                    int updated = statement.param(tenant.value()).param(userId).update();
                    if (updated != 1) {
                        throw new IllegalStateException(
                                "user " + userId + " of " + tenant + " vanished during an update");
                    }
                    return null;
                });
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant required(ResultSet rs, String column) throws SQLException {
        Instant t = instant(rs, column);
        if (t == null) {
            throw new IllegalStateException("users." + column + " is null");
        }
        return t;
    }

    private static final RowMapper<StoredUser> ROW =
            (rs, n) -> {
                String storedRole = rs.getString("role");
                Role role =
                        Role.fromWire(storedRole)
                                .orElseThrow(
                                        () ->
                                                new IllegalStateException(
                                                        "unknown stored role " + storedRole));
                User user =
                        new User(
                                rs.getString("public_id"),
                                new TenantId(rs.getLong("tenant_id")),
                                rs.getString("email"),
                                rs.getString("display_name"),
                                role,
                                User.Status.fromWire(rs.getString("status")),
                                rs.getBoolean("must_change_password"),
                                instant(rs, "totp_enabled_at") != null,
                                required(rs, "created_at"),
                                required(rs, "updated_at"),
                                instant(rs, "last_signed_in_at"));
                return new StoredUser(
                        rs.getLong("id"),
                        user,
                        rs.getString("tenant_public_id"),
                        "active".equals(rs.getString("tenant_status")),
                        rs.getString("password_hash"),
                        rs.getString("totp_secret"),
                        rs.getObject("totp_last_step", Long.class));
            };
}
