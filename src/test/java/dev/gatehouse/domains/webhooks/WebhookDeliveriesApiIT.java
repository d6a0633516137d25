package dev.gatehouse.domains.webhooks;

import static dev.gatehouse.testing.ProblemAssertions.assertProblem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import java.util.List;

/** {@code GET /v1/webhook-deliveries}: one test per HTTP outcome, and what the log never shows. */
class WebhookDeliveriesApiIT {

    static TestNode node;
    static WebhookReceiver receiver;
    static Tenancy.TestTenant tenant;
    static WebhookFixture.App delivering;
    static WebhookFixture.App refusing;
    static String first;
    static String second;
    static String third;
    static String readKey;

    @BeforeAll
    static void deliverSomeEvents() {
        node = TestNode.shared();
        receiver = WebhookReceiver.start().answer("/refusing", 400);
        tenant = Tenancy.newTenant(node);
        delivering = WebhookFixture.application(node, tenant, receiver.url("/delivering"));
        refusing = WebhookFixture.application(node, tenant, receiver.url("/refusing"));
        first = WebhookFixture.enqueue(node, delivering, "connection.created");
        WebhookFixture.awaitStatus(node, first, "delivered");
        second = WebhookFixture.enqueue(node, delivering, "connection.live");
        WebhookFixture.awaitStatus(node, second, "delivered");
        third = WebhookFixture.enqueue(node, refusing, "connection.failed");
        WebhookFixture.awaitStatus(node, third, "failed");
        readKey = Tenancy.newKey(node, tenant, List.of("apps:read"))[1];
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void listsAnApplicationsDeliveriesNewestFirstWithTheirAttempts() {
        Http.Response r =
                node.http()
                        .get(
                                "/v1/webhook-deliveries?application_id="
                                        + delivering.app().publicId(),
                                readKey);

        assertThat(r.status()).isEqualTo(200);
        JsonNode data = r.json().get("data");
        assertThat(data).extracting(d -> d.get("id").asString()).containsExactly(second, first);
        assertThat(r.json().get("next_cursor").isNull()).isTrue();
        JsonNode d = data.get(0);
        assertThat(d.get("application_id").asString()).isEqualTo(delivering.app().publicId());
        assertThat(d.get("event_type").asString()).isEqualTo("connection.live");
        assertThat(d.get("status").asString()).isEqualTo("delivered");
        assertThat(d.get("attempts").asInt()).isEqualTo(1);
        assertThat(d.get("last_status_code").asInt()).isEqualTo(200);
        assertThat(d.get("last_error").isNull()).isTrue();
        assertThat(d.get("failure_reason").isNull()).isTrue();
        assertThat(d.get("next_attempt_at").isNull()).isTrue();
        assertThat(d.get("created_at").asString()).endsWith("Z");
        assertThat(d.get("delivered_at").asString()).endsWith("Z");
        JsonNode attempt = d.get("attempt_log").get(0);
        assertThat(d.get("attempt_log")).hasSize(1);
        assertThat(attempt.get("status_code").asInt()).isEqualTo(200);
        assertThat(attempt.get("error").isNull()).isTrue();
        assertThat(attempt.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(attempt.get("attempted_at").asString()).endsWith("Z");
    }

    @Test
    void withoutAnApplicationListsTheWholeTenantAndPagesByCursor() {
        Http.Response page1 = node.http().get("/v1/webhook-deliveries?limit=2", readKey);
        assertThat(page1.status()).isEqualTo(200);
        assertThat(page1.json().get("data"))
                .extracting(d -> d.get("id").asString())
                .containsExactly(third, second);
        JsonNode failed = page1.json().get("data").get(0);
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("failure_reason").asString()).isEqualTo("rejected");
        assertThat(failed.get("last_status_code").asInt()).isEqualTo(400);

        String cursor = page1.json().get("next_cursor").asString();
        Http.Response page2 =
                node.http().get("/v1/webhook-deliveries?limit=2&cursor=" + cursor, readKey);
        assertThat(page2.json().get("data"))
                .extracting(d -> d.get("id").asString())
                .containsExactly(first);
        assertThat(page2.json().get("next_cursor").isNull()).isTrue();
    }

    @Test
    void theLogShowsNeitherPayloadNorSecretNorWhatTheReceiverSaid() {
        String body = node.http().get("/v1/webhook-deliveries", readKey).body();
        assertThat(body)
                .doesNotContain(
                        "payload",
                        "shop.customer.example",
                        delivering.secret().substring(6),
                        "whsec_",
                        "receiver_says",
                        "tenant_id");
    }

    @Test
    void anotherTenantsApplicationAnswers404() {
        Tenancy.TestTenant other = Tenancy.newTenant(node);
        String otherKey = Tenancy.newKey(node, other, List.of("apps:read"))[1];
        assertProblem(
                node.http()
                        .get(
                                "/v1/webhook-deliveries?application_id="
                                        + delivering.app().publicId(),
                                otherKey),
                404,
                "not_found");
        assertProblem(
                node.http().get("/v1/webhook-deliveries?application_id=app_nope", readKey),
                404,
                "not_found");
        // The other tenant's own log is empty: nothing of this tenant leaks into it.
        Http.Response own = node.http().get("/v1/webhook-deliveries", otherKey);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("data")).isEmpty();
    }

    @Test
    void aKeyWithoutAppsReadAnswers403() {
        String key = Tenancy.newKey(node, tenant, List.of("connections:read"))[1];
        assertProblem(node.http().get("/v1/webhook-deliveries", key), 403, "forbidden");
    }

    @Test
    void noKeyAnswers401() {
        assertProblem(node.http().get("/v1/webhook-deliveries", null), 401, "unauthorized");
    }

    @Test
    void aBadCursorOrLimitAnswers400() {
        assertProblem(
                node.http().get("/v1/webhook-deliveries?cursor=nonsense", readKey),
                400,
                "invalid_request");
        assertProblem(
                node.http().get("/v1/webhook-deliveries?limit=0", readKey), 400, "invalid_request");
    }
}
