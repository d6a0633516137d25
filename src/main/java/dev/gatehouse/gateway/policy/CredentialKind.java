package dev.gatehouse.gateway.policy;

/** The kind of a credential set. */
public enum CredentialKind {
    /** Needs a policy that grants each request. */
    STANDARD,
    /** Needs no policy (check 6 passes); still subject to every other check. */
    ADMIN_UNRESTRICTED;

    /** The stored and serialized name: {@code standard}, {@code admin_unrestricted}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
