package dev.gatehouse.gateway.access;

/**
 * Why a gateway credential or token was refused: the true reason, for the audit trail and logs
 * only. Every one of them answers the client the same 401 {@code unauthorized}.
 */
public enum Refusal {
    /** The token endpoint's {@code Authorization} header was missing or not Basic. */
    MALFORMED_CREDENTIALS("malformed_credentials"),
    UNKNOWN_CLIENT("unknown_client"),
    WRONG_PASSWORD("wrong_password"),
    UNKNOWN_TOKEN("unknown_token"),
    EXPIRED_TOKEN("expired_token"),
    REVOKED_TOKEN("revoked_token"),
    WRONG_API_KEY("wrong_api_key"),
    IP_NOT_ALLOWED("ip_not_allowed"),
    CREDENTIAL_REVOKED("credential_revoked"),
    CREDENTIAL_EXPIRED("credential_expired"),
    ACTOR_DISABLED("actor_disabled"),
    ACCOUNT_SUSPENDED("account_suspended"),
    TENANT_SUSPENDED("tenant_suspended");

    private final String wire;

    Refusal(String wire) {
        this.wire = wire;
    }

    /** The reason code as audited, e.g. {@code wrong_api_key}. */
    public String wire() {
        return wire;
    }
}
