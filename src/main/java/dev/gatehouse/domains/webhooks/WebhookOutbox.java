package dev.gatehouse.domains.webhooks;

import dev.gatehouse.domains.Application;
import dev.gatehouse.kernel.ids.PublicIds;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.tenancy.Transactions;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes webhook events into the durable outbox, inside the caller's transaction: the event exists
 * if and only if the change that caused it committed. Delivery happens later, from any node.
 */
@Component
public class WebhookOutbox {

    private final JdbcClient jdbc;
    private final Transactions tx;
    private final PublicIds ids;
    private final JsonMapper json;

    WebhookOutbox(JdbcClient jdbc, Transactions tx, PublicIds ids, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.ids = ids;
        this.json = json;
    }

    /**
     * Queues {@code type} with {@code data} for {@code app}'s webhook endpoint. Does nothing when
     * the application has no webhook URL.
     *
     * @return the event id ({@code evt_…}), or null when nothing was queued
     */
    public @org.jspecify.annotations.Nullable String enqueue(
            TenantId tenant, Application app, String type, Object data, Instant now) {
        if (app.webhookUrl() == null) {
            return null;
        }
        String eventId = ids.next("evt");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("created_at", now.toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        tx.inTenant(
                tenant,
                () ->
                        jdbc.sql(
                                        "insert into webhook_deliveries (event_id, tenant_id,"
                                            + " application_id, event_type, payload, status,"
                                            + " next_attempt_at, created_at) values (?, ?, ?, ?, ?,"
                                            + " 'pending', ?, ?)")
                                .param(eventId)
                                .param(tenant.value())
                                .param(app.id())
                                .param(type)
                                .param(payload)
                                .param(Timestamp.from(now))
                                .param(Timestamp.from(now))
                                .update());
        return eventId;
    }
}
