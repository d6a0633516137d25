package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * With {@code WEBHOOKS_ALLOW_PRIVATE_TARGETS=false} (the production default) a target on loopback
 * is refused at send time, even when it got into the database past the API's validation.
 */
class WebhookPrivateTargetIT {

    static TestNode node;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        node = TestNode.start(Map.of("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "false"));
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.close();
        node.close();
    }

    @Test
    void aLoopbackTargetIsRefusedAndReceivesNothing() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        String literal = "https://127.0.0.1:" + receiver.port() + "/hook";
        String named = "https://localhost:" + receiver.port() + "/hook";
        String ipv6 = "https://[::1]:" + receiver.port() + "/hook";
        for (String url : new String[] {literal, named, ipv6}) {
            WebhookFixture.App app = WebhookFixture.application(node, tenant, url);
            String event = WebhookFixture.enqueue(node, app, "connection.live");

            Map<String, Object> row = WebhookFixture.awaitStatus(node, event, "failed");
            assertThat(row.get("failure_reason")).as(url).isEqualTo("private_target");
            assertThat(row.get("last_error")).as(url).isEqualTo("private_target");
            assertThat(row.get("last_status_code")).as(url).isNull();
        }
        assertThat(receiver.received("/hook")).isEmpty();
        assertThat(node.management().get("/metrics", null).body())
                .containsPattern(
                        "gatehouse_webhooks_deliveries_total\\{[^}]*outcome=\"refused\"[^}]*} 3.0");
    }

    @Test
    void plainHttpIsRefusedAsAnInvalidTarget() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(node);
        WebhookFixture.App app =
                WebhookFixture.application(node, tenant, "http://hooks.example.com/x");
        String event = WebhookFixture.enqueue(node, app, "connection.live");
        assertThat(WebhookFixture.awaitStatus(node, event, "failed").get("failure_reason"))
                .isEqualTo("invalid_target");
    }
}
