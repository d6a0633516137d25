package dev.gatehouse.portal;

import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.licensing.LicenseStatus;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * What the top of every SageConnect page says: the license, as SageConnect's dashboard showed it (a
 * red banner only while INVALID, not on a passing ERROR; an expiry badge amber from 30 days before
 * the expiry and red from 7), and whether the company shown is the demo.
 *
 * @param license the license as this node knows it
 * @param syncAllowed whether the sync may run now
 * @param inGrace whether an ERROR rides on the last VALID answer
 * @param daysLeft whole days to the expiry (0 on its last day), or null without an expiry
 * @param expiryLevel {@code wait} (amber) within 30 days, {@code deny} (red) within 7, else null
 * @param demo whether the tenant's SageConnect is the demo
 */
public record SyncBanner(
        LicenseStatus license,
        boolean syncAllowed,
        boolean inGrace,
        @Nullable Long daysLeft,
        @Nullable String expiryLevel,
        boolean demo) {

    static final Duration AMBER = Duration.ofDays(30);
    static final Duration RED = Duration.ofDays(7);

    static SyncBanner of(LicenseStatus license, Instant now, boolean demo) {
        Long days = null;
        String level = null;
        Instant expires = license.expiresAt();
        if (expires != null && license.state() != LicenseState.INVALID) {
            Duration left = Duration.between(now, expires);
            days = Math.max(0, left.toDays());
            if (left.compareTo(RED) <= 0) {
                level = "deny";
            } else if (left.compareTo(AMBER) <= 0) {
                level = "wait";
            }
        }
        return new SyncBanner(
                license, license.syncAllowed(now), license.inGrace(now), days, level, demo);
    }

    /** True when the red banner shows. */
    public boolean invalid() {
        return license.state() == LicenseState.INVALID;
    }
}
