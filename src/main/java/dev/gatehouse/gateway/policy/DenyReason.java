package dev.gatehouse.gateway.policy;

/**
 * Why a relay is refused, in the order the checks run; each with the HTTP status and the stable
 * {@code code} of its problem answer. Mapped to HTTP once, by the relay.
 */
public enum DenyReason {
    /** Check 1: the tenant's kill switch is engaged (even for exempt and unrestricted sets). */
    KILL_SWITCH_ENGAGED(503, "kill_switch_engaged"),
    /** Checks 2–3: token, key, address or credential state; the answer never says which. */
    UNAUTHORIZED(401, "unauthorized"),
    /** Check 4: the path is not canonical. */
    INVALID_PATH(400, "invalid_path"),
    /** Check 5: no catalog endpoint has this method and path. */
    UNKNOWN_ENDPOINT(404, "unknown_endpoint"),
    /** Check 6: no policy grants it and the set is not {@code admin_unrestricted}. */
    POLICY_DENIED(403, "policy_denied"),
    /** Check 7: outside the schedule and no granting policy is schedule-exempt. */
    OUTSIDE_SCHEDULE(403, "outside_schedule"),
    /** Check 8: over the credential set's rate limit. */
    RATE_LIMITED(429, "rate_limited");

    private final int status;
    private final String code;

    DenyReason(int status, String code) {
        this.status = status;
        this.code = code;
    }

    /** The HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** The problem's {@code code}, also the audit reason. */
    public String code() {
        return code;
    }
}
