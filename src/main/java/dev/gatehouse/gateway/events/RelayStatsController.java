package dev.gatehouse.gateway.events;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/gateway/relay-stats?window=24h|7d}: the tenant's relays per hour, allowed and
 * denied by reason, what the portal's charts draw. Counts reach it within a flush interval (10 s by
 * default) of the relay; the audit log has every single relay.
 */
@RestController
class RelayStatsController {

    private final RelayHours hours;

    RelayStatsController(RelayHours hours) {
        this.hours = hours;
    }

    @Schema(name = "GatewayRelayHour")
    record HourView(
            @Schema(description = "The hour's start, UTC.") Instant hour,
            long allowed,
            long denied,
            @Schema(description = "The hour's denials by reason code.")
                    Map<String, Long> deniedByReason) {}

    @Schema(name = "GatewayRelayStats")
    record StatsView(
            @Schema(allowableValues = {"24h", "7d"}) String window,
            long allowed,
            long denied,
            @Schema(description = "The window's denials by reason code.")
                    Map<String, Long> deniedByReason,
            @Schema(
                            description =
                                    "Every hour of the window, oldest first; the last is the"
                                            + " current.")
                    List<HourView> hours) {}

    @GetMapping("/v1/gateway/relay-stats")
    StatsView stats(
            Caller caller,
            @Parameter(
                            schema =
                                    @Schema(
                                            allowableValues = {"24h", "7d"},
                                            defaultValue = "24h"))
                    @RequestParam(name = "window", required = false)
                    @Nullable String window) {
        TenantId tenant = caller.tenantWith(GatewayScopes.READ);
        String w = window == null ? "24h" : window;
        int count =
                switch (w) {
                    case "24h" -> 24;
                    case "7d" -> 168;
                    default -> throw ApiProblem.badRequest("window", "must be 24h or 7d");
                };
        long allowed = 0;
        long denied = 0;
        Map<String, Long> reasons = new TreeMap<>();
        List<RelayHours.Hour> list = hours.lastHours(tenant, count);
        for (RelayHours.Hour h : list) {
            allowed += h.allowed();
            denied += h.denied();
            h.deniedByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum));
        }
        return new StatsView(
                w,
                allowed,
                denied,
                reasons,
                list.stream()
                        .map(
                                h ->
                                        new HourView(
                                                h.hour(),
                                                h.allowed(),
                                                h.denied(),
                                                h.deniedByReason()))
                        .toList());
    }
}
