package dev.gatehouse.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.licensing.LicenseState;
import dev.gatehouse.licensing.LicenseStatus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** The license banner and expiry badge of every SageConnect page, as SageConnect showed them. */
class SyncBannerTest {

    static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static LicenseStatus valid(Duration left) {
        return new LicenseStatus(LicenseState.VALID, NOW.plus(left), NOW, NOW, NOW, null);
    }

    @Test
    void theBadgeTurnsAmberAt30DaysAndRedAt7() {
        assertThat(SyncBanner.of(valid(Duration.ofDays(31)), NOW, false).expiryLevel()).isNull();
        SyncBanner amber = SyncBanner.of(valid(Duration.ofDays(30)), NOW, false);
        assertThat(amber.expiryLevel()).isEqualTo("wait");
        assertThat(amber.daysLeft()).isEqualTo(30);
        assertThat(SyncBanner.of(valid(Duration.ofDays(8)), NOW, false).expiryLevel())
                .isEqualTo("wait");
        SyncBanner red = SyncBanner.of(valid(Duration.ofDays(7)), NOW, false);
        assertThat(red.expiryLevel()).isEqualTo("deny");
        SyncBanner lastHours = SyncBanner.of(valid(Duration.ofHours(5)), NOW, false);
        assertThat(lastHours.expiryLevel()).isEqualTo("deny");
        assertThat(lastHours.daysLeft()).isZero();
    }

    @Test
    void noExpiryNoBadge() {
        LicenseStatus forever = new LicenseStatus(LicenseState.VALID, null, NOW, NOW, NOW, null);
        SyncBanner banner = SyncBanner.of(forever, NOW, true);
        assertThat(banner.expiryLevel()).isNull();
        assertThat(banner.daysLeft()).isNull();
        assertThat(banner.invalid()).isFalse();
        assertThat(banner.syncAllowed()).isTrue();
        assertThat(banner.demo()).isTrue();
    }

    @Test
    void theRedBannerShowsOnlyWhenInvalidNotOnAPassingError() {
        LicenseStatus error =
                new LicenseStatus(
                        LicenseState.ERROR,
                        NOW.plus(Duration.ofDays(100)),
                        NOW,
                        NOW.minusSeconds(3600),
                        NOW.minusSeconds(3600),
                        "timeout");
        SyncBanner grace = SyncBanner.of(error, NOW, false);
        assertThat(grace.invalid()).isFalse();
        assertThat(grace.inGrace()).isTrue();
        assertThat(grace.syncAllowed()).isTrue();

        LicenseStatus revoked =
                new LicenseStatus(LicenseState.INVALID, null, NOW, NOW, null, "revoked");
        SyncBanner invalid = SyncBanner.of(revoked, NOW, false);
        assertThat(invalid.invalid()).isTrue();
        assertThat(invalid.syncAllowed()).isFalse();
        assertThat(invalid.expiryLevel()).isNull();
    }
}
