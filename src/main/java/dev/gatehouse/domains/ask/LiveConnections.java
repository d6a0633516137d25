package dev.gatehouse.domains.ask;

import dev.gatehouse.kernel.tenancy.SystemScope;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The reads behind {@code ask}: which hostnames are live, with their application's origin, when the
 * application and the tenant are active. Cross-tenant by nature, so every read runs in the system
 * scope its caller opened. {@link #originOf} is served by the partial unique index {@code
 * domain_connections_claimed (hostname) where status in ('verified', 'live')}, then two primary-key
 * lookups; the wider reads walk the live rows only.
 */
@Repository
class LiveConnections {

    /** One live hostname and where it goes. */
    record Row(String hostname, long tenant, long application, String origin) {}

    private static final String LIVE =
            """
            select c.hostname, c.tenant_id, c.application_id, a.origin
              from domain_connections c
              join domain_applications a on a.id = c.application_id and a.tenant_id = c.tenant_id
              join tenants t on t.id = c.tenant_id
             where c.status = 'live'
               and a.status = 'active' and a.deleted_at is null
               and t.status = 'active'\
            """;

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

    /** Rows are streamed in batches of this many, so a full read never holds every row twice. */
    private static final int FETCH_SIZE = 5_000;

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

    /** Hands every live hostname to {@code each}, streaming. */
    void eachLive(SystemScope scope, Consumer<Row> each) {
        read(scope, LIVE, each);
    }

    /** Hands those of {@code hostnames} that are live to {@code each}. */
    void eachLiveOf(SystemScope scope, Collection<String> hostnames, Consumer<Row> each) {
        read(
                scope,
                LIVE + " and c.hostname = any(?)",
                each,
                (Object) hostnames.toArray(String[]::new));
    }

    /** Hands the live hostnames of one tenant to {@code each}. */
    void eachLiveOfTenant(SystemScope scope, long tenant, Consumer<Row> each) {
        read(scope, LIVE + " and c.tenant_id = ?", each, tenant);
    }

    /** Hands the live hostnames of one application to {@code each}. */
    void eachLiveOfApplication(SystemScope scope, long application, Consumer<Row> each) {
        read(scope, LIVE + " and c.application_id = ?", each, application);
    }

    private void read(SystemScope scope, String sql, Consumer<Row> each, Object... params) {
        tx.inSystem(
                scope,
                () -> {
                    jdbc.sql(sql)
                            .params(params)
                            .withFetchSize(FETCH_SIZE)
                            .query(
                                    (RowCallbackHandler)
                                            rs ->
                                                    each.accept(
                                                            new Row(
                                                                    rs.getString(1),
                                                                    rs.getLong(2),
                                                                    rs.getLong(3),
                                                                    rs.getString(4))));
                    return null;
                });
    }
}
