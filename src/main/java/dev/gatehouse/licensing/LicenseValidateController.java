package dev.gatehouse.licensing;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.kernel.web.ApiProblem;
import dev.gatehouse.kernel.web.RateLimits;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/validate?key=…}: the license server's one route, unauthenticated like the
 * original's (the answer is signed; the key is the secret), under the kernel's per-IP rate limit
 * ({@code RATE_LIMIT_IP_PER_MINUTE}) since each request looks a key up. Answers 404 unless this
 * installation is a license server.
 */
@RestController
class LicenseValidateController {

    private final LicenseServer server;
    private final RateLimits limits;

    LicenseValidateController(LicenseServer server, RateLimits limits) {
        this.server = server;
        this.limits = limits;
    }

    @Schema(name = "LicenseValidation")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ValidationView(
            @JsonProperty("active") @Schema(description = "Whether the key is active now.")
                    boolean active,
            @JsonProperty("expiresAt")
                    @Schema(
                            description =
                                    "The expiry, as JavaScript's toISOString writes it; only when"
                                            + " active and the license has one.")
                    @Nullable String expiresAt,
            @JsonProperty("ts") @Schema(description = "The server's clock, epoch milliseconds.")
                    long ts,
            @JsonProperty("sig")
                    @Schema(
                            description =
                                    "Hex HMAC-SHA256 under the shared secret of"
                                            + " {\"active\":…,\"expiresAt\":\"…\",\"ts\":…} in"
                                            + " exactly that key order (expiresAt only when"
                                            + " present).")
                    String sig) {}

    @Operation(summary = "Validate a SageConnect license key (license server role)")
    @GetMapping("/api/validate")
    @Nullable ValidationView validate(
            @RequestParam(name = "key", required = false) @Nullable String key,
            HttpServletRequest request,
            HttpServletResponse response) {
        if (!server.enabled()) {
            throw ApiProblem.notFound("This installation is not a license server.");
        }
        if (!limits.checkIp(request, response)) {
            return null; // 429 written
        }
        if (key == null || key.isBlank()) {
            throw ApiProblem.badRequest("key", "is required");
        }
        LicenseServer.Answer a = server.answer(key);
        return new ValidationView(a.active(), a.expiresAt(), a.ts(), a.sig());
    }
}
