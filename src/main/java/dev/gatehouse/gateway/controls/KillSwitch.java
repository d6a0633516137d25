package dev.gatehouse.gateway.controls;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * The tenant's kill switch (check 1). While engaged every relay is refused with 503 {@code
 * kill_switch_engaged}; the portal and the admin API keep working.
 *
 * @param engaged true while relays are refused
 * @param reason why it was engaged, at most {@value #MAX_REASON} characters; null when released
 * @param engagedBy who engaged it (an actor id such as {@code key_…} or {@code usr_…}); null when
 *     released
 * @param engagedAt when it was engaged; null when released
 */
public record KillSwitch(
        boolean engaged,
        @Nullable String reason,
        @Nullable String engagedBy,
        @Nullable Instant engagedAt) {

    /** The longest reason kept. */
    public static final int MAX_REASON = 500;

    /** A tenant without a row: not engaged. */
    public static final KillSwitch RELEASED = new KillSwitch(false, null, null, null);
}
