package dev.gatehouse.gateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

import java.time.Duration;

class GatewayMetricsTest {

    @Test
    void countsRelaysDenialsAndLatencyWithClosedLabelSets() {
        var registry = new SimpleMeterRegistry();
        var metrics = new GatewayMetrics(registry);

        metrics.relayAllowed();
        metrics.relayAllowed();
        metrics.relayDenied("policy_denied");
        metrics.relayDenied("cred_7f3a9 was revoked"); // not a known reason: counted as other
        metrics.upstream(204, false, Duration.ofMillis(12));
        metrics.upstream(null, true, Duration.ofSeconds(30));
        metrics.tokenExchange(true);
        metrics.tokenExchange(false);

        assertThat(
                        registry.get("gatehouse.gateway.relays")
                                .tags("outcome", "allowed", "reason", "none")
                                .counter()
                                .count())
                .isEqualTo(2);
        assertThat(
                        registry.get("gatehouse.gateway.denials")
                                .tag("reason", "policy_denied")
                                .counter()
                                .count())
                .isEqualTo(1);
        assertThat(
                        registry.get("gatehouse.gateway.denials")
                                .tag("reason", "other")
                                .counter()
                                .count())
                .isEqualTo(1);
        assertThat(
                        registry.get("gatehouse.gateway.upstream.latency")
                                .tag("status_class", "2xx")
                                .timer()
                                .count())
                .isEqualTo(1);
        assertThat(
                        registry.get("gatehouse.gateway.upstream.latency")
                                .tag("status_class", "timeout")
                                .timer()
                                .count())
                .isEqualTo(1);
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTags())
                    .allSatisfy(
                            t -> {
                                assertThat(t.getKey())
                                        .isIn("outcome", "reason", "status_class", "le");
                                assertThat(t.getValue()).doesNotContain("cred_");
                            });
        }
    }
}
