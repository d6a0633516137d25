package dev.gatehouse.licensing;

import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The license server's table, {@code licensing_licenses}: installation-wide (every method takes a
 * {@link SystemScope}); keys are stored as their SHA-256 only.
 */
@Repository
class Licenses {

    /** What a key looks like: {@code sck_} and 43 base64url characters (256 random bits). */
    static final String KEY_PREFIX = "sck_";

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final PublicIds ids;
    private final SecureRandom random;

    Licenses(JdbcClient jdbc, Transactions tx, PublicIds ids, SecureRandom random) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.random = random;
    }

    /** One license, without its key. */
    record Row(
            String publicId,
            String customer,
            @Nullable Instant expiresAt,
            Instant createdAt,
            @Nullable Instant revokedAt) {

        /** Whether the server answers {@code active: true} for it at {@code now}. */
        boolean activeAt(Instant now) {
            return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    /** A license just issued, with its key: shown once, never stored. */
    record Issued(Row license, String key) {
        @Override
        public String toString() {
            return "Issued[" + license.publicId() + ", key redacted]";
        }
    }

    Issued issue(SystemScope scope, String customer, @Nullable Instant expiresAt, Instant now) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return issue(scope, customer, key, expiresAt, now);
    }

    /**
     * Records a license for {@code key}, which the caller made up (the demo's own); a license with
     * that key already recorded gets {@code customer} and {@code expiresAt} instead.
     */
    Issued issue(
            SystemScope scope,
            String customer,
            String key,
            @Nullable Instant expiresAt,
            Instant now) {
        String publicId =
                tx.inSystem(
                        scope,
                        () ->
                                jdbc.sql(
                                                "insert into licensing_licenses (public_id,"
                                                    + " key_hash, customer, expires_at, created_at)"
                                                    + " values (:id, :hash, :customer, :expires,"
                                                    + " :now) on conflict (key_hash) do update set"
                                                    + " customer = excluded.customer, expires_at ="
                                                    + " excluded.expires_at returning public_id")
                                        .param("id", ids.next("lic"))
                                        .param("hash", hash(key))
                                        .param("customer", customer)
                                        .param(
                                                "expires",
                                                expiresAt == null
                                                        ? null
                                                        : Timestamp.from(expiresAt),
                                                Types.TIMESTAMP)
                                        .param("now", Timestamp.from(now))
                                        .query(String.class)
                                        .single());
        return new Issued(new Row(publicId, customer, expiresAt, now, null), key);
    }

    /** Revokes it; false when there is no such license or it was revoked already. */
    boolean revoke(SystemScope scope, String publicId, Instant now) {
        return tx.inSystem(
                        scope,
                        () ->
                                jdbc.sql(
                                                "update licensing_licenses set revoked_at = ? where"
                                                        + " public_id = ? and revoked_at is null")
                                        .params(Timestamp.from(now), publicId)
                                        .update())
                == 1;
    }

    List<Row> list(SystemScope scope) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select public_id, customer, expires_at, created_at,"
                                                + " revoked_at from licensing_licenses order by id")
                                .query(Licenses::row)
                                .list());
    }

    Optional<Row> byKey(SystemScope scope, String key) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select public_id, customer, expires_at, created_at,"
                                                + " revoked_at from licensing_licenses where"
                                                + " key_hash = ?")
                                .param(hash(key))
                                .query(Licenses::row)
                                .optional());
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(
                rs.getString("public_id"),
                rs.getString("customer"),
                instant(rs.getTimestamp("expires_at")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
