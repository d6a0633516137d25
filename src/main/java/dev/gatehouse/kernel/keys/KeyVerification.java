package dev.gatehouse.kernel.keys;

import dev.gatehouse.kernel.tenancy.TenantId;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a presented key. Only the HTTP edge turns the failures into one
 * indistinguishable 401; logs and audit may keep the precise reason.
 */
public sealed interface KeyVerification {

    record Valid(Caller caller) implements KeyVerification {}

    /** Malformed, or no key with that hash. */
    enum NotFound implements KeyVerification {
        INSTANCE
    }

    /** A known key that was revoked; who it was is for the audit trail only. */
    record Revoked(String keyId, @Nullable TenantId tenant) implements KeyVerification {}

    record Expired(String keyId, @Nullable TenantId tenant) implements KeyVerification {}

    record TenantSuspended(String keyId, TenantId tenant) implements KeyVerification {}

    /** A short, stable reason code for audit and logs. */
    default String reason() {
        return switch (this) {
            case Valid v -> "valid";
            case NotFound n -> "key_not_found";
            case Revoked r -> "key_revoked";
            case Expired e -> "key_expired";
            case TenantSuspended t -> "tenant_suspended";
        };
    }
}
