package dev.gatehouse.licensing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

/** Every transition of the license state, on explicit instants. */
class LicenseStatusTest {

    static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    static final Instant EXPIRY = Instant.parse("2027-01-31T00:00:00Z");

    static final LicenseCheck ACTIVE = new LicenseCheck.Active(EXPIRY);
    static final LicenseCheck INACTIVE = new LicenseCheck.Inactive("not active");
    static final LicenseCheck FAILED = new LicenseCheck.Failed("unreachable");

    @Test
    void unknownBlocksTheSyncUntilAValidAnswer() {
        LicenseStatus unknown = LicenseStatus.unknown();
        assertThat(unknown.state()).isEqualTo(LicenseState.UNKNOWN);
        assertThat(unknown.syncAllowed(T0)).isFalse();

        LicenseStatus valid = unknown.after(ACTIVE, T0);
        assertThat(valid.state()).isEqualTo(LicenseState.VALID);
        assertThat(valid.syncAllowed(T0)).isTrue();
        assertThat(valid.expiresAt()).isEqualTo(EXPIRY);
        assertThat(valid.lastValidAt()).isEqualTo(T0);
        assertThat(valid.reason()).isNull();
    }

    @Test
    void anErrorAfterAValidAnswerKeepsTheSyncForTwentyFourHoursThenTheLicenseIsInvalid() {
        LicenseStatus valid = LicenseStatus.unknown().after(ACTIVE, T0);

        LicenseStatus blip = valid.after(FAILED, T0.plus(Duration.ofHours(1)));
        assertThat(blip.state()).isEqualTo(LicenseState.ERROR);
        assertThat(blip.inGrace(T0.plus(Duration.ofHours(1)))).isTrue();
        assertThat(blip.syncAllowed(T0.plus(Duration.ofHours(23)))).isTrue();
        assertThat(blip.syncAllowed(T0.plus(Duration.ofHours(24))))
                .as("grace counts from the last valid answer")
                .isFalse();
        assertThat(blip.lastSuccessAt()).isEqualTo(T0);

        LicenseStatus stillFailing = blip.after(FAILED, T0.plus(Duration.ofHours(24)));
        assertThat(stillFailing.state()).isEqualTo(LicenseState.INVALID);
        assertThat(stillFailing.reason()).contains("24 hours", "unreachable");
        assertThat(stillFailing.syncAllowed(T0.plus(Duration.ofHours(24)))).isFalse();

        LicenseStatus back = stillFailing.after(ACTIVE, T0.plus(Duration.ofHours(25)));
        assertThat(back.state()).isEqualTo(LicenseState.VALID);
        assertThat(back.syncAllowed(T0.plus(Duration.ofHours(25)))).isTrue();
    }

    @Test
    void anErrorWithoutAnEarlierValidAnswerHasNoGrace() {
        LicenseStatus error = LicenseStatus.unknown().after(FAILED, T0);
        assertThat(error.state()).isEqualTo(LicenseState.ERROR);
        assertThat(error.inGrace(T0)).isFalse();
        assertThat(error.syncAllowed(T0)).isFalse();
    }

    @Test
    void anInvalidAnswerIsNotUndoneByALaterError() {
        LicenseStatus revoked =
                LicenseStatus.unknown().after(ACTIVE, T0).after(INACTIVE, T0.plusSeconds(60));
        assertThat(revoked.state()).isEqualTo(LicenseState.INVALID);
        assertThat(revoked.syncAllowed(T0.plusSeconds(60))).isFalse();

        LicenseStatus thenError = revoked.after(FAILED, T0.plusSeconds(120));
        assertThat(thenError.state()).isEqualTo(LicenseState.INVALID);
        assertThat(thenError.reason()).isEqualTo("not active");
        assertThat(thenError.syncAllowed(T0.plusSeconds(120))).isFalse();
        assertThat(thenError.lastCheckedAt()).isEqualTo(T0.plusSeconds(120));
    }

    @Test
    void anExpiryIsHonouredWhenAnsweredAndInGrace() {
        LicenseStatus expired =
                LicenseStatus.unknown().after(new LicenseCheck.Active(T0.minusSeconds(1)), T0);
        assertThat(expired.state()).isEqualTo(LicenseState.INVALID);
        assertThat(expired.reason()).contains("expired");

        Instant soon = T0.plus(Duration.ofHours(2));
        LicenseStatus blip =
                LicenseStatus.unknown()
                        .after(new LicenseCheck.Active(soon), T0)
                        .after(FAILED, T0.plusSeconds(60));
        assertThat(blip.syncAllowed(T0.plus(Duration.ofHours(1)))).isTrue();
        assertThat(blip.syncAllowed(soon)).as("in grace, past the expiry").isFalse();
    }
}
