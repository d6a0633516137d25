package dev.gatehouse.domains.widget;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The two cross-tenant reads of the widget, both about active applications of active tenants: whose
 * application a token names (the token carries no tenant), and whether any application lets a web
 * origin embed the widget (for CORS preflights, which carry no token). Deleted and disabled
 * applications and suspended tenants count as absent.
 */
@Repository
class EmbeddingApplications {

    private static final String ACTIVE =
            " from domain_applications a join tenants t on t.id = a.tenant_id"
                    + " where a.deleted_at is null and a.status = 'active' and t.status = 'active'";

    private final JdbcClient jdbc;
    private final Transactions tx;

    EmbeddingApplications(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The tenant of the active application with this public id. */
    Optional<TenantId> tenantOf(SystemScope scope, String applicationPublicId) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql("select a.tenant_id" + ACTIVE + " and a.public_id = ?")
                                .param(applicationPublicId)
                                .query((rs, n) -> new TenantId(rs.getLong("tenant_id")))
                                .optional());
    }

    /** True when some active application lists {@code origin} exactly among its allowed origins. */
    boolean anyAllows(SystemScope scope, String origin) {
        return tx.inSystem(
                scope,
                () ->
                        jdbc.sql(
                                        "select exists (select 1"
                                                + ACTIVE
                                                + " and ? = any (a.allowed_origins))")
                                .param(origin)
                                .query(Boolean.class)
                                .single());
    }
}
