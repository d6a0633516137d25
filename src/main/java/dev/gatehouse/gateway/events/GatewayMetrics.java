package dev.gatehouse.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Set;

/**
 * The gateway's aggregate metrics; the relay pipeline and the token endpoint call it once per
 * request. No tenant, account, actor, credential, token, endpoint or path is ever a label: labels
 * are closed sets, and a reason outside {@link #REASONS} is counted as {@code other}. Thread-safe.
 *
 * <ul>
 *   <li>{@code gatehouse_gateway_relays_total{outcome, reason}}: relays by outcome ({@code allowed}
 *       with reason {@code none}, or {@code denied} with its reason).
 *   <li>{@code gatehouse_gateway_denials_total{reason}}: denied relays by reason.
 *   <li>{@code gatehouse_gateway_upstream_latency_seconds{status_class}}: a histogram of upstream
 *       latency (percentile buckets from 1 ms to 60 s, plus SLO buckets at 5, 10, 25, 50, 100, 250,
 *       500 ms, 1, 2.5, 5, 10 s), by {@code 1xx}…{@code 5xx}, {@code timeout} or {@code error}.
 *   <li>{@code gatehouse_gateway_token_exchanges_total{outcome}}: {@code issued} or {@code
 *       refused}.
 * </ul>
 */
@Component
public class GatewayMetrics {

    /** The reasons a relay may be denied with, as audited; anything else is {@code other}. */
    public static final Set<String> REASONS =
            Set.of(
                    "kill_switch_engaged",
                    "unauthorized",
                    "token_unknown",
                    "token_expired",
                    "token_revoked",
                    "api_key_mismatch",
                    "ip_not_allowed",
                    "credential_revoked",
                    "credential_expired",
                    "actor_disabled",
                    "account_suspended",
                    "tenant_suspended",
                    "invalid_path",
                    "unknown_endpoint",
                    "policy_denied",
                    "outside_schedule",
                    "rate_limited",
                    "payload_too_large",
                    "response_too_large",
                    "upstream_timeout",
                    "upstream_unavailable");

    private static final Duration[] SLOS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry meters;
    private final Counter allowed;
    private final Counter issued;
    private final Counter refused;

    GatewayMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.allowed = relays("allowed", "none");
        this.issued = exchanges("issued");
        this.refused = exchanges("refused");
    }

    /** A relay that was allowed and passed on to the upstream. */
    public void relayAllowed() {
        allowed.increment();
    }

    /** A relay denied with {@code reason} (the audited reason). */
    public void relayDenied(String reason) {
        String r = REASONS.contains(reason) ? reason : "other";
        relays("denied", r).increment();
        Counter.builder("gatehouse.gateway.denials")
                .description("Relays denied, by reason")
                .tag("reason", r)
                .register(meters)
                .increment();
    }

    /**
     * How long the upstream took to answer (to its response headers).
     *
     * @param status its status, or null when it gave none
     * @param timedOut whether the wait ended by the upstream timeout
     */
    public void upstream(@Nullable Integer status, boolean timedOut, Duration latency) {
        String statusClass =
                timedOut
                        ? "timeout"
                        : status == null || status < 100 || status > 599
                                ? "error"
                                : (status / 100) + "xx";
        Timer.builder("gatehouse.gateway.upstream.latency")
                .description("Time until the upstream's response headers, by status class")
                .tag("status_class", statusClass)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .serviceLevelObjectives(SLOS)
                .register(meters)
                .record(latency);
    }

    /** A token exchange: issued or refused. */
    public void tokenExchange(boolean wasIssued) {
        (wasIssued ? issued : refused).increment();
    }

    private Counter relays(String outcome, String reason) {
        return Counter.builder("gatehouse.gateway.relays")
                .description("Relay requests by outcome and reason")
                .tag("outcome", outcome)
                .tag("reason", reason)
                .register(meters);
    }

    private Counter exchanges(String outcome) {
        return Counter.builder("gatehouse.gateway.token.exchanges")
                .description("Token exchanges by outcome")
                .tag("outcome", outcome)
                .register(meters);
    }
}
