package dev.gatehouse.domains.ask;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.kernel.cluster.ClusterInvalidations;
import dev.gatehouse.testing.Http;
import dev.gatehouse.testing.TestNode;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /internal/ask} on the management listener of two nodes sharing one database: exact
 * answers, normalisation, refusals without a lookup, and a cache that every node forgets the moment
 * a hostname's answer changes.
 */
class AskIT {

    static final String ALLOW = "{\"allow\":true,\"origin\":\"https://app.saas.example:8443\"}";
    static final String DENY = "{\"allow\":false,\"origin\":null}";

    static TestNode a;
    static TestNode b;
    static LiveHostFixture fixture;
    static LiveHostFixture.Tenant tenant;
    static long application;

    @BeforeAll
    static void start() {
        a = TestNode.start(Map.of());
        Map<String, String> second = new HashMap<>(a.env());
        second.put("SERVER_PORT", Integer.toString(TestNode.freePort()));
        second.put("MANAGEMENT_PORT", Integer.toString(TestNode.freePort()));
        second.remove("GATEHOUSE_DATA_DIR");
        b = TestNode.startWith(second);
        a.awaitCachesTrusted(Duration.ofSeconds(15));
        b.awaitCachesTrusted(Duration.ofSeconds(15));
        fixture = new LiveHostFixture(a);
        tenant = fixture.tenant();
        application = fixture.application(tenant, "https://app.saas.example:8443");
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    static Http.Response ask(TestNode node, String domain) {
        return node.management()
                .get(
                        "/internal/ask?domain=" + URLEncoder.encode(domain, StandardCharsets.UTF_8),
                        null);
    }

    static void assertAllowed(Http.Response r) {
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(ALLOW);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.body()).doesNotContain("ten_", "app_", "conn_");
    }

