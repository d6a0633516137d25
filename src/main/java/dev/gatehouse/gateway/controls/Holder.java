package dev.gatehouse.gateway.controls;

/** What a policy is attached to: exactly one account or one credential set. */
public sealed interface Holder {

    /** The internal key of the row. */
    long id();

    /** The public id: {@code acct_…} or {@code cred_…}. */
    String publicId();

    /** A gateway account. */
    record Account(long id, String publicId) implements Holder {}

    /** A credential set. */
    record Credential(long id, String publicId) implements Holder {}
}
