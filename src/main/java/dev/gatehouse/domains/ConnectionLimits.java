package dev.gatehouse.domains;

import dev.gatehouse.kernel.config.Settings;
import dev.gatehouse.kernel.operator.TenantLimits;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * The {@code domain_tenant_limits} table, and its only reader and writer: each tenant's connection
 * limit ({@code max_connections}). New tenants get {@code DOMAINS_DEFAULT_MAX_CONNECTIONS}; a
 * tenant without a row has the documented default, {@value
 * DomainsSettings#DOCUMENTED_MAX_CONNECTIONS}. The operator reads and changes it through the
 * kernel's tenant API, which this class serves as a {@link TenantLimits}.
 */
@Component
public class ConnectionLimits implements TenantLimits {

    static final String MAX_CONNECTIONS = "max_connections";

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final int defaultLimit;

    ConnectionLimits(JdbcClient jdbc, Transactions tx, Settings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.defaultLimit = settings.section(DomainsSettings.class).defaultMaxConnections();
    }

    /** The tenant's connection limit. */
    public int limit(TenantId tenant) {
        return tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "select coalesce((select max_connections from"
                                                + " domain_tenant_limits where tenant_id = ?), ?)")
                                .param(tenant.value())
                                .param(DomainsSettings.DOCUMENTED_MAX_CONNECTIONS)
                                .query(Integer.class)
                                .single());
    }

    @Override
    public List<Limit> limits() {
        return List.of(new Limit(MAX_CONNECTIONS, 0, DomainsSettings.MAX_CONNECTIONS_CEILING));
    }

    @Override
    public void tenantCreated(TenantId tenant) {
        store(tenant, defaultLimit);
    }

    @Override
    public Map<String, Integer> values(TenantId tenant) {
        return Map.of(MAX_CONNECTIONS, limit(tenant));
    }

    @Override
    public void change(TenantId tenant, Map<String, Integer> values) {
        Integer max = values.get(MAX_CONNECTIONS);
        if (max != null) {
            store(tenant, max);
        }
    }

    private void store(TenantId tenant, int maxConnections) {
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into domain_tenant_limits (tenant_id,"
                                                + " max_connections) values (?, ?) on conflict"
                                                + " (tenant_id) do update set max_connections ="
                                                + " excluded.max_connections")
                                .param(tenant.value())
                                .param(maxConnections)
                                .update());
    }
}
