package dev.gatehouse.domains.ask;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

/**
 * The one query behind {@code ask}: the origin of the live connection for a hostname, when its
 * application and tenant are active. Cross-tenant by nature, so it runs in the system scope its
 * caller opened. Served by the partial unique index {@code domain_connections_claimed (hostname)
 * where status in ('verified', 'live')}, then two primary-key lookups.
 */
@Repository
class LiveConnections {

    private static final String ORIGIN_OF_LIVE =
            """
            select a.origin
              from domain_connections c
              join domain_applications a on a.id = c.application_id and a.tenant_id = c.tenant_id
              join tenants t on t.id = c.tenant_id
             where c.hostname = ? and c.status = 'live'
               and a.status = 'active' and a.deleted_at is null
               and t.status = 'active'\
            """;

    private final JdbcClient jdbc;
    private final Transactions tx;

    LiveConnections(JdbcClient jdbc, Transactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /**
     * The application origin to route {@code hostname} to, or empty when it must not get a
     * certificate.
     */
    Optional<String> originOf(SystemScope scope, String hostname) {
        return tx.inSystem(
                scope,
                () -> jdbc.sql(ORIGIN_OF_LIVE).param(hostname).query(String.class).optional());
    }
}
