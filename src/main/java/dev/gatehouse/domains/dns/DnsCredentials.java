package dev.gatehouse.domains.dns;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code dns_credentials} table. Every method takes the {@link TenantId} it works for and
 * filters by it (row-level security is the second wall). The sealed secret is read only by {@link
 * #sealedSecret}; rows are deleted for good.
 */
@Repository
public class DnsCredentials {

    static final String TABLE = "dns_credentials";
    static final String SECRET_COLUMN = "secret";

    private static final String COLUMNS =
            "id, public_id, tenant_id, name, provider, config::text as config, created_at";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final Transactions tx;

    DnsCredentials(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    DnsCredential insert(
            TenantId tenant,
            String publicId,
            String name,
            ProviderConfig config,
            String sealedSecret,
            Instant now) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into dns_credentials (public_id, tenant_id, name,"
                                            + " provider, config, secret, created_at) values (?, ?,"
                                            + " ?, ?, ?::jsonb, ?, ?) returning "
                                                + COLUMNS)
                                .param(publicId)
                                .param(tenant.value())
                                .param(name)
                                .param(config.provider())
                                .param(JSON.writeValueAsString(config.wire()))
                                .param(sealedSecret)
                                .param(Timestamp.from(now))
                                .query(ROW)
                                .single());
    }

    public Optional<DnsCredential> find(TenantId tenant, String publicId) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from dns_credentials"
                                                + " where tenant_id = ? and public_id = ?")
                                .param(tenant.value())
                                .param(publicId)
                                .query(ROW)
                                .optional());
    }

    /** Up to {@code limit} credentials with an id above {@code afterId}, oldest first. */
    public List<DnsCredential> list(TenantId tenant, long afterId, int limit) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select "
                                                + COLUMNS
                                                + " from dns_credentials where tenant_id = ? and id"
                                                + " > ? order by id limit ?")
                                .param(tenant.value())
                                .param(afterId)
                                .param(limit)
                                .query(ROW)
                                .list());
    }

    /** The sealed text of the credential's secret. */
    Optional<String> sealedSecret(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select secret from dns_credentials where tenant_id = ? and"
                                                + " id = ?")
                                .param(tenant.value())
                                .param(id)
                                .query(String.class)
                                .optional());
    }

    boolean delete(TenantId tenant, long id) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql("delete from dns_credentials where tenant_id = ? and id = ?")
                                        .param(tenant.value())
                                        .param(id)
                                        .update()
                                == 1);
    }

    private static final RowMapper<DnsCredential> ROW =
            (rs, n) ->
                    new DnsCredential(
                            rs.getLong("id"),
                            rs.getString("public_id"),
                            new TenantId(rs.getLong("tenant_id")),
                            rs.getString("name"),
                            ProviderConfig.fromStored(
                                    rs.getString("provider"),
                                    JSON.readValue(rs.getString("config"), MAP)),
                            rs.getTimestamp("created_at").toInstant());
}
