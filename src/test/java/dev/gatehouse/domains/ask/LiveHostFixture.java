package dev.gatehouse.domains.ask;

import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Object mother for {@code ask} tests: tenants through the real API, applications and connections
 * written as the database owner (as the lead's API would leave them), and changes made the way the
 * product makes them, inside a tenant transaction that tells {@link LiveHostnames}.
 */
final class LiveHostFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final TestNode node;
    private final JdbcClient owner;

    LiveHostFixture(TestNode node) {
        this.node = node;
        this.owner = JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }

    /** A tenant as these tests need it: its internal id and public id. */
    record Tenant(TenantId id, String publicId) {}

    Tenant tenant() {
        String publicId = Tenancy.newTenant(node).id();
        long id =
                owner.sql("select id from tenants where public_id = ?")
                        .param(publicId)
                        .query(Long.class)
                        .single();
        return new Tenant(new TenantId(id), publicId);
    }

    /**
     * An active application of {@code tenant} routing to {@code origin}; returns its internal id.
     */
    long application(Tenant tenant, String origin) {
        return owner.sql(
                        """
                        insert into domain_applications (public_id, tenant_id, name, target_cname, origin, webhook_secret,
                            created_at, updated_at)
                        values (?, ?, 'Shop', 'edge.saas.example', ?, 'x', now(), now()) returning id\
                        """)
                .param("app_" + randomSuffix())
                .param(tenant.id().value())
                .param(origin)
                .query(Long.class)
                .single();
    }

    /**
     * A new hostname, unique in this JVM, with a connection in {@code status}, announced as the
     * product announces a go-live; returns the hostname.
     */
    String connection(Tenant tenant, long application, String status) {
        String hostname =
                "shop-"
                        + COUNTER.incrementAndGet()
                        + "-"
                        + randomSuffix().toLowerCase()
                        + ".customer.example";
        owner.sql(
                        """
                        insert into domain_connections (public_id, tenant_id, application_id, hostname, status, challenge,
                            created_at, updated_at, deadline_at)
                        values (?, ?, ?, ?, ?, 'challenge', now(), now(), now() + interval '3 days')\
                        """)
                .param("conn_" + randomSuffix())
                .param(tenant.id().value())
                .param(application)
                .param(hostname)
                .param(status)
                .update();
        inTenant(tenant, jdbc -> node.bean(LiveHostnames.class).changed(hostname));
        return hostname;
    }

    /** Hostname to origin of every hostname the database says is live: what ask must allow. */
    java.util.Map<String, String> liveInDatabase() {
        java.util.Map<String, String> live = new java.util.HashMap<>();
        owner.sql(
                        """
                        select c.hostname, a.origin from domain_connections c
                          join domain_applications a on a.id = c.application_id
                          join tenants t on t.id = c.tenant_id
                         where c.status = 'live' and a.status = 'active' and a.deleted_at is null
                           and t.status = 'active'\
                        """)
                .query(
                        rs -> {
                            live.put(rs.getString(1), rs.getString(2));
                        });
        return live;
    }

    /**
     * Changes the row behind the cache's back: what a bug that forgot to call {@code changed} would
     * do.
     */
    void setStatusSilently(String hostname, String status) {
        owner.sql("update domain_connections set status = ? where hostname = ?")
                .param(status)
                .param(hostname)
                .update();
    }

    /**
     * Sets the connection's status the way the product does: in a tenant transaction that announces
     * it.
     */
    void setStatus(Tenant tenant, String hostname, String status) {
        inTenant(
                tenant,
                jdbc -> {
                    jdbc.sql(
                                    "update domain_connections set status = ?, updated_at = now()"
                                            + " where hostname = ?")
                            .param(status)
                            .param(hostname)
                            .update();
                    node.bean(LiveHostnames.class).changed(hostname);
                });
    }

    /**
     * Runs {@code work} as the app role in a transaction bound to {@code tenant}, as requests do.
     */
    void inTenant(Tenant tenant, java.util.function.Consumer<JdbcClient> work) {
        inTenantReturning(
                tenant,
                jdbc -> {
                    work.accept(jdbc);
                    return null;
                });
    }

    <T> T inTenantReturning(Tenant tenant, java.util.function.Function<JdbcClient, T> work) {
        JdbcClient jdbc = node.bean(JdbcClient.class);
        return node.bean(Transactions.class).inTenant(tenant.id(), () -> work.apply(jdbc));
    }

    private static String randomSuffix() {
        String alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
