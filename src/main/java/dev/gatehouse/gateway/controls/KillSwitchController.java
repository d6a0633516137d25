package dev.gatehouse.gateway.controls;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.gatehouse.gateway.GatewayScopes;
import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.kernel.keys.KeyIssuer;
import dev.gatehouse.kernel.tenancy.TenantId;
import dev.gatehouse.kernel.web.ApiProblem;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;

/**
 * {@code /v1/gateway/kill-switch}: refuses every relay of the tenant (503 {@code
 * kill_switch_engaged}) while engaged, from the next request on, on every node; the portal and this
 * API keep working.
 */
@RestController
class KillSwitchController {

    private final KillSwitches killSwitches;
    private final ControlsAdministration administration;

    KillSwitchController(KillSwitches killSwitches, ControlsAdministration administration) {
        this.killSwitches = killSwitches;
        this.administration = administration;
    }

    @Schema(name = "GatewayKillSwitchRequest")
    record KillSwitchRequest(
            @Schema(requiredMode = REQUIRED, description = "true refuses every relay.")
                    @Nullable Boolean engaged,
            @Schema(
                            description = "Why (kept while engaged, and in the audit).",
                            maxLength = KillSwitch.MAX_REASON)
                    @Nullable String reason) {}

    @Schema(name = "GatewayKillSwitch")
    record KillSwitchView(
            boolean engaged,
            @Nullable String reason,
            @Schema(description = "The key (key_…) or user (usr_…) that engaged it.")
                    @Nullable String engagedBy,
            @Nullable Instant engagedAt) {

        static KillSwitchView of(KillSwitch k) {
            return new KillSwitchView(k.engaged(), k.reason(), k.engagedBy(), k.engagedAt());
        }
    }

    @GetMapping("/v1/gateway/kill-switch")
    KillSwitchView get(Caller caller) {
        return KillSwitchView.of(killSwitches.find(caller.tenantWith(GatewayScopes.READ)));
    }

    @PutMapping("/v1/gateway/kill-switch")
    KillSwitchView put(Caller caller, @RequestBody KillSwitchRequest body) {
        TenantId tenant = caller.tenantWith(GatewayScopes.ADMIN);
        if (body.engaged() == null) {
            throw ApiProblem.badRequest("engaged", "is required");
        }
        String reason = body.reason() == null ? null : body.reason().strip();
        if (reason != null && reason.length() > KillSwitch.MAX_REASON) {
            throw ApiProblem.badRequest(
                    "reason", "must be at most " + KillSwitch.MAX_REASON + " characters");
        }
        return KillSwitchView.of(
                administration.putKillSwitch(
                        tenant,
                        body.engaged(),
                        reason == null || reason.isEmpty() ? null : reason,
                        KeyIssuer.actorOf(caller)));
    }
}
