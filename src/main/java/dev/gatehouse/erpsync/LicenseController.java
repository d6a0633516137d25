package dev.gatehouse.erpsync;

import dev.gatehouse.kernel.keys.Caller;
import dev.gatehouse.licensing.License;
import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.licensing.LicenseStatus;

import io.swagger.v3.oas.annotations.media.Schema;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/**
 * {@code GET /v1/sync/license}: this installation's SageConnect license as this node last checked
 * it. It belongs to the installation, not to a tenant: any caller holding {@code sync:read} sees
 * the same. It never shows the key or the secret.
 */
@RestController
@ConditionalOnBooleanProperty(name = "gatehouse.products.sync")
class LicenseController {

    private final License license;
    private final Clock clock;

    LicenseController(License license, Clock clock) {
        this.license = license;
        this.clock = clock;
    }

    @Schema(name = "SyncLicense")
    record LicenseView(
            @Schema(description = "Where the license stands.") LicenseState state,
            @Schema(
                            description =
                                    "Whether the sync may run now: VALID, or ERROR within 24 h of"
                                            + " the last VALID answer, and not past the expiry.")
                    boolean syncAllowed,
            @Schema(description = "True while an ERROR rides on the last VALID answer.")
                    boolean inGrace,
            @Schema(description = "The expiry the license server gave, if any.")
                    @Nullable Instant expiresAt,
            @Schema(description = "When this node last asked the license server.")
                    @Nullable Instant lastCheckedAt,
            @Schema(description = "When the server last answered usably (VALID or INVALID).")
                    @Nullable Instant lastSuccessAt,
            @Schema(description = "Why the license is not VALID, in a sentence.")
                    @Nullable String reason) {}

    @GetMapping("/v1/sync/license")
    LicenseView license(Caller caller) {
        caller.require(SyncScopes.READ);
        LicenseStatus s = license.status();
        Instant now = clock.instant();
        return new LicenseView(
                s.state(),
                s.syncAllowed(now),
                s.inGrace(now),
                s.expiresAt(),
                s.lastCheckedAt(),
                s.lastSuccessAt(),
                s.reason());
    }
}
