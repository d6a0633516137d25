package dev.gatehouse.licensing;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * The license as this node knows it: immutable; {@link #after} gives the next one.
 *
 * <p>The original SageConnect blocked the sync on the first network error, although its design
 * promised otherwise. Here an {@code ERROR} keeps the last {@code VALID} answer for {@link #GRACE}
 * (a network blip never stops a paying customer), then the license is {@code INVALID}. A grace
 * counts only from a {@code VALID} answer: after an {@code INVALID} one, an error leaves it
 * invalid. An expiry the server gave is honoured in grace too.
 *
 * @param state where it stands
 * @param expiresAt the expiry of the last valid answer, if the server gave one
 * @param lastCheckedAt when the server was last asked
 * @param lastSuccessAt when the server last answered usably (VALID or INVALID)
 * @param lastValidAt when it last answered VALID, since the last INVALID; the start of a grace
 * @param reason why it is not VALID, in a sentence; null when VALID
 */
public record LicenseStatus(
        LicenseState state,
        @Nullable Instant expiresAt,
        @Nullable Instant lastCheckedAt,
        @Nullable Instant lastSuccessAt,
        @Nullable Instant lastValidAt,
        @Nullable String reason) {

    /** How long an {@code ERROR} keeps the last {@code VALID} answer. */
    public static final Duration GRACE = Duration.ofHours(24);

    static LicenseStatus unknown() {
        return new LicenseStatus(LicenseState.UNKNOWN, null, null, null, null, "not checked yet");
    }

    /** Whether the sync may run at {@code now}. */
    public boolean syncAllowed(Instant now) {
        boolean notExpired = expiresAt == null || now.isBefore(expiresAt);
        return switch (state) {
            case VALID -> notExpired;
            case ERROR -> notExpired && inGrace(now);
            case UNKNOWN, INVALID -> false;
        };
    }

    /** True while an ERROR still rides on the last VALID answer. */
    public boolean inGrace(Instant now) {
        return state == LicenseState.ERROR
                && lastValidAt != null
                && now.isBefore(lastValidAt.plus(GRACE));
    }

    /** What one check's outcome, at {@code now}, makes of this status. */
    LicenseStatus after(LicenseCheck outcome, Instant now) {
        return switch (outcome) {
            case LicenseCheck.Active a -> {
                if (a.expiresAt() != null && !now.isBefore(a.expiresAt())) {
                    yield new LicenseStatus(
                            LicenseState.INVALID,
                            a.expiresAt(),
                            now,
                            now,
                            null,
                            "the license expired at " + a.expiresAt());
                }
                yield new LicenseStatus(LicenseState.VALID, a.expiresAt(), now, now, now, null);
            }
            case LicenseCheck.Inactive i ->
                    new LicenseStatus(LicenseState.INVALID, null, now, now, null, i.reason());
            case LicenseCheck.Failed f -> failed(f.reason(), now);
        };
    }

    private LicenseStatus failed(String why, Instant now) {
        if (state == LicenseState.INVALID && lastValidAt == null) {
            // The server said no (or nothing is configured): an error does not change that.
            return new LicenseStatus(
                    LicenseState.INVALID, expiresAt, now, lastSuccessAt, null, reason);
        }
        if (lastValidAt != null && !now.isBefore(lastValidAt.plus(GRACE))) {
            return new LicenseStatus(
                    LicenseState.INVALID,
                    expiresAt,
                    now,
                    lastSuccessAt,
                    lastValidAt,
                    "no valid answer from the license server for 24 hours (last error: "
                            + why
                            + ")");
        }
        return new LicenseStatus(
                LicenseState.ERROR, expiresAt, now, lastSuccessAt, lastValidAt, why);
    }
}
