package dev.gatehouse.domains.webhooks;

import static dev.gatehouse.domains.webhooks.WebhookFixture.WAIT;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.domains.Application;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Delivery over real HTTP on loopback (the shared node is in development, where private targets are
 * allowed): signatures, retries with the same id, 410, redirects, give-up and throttling. Retries
 * are made due by moving {@code next_attempt_at} (see {@link WebhookFixture#makeDue}), so no test
 * waits out a backoff.
 */
class WebhookDeliveryIT {

    static TestNode node;
    static WebhookReceiver receiver;
    static Tenancy.TestTenant tenant;

    @BeforeAll
    static void start() {
        node = TestNode.shared();
        receiver = WebhookReceiver.start();
        tenant = Tenancy.newTenant(node);
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    @Test
    void deliveryIsSignedWithTheApplicationSecretAndCarriesThePayloadExactly() throws Exception {
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/signed"));
        String event = WebhookFixture.enqueue(node, app, "connection.live");

        WebhookReceiver.Received got = receiver.await("/signed", 1, WAIT).getFirst();
        Map<String, Object> row = WebhookFixture.awaitStatus(node, event, "delivered");

        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.body()).isEqualTo(row.get("payload"));
        assertThat(got.header("content-type")).isEqualTo("application/json");
        assertThat(got.header("user-agent")).isEqualTo("Gatehouse-Webhooks/1");
        assertThat(got.header("webhook-id")).isEqualTo(event).startsWith("evt_");
        long timestamp = Long.parseLong(got.header("webhook-timestamp"));
        assertThat(timestamp)
                .isBetween(Instant.now().getEpochSecond() - 60, Instant.now().getEpochSecond() + 5);

        byte[] key = WebhookSigner.key(app.secret());
        assertThat(
                        WebhookSigner.verify(
                                        key,
                                        got.header("webhook-id"),
                                        got.header("webhook-timestamp"),
                                        got.header("webhook-signature"),
                                        got.body(),
                                        Instant.now())
                                .valid())
                .isTrue();
        assertThat(got.header("webhook-signature"))
                .isEqualTo("v1," + hmac(app.secret(), event, timestamp, got.body()));
        // Another application's secret does not verify it.
        byte[] otherKey = WebhookSigner.key(node.bean(WebhookSecrets.class).generate());
        assertThat(
                        WebhookSigner.verify(
                                        otherKey,
                                        event,
                                        got.header("webhook-timestamp"),
                                        got.header("webhook-signature"),
                                        got.body(),
                                        Instant.now())
                                .valid())
                .isFalse();

        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat(row.get("last_status_code")).isEqualTo(200);
        assertThat(row.get("delivered_at")).isNotNull();
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(WebhookFixture.attempts(node, event))
                .singleElement()
                .satisfies(a -> assertThat(a.get("status_code")).isEqualTo(200));
    }

    @Test
    void serverErrorsAreRetriedWithTheSameWebhookIdUntilDelivered() {
        receiver.answer("/flaky", 500, 503, 200);
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/flaky"));
        String event = WebhookFixture.enqueue(node, app, "connection.verified");

        Map<String, Object> first = WebhookFixture.awaitAttempts(node, event, 1);
        assertThat(first.get("status")).isEqualTo("pending");
        assertThat(first.get("last_status_code")).isEqualTo(500);
        Instant last = ((java.sql.Timestamp) first.get("last_attempt_at")).toInstant();
        Instant next = ((java.sql.Timestamp) first.get("next_attempt_at")).toInstant();
        assertThat(next)
                .as("first retry within the 5 s base delay")
                .isBetween(last, last.plusSeconds(6));

        WebhookFixture.makeDue(node, event);
        WebhookFixture.awaitAttempts(node, event, 2);
        WebhookFixture.makeDue(node, event);
        Map<String, Object> done = WebhookFixture.awaitStatus(node, event, "delivered");

        List<WebhookReceiver.Received> got = receiver.await("/flaky", 3, WAIT);
        assertThat(got).hasSize(3).extracting(r -> r.header("webhook-id")).containsOnly(event);
        assertThat(got)
                .extracting(WebhookReceiver.Received::body)
                .containsOnly(got.getFirst().body());
        byte[] key = WebhookSigner.key(app.secret());
        assertThat(got)
                .allSatisfy(
                        r ->
                                assertThat(
                                                WebhookSigner.verify(
                                                                key,
                                                                r.header("webhook-id"),
                                                                r.header("webhook-timestamp"),
                                                                r.header("webhook-signature"),
                                                                r.body(),
                                                                Instant.now())
                                                        .valid())
                                        .isTrue());
        assertThat(((Number) done.get("attempts")).intValue()).isEqualTo(3);
        assertThat(WebhookFixture.attempts(node, event))
                .extracting(a -> a.get("status_code"))
                .containsExactly(500, 503, 200);
    }

    @Test
    void goneDisablesTheApplicationsWebhookAndLaterEventsAreNotSent() {
        receiver.answer("/gone", 410);
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/gone"));
        String first = WebhookFixture.enqueue(node, app, "connection.created");

        Map<String, Object> row = WebhookFixture.awaitStatus(node, first, "disabled");
        assertThat(row.get("failure_reason")).isEqualTo("gone");
        assertThat(row.get("last_status_code")).isEqualTo(410);
        Application reloaded = WebhookFixture.reload(node, app.tenant(), app.app().publicId());
        assertThat(reloaded.webhookDisabledAt()).isNotNull();

        // Queued with the application as it was before the 410, and as it is now: neither is sent.
        String stale = WebhookFixture.enqueue(node, app.tenant(), app.app(), "connection.live");
        String fresh = WebhookFixture.enqueue(node, app.tenant(), reloaded, "connection.removed");
        assertThat(WebhookFixture.awaitStatus(node, stale, "disabled").get("failure_reason"))
                .isEqualTo("webhook_disabled");
        assertThat(WebhookFixture.awaitStatus(node, fresh, "disabled").get("failure_reason"))
                .isEqualTo("webhook_disabled");
        assertThat(WebhookFixture.delivery(node, stale).get("attempts")).isEqualTo(0);
        assertThat(receiver.received("/gone")).hasSize(1);
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailedAttemptToRetry() {
        receiver.script(
                "/moved",
                WebhookReceiver.Reply.redirect(receiver.url("/elsewhere")),
                WebhookReceiver.Reply.status(200));
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/moved"));
        String event = WebhookFixture.enqueue(node, app, "connection.live");

        Map<String, Object> first = WebhookFixture.awaitAttempts(node, event, 1);
        assertThat(first.get("status")).isEqualTo("pending");
        assertThat(first.get("last_status_code")).isEqualTo(302);
        assertThat(first.get("last_error")).isEqualTo("redirect_not_followed");
        assertThat(receiver.received("/elsewhere")).isEmpty();

        WebhookFixture.makeDue(node, event);
        WebhookFixture.awaitStatus(node, event, "delivered");
        assertThat(receiver.received("/moved")).hasSize(2);
        assertThat(receiver.received("/elsewhere")).isEmpty();
    }

    @Test
    void aClientErrorGivesUpAfterOneAttempt() {
        receiver.answer("/bad", 400);
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/bad"));
        String event = WebhookFixture.enqueue(node, app, "connection.failed");

        Map<String, Object> row = WebhookFixture.awaitStatus(node, event, "failed");
        assertThat(row.get("failure_reason")).isEqualTo("rejected");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("last_status_code")).isEqualTo(400);
        // Failed rows have no next attempt, so no node ever leases them again.
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat(receiver.received("/bad")).hasSize(1);
    }

    @Test
    void tooManyRequestsIsRetried() {
        receiver.answer("/throttled", 429, 200);
        WebhookFixture.App app =
                WebhookFixture.application(node, tenant, receiver.url("/throttled"));
        String event = WebhookFixture.enqueue(node, app, "connection.live");

        Map<String, Object> first = WebhookFixture.awaitAttempts(node, event, 1);
        assertThat(first.get("status")).isEqualTo("pending");
        assertThat(first.get("last_status_code")).isEqualTo(429);

        WebhookFixture.makeDue(node, event);
        assertThat(WebhookFixture.awaitStatus(node, event, "delivered").get("attempts"))
                .isEqualTo(2);
        assertThat(receiver.received("/throttled"))
                .extracting(r -> r.header("webhook-id"))
                .containsExactly(event, event);
    }

    @Test
    void anUnreachableReceiverIsRetriedWithTheErrorClassLogged() {
        int closedPort = TestNode.freePort();
        WebhookFixture.App app =
                WebhookFixture.application(node, tenant, "http://127.0.0.1:" + closedPort + "/x");
        String event = WebhookFixture.enqueue(node, app, "connection.live");

        Map<String, Object> first = WebhookFixture.awaitAttempts(node, event, 1);
        assertThat(first.get("status")).isEqualTo("pending");
        assertThat(first.get("last_status_code")).isNull();
        assertThat(first.get("last_error")).isEqualTo("connection_refused");
    }

    @Test
    void aDeletedApplicationsEventsAreNotSent() {
        WebhookFixture.App app = WebhookFixture.application(node, tenant, receiver.url("/deleted"));
        WebhookFixture.owner(node)
                .sql("update domain_applications set deleted_at = now() where public_id = ?")
                .param(app.app().publicId())
                .update();
        String event = WebhookFixture.enqueue(node, app, "connection.live");

        assertThat(WebhookFixture.awaitStatus(node, event, "failed").get("failure_reason"))
                .isEqualTo("application_deleted");
        assertThat(receiver.received("/deleted")).isEmpty();
    }

    private static String hmac(String secret, String id, long timestamp, String body)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(
                new SecretKeySpec(
                        Base64.getDecoder().decode(secret.substring("whsec_".length())),
                        "HmacSHA256"));
        return Base64.getEncoder()
                .encodeToString(
                        mac.doFinal(
                                (id + "." + timestamp + "." + body)
                                        .getBytes(StandardCharsets.UTF_8)));
    }
}
