package dev.gatehouse.gateway.upstream;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code gateway_upstreams} table, one row per tenant, and its only owner. Every method takes
 * the {@link TenantId} it works for and filters by it (row-level security is the second wall).
 *
 * <p>The cached session ({@code session_token}, {@code session_expires_at}, {@code
 * session_version}) is written only through the compare-and-set methods {@link #claimLogin}, {@link
 * #storeSession} and {@link #endLogin}; see {@link UpstreamSessions}.
 */
@Repository
public class Upstreams {

    static final String TABLE = "gateway_upstreams";
    static final String SECRET_COLUMN = "auth_secret";
    static final String SESSION_COLUMN = "session_token";

    private static final String COLUMNS =
            "id, public_id, tenant_id, base_url, auth_type, auth_config::text as auth_config,"
                    + " auth_secret, timeout_ms, max_request_bytes, max_response_bytes, created_at,"
                    + " updated_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final String SECRETS_KEY = "secrets";

    private final JdbcClient jdbc;
    private final Transactions tx;

    Upstreams(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The fields a save writes. */
    record Fields(
            String baseUrl,
            UpstreamAuth auth,
            List<String> secretsSet,
            @Nullable String sealedSecret,
            int timeoutMs,
            long maxRequestBytes,
            long maxResponseBytes) {}

    /** The cached upstream session as stored: sealed token, expiry, and its version. */
    record StoredSession(@Nullable String sealedToken, @Nullable Instant expiresAt, long version) {}

    public Optional<Upstream> find(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from gateway_upstreams where tenant_id = ?")
                                .param(tenant.value())
                                .query(ROW)
                                .optional());
    }

    /**
     * Serializes saves of {@code tenant}'s upstream until the transaction ends (the first save of a
     * tenant has no row to lock). Call inside a tenant transaction.
     */
    void lock(TenantId tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('gateway_upstreams'), ?::int)")
                .param((int) tenant.value())
                .query()
                .singleValue();
    }

    Upstream insert(TenantId tenant, String publicId, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into gateway_upstreams (public_id, tenant_id,"
                                                + " base_url, auth_type, auth_config, auth_secret,"
                                                + " timeout_ms, max_request_bytes,"
                                                + " max_response_bytes, created_at, updated_at)"
                                                + " values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?)"
                                                + " returning "
                                                + COLUMNS)
                                .param(publicId)
                                .param(tenant.value())
                                .param(f.baseUrl())
                                .param(f.auth().type())
                                .param(config(f))
                                .param(f.sealedSecret())
                                .param(f.timeoutMs())
                                .param(f.maxRequestBytes())
                                .param(f.maxResponseBytes())
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .single());
    }

    /** Replaces the configuration and forgets the cached session (a new login follows). */
    Upstream update(TenantId tenant, Fields f, Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_upstreams set base_url = ?, auth_type = ?,"
                                                + " auth_config = ?::jsonb, auth_secret = ?,"
                                                + " timeout_ms = ?, max_request_bytes = ?,"
                                                + " max_response_bytes = ?, updated_at = ?,"
                                                + " session_token = null, session_expires_at ="
                                                + " null, session_version = session_version + 1"
                                                + " where tenant_id = ? returning "
                                                + COLUMNS)
                                .param(f.baseUrl())
                                .param(f.auth().type())
                                .param(config(f))
                                .param(f.sealedSecret())
                                .param(f.timeoutMs())
                                .param(f.maxRequestBytes())
                                .param(f.maxResponseBytes())
                                .param(Timestamp.from(now))
                                .param(tenant.value())
                                .query(ROW)
                                .single());
    }

    Optional<StoredSession> session(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select session_token, session_expires_at,"
                                                + " session_version from gateway_upstreams where"
                                                + " tenant_id = ?")
                                .param(tenant.value())
                                .query(
                                        (rs, n) ->
                                                new StoredSession(
                                                        rs.getString(1),
                                                        instant(rs.getTimestamp(2)),
                                                        rs.getLong(3)))
                                .optional());
    }

    /**
     * Claims the next login if the session is still at {@code seenVersion} and no login is under
     * way (a login under way is a null token with a lease in the future): clears the token, leases
     * the login until {@code leaseUntil} and moves the version on. Returns the claimed version, or
     * empty when another node got there first.
     */
    Optional<Long> claimLogin(TenantId tenant, long seenVersion, Instant now, Instant leaseUntil) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_upstreams set session_version ="
                                            + " session_version + 1, session_token = null,"
                                            + " session_expires_at = ? where tenant_id = ? and"
                                            + " session_version = ? and not (session_token is null"
                                            + " and session_expires_at is not null and"
                                            + " session_expires_at > ?) returning session_version")
                                .param(Timestamp.from(leaseUntil))
                                .param(tenant.value())
                                .param(seenVersion)
                                .param(Timestamp.from(now))
                                .query(Long.class)
                                .optional());
    }

    /** Stores the token of the login claimed as {@code claimed}; false if the claim was lost. */
    boolean storeSession(
            TenantId tenant, long claimed, String sealedToken, Instant expiresAt, long next) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                                "update gateway_upstreams set session_token = ?,"
                                                        + " session_expires_at = ?,"
                                                        + " session_version = ? where tenant_id ="
                                                        + " ? and session_version = ?")
                                        .param(sealedToken)
                                        .param(Timestamp.from(expiresAt))
                                        .param(next)
                                        .param(tenant.value())
                                        .param(claimed)
                                        .update()
                                == 1);
    }

    /**
     * Ends a failed login claimed as {@code claimed}: no token, a new version (so nodes waiting for
     * it stop at once), and no new claim before {@code retryAfter}.
     */
    void endLogin(TenantId tenant, long claimed, Instant retryAfter, long next) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "update gateway_upstreams set session_token = null,"
                                                + " session_expires_at = ?, session_version = ?"
                                                + " where tenant_id = ? and session_version = ?")
                                .param(Timestamp.from(retryAfter))
                                .param(next)
                                .param(tenant.value())
                                .param(claimed)
                                .update());
    }

    private static String config(Fields f) {
        Map<String, Object> m = new LinkedHashMap<>(f.auth().wire());
        m.put(SECRETS_KEY, f.secretsSet());
        return JSON.writeValueAsString(m);
    }

    private static @Nullable Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<Upstream> ROW =
            (rs, n) -> {
                Map<String, Object> config = JSON.readValue(rs.getString("auth_config"), MAP);
                List<String> secrets = new ArrayList<>();
                if (config.remove(SECRETS_KEY) instanceof List<?> names) {
                    names.forEach(name -> secrets.add(String.valueOf(name)));
                }
                return new Upstream(
                        rs.getLong("id"),
                        rs.getString("public_id"),
                        new TenantId(rs.getLong("tenant_id")),
                        rs.getString("base_url"),
                        UpstreamAuth.fromStored(rs.getString("auth_type"), config),
                        secrets,
                        rs.getString("auth_secret"),
                        rs.getInt("timeout_ms"),
                        rs.getLong("max_request_bytes"),
                        rs.getLong("max_response_bytes"),
                        rs.getTimestamp("created_at").toInstant(),
                        rs.getTimestamp("updated_at").toInstant());
            };
}