    static void assertDenied(Http.Response r) {
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).isEqualTo(DENY);
        assertThat(r.header("Content-Type")).startsWith("application/json");
    }

    static double count(TestNode node, String result) {
        return node.bean(MeterRegistry.class)
                .get("gatehouse.domains.ask")
                .tag("result", result)
                .counter()
                .count();
    }

    @Test
    void liveHostnameIsAllowedWithExactlyAllowAndOrigin() {
        String host = fixture.connection(tenant, application, "live");

        assertAllowed(ask(a, host));
        assertAllowed(ask(b, host));
    }

    @Test
    void hostnamesThatAreNotLiveAreDeniedWithExactlyTheDenyBody() {
        for (String status : List.of("pending", "verified", "failed", "removed")) {
            String host = fixture.connection(tenant, application, status);
            Http.Response r = ask(a, host);
            assertThat(r.status()).as(status).isEqualTo(404);
            assertDenied(r);
        }
        assertDenied(ask(a, "never-connected.customer.example"));
    }

    @Test
    void upperCaseAndTrailingDotAreNormalised() {
        String host = fixture.connection(tenant, application, "live");

        assertAllowed(ask(a, host.toUpperCase() + "."));
        assertAllowed(ask(a, " " + host + " "));
    }

    @Test
    void whatIsNotAHostnameIsDeniedWithoutALookup() {
        List<String> notHostnames =
                List.of(
                        "192.0.2.10",
                        "10.0.0.1",
                        "::1",
                        "2001:db8::1",
                        "[2001:db8::1]",
                        "*.x.com",
                        "x.com:443",
                        "a..b.com",
                        "-bad.example.com",
                        "localhost",
                        "",
                        "   ",
                        "a".repeat(60)
                                + "."
                                + "b".repeat(60)
                                + "."
                                + "c".repeat(60)
                                + "."
                                + "d".repeat(60)
                                + "."
                                + "e".repeat(55),
                        "x".repeat(5000) + ".com");
        double invalid = count(a, "invalid");
        double looked = count(a, "deny") + count(a, "allow") + count(a, "error");

        for (String input : notHostnames) {
            assertThat(ask(a, input).status()).as(input).isEqualTo(404);
            assertDenied(ask(a, input));
        }
        assertDenied(a.management().get("/internal/ask", null));
        assertDenied(a.management().get("/internal/ask?other=x.com", null));

        assertThat(count(a, "invalid") - invalid).isEqualTo(2 * notHostnames.size() + 2);
        assertThat(count(a, "deny") + count(a, "allow") + count(a, "error")).isEqualTo(looked);
    }

    @Test
    void removedOnOneNodeIsDeniedByTheOtherOnTheNextRequest() {
        for (int round = 0; round < 5; round++) {
            String host = fixture.connection(tenant, application, "live");
            assertAllowed(ask(b, host));
            // Proof that b answers from its cache: a change nobody announces goes unnoticed.
            fixture.setStatusSilently(host, "verified");
            assertAllowed(ask(b, host));
            fixture.setStatusSilently(host, "live");

            fixture.setStatus(tenant, host, "removed");

            assertDenied(ask(b, host));
            assertDenied(ask(a, host));
        }
    }

    @Test
    void cachedDenyTurnsIntoAllowOnTheOtherNodeWhenTheHostnameGoesLive() {
        for (int round = 0; round < 5; round++) {
            String host = fixture.connection(tenant, application, "verified");
            assertDenied(ask(b, host));
            fixture.setStatusSilently(host, "live");
            assertDenied(ask(b, host));
            fixture.setStatusSilently(host, "verified");

            fixture.setStatus(tenant, host, "live");

            assertAllowed(ask(b, host));
            assertAllowed(ask(a, host));
        }
    }

    @Test
    void disabledOrDeletedApplicationIsDeniedEverywhere() {
        long disabledApp = fixture.application(tenant, "https://app.saas.example:8443");
        long deletedApp = fixture.application(tenant, "https://app.saas.example:8443");
        String onDisabled = fixture.connection(tenant, disabledApp, "live");
        String onDeleted = fixture.connection(tenant, deletedApp, "live");
        String other = fixture.connection(tenant, application, "live");
        for (String host : List.of(onDisabled, onDeleted, other)) {
            assertAllowed(ask(b, host));
        }

        fixture.inTenant(
                tenant,
                jdbc -> {
                    jdbc.sql("update domain_applications set status = 'disabled' where id = ?")
                            .param(disabledApp)
                            .update();
                    jdbc.sql("update domain_applications set deleted_at = now() where id = ?")
                            .param(deletedApp)
                            .update();
                    a.bean(LiveHostnames.class).changedApplication(disabledApp);
                    a.bean(LiveHostnames.class).changedApplication(deletedApp);
                });

        assertDenied(ask(b, onDisabled));
        assertDenied(ask(b, onDeleted));
        assertDenied(ask(a, onDisabled));
        assertAllowed(ask(b, other));
    }

    @Test
    void suspendedTenantIsDeniedEverywhere() {
        LiveHostFixture.Tenant suspended = fixture.tenant();
        String host =
                fixture.connection(
                        suspended,
                        fixture.application(suspended, "https://app.saas.example:8443"),
                        "live");
        assertAllowed(ask(b, host));

        // Through the operator API: the kernel announces the change and Connect Domain forgets on
        // every node.
        assertThat(
                        a.http()
                                .patch(
                                        "/v1/tenants/" + suspended.publicId(),
                                        a.operatorKey(),
                                        dev.gatehouse.testing.Http.json("status", "suspended"))
                                .status())
                .isEqualTo(200);
        assertDenied(ask(b, host));
        assertDenied(ask(a, host));

        assertThat(
                        a.http()
                                .patch(
                                        "/v1/tenants/" + suspended.publicId(),
                                        a.operatorKey(),
                                        dev.gatehouse.testing.Http.json("status", "active"))
                                .status())
                .isEqualTo(200);
        assertAllowed(ask(b, host));
    }

    @Test
    void aNodeThatCannotTrustItsCacheReadsTheDatabase() {
        String host = fixture.connection(tenant, application, "live");
        assertAllowed(ask(b, host));
        ClusterInvalidations cluster = b.bean(ClusterInvalidations.class);
        cluster.stop();
        try {
            assertThat(cluster.cachesTrusted()).isFalse();
            fixture.setStatusSilently(host, "removed");

            assertDenied(ask(b, host));
        } finally {
            cluster.start();
            b.awaitCachesTrusted(Duration.ofSeconds(15));
        }
    }

    @Test
    void askIsServedOnlyOnTheManagementListener() {
        String host = fixture.connection(tenant, application, "live");

        Http.Response onPublic = a.http().get("/internal/ask?domain=" + host, null);

        assertThat(onPublic.status()).isEqualTo(404);
        assertThat(onPublic.body()).doesNotContain("allow");
        assertAllowed(ask(a, host));
    }

    @Test
    void onlyGetIsAnswered() {
        String host = fixture.connection(tenant, application, "live");

        Http.Response r = a.management().post("/internal/ask?domain=" + host, null, "{}");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.body()).doesNotContain("\"allow\"");
    }

    @Test
    void metricsCountAnswersByResultWithoutNamingHostnames() {
        String host = fixture.connection(tenant, application, "live");
        assertAllowed(ask(a, host));
        assertDenied(ask(a, "unknown-" + host));
        assertDenied(ask(a, "192.0.2.1"));

        String metrics = a.management().get("/metrics", null).body();

        assertThat(metrics)
                .containsPattern("gatehouse_domains_ask_total\\{[^}]*result=\"allow\"[^}]*} [1-9]")
                .containsPattern("gatehouse_domains_ask_total\\{[^}]*result=\"deny\"[^}]*} [1-9]")
                .containsPattern(
                        "gatehouse_domains_ask_total\\{[^}]*result=\"invalid\"[^}]*} [1-9]")
                .doesNotContain(host)
                .doesNotContain("customer.example")
                .doesNotContain("192.0.2.1");
    }
}
