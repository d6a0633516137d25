package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.Application;
import dev.gatehouse.domains.Applications;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestDatabase;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Object mother for webhook tests: an application row with a webhook URL and a sealed secret
 * (written as the database owner, so these tests do not wait for the applications API), events
 * queued through the real outbox, and the delivery rows as the database holds them.
 */
final class WebhookFixture {

    static final Duration WAIT = Duration.ofSeconds(15);

    private WebhookFixture() {}

    /**
     * An application of a test tenant, and the webhook secret in clear as the tenant was shown it.
     */
    record App(Tenancy.TestTenant owner, TenantId tenant, Application app, String secret) {}

    static App application(TestNode node, Tenancy.TestTenant owner, String webhookUrl) {
        JdbcClient db = owner(node);
        TenantId tenant =
                new TenantId(
                        db.sql("select id from tenants where public_id = ?")
                                .param(owner.id())
                                .query(Long.class)
                                .single());
        String publicId = node.bean(PublicIds.class).next("app");
        WebhookSecrets secrets = node.bean(WebhookSecrets.class);
        String secret = secrets.generate();
        Timestamp now = Timestamp.from(Instant.now());
        db.sql(
                        "insert into domain_applications (public_id, tenant_id, name, target_cname,"
                            + " origin, webhook_url, webhook_secret, created_at, updated_at) values"
                            + " (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .param(publicId)
                .param(tenant.value())
                .param("Shop builder")
                .param("edge.saas.example")
                .param("https://origin.saas.example")
                .param(webhookUrl)
                .param(secrets.seal(tenant, publicId, secret))
                .param(now)
                .param(now)
                .update();
        return new App(owner, tenant, reload(node, tenant, publicId), secret);
    }

    static Application reload(TestNode node, TenantId tenant, String publicId) {
        return node.bean(Applications.class).find(tenant, publicId).orElseThrow();
    }

    /** Queues an event through the outbox, as the lead's code does when a connection changes. */
    static String enqueue(TestNode node, App a, String type) {
        return enqueue(node, a.tenant(), a.app(), type);
    }

    static String enqueue(TestNode node, TenantId tenant, Application app, String type) {
        Map<String, Object> data =
                Map.of(
                        "application_id",
                        app.publicId(),
                        "connection",
                        Map.of(
                                "id",
                                "conn_test",
                                "hostname",
                                "shop.customer.example",
                                "status",
                                "live"));
        String id = node.bean(WebhookOutbox.class).enqueue(tenant, app, type, data, Instant.now());
        if (id == null) {
            throw new AssertionError("the outbox queued nothing for " + app.publicId());
        }
        return id;
    }

    /** The delivery row of {@code eventId}, every column. */
    static Map<String, Object> delivery(TestNode node, String eventId) {
        return owner(node)
                .sql("select * from webhook_deliveries where event_id = ?")
                .param(eventId)
                .query()
                .singleRow();
    }

    static List<Map<String, Object>> attempts(TestNode node, String eventId) {
        return owner(node)
                .sql(
                        "select a.* from webhook_attempts a join webhook_deliveries d on d.id ="
                                + " a.delivery_id where d.event_id = ? order by a.attempt")
                .param(eventId)
                .query()
                .listOfRows();
    }

    /** Waits until the delivery row satisfies {@code done}; returns it. */
    static Map<String, Object> awaitDelivery(
            TestNode node, String eventId, Predicate<Map<String, Object>> done, String what) {
        return WebhookReceiver.Waiting.until(
                () -> delivery(node, eventId),
                done,
                WAIT,
                () -> "delivery " + eventId + " never became " + what);
    }

    static Map<String, Object> awaitStatus(TestNode node, String eventId, String status) {
        return awaitDelivery(node, eventId, d -> status.equals(d.get("status")), status);
    }

    /** Waits until {@code n} attempts are recorded (the row is no longer leased then). */
    static Map<String, Object> awaitAttempts(TestNode node, String eventId, int n) {
        return awaitDelivery(
                node, eventId, d -> ((Number) d.get("attempts")).intValue() >= n, n + " attempts");
    }

    /**
     * Makes a pending retry due now instead of after its backoff: the database's notion of "later",
     * moved forward the way a test clock would be. Only call it once the attempt is recorded.
     */
    static void makeDue(TestNode node, String eventId) {
        int n =
                owner(node)
                        .sql(
                                "update webhook_deliveries set next_attempt_at = now() - interval"
                                        + " '1 second' where event_id = ? and status = 'pending'")
                        .param(eventId)
                        .update();
        if (n != 1) {
            throw new AssertionError("delivery " + eventId + " is not pending");
        }
    }

    static JdbcClient owner(TestNode node) {
        return JdbcClient.create(TestDatabase.ownerOf(node.database()));
    }
}
