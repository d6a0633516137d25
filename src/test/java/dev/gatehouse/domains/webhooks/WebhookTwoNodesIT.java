package dev.gatehouse.domains.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.Tenancy;
import dev.gatehouse.testing.TestNode;
import dev.gatehouse.testing.WebhookReceiver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Two nodes on one database send from one outbox: every event reaches the receiver exactly once.
 */
class WebhookTwoNodesIT {

    static final int EVENTS = 60;

    static TestNode a;
    static TestNode b;
    static WebhookReceiver receiver;

    @BeforeAll
    static void start() {
        a = TestNode.start(Map.of());
        Map<String, String> second = new HashMap<>(a.env());
        second.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        second.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        second.remove("GATEHOUSE_DATA_DIR");
        b = TestNode.startWith(second);
        // A slow receiver keeps one node busy long enough that the other's poll finds due rows too.
        receiver = WebhookReceiver.start().delay(Duration.ofMillis(400));
    }

    @AfterAll
    static void stop() {
        receiver.close();
        b.close();
        a.close();
    }

    @Test
    void eachEventIsSentOnceAlthoughBothNodesPollTheSameOutbox() {
        Tenancy.TestTenant tenant = Tenancy.newTenant(a);
        WebhookFixture.App app = WebhookFixture.application(a, tenant, receiver.url("/both"));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            // Half through each node's outbox: it is one table either way.
            events.add(WebhookFixture.enqueue(i % 2 == 0 ? a : b, app, "connection.live"));
        }

        for (String event : events) {
            WebhookFixture.awaitStatus(a, event, "delivered");
        }
        List<WebhookReceiver.Received> got =
                receiver.await("/both", EVENTS, Duration.ofSeconds(30));
        Map<String, Long> perId =
                got.stream()
                        .collect(
                                Collectors.groupingBy(
                                        r -> r.header("webhook-id"), Collectors.counting()));
        assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(events);
        assertThat(perId.values()).containsOnly(1L);
        assertThat(events)
                .allSatisfy(
                        e ->
                                assertThat(WebhookFixture.delivery(a, e).get("attempts"))
                                        .isEqualTo(1));

        // Both nodes took part, or the test proved nothing about leasing.
        double sentByA = delivered(a);
        double sentByB = delivered(b);
        assertThat(sentByA + sentByB).isEqualTo(EVENTS);
        assertThat(sentByA).isPositive();
        assertThat(sentByB).isPositive();
    }

    @Test
    void aSuspendedTenantsDeliveriesWaitOnBothNodesAndGoWhenItIsReactivated()
            throws InterruptedException {
        Tenancy.TestTenant tenant = Tenancy.newTenant(a);
        WebhookFixture.App app = WebhookFixture.application(a, tenant, receiver.url("/waiting"));
        status(tenant, "suspended");
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.add(WebhookFixture.enqueue(i % 2 == 0 ? a : b, app, "connection.live"));
        }

        Thread.sleep(4_000); // four polls of each node
        assertThat(receiver.received("/waiting")).as("nothing sent while suspended").isEmpty();
        assertThat(events)
                .allSatisfy(
                        e -> {
                            Map<String, Object> d = WebhookFixture.delivery(a, e);
                            assertThat(d.get("status")).as("not dropped").isEqualTo("pending");
                            assertThat(d.get("attempts")).isEqualTo(0);
                        });

        status(tenant, "active");
        for (String event : events) {
            WebhookFixture.awaitStatus(a, event, "delivered");
        }
        assertThat(receiver.await("/waiting", events.size(), Duration.ofSeconds(30)))
                .extracting(r -> r.header("webhook-id"))
                .containsExactlyInAnyOrderElementsOf(events);
    }

    private static void status(Tenancy.TestTenant tenant, String status) {
        Http.Response r =
                a.http()
                        .patch(
                                "/v1/tenants/" + tenant.id(),
                                a.operatorKey(),
                                Http.json("status", status));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static double delivered(TestNode node) {
        String metrics = node.management().get("/metrics", null).body();
        return metrics.lines()
                .filter(
                        l ->
                                l.startsWith("gatehouse_webhooks_deliveries_total{")
                                        && l.contains("outcome=\"delivered\""))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0.0);
    }
}
