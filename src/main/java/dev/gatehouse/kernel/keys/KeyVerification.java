package dev.gatehouse.kernel.keys;

/**
 * The outcome of checking a presented key. Only the HTTP edge turns the failures into one
 * indistinguishable 401; logs and audit may keep the precise reason.
 */
public sealed interface KeyVerification {

    record Valid(Caller caller) implements KeyVerification { }

    /** Malformed, or no key with that hash. */
    enum NotFound implements KeyVerification { INSTANCE }

    enum Revoked implements KeyVerification { INSTANCE }

    enum Expired implements KeyVerification { INSTANCE }

    enum TenantSuspended implements KeyVerification { INSTANCE }

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
