package dev.gatehouse.gateway.access;

import org.jspecify.annotations.Nullable;

/**
 * What a credential set may reach: {@code standard} needs a policy for every call; {@code
 * admin_unrestricted} needs none (it still passes the kill switch, the credential checks, the
 * catalog, the schedule and the rate limit). Flagged wherever a credential set is shown.
 */
public enum CredentialKind {
    STANDARD("standard"),
    ADMIN_UNRESTRICTED("admin_unrestricted");

    private final String wire;

    CredentialKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The kind named {@code wire}, or null. */
    public static @Nullable CredentialKind fromWire(String wire) {
        for (CredentialKind k : values()) {
            if (k.wire.equals(wire)) {
                return k;
            }
        }
        return null;
    }
}
